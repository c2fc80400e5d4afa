/**
 * Arbitraries for the property tests: seeds from the repository's own fixtures (real shapes that reach
 * deep into each adapter), structure-aware mutations that put the wrong type or a hostile value at any
 * key path, text mutations, and serialisers back to YAML, JSON and TOML.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { formatOf, parseDocument } from '../../src/documents/index.js';
import type { ScanReport } from '../../src/model/report.js';
import {
  APPROVAL_LEVELS,
  CREDENTIAL_LEVELS,
  FILESYSTEM_LEVELS,
  ISOLATION_LEVELS,
  LIMIT_LEVELS,
  NETWORK_LEVELS,
} from '../../src/model.js';
import { FORMATS, render, renderComment, renderSummary } from '../../src/report/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');

export interface Seed {
  /** Repo-relative path inside its fixture repository (what adapters match on). */
  file: string;
  text: string;
}

/** Every YAML/JSON/TOML/Markdown file of the golden fixtures and the demo repository, by its path in its own tree. */
export function fixtureSeeds(): Seed[] {
  return fixtureTrees().flat();
}

/** The same files grouped by fixture repository (for cross-file linking). */
export function fixtureTrees(): Seed[][] {
  const trees: Seed[][] = [];
  const addTree = (root: string): void => {
    const seeds: Seed[] = [];
    trees.push(seeds);
    const walk = (dir: string): void => {
      for (const name of readdirSync(path.join(root, dir))) {
        const rel = dir ? `${dir}/${name}` : name;
        if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
        else if (formatOf(rel) && statSync(path.join(root, rel)).size < 200_000)
          seeds.push({ file: rel, text: readFileSync(path.join(root, rel), 'utf8') });
      }
    };
    walk('');
  };
  const rules = path.join(REPO, 'tests/fixtures/rules');
  for (const rule of safeList(rules))
    for (const kind of ['pass', 'fail'])
      for (const c of safeList(path.join(rules, rule, kind))) {
        if (statSync(path.join(rules, rule, kind, c)).isDirectory()) addTree(path.join(rules, rule, kind, c));
      }
  addTree(path.join(REPO, 'examples/repo'));
  return trees.filter((t) => t.length > 0);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Strings that try to break things downstream: commands, markup, mentions, control characters, secrets. */
export const HOSTILE_STRINGS = [
  '',
  '::stop-commands::x',
  '::set-env name=X::y',
  '::error file=a,line=1::boom',
  'a%0Ab%0D%25',
  '<img src=x onerror=alert(1)>',
  '| a | b |\n|---|---|',
  '@octocat @github/security',
  '`` ` ``',
  '[x](javascript:alert(1))',
  '\u202egnp.exe',
  '\u0000\u0007\u001b[31m',
  '${{ github.event.issue.title }}',
  '$(rm -rf /)',
  'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  'sk-ant-api03-' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp',
  '__proto__',
  'constructor',
  'toString',
  '-'.repeat(3),
  '*',
  'x'.repeat(5000),
  '1e400',
  'NaN',
];

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom(...HOSTILE_STRINGS),
);

/** A small value of any shape, keys drawn from the seeds' own vocabulary (so adapters look at them). */
export function valueArb(keys: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    fc.constantFrom(...HOSTILE_STRINGS.slice(0, 20)),
    fc.string({ maxLength: 8 }),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  }));
  return value;
}

/** Every key path of a plain value (containers and leaves), root first. */
export function keyPaths(value: unknown, limit = 2000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0 && out.length < limit) {
    const [node, at] = stack.pop()!;
    out.push(at);
    if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, [...at, i]]));
    else if (node && typeof node === 'object' && !(node instanceof Date))
      for (const [k, child] of Object.entries(node)) stack.push([child, [...at, k]]);
  }
  return out;
}

/** Every mapping key that occurs in a value. */
export function keysOf(value: unknown, into: Set<string>): void {
  for (const at of keyPaths(value)) {
    const last = at[at.length - 1];
    if (typeof last === 'string') into.add(last);
  }
}

export type Mutation =
  { kind: 'set'; pick: number; value: unknown } | { kind: 'delete'; pick: number } | { kind: 'wrap'; pick: number };

export const mutationArb = (keys: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: valueArb(keys) }) },
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('wrap' as const), pick: fc.nat() }),
  );

/** Applies mutations to a deep copy: replace, delete or wrap (in a list) the node at a chosen key path. */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(value);
  for (const m of mutations) {
    const paths = keyPaths(root);
    const at = paths[m.pick % paths.length]!;
    if (at.length === 0) {
      root = m.kind === 'set' ? m.value : m.kind === 'wrap' ? [root] : {};
      continue;
    }
    let parent: unknown = root;
    for (const k of at.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
    const last = at[at.length - 1]!;
    const holder = parent as Record<string | number, unknown>;
    if (m.kind === 'set') define(holder, last, structuredClone(m.value));
    else if (m.kind === 'wrap') define(holder, last, [holder[last]]);
    else if (Array.isArray(holder)) holder.splice(Number(last), 1);
    else delete holder[last];
  }
  return root;
}

// `__proto__` is a legitimate key in scanned data: define it, never assign it.
const define = (holder: object, key: string | number, value: unknown): void =>
  void Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });

/** Serialises a value back to the format of `file` (TOML wraps a non-table root in a key). */
export function serialise(file: string, values: unknown[]): string {
  const format = formatOf(file);
  if (format === 'json') return JSON.stringify(values[0] ?? null, null, 2);
  if (format === 'toml') return tomlDocument(values[0]);
  const yaml = values.map((v) => yamlStringify(v, { aliasDuplicateObjects: false, lineWidth: 0 })).join('---\n');
  return file.toLowerCase().endsWith('.md') ? `---\n${yaml}---\n\nBody text.\n` : yaml;
}

function tomlDocument(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `value = ${tomlInline(value)}\n`;
  return Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)} = ${tomlInline(v)}\n`)
    .join('');
}

function tomlInline(value: unknown): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'string') return JSON.stringify(value).replace(/\\u007f/gi, '\\u007F');
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? String(value)
      : Number.isFinite(value)
        ? String(value).includes('.') || String(value).includes('e')
          ? String(value).replace(/^(-?\d+)e/, '$1.0e')
          : `${value}.0`
        : 'nan';
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(tomlInline).join(', ')}]`;
  return `{ ${Object.entries(value as object)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)} = ${tomlInline(v)}`)
    .join(', ')} }`;
}

/** Values of a seed's documents (empty when it does not parse). */
export function seedValues(seed: Seed): unknown[] {
  const text = seed.file.toLowerCase().endsWith('.md') ? seed.text : seed.text;
  return parseDocument(seed.file, text).documents.map((d) => d.value);
}

/** Text mutations: insert junk tokens at positions, or cut ranges. */
export const TOKENS = [
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '\t',
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '<<: ',
  '? ',
  '|',
  '>',
  '---\n',
  '...',
  '!!set ',
  '!!binary ',
  '=',
  '.',
  '[[t]]\n',
  '\uFEFF',
  '\u0000',
  '\\',
  '${{ x }}',
  '::',
  '%0A',
  '`',
  '@a',
  'on:',
  'jobs:',
  'steps:',
  'uses: ',
  'run: ',
  'with:',
];

export const textEditArb = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
    }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  ),
  { minLength: 1, maxLength: 6 },
);

export function applyTextEdits(
  text: string,
  edits: readonly ({ kind: 'insert'; at: number; text: string } | { kind: 'cut'; at: number; length: number })[],
): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    out = e.kind === 'insert' ? out.slice(0, at) + e.text + out.slice(at) : out.slice(0, at) + out.slice(at + e.length);
  }
  return out;
}

/**
 * What a report must look like whatever the input: string names, agents, files and reasons (a lookup
 * table keyed by scanned text once returned `Object` as an agent), fact values from the model's levels,
 * and every renderer (text, json, sarif, github, job summary, PR comment) rendering it.
 */
export function wellFormedProblems(report: ScanReport): string[] {
  const problems: string[] = [];
  const levels: Record<string, readonly string[]> = {
    isolation: ISOLATION_LEVELS,
    network: NETWORK_LEVELS,
    filesystem: FILESYSTEM_LEVELS,
    approval: APPROVAL_LEVELS,
    credentials: CREDENTIAL_LEVELS,
    limits: LIMIT_LEVELS,
  };
  for (const d of report.deployments) {
    for (const key of ['id', 'name', 'agent', 'file'] as const)
      if (typeof d[key] !== 'string') problems.push(`deployment ${d.id}: ${key} is a ${typeof d[key]}`);
    if (!d.signals.every((s) => typeof s === 'string')) problems.push(`deployment ${d.id}: a signal is not a string`);
    for (const [name, allowed] of Object.entries(levels)) {
      const fact = d.sandbox[name as keyof typeof d.sandbox];
      if (!allowed.includes(fact.value))
        problems.push(
          `deployment ${d.id}: ${name} is ${typeof (fact.value as unknown) === 'string' ? fact.value : typeof (fact.value as unknown)}`,
        );
      if (typeof fact.reason !== 'string')
        problems.push(`deployment ${d.id}: ${name} reason is a ${typeof fact.reason}`);
    }
  }
  for (const f of report.findings)
    if (typeof f.message !== 'string' || typeof f.file !== 'string')
      problems.push(`finding ${f.ruleId}: message or file is not a string`);
  const renderers: [string, () => string][] = [
    ...FORMATS.map((format): [string, () => string] => [format, () => render(format, report)]),
    ['summary', () => renderSummary(report)],
    ['comment', () => renderComment(report)],
  ];
  for (const [name, run] of renderers) {
    try {
      if (typeof run() !== 'string') problems.push(`${name} did not render a string`);
    } catch (error) {
      problems.push(`${name} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
