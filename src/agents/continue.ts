/** Continue: the `cn` CLI and the VS Code extension. */
import { flagSet, hasFlag } from './args.js';
import { headlessDefaults } from './defaults.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'continue',
  title: 'Continue',
  programs: [
    {
      name: 'cn',
      args: { valued: flagSet('-p', '--allow', '--ask', '--exclude', '--config', '--model', '--rule') },
      runsTask: (a) => hasFlag(a, '-p'),
    },
  ],
  packages: { '@continuedev/cli': 'cn' },
  workflowDefaults: headlessDefaults('the Continue CLI'),
  extensions: ['continue.continue'],
} satisfies AgentDefinition;
