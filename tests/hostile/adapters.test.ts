/**
 * Deterministic hostile variants of every adapter's fixtures (the registry is iterated, so new adapters
 * are covered): names of Object.prototype members wherever a string or key can go (lookup tables keyed
 * by scanned text must not find inherited members), objects with their own `toString` wherever a
 * scalar can go (String() on them throws), and every string turned into a list.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import { scan } from '../../src/engine/scan.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { RULES } from '../../src/rules/index.js';
import { fixtureSeeds, seedValues, serialise, wellFormedProblems } from './fuzz.js';

const PROTOTYPE_WORDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

const mapLeaves = (value: unknown, f: (leaf: unknown) => unknown): unknown =>
  Array.isArray(value)
    ? value.map((v) => mapLeaves(v, f))
    : value && typeof value === 'object' && !(value instanceof Date)
      ? withEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, f)]))
      : f(value);

/** Adds `key: extra` to every mapping (defined, so `__proto__` stays a plain key). */
const addKey = (value: unknown, key: string, extra: unknown): unknown =>
  Array.isArray(value)
    ? value.map((v) => addKey(v, key, extra))
    : value && typeof value === 'object' && !(value instanceof Date)
      ? withEntries([
          ...Object.entries(value).map(([k, v]): [string, unknown] => [k, addKey(v, key, extra)]),
          [key, extra],
        ])
      : value;

function withEntries(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function variants(values: unknown[]): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const word of PROTOTYPE_WORDS) {
    out.push([`every string is "${word}"`, values.map((v) => mapLeaves(v, (s) => (typeof s === 'string' ? word : s)))]);
    out.push([
      `every string is "${word} --${word} x"`,
      values.map((v) => mapLeaves(v, (s) => (typeof s === 'string' ? `${word} --${word} x` : s))),
    ]);
    out.push([`every mapping has a "${word}" key`, values.map((v) => addKey(v, word, 'x'))]);
  }
  out.push([
    'every scalar is an object with its own toString',
    values.map((v) =>
      mapLeaves(v, () =>
        withEntries([
          ['toString', 'x'],
          ['valueOf', 'y'],
        ]),
      ),
    ),
  ]);
  out.push(['every string is a list', values.map((v) => mapLeaves(v, (s) => (typeof s === 'string' ? [s] : s)))]);
  return out;
}

const SEEDS = fixtureSeeds();

describe.each(ADAPTERS.map((a) => [a.id, a] as const))(
  'adapter %s with prototype names and hostile shapes',
  (_id, adapter) => {
    it('never throws on any variant of any of its fixtures', () => {
      const failures = new Map<string, string>();
      for (const seed of SEEDS.filter((s) => adapter.claims(s.file))) {
        const values = seedValues(seed);
        if (values.length === 0) continue;
        for (const [name, changed] of variants(values)) {
          const text = serialise(seed.file, changed);
          const report = scan({
            files: [seed.file],
            skipped: [],
            read: (f) => (f === seed.file ? { ok: true, text } : { ok: false, status: 'unreadable', reason: 'absent' }),
            policy: defaultPolicy(),
            adapters: [adapter],
            rules: RULES,
          }).report;
          const problems = [
            ...report.findings
              .filter((x) => x.ruleId === 'internal-error')
              .map((f) => f.message.replace(/ failed on [^:]*:/, ' failed:')),
            ...wellFormedProblems(report).map((p) => p.replace(/^deployment [^:]*:/, 'deployment:')),
          ];
          for (const message of problems)
            if (!failures.has(message)) failures.set(message, `${seed.file} with ${name}`);
        }
      }
      expect([...failures].map(([message, where]) => `${where}: ${message}`)).toEqual([]);
    });
  },
);

/** `value` with the key at `at` renamed (same place in its mapping); unchanged when there is none. */
function renameKey(value: unknown, at: readonly (string | number)[], to: string): unknown {
  if (at.length === 0 || !value || typeof value !== 'object') return value;
  const [head, ...rest] = at;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? renameKey(v, rest, to) : v));
  const entries = Object.entries(value);
  if (rest.length === 0) return withEntries(entries.map(([k, v]) => [k === head ? to : k, v]));
  return withEntries(entries.map(([k, v]) => [k, k === head ? renameKey(v, rest, to) : v]));
}

describe.each(ADAPTERS.map((a) => [a.id, a] as const))(
  'adapter %s with deployments named after Object.prototype members',
  (_id, adapter) => {
    it('finds a deployment named `__proto__` or `constructor` exactly as under any other name', () => {
      const missed: string[] = [];
      const scanText = (file: string, text: string) =>
        scan({
          files: [file],
          skipped: [],
          read: (f) => (f === file ? { ok: true, text } : { ok: false, status: 'unreadable', reason: 'absent' }),
          policy: defaultPolicy(),
          adapters: [adapter],
          rules: [],
        }).report;
      for (const seed of SEEDS.filter((s) => adapter.claims(s.file))) {
        const values = seedValues(seed);
        if (values.length === 0) continue;
        const named = scanText(seed.file, seed.text).deployments.filter((d) => d.file === seed.file);
        for (const d of named.slice(0, 4)) {
          const at = findKeyPath(values, d.name);
          if (!at) continue;
          const count = (to: string): number =>
            scanText(
              seed.file,
              serialise(
                seed.file,
                values.map((v, i) => (i === at.doc ? renameKey(v, at.path, to) : v)),
              ),
            ).deployments.length;
          const control = count('renamed-entry');
          for (const word of ['__proto__', 'constructor'])
            if (count(word) !== control) missed.push(`${seed.file}: \`${d.name}\` renamed to \`${word}\``);
        }
      }
      expect(missed).toEqual([]);
    });
  },
);

/** The first key path (in any document) whose last key is `name`, breadth first. */
function findKeyPath(values: unknown[], name: string): { doc: number; path: (string | number)[] } | null {
  for (let doc = 0; doc < values.length; doc++) {
    const queue: [unknown, (string | number)[]][] = [[values[doc], []]];
    while (queue.length > 0) {
      const [node, at] = queue.shift()!;
      if (Array.isArray(node)) node.forEach((v, i) => queue.push([v, [...at, i]]));
      else if (node && typeof node === 'object' && !(node instanceof Date)) {
        for (const [k, v] of Object.entries(node)) {
          if (k === name) return { doc, path: [...at, k] };
          queue.push([v, [...at, k]]);
        }
      }
    }
  }
  return null;
}
