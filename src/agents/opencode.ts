/** opencode (sst): the `opencode` CLI; `opencode run --auto` approves everything not denied. */
import { subcommandIs, flagSet } from './args.js';
import type { AgentDefinition } from './types.js';
import { OPENCODE_SETTINGS_FILES } from './opencode-settings.js';

export default {
  id: 'opencode',
  title: 'opencode',
  settingsFiles: OPENCODE_SETTINGS_FILES,
  mcpPaths: ['opencode.json', 'opencode.jsonc'],
  mcpFiles: [{ test: (_, b) => /^opencode\.jsonc?$/.test(b), keys: [['mcp']], secretReference: '`{env:NAME}`' }],
  programs: [
    {
      name: 'opencode',
      args: {
        valued: flagSet('-m', '--model', '--agent', '-s', '--session', '-f', '--file', '--format', '--port', '--title'),
      },
      runsTask: (a) => subcommandIs(a, 'run'),
    },
  ],
  packages: { 'opencode-ai': 'opencode' },
  // `--auto` approves every permission request that is not explicitly denied.
  flagFacts: [
    {
      flags: ['--auto'],
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` lets OpenCode approve every request that is not explicitly denied',
    },
  ],
  wrapperName: /opencode/,
  imageName: { token: /(^|[-_.])opencode($|[-_.])/, what: 'a coding agent' },
  features: ['opencode'],
  installs: /\bopencode-ai\b|opencode\.ai\/install/,
  envPrefixes: ['OPENCODE_'],
} satisfies AgentDefinition;
