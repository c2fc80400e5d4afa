/** opencode (sst): the `opencode` CLI. */
import { firstPositional, flagSet } from './args.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'opencode',
  title: 'opencode',
  programs: [
    {
      name: 'opencode',
      args: { valued: flagSet('-m', '--model', '--agent', '-s', '--session', '-f', '--file', '--format') },
      runsTask: (a) => firstPositional(a) === 'run',
    },
  ],
  packages: { 'opencode-ai': 'opencode' },
  wrapperName: /opencode/,
  imageName: { token: /(^|[-_.])opencode($|[-_.])/, what: 'a coding agent' },
  features: ['opencode'],
  installs: /\bopencode-ai\b|opencode\.ai\/install/,
  envPrefixes: ['OPENCODE_'],
} satisfies AgentDefinition;
