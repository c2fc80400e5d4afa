/**
 * Amp (Sourcegraph): the `amp` CLI (npm `@sourcegraph/amp`), its devcontainer feature and VS Code
 * extension. `amp -x` runs one task and exits; `--dangerously-allow-all` runs every tool without
 * asking. Amp has no sandbox of its own, so the generic defaults (nothing sandboxes it) apply.
 */
import { flagSet, hasFlag } from './args.js';
import type { AgentDefinition } from './types.js';

const ALLOW_ALL = '--dangerously-allow-all';

export default {
  id: 'amp',
  title: 'Amp',
  programs: [
    {
      name: 'amp',
      args: { valued: flagSet('-x', '--execute', '-m', '--mode', '--settings-file', '--log-level', '--log-file') },
      runsTask: (a) => hasFlag(a, '-x', '--execute', ALLOW_ALL),
    },
  ],
  packages: { '@sourcegraph/amp': 'amp' },
  flagFacts: [
    {
      flags: [ALLOW_ALL],
      fact: 'approval',
      value: 'bypassed',
      reason: '`{flag}` lets Amp run every tool without asking',
    },
  ],
  bypassSwitches: [ALLOW_ALL],
  features: ['amp'],
  extensions: ['sourcegraph.amp'],
  installs: /@sourcegraph\/amp\b/,
  invocations: /\bamp\s+(?:-x\b|--execute\b|--dangerously-allow-all\b)/,
  env: ['AMP_API_KEY'],
  configDir: /(^|\/)\.config\/amp(\/|$)/,
} satisfies AgentDefinition;
