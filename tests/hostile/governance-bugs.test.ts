/**
 * Regressions for four hostile inputs (issue 14): a regular expression built from scanned text,
 * custom-rule globs that backtracked, 22,000 deployments that overflowed the stack, and SARIF
 * messages whose `[text](url)` became links. Wall-clock guards are generous: they catch a hang,
 * not a slow machine (speed targets live in `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/model/report.js';
import { globMatches, MAX_GLOB_LENGTH } from '../../src/policy/glob.js';
import { loadPolicy, loadPreset } from '../../src/policy/load.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import { renderSarif } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { elapsed } from './helpers.js';

const GUARD_MS = 20_000;

function run(files: Record<string, string>, policy: ResolvedPolicy = loadPreset('recommended')): ScanReport {
  return scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) => ({ ok: true, text: files[file]! }),
    policy,
    adapters: ADAPTERS,
    rules: RULES,
    today: '2026-01-01',
  }).report;
}

const policyText = (text: string): ResolvedPolicy =>
  loadPolicy({ root: '/x', policyPath: '.github/agent-sandbox.yml', text, readFile: () => null });

describe('an env key is matched literally, never compiled', () => {
  const workflow = (key: string, value: string) =>
    [
      'on: pull_request',
      'jobs:',
      '  fix:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        env:',
      `          ${JSON.stringify(key)}: x`,
      '        with:',
      `          prompt: ${JSON.stringify(value)}`,
      '',
    ].join('\n');

  it('a key of `(` does not throw', () => {
    const r = run({ '.github/workflows/a.yml': workflow('(', 'use ( here') });
    expect(r.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    expect(r.deployments).toHaveLength(1);
  });

  it('a catastrophic key does not hang the scan', () => {
    const key = '(a+)+$';
    const ms = elapsed(() => run({ '.github/workflows/a.yml': workflow(key, `${'a'.repeat(40_000)}!`) }));
    expect(ms).toBeLessThan(GUARD_MS);
  });

  it('a key with regex syntax is still found as written, and only as a word', () => {
    const r = run({ '.github/workflows/a.yml': workflow('A.B', 'read $A.B and AxB') });
    expect(r.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
  });
});

describe('custom-rule value globs', () => {
  it('match in linear time however many stars', () => {
    const glob = `${'*a'.repeat(60)}*b`;
    const value = 'a'.repeat(200_000);
    const ms = elapsed(() => expect(globMatches(glob, value)).toBe(false));
    expect(ms).toBeLessThan(GUARD_MS);
    expect(globMatches(glob, `${value}b`)).toBe(true);
  });

  it('keep their meaning: `*`, `?`, classes, negated classes, literal regex characters', () => {
    expect(globMatches('claude-*', 'claude-code')).toBe(true);
    expect(globMatches('ghcr.io/*/agent:?', 'ghcr.io/acme/agent:1')).toBe(true);
    expect(globMatches('ghcr.io/*/agent:?', 'ghcrXio/acme/agent:1')).toBe(false);
    expect(globMatches('v[0-9]', 'v7')).toBe(true);
    expect(globMatches('v[!0-9]', 'v7')).toBe(false);
    expect(globMatches('(a+)+$', '(a+)+$')).toBe(true);
    expect(globMatches('[z-a]', '[z-a]')).toBe(true);
    expect(globMatches('A*', 'abc', { caseless: true })).toBe(true);
  });

  it('a proposed policy cannot hang the scan through `matches:`', () => {
    const policy = policyText(
      [
        'custom-rules:',
        '  - id: no-evil',
        '    message: evil',
        '    severity: error',
        '    require:',
        '      field: runs-on',
        `      not-matches: "${'*a'.repeat(100)}*b"`,
        '',
      ].join('\n'),
    );
    const workflow = `on: push\njobs:\n  fix:\n    runs-on: ${'a'.repeat(50_000)}\n    steps:\n      - run: claude -p "fix"\n`;
    const ms = elapsed(() => run({ '.github/workflows/a.yml': workflow }, policy));
    expect(ms).toBeLessThan(GUARD_MS);
  });

  it(`are bounded to ${MAX_GLOB_LENGTH} characters by the schema`, () => {
    const long = '*'.repeat(MAX_GLOB_LENGTH + 1);
    expect(() =>
      policyText(
        `custom-rules:\n  - id: x\n    message: x\n    severity: error\n    require:\n      field: a\n      matches: "${long}"\n`,
      ),
    ).toThrow(/at most 256 characters/);
  });
});

describe('22,000 deployments', () => {
  const file = (n: number, prefix: string): string =>
    `on: pull_request\njobs:\n${Array.from({ length: n }, (_, i) => `  ${prefix}${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "fix"\n`).join('')}`;

  it('in four files of 5,500 one-step agent jobs are all judged, with no stack overflow', () => {
    const files: Record<string, string> = {};
    for (let f = 0; f < 4; f++) files[`.github/workflows/w${f}.yml`] = file(5500, `j${f}_`);
    const r = run(files);
    expect(r.deployments).toHaveLength(22_000);
    expect(r.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === 'sandbox-required')).toHaveLength(22_000);
    const sarif = JSON.parse(renderSarif(r));
    expect(sarif.runs[0].results.length).toBe(r.findings.length);
  }, 600_000);
});

describe('SARIF message.text', () => {
  it('escapes [ and ] so scanned text cannot become an embedded link (SARIF §3.11.6)', () => {
    const file = '.github/workflows/[click](https://evil.example).yml';
    const sarif = JSON.parse(renderSarif(run({ [file]: 'on: push\njobs: [\n' })));
    const texts: string[] = sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    const named = texts.filter((t) => t.includes('click'));
    expect(named.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    for (const text of named) expect(text).toContain('\\[click\\](https://evil.example)');
    // The location keeps the real path: only message text is escaped.
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toContain('%5Bclick%5D');
  });
});
