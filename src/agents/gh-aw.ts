/** GitHub Agentic Workflows (gh-aw): compiled workflows and their `awf` firewall, read by the workflows adapter. */
import type { AgentDefinition } from './types.js';

export default { id: 'gh-aw', title: 'GitHub Agentic Workflows' } satisfies AgentDefinition;

/**
 * `gh aw compile` turns `.github/workflows/<name>.md` into `<name>.lock.yml` beside it: the source
 * a compiled workflow file came from, or null for a file that is not a compiled lock file.
 */
export const compiledSourceOf = (file: string): string | null =>
  /\.lock\.ya?ml$/i.test(file) ? file.replace(/\.lock\.ya?ml$/i, '.md') : null;

/**
 * gh-aw's Copilot engine in SDK driver mode: the harness is handed a driver and the `copilot` binary,
 * and starts the binary as a headless server with the JSON array in this variable as its arguments
 * (`--allow-tool`, `--add-dir`, …), the agent's real command line (pkg/constants `CopilotSDKServerArgsEnvVar`).
 */
export const GH_AW_COPILOT_SDK_ARGS = 'GH_AW_COPILOT_SDK_SERVER_ARGS';
