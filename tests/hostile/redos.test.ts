/**
 * Regular expressions and loops on hostile text, for every adapter in the registry with every rule:
 * a pathological filler (blank lines, unclosed brackets, `$(` runs, repeated contexts) in the raw text
 * (what sniffs read) and in every string value (what extraction and rules read). Each case runs at
 * 25 KB and at 100 KB: linear work grows about 4 times, quadratic work about 16 times. Comparing the
 * two keeps the test independent of the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import type { Adapter } from '../../src/adapters/types.js';
import { scan } from '../../src/engine/scan.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { RULES } from '../../src/rules/index.js';
import { fixtureSeeds, seedValues, serialise, type Seed } from './fuzz.js';
import { elapsed, growth as growthBetween } from './helpers.js';

const FILLERS = [
  '\n',
  ' \n',
  '\t',
  '[',
  '[llm.a\n',
  '(',
  '$(',
  '{',
  '${{ ',
  'github.event.commits[',
  '"',
  '\\',
  'a-',
  '--x ',
  '# ',
  '- ',
  'x=',
  'token ',
  '`',
  '<',
  'http://a',
  '*',
];
/** Config locations seen in real repositories (the shared corpus), so every reader's sniff is reached. */
const CANDIDATE_PATHS = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.codex/config.toml',
  '.codex/agents/scout.toml',
  'config/codex/config.toml',
  '.cursor/mcp.json',
  '.vscode/mcp.json',
  '.vscode/settings.json',
  '.mcp.json',
  '.kiro/settings/mcp.json',
  '.gemini/settings.json',
  'claude_desktop_config.json',
  '.devcontainer/devcontainer.json',
  '.devcontainer/compose.yml',
  '.github/workflows/claude.yml',
  '.github/workflows/triage.md',
  'compose.yaml',
  'docker-compose.yml',
  'k8s/deployment.yaml',
  'helm/chart/templates/agent.yaml',
  'config.toml',
  'config.template.toml',
  '.goose/config.yaml',
  '.aider.conf.yml',
  '.continue/config.yaml',
  '.continue/config.json',
  '.continue/permissions.yaml',
  'goose/config.yaml',
  'goose/permission.yaml',
  '.cursor/sandbox.json',
  '.cursor/environment.json',
  '.claude-plugin/plugin.json',
  '.windsurf/mcp.json',
  '.qwen/settings.json',
  '.zed/settings.json',
  '.roo/mcp.json',
  '.amazonq/mcp.json',
  'kustomization.yaml',
  'openhands/config.toml',
];
/** Fillers that reach value parsers (shell words, tool lists, expressions, URLs). */
const VALUE_FILLERS = ['$(', '(', '[', '${{ ', 'github.event.commits[', '"', '\\', '--x ', '`', '\n', 'token ', 'a-'];
const SMALL = 25_000;
const LARGE = 100_000;
/** Growth from 25 KB to 100 KB: linear about 4 times, quadratic about 16 (more than 10 fails). */
const growth = (time: (size: number) => number) => growthBetween(time, SMALL, LARGE);

const mapStrings = (value: unknown, f: (s: string) => string): unknown =>
  typeof value === 'string'
    ? f(value)
    : Array.isArray(value)
      ? value.map((v) => mapStrings(v, f))
      : value && typeof value === 'object' && !(value instanceof Date)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]))
        : value;

function countStrings(value: unknown): number {
  let n = 0;
  mapStrings(value, (s) => (n++, s));
  return n;
}

function scanTime(adapter: Adapter, file: string, text: string): number {
  return elapsed(() =>
    scan({
      files: [file],
      skipped: [],
      read: (f) => (f === file ? { ok: true, text } : { ok: false, status: 'unreadable', reason: 'absent' }),
      policy: defaultPolicy(),
      adapters: [adapter],
      rules: RULES,
    }),
  );
}

/** Up to `limit` seeds that together hold the most distinct keys: the most places for a filler to reach. */
function diverseSeeds(adapter: Adapter, limit: number): Seed[] {
  const candidates = fixtureSeeds()
    .filter((s) => adapter.claims(s.file))
    .map((seed) => ({ seed, keys: new Set(seedValues(seed).flatMap((v) => keysIn(v))) }));
  const chosen: Seed[] = [];
  const covered = new Set<string>();
  while (chosen.length < limit && candidates.length > 0) {
    candidates.sort(
      (a, b) => [...b.keys].filter((k) => !covered.has(k)).length - [...a.keys].filter((k) => !covered.has(k)).length,
    );
    const next = candidates.shift()!;
    if (chosen.length > 0 && [...next.keys].every((k) => covered.has(k))) break;
    chosen.push(next.seed);
    for (const k of next.keys) covered.add(k);
  }
  return chosen;
}

function keysIn(value: unknown): string[] {
  const out: string[] = [];
  mapStrings(value, (s) => s);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && !(v instanceof Date))
      for (const [k, child] of Object.entries(v)) {
        out.push(k);
        walk(child);
      }
  };
  walk(value);
  return out;
}

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('adapter %s on pathological text', (_id, adapter) => {
  it('stays linear on a filler alone, at every kind of path it claims (each reader sniffs)', () => {
    // One path per shape (folder and kind of file): forty workflow files all reach the same sniff.
    const shape = (f: string): string => {
      const parts = f.split('/');
      const base = parts.pop()!;
      return `${parts.pop() ?? ''}|${/config|settings|mcp|compose|devcontainer|permissions|agents/i.test(base) ? base : base.replace(/^.*\./, '.')}`;
    };
    const byShape = new Map<string, string>();
    for (const f of [...CANDIDATE_PATHS, ...fixtureSeeds().map((s) => s.file)])
      if (adapter.claims(f) && !byShape.has(shape(f))) byShape.set(shape(f), f);
    const paths = [...byShape.values()];
    expect(paths.length).toBeGreaterThan(0);
    const slow: string[] = [];
    for (const file of paths) {
      for (const filler of FILLERS) {
        const text = (size: number): string => filler.repeat(Math.ceil(size / filler.length));
        const { small, large, superlinear } = growth((size) => scanTime(adapter, file, text(size)));
        if (superlinear)
          slow.push(
            `${file} with ${JSON.stringify(filler)}: ${Math.round(small)} ms at 25 KB, ${Math.round(large)} ms at 100 KB`,
          );
      }
    }
    expect(slow).toEqual([]);
  });

  it('stays linear with fillers in every string value of its most varied fixtures', () => {
    const seeds = diverseSeeds(adapter, 5);
    expect(seeds.length).toBeGreaterThan(0);
    const slow: string[] = [];
    for (const seed of seeds) {
      const values = seedValues(seed);
      const strings = Math.max(
        1,
        values.reduce((sum: number, v) => sum + countStrings(v), 0),
      );
      for (const filler of VALUE_FILLERS) {
        const text = (size: number): string => {
          const run = filler.repeat(Math.ceil(size / strings / filler.length));
          return serialise(
            seed.file,
            values.map((v) => mapStrings(v, (s) => `${s} ${run}`)),
          );
        };
        const { small, large, superlinear } = growth((size) => scanTime(adapter, seed.file, text(size)));
        if (superlinear)
          slow.push(
            `${seed.file}, ${JSON.stringify(filler)} in every string: ${Math.round(small)} ms at 25 KB, ${Math.round(large)} ms at 100 KB`,
          );
      }
    }
    expect(slow).toEqual([]);
  });
});

/** Inputs that were quadratic once (found by hunting with the fillers above), each at two sizes. */
const REGRESSIONS: { name: string; file: string; text: (n: number) => string }[] = [
  {
    name: 'claude_args: many `$(` after a variadic --allowedTools (a paren-stripping regex)',
    file: '.github/workflows/review.yml',
    text: (n) =>
      `on: pull_request\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: ${JSON.stringify(`--allowedTools "Read,Bash(git diff:*)" ${'$('.repeat(n / 2)}`)}\n`,
  },
  {
    name: 'prompt: `github.event.commits[` repeated without `]` (an unbounded index class)',
    file: '.github/workflows/review.yml',
    text: (n) =>
      `on: push\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: ${JSON.stringify(`\${{ ${'github.event.commits['.repeat(n / 21)} }}`)}\n`,
  },
  {
    name: 'run: blank lines and no `echo … >> $GITHUB_ENV` (a `^\\s*` crossing lines)',
    file: '.github/workflows/review.yml',
    // Only a step that reads untrusted text before the agent's is searched for GITHUB_ENV writes.
    text: (n) =>
      `on: issues\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${JSON.stringify(`echo "\${{ github.event.issue.title }}"${'\n'.repeat(n)}true`)}\n      - uses: anthropics/claude-code-action@v1\n`,
  },
  {
    name: 'OpenHands config: `[llm.` lines without `]`',
    file: 'config.toml',
    text: (n) => `[core]\n${'[llm.a\n'.repeat(n / 7)}`,
  },
  // Sniffs: the regex must fail everywhere to scan every line start.
  {
    name: 'Codex config outside .codex/: blank lines',
    file: 'config/codex/config.toml',
    text: (n) => `${'\n'.repeat(n)}x = 1\n`,
  },
  { name: 'goose config: blank lines', file: 'goose/config.yaml', text: (n) => `${'\n'.repeat(n)}x: 1\n` },
  {
    // The shell reader copied each prefix of a word's characters: a 100 KB word of `[` took 17 times a 25 KB one.
    name: 'run: one long word the shell reads as many parts (a prefix copied per part)',
    file: '.github/workflows/review.yml',
    text: (n) =>
      `on: push\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${JSON.stringify(`claude -p x ${'['.repeat(n)}`)}\n`,
  },
  {
    // `-{1,2}[\w-]+` read `--x` two ways: 28 options took 12 s, 35 over a minute (the CI run that never ended).
    name: 'a launcher followed by options and no package (an option regex that split `--x` two ways)',
    file: '.mcp.json',
    text: (n) => JSON.stringify({ mcpServers: { memory: { command: `npx ${'--x '.repeat(n / 4)}` } } }),
  },
];

describe('inputs that were quadratic once', () => {
  for (const { name, file, text } of REGRESSIONS) {
    it(name, () => {
      const adapters = ADAPTERS.filter((a) => a.claims(file));
      expect(adapters.length).toBeGreaterThan(0);
      const { small, large, superlinear } = growth((n) => Math.max(...adapters.map((a) => scanTime(a, file, text(n)))));
      expect(superlinear, `${Math.round(small)} ms at 25 KB, ${Math.round(large)} ms at 100 KB`).toBe(false);
    });
  }
});
