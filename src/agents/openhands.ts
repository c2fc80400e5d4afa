/** OpenHands (All Hands AI): the `openhands` CLI, its images and its Docker runtime default. */
import { flagSet, hasFlag } from './args.js';
import { OPEN_NETWORK, boundary, fact } from './defaults.js';
import type { AgentDefinition } from './types.js';
import type { FlagReader } from './flags.js';
import { OPENHANDS_SETTINGS_FILES } from './openhands-settings.js';

/** A local runtime (`RUNTIME=local`) runs OpenHands' actions on the runner itself. */
const readFlags: FlagReader = (r) => {
  const runtime = r.env('RUNTIME') ?? r.env('SANDBOX_RUNTIME');
  if (runtime && /^(local|process|cli)$/i.test(runtime.value))
    r.add('isolation', {
      value: 'none',
      reason: `RUNTIME=${runtime.value} runs OpenHands' actions directly on the runner`,
      source: runtime.source,
    });
};

export default {
  id: 'openhands',
  title: 'OpenHands',
  settingsFiles: OPENHANDS_SETTINGS_FILES,
  flagReader: readFlags,
  programs: [
    {
      name: 'openhands',
      args: {
        valued: flagSet(
          '-t',
          '--task',
          '-f',
          '--file',
          '-c',
          '--config-file',
          '-d',
          '--directory',
          '--agent-cls',
          '--max-iterations',
          '-i',
          '-l',
          '--llm-config',
        ),
      },
      runsTask: (a) => hasFlag(a, '-t', '--task', '-f', '--file', '--headless'),
    },
  ],
  packages: { 'openhands-ai': 'openhands' },
  wrapperName: /openhands|all-hands/,
  workflowDefaults: (run) =>
    run.action !== null
      ? null
      : {
          isolation: fact('container', "OpenHands runs the agent's actions in its Docker runtime by default"),
          network: OPEN_NETWORK,
          filesystem: boundary('workspace', "OpenHands' runtime container mounts only the workspace"),
          approval: fact('unrestricted', 'OpenHands acts without confirmation in headless runs'),
        },
  images: [
    { glob: '*openhands/openhands', what: 'OpenHands' },
    { glob: '*openhands/runtime', what: 'the OpenHands runtime' },
    { glob: 'openhands', what: 'OpenHands' },
    { glob: '*all-hands-ai/*', what: 'OpenHands' },
  ],
  imageName: { token: /(^|[-_.])openhands($|[-_.])/, what: 'a coding agent' },
  env: ['SANDBOX_RUNTIME_CONTAINER_IMAGE'],
  configDir: /(^|\/)\.openhands(\/|$)/,
} satisfies AgentDefinition;
