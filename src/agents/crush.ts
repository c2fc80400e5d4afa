/**
 * Crush (Charm): the `crush` CLI (npm `@charmland/crush`, github.com/charmbracelet/crush) and its
 * devcontainer feature. `crush run PROMPT` runs one prompt and exits; `-y`/`--yolo` accepts every
 * permission request ("dangerous mode"). Crush has no sandbox of its own, so the generic defaults
 * (nothing sandboxes it) apply.
 */
import { flagSet, subcommandIs } from './args.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'crush',
  title: 'Crush (Charm)',
  programs: [
    {
      name: 'crush',
      // Global `-c/--cwd DIR`, `-D/--data-dir DIR`; `run` takes `-q/--quiet` and `-m/--model`.
      args: { valued: flagSet('-c', '--cwd', '-D', '--data-dir', '-m', '--model') },
      runsTask: (a) => subcommandIs(a, 'run'),
    },
  ],
  packages: { '@charmland/crush': 'crush' },
  flagFacts: [
    {
      flags: ['-y', '--yolo'],
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` makes Crush accept every permission request without asking',
    },
  ],
  bypassSwitches: ['--yolo'],
  features: ['crush'],
  installs: /@charmland\/crush\b|charmbracelet\/tap\/crush\b/,
  invocations: /\bcrush\s+(?:-\S+\s+)*run\b/,
} satisfies AgentDefinition;
