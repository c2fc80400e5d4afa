/**
 * Kilo Code: the VS Code extension and the Kilo CLI (npm `@kilocode/cli`; `kilo`, earlier
 * `kilocode`). `kilo run --auto "task"` "disables all permission prompts and allows the agent to
 * execute any action without confirmation" (the CLI's README, Autonomous Mode); the earlier CLI's
 * `--yolo` auto-approves every tool permission. No sandbox of its own: the generic defaults apply.
 */
import { flagSet, hasFlag, subcommandIs } from './args.js';
import type { AgentDefinition } from './types.js';

const VALUED = flagSet(
  '-m',
  '--model',
  '--agent',
  '-s',
  '--session',
  '-f',
  '--file',
  '--format',
  '--mode',
  '-w',
  '--workspace',
);

export default {
  id: 'kilo-code',
  title: 'Kilo Code',
  extensions: ['kilocode.kilo-code'],
  programs: [
    {
      // `kilo` is also a text editor's name: only `kilo run …` is this agent.
      name: 'kilo',
      args: { valued: VALUED },
      runsTask: (a) => subcommandIs(a, 'run'),
      ambiguous: true,
    },
    {
      name: 'kilocode',
      args: { valued: VALUED },
      runsTask: (a) => subcommandIs(a, 'run') || hasFlag(a, '--auto', '--yolo', '--ci'),
    },
  ],
  packages: { '@kilocode/cli': 'kilo' },
  flagFacts: [
    {
      flags: ['--auto'],
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` turns every Kilo permission prompt off',
    },
    {
      flags: ['--yolo'],
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` makes Kilo approve every tool permission',
    },
  ],
  bypassSwitches: ['--auto', '--yolo'],
  installs: /@kilocode\/cli\b/,
  invocations: /\bkilo(?:code)?\s+(?:-\S+\s+)*run\b|\bkilocode\s+(?:.*\s)?--(?:auto|yolo)\b/,
} satisfies AgentDefinition;
