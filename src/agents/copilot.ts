/** GitHub Copilot: the coding agent (copilot-setup-steps) and the `copilot` CLI. */
import { flagSet, hasFlag } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition } from './types.js';
import type { FlagReader, ToolDialect } from './flags.js';
import { COPILOT_MCP_FILES } from './copilot-mcp.js';
import { COPILOT_SETTINGS_FILES } from './copilot-settings.js';

/**
 * gh-aw's Copilot engine in SDK driver mode: the harness is handed a driver and the `copilot` binary,
 * and starts the binary as a headless server with the JSON array in this variable as its arguments
 * (`--allow-tool`, `--add-dir`, …), the agent's real command line (pkg/constants `CopilotSDKServerArgsEnvVar`).
 */
const GH_AW_COPILOT_SDK_ARGS = 'GH_AW_COPILOT_SDK_SERVER_ARGS';

/** Copilot CLI's approval-bypass flags as written in an argument list (gh-aw's `engine.args`). */
export const COPILOT_BYPASS_ARGS = /--allow-all-tools\b|--allow-all\b/;

/** Copilot CLI's tool names, for judging `--allow-tool`. */
const COPILOT_TOOLS: ToolDialect = { shell: /^shell$/, web: /^url$/, edit: /^write$/, execAndWeb: ['shell', 'url'] };

/** `--allow-all-tools` and its aliases, and `--allow-tool` allowlists. */
const readFlags: FlagReader = (r) => {
  for (const f of r.flags('--allow-all-tools', '--allow-all', '--yolo'))
    r.bypass(f.word, `\`${f.name}\` lets Copilot CLI run every tool without asking`);
  r.allowlist(['--allow-tool'], COPILOT_TOOLS, r.label(r.flags('--allow-tool')[0]?.word));
};

export default {
  id: 'copilot',
  title: 'GitHub Copilot',
  settingsFiles: COPILOT_SETTINGS_FILES,
  flagReader: readFlags,
  setupJob: {
    job: 'copilot-setup-steps',
    file: /(?:^|\/)copilot-setup-steps\.ya?ml$/, // the one file name GitHub reads (not `_copilot-setup-steps.yml`)
    stepName: 'Copilot coding agent',
    signal: 'job copilot-setup-steps prepares the Copilot coding agent',
  },
  mcpFiles: COPILOT_MCP_FILES,
  programs: [
    {
      name: 'copilot',
      args: {
        valued: flagSet(
          '-p',
          '--prompt',
          '--model',
          '--allow-tool',
          '--deny-tool',
          '--add-dir',
          '--log-level',
          '--agent',
          '--resume',
          '--log-dir',
          '--available-tools',
          '--excluded-tools',
        ),
      },
      runsTask: (a) => hasFlag(a, '-p', '--prompt', '--allow-all-tools', '--allow-all'),
      argvEnv: [GH_AW_COPILOT_SDK_ARGS],
    },
  ],
  packages: { '@github/copilot': 'copilot' },
  bypassSwitches: ['--allow-all-tools'],
  workflowDefaults(run, runner) {
    if (run.action !== null) return null;
    if (run.via === 'action' || run.signal.startsWith('job copilot-setup-steps'))
      return {
        isolation: unsandboxed('the Copilot coding agent has no sandbox of its own', runner),
        // The firewall can be switched off or opened in settings no file shows: unknown is not an allowlist.
        network: {
          ...fact(
            'open',
            "the Copilot coding agent's firewall and its allowlist are set in repository settings, which no file shows, so egress counts as open until the policy attests the firewall",
          ),
          outside: 'the Copilot coding agent firewall (repository settings → Copilot → Coding agent)',
        },
        filesystem: fact('full', 'the Copilot coding agent runs shell commands on the runner'),
        approval: fact('unrestricted', 'the Copilot coding agent runs its tools without asking'),
      };
    return {
      isolation: unsandboxed('Copilot CLI has no sandbox', runner),
      network: OPEN_NETWORK,
      filesystem: fact('read-only', 'in prompt mode Copilot CLI denies tools that are not allowed, edits included'),
      approval: fact('restricted', 'in prompt mode Copilot CLI denies tools that are not allowed'),
    };
  },
  features: ['copilot-cli'],
  installs: /@github\/copilot\b/,
} satisfies AgentDefinition;
