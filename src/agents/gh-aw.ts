/** GitHub Agentic Workflows (gh-aw): compiled workflows and their `awf` firewall, read by the workflows adapter. */
import type { AgentDefinition } from './types.js';
import { GH_AW_SETTINGS_FILES } from './gh-aw-settings.js';

export default {
  id: 'gh-aw',
  title: 'GitHub Agentic Workflows',
  settingsFiles: GH_AW_SETTINGS_FILES,
} satisfies AgentDefinition;

/**
 * `gh aw compile` turns `.github/workflows/<name>.md` into `<name>.lock.yml` beside it: the source
 * a compiled workflow file came from, or null for a file that is not a compiled lock file.
 */
export const compiledSourceOf = (file: string): string | null =>
  /\.lock\.ya?ml$/i.test(file) ? file.replace(/\.lock\.ya?ml$/i, '.md') : null;
