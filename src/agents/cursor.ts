/** Cursor: the Cursor CLI (`agent`, formerly `cursor-agent`). */
import { flagSet, hasFlag } from './args.js';
import { headlessDefaults } from './defaults.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'cursor',
  title: 'Cursor',
  programs: [
    {
      name: 'cursor-agent',
      args: { valued: flagSet('-m', '--model', '--output-format', '--api-key', '--resume') },
      runsTask: (a) => hasFlag(a, '-p', '--print', '--force', '-f'),
    },
    {
      // The CLI's current binary name; `cursor-agent` stays as an alias.
      name: 'agent',
      generic: true,
      args: { valued: flagSet('-m', '--model', '--output-format', '--api-key', '--resume') },
      runsTask: (a) => hasFlag(a, '-p', '--print', '--force', '-f'),
    },
  ],
  wrapperName: /cursor-agent|cursor-cli/,
  workflowDefaults: headlessDefaults('cursor-agent'),
  features: ['cursor-cli'],
} satisfies AgentDefinition;
