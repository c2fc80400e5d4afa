/** GitHub Copilot: the coding agent (copilot-setup-steps) and the `copilot` CLI. */
import { flagSet, hasFlag } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition } from './types.js';
import type { FlagReader } from './flags.js';
import { COPILOT_MCP_FILES } from './copilot-mcp.js';
import { COPILOT_SETTINGS_FILES } from './copilot-settings.js';

/** Copilot CLI's approval-bypass flags as written in an argument list (gh-aw's `engine.args`). */
export const COPILOT_BYPASS_ARGS = /--allow-all-tools\b|--allow-all\b/;

/** `--allow-all-tools` and its aliases, and `--allow-tool` allowlists. */
const readFlags: FlagReader = (r) => {
  for (const f of r.flags('--allow-all-tools', '--allow-all', '--yolo'))
    r.bypass(f.word, `\`${f.name}\` lets Copilot CLI run every tool without asking`);
  r.allowlist(['--allow-tool'], 'copilot', 'the command');
};

export default {
  id: 'copilot',
  title: 'GitHub Copilot',
  settingsFiles: COPILOT_SETTINGS_FILES,
  flagReader: readFlags,
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
