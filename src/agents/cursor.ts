/**
 * Cursor: the CLI (`agent`, also installed as `cursor-agent`). In print mode (`-p`) it rejects
 * anything that needs approval unless `-f`/`--force` (alias `--yolo`) is given; `--sandbox disabled`
 * runs its terminal commands outside the sandbox; `--approve-mcps` starts every configured MCP
 * server without asking.
 */
import { flagSet, hasFlag } from './args.js';
import { headlessDefaults } from './defaults.js';
import type { AgentDefinition, ArgSpec, FlagFact } from './types.js';
import { CURSOR_MCP_FILES } from './cursor-mcp.js';
import { CURSOR_SETTINGS_FILES } from './cursor-settings.js';

const CURSOR_ARGS: ArgSpec = {
  valued: flagSet(
    '-m',
    '--model',
    '--output-format',
    '--api-key',
    '--resume',
    '--sandbox',
    '--mode',
    '-w',
    '--worktree',
    '--workspace',
  ),
};

const FORCE = ['-f', '--force', '--yolo'];

const FLAG_FACTS: readonly FlagFact[] = [
  {
    flags: FORCE,
    fact: 'approval',
    value: 'bypassed',
    reason: '`{flag}` lets the Cursor CLI run every command without asking',
  },
  {
    flags: FORCE,
    fact: 'filesystem',
    value: 'full',
    reason: 'with `{flag}` the Cursor CLI writes wherever the runner user can',
  },
  {
    flags: ['--sandbox'],
    values: /^disabled$/i,
    fact: 'isolation',
    value: 'none',
    reason: '`{flag}` runs the Cursor CLI’s terminal commands outside its sandbox',
  },
  {
    flags: ['--approve-mcps'],
    fact: 'approval',
    value: 'unrestricted',
    reason: '`{flag}` starts every configured MCP server and its tools without asking',
  },
];

export default {
  id: 'cursor',
  title: 'Cursor',
  settingsFiles: CURSOR_SETTINGS_FILES,
  mcpFiles: CURSOR_MCP_FILES,
  programs: [
    {
      name: 'cursor-agent',
      args: CURSOR_ARGS,
      runsTask: (a) => hasFlag(a, '-p', '--print', ...FORCE),
    },
    // `agent` is a common word: only its print mode or force switches say it is Cursor's CLI on a task.
    {
      name: 'agent',
      args: CURSOR_ARGS,
      runsTask: (a) => hasFlag(a, '-p', '--print', ...FORCE),
      ambiguous: true,
    },
  ],
  wrapperName: /cursor-agent|cursor-cli/,
  flagFacts: FLAG_FACTS,
  bypassSwitches: ['--yolo'],
  workflowDefaults: headlessDefaults('cursor-agent'),
  features: ['cursor-cli'],
  installs: /cursor\.com\/install\b/,
  invocations: /\bcursor-agent\s+(?:-p\b|--print\b|-f\b|--force\b|--yolo\b)/,
  env: ['CURSOR_API_KEY'],
} satisfies AgentDefinition;
