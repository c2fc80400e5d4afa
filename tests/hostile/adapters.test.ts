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
import { fixtureSeeds, seedValues, serialise } from './fuzz.js';

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
      ? withEntries([...Object.entries(value).map(([k, v]): [string, unknown] => [k, addKey(v, key, extra)]), [key, extra]])
      : value;

function withEntries(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function variants(values: unknown[]): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const word of PROTOTYPE_WORDS) {
    out.push([`every string is "${word}"`, values.map((v) => mapLeaves(v, (s) => (typeof s === 'string' ? word : s)))]);
    out.push([`every string is "${word} --${word} x"`, values.map((v) => mapLeaves(v, (s) => (typeof s === 'string' ? `${word} --${word} x` : s)))]);
    out.push([`every mapping has a "${word}" key`, values.map((v) => addKey(v, word, 'x'))]);
  }
  out.push(['every scalar is an object with its own toString', values.map((v) => mapLeaves(v, () => withEntries([['toString', 'x'], ['valueOf', 'y']])))]);
  out.push(['every string is a list', values.map((v) => mapLeaves(v, (s) => (typeof s === 'string' ? [s] : s)))]);
  return out;
}

const SEEDS = fixtureSeeds();

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('adapter %s with prototype names and hostile shapes', (_id, adapter) => {
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
        for (const f of report.findings.filter((x) => x.ruleId === 'internal-error')) {
          const message = f.message.replace(/ failed on [^:]*:/, ' failed:');
          if (!failures.has(message)) failures.set(message, `${seed.file} with ${name}`);
        }
      }
    }
    expect([...failures].map(([message, where]) => `${where}: ${message}`)).toEqual([]);
  });
});
