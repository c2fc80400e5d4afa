/**
 * Property-based tests: arbitrary YAML/JSON/TOML text never throws out of the document layer, and
 * every adapter in the registry (iterated, so new adapters are covered) survives its own fixtures
 * with wrong types, hostile values and broken text: no exception, no internal-error finding, valid
 * positions, and every renderer still renders. FC_SEED and FC_SCALE widen a local run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import type { Adapter } from '../../src/adapters/types.js';
import { parseDocument } from '../../src/documents/index.js';
import { LineIndex, MAX_NESTING, valueShapeProblem } from '../../src/documents/positions.js';
import type { Range } from '../../src/documents/types.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/model/report.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { RULES } from '../../src/rules/index.js';
import {
  TOKENS,
  applyTextEdits,
  fixtureSeeds,
  fixtureTrees,
  keyPaths,
  keysOf,
  mutate,
  mutationArb,
  seedValues,
  serialise,
  textEditArb,
  wellFormedProblems,
  type Seed,
} from './fuzz.js';

const SEED = Number(process.env['FC_SEED'] ?? 20261127);
const SCALE = Number(process.env['FC_SCALE'] ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns: Math.max(1, Math.round(n * SCALE)),
  endOnFailure: true,
});

/** A range inside a text of `lineCount` lines (a missing-key fallback may point just past the end). */
function expectValidRange(range: Range, lineCount: number, what: string): void {
  const ok =
    Number.isInteger(range.line) &&
    range.line >= 1 &&
    range.line <= lineCount + 1 &&
    range.column >= 1 &&
    (range.endLine > range.line || (range.endLine === range.line && range.endColumn >= range.column));
  if (!ok) throw new Error(`${what}: invalid range ${JSON.stringify(range)} for ${lineCount} lines`);
}

describe('the document layer on arbitrary text', () => {
  const soup = fc
    .array(
      fc.oneof(
        fc.constantFrom(...TOKENS, 'a', 'b', '1', 'true', 'x.y', '__proto__', '"k"'),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));
  const text = fc.oneof(
    soup,
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json().map((j) => j.slice(0, 300)),
  );

  for (const file of ['a.yml', 'a.json', 'a.toml', '.github/workflows/a.md']) {
    it(`${file}: never throws; problems, documents and locations stay valid`, () => {
      fc.assert(
        fc.property(
          text,
          fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.nat(3)), { maxLength: 4 }),
          (input, probe) => {
            const parsed = parseDocument(file, input);
            const lines = new LineIndex(input.replace(/^\uFEFF/, '')).lineCount;
            for (const p of parsed.problems) expectValidRange(p.range, lines, `problem ${p.message}`);
            for (const doc of parsed.documents) {
              expect(valueShapeProblem(doc.value, MAX_NESTING)).toBeNull();
              for (const at of [...keyPaths(doc.value, 20), probe]) {
                expectValidRange(doc.locate(at), lines, `locate ${JSON.stringify(at)}`);
                expectValidRange(doc.locateText(at, /./), lines, `locateText ${JSON.stringify(at)}`);
              }
              for (const c of doc.comments) expectValidRange(c.range, lines, 'comment');
            }
          },
        ),
        runs(300),
      );
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  }
});

// ---------------------------------------------------------------------------------------------

const SEEDS = fixtureSeeds();

function scanOne(adapter: Adapter, file: string, text: string): ScanReport {
  return scan({
    files: [file],
    skipped: [],
    read: (f) => (f === file ? { ok: true, text } : { ok: false, status: 'unreadable', reason: 'absent' }),
    policy: defaultPolicy(),
    adapters: [adapter],
    rules: RULES,
  }).report;
}

/** The report is whole: no extension threw, positions are real, and every format renders. */
function expectSound(report: ScanReport, text: string, label: string): void {
  const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
  if (internal.length > 0)
    throw new Error(`${label}: ${internal.map((f) => f.message).join(' | ')}\n--- input ---\n${text.slice(0, 1500)}`);
  const lines = new LineIndex(text.replace(/^\uFEFF/, '')).lineCount;
  for (const f of report.findings) expectValidRange(f, lines, `${label}: ${f.ruleId} ${f.message}`);
  for (const d of report.deployments) expect(d.line, label).toBeGreaterThanOrEqual(1);
  const problems = wellFormedProblems(report);
  if (problems.length > 0) throw new Error(`${label}: ${problems.join(' | ')}\n--- input ---\n${text.slice(0, 1500)}`);
}

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('adapter %s on mutated fixtures', (_id, adapter) => {
  const mine: Seed[] = SEEDS.filter((s) => adapter.claims(s.file));
  const keys = new Set<string>();
  const parsedSeeds = mine.map((seed) => ({ seed, values: seedValues(seed) })).filter((s) => s.values.length > 0);
  for (const { values } of parsedSeeds) for (const v of values) keysOf(v, keys);
  const vocabulary = [...keys].sort();

  it('has fixtures to start from (add a golden fixture for a new adapter)', () => {
    expect(parsedSeeds.length).toBeGreaterThan(0);
  });

  it('survives every seed as written', () => {
    for (const { seed } of parsedSeeds) expectSound(scanOne(adapter, seed.file, seed.text), seed.text, seed.file);
  });

  it('survives wrong types and hostile values at any key path', () => {
    if (parsedSeeds.length === 0) return;
    fc.assert(
      fc.property(
        fc.nat(parsedSeeds.length - 1),
        fc.array(mutationArb(vocabulary.length ? vocabulary : ['x']), { minLength: 1, maxLength: 4 }),
        (pick, mutations) => {
          const { seed, values } = parsedSeeds[pick]!;
          const text = serialise(
            seed.file,
            values.map((v, i) => (i === 0 || values.length === 1 ? mutate(v, mutations) : v)),
          );
          expectSound(
            scanOne(adapter, seed.file, text),
            text,
            `${seed.file} after ${JSON.stringify(mutations).slice(0, 300)}`,
          );
        },
      ),
      runs(250),
    );
  });

  it('survives broken text', () => {
    if (parsedSeeds.length === 0) return;
    fc.assert(
      fc.property(fc.nat(parsedSeeds.length - 1), textEditArb, (pick, edits) => {
        const { seed } = parsedSeeds[pick]!;
        const text = applyTextEdits(seed.text, edits);
        expectSound(scanOne(adapter, seed.file, text), text, `${seed.file} after ${JSON.stringify(edits)}`);
      }),
      runs(150),
    );
  });
});

describe('every adapter together on whole fixture repositories (cross-file links)', () => {
  const trees = fixtureTrees().filter((t) => t.length > 1);
  const keys = new Set<string>();
  for (const seed of trees.flat()) for (const v of seedValues(seed)) keysOf(v, keys);

  it('survives one mutated file in a repository of several', () => {
    expect(trees.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(
        fc.nat(trees.length - 1),
        fc.nat(),
        fc.array(mutationArb([...keys].sort()), { minLength: 1, maxLength: 3 }),
        (t, f, mutations) => {
          const tree = trees[t]!;
          const target = tree[f % tree.length]!;
          const values = seedValues(target);
          const texts = new Map(tree.map((s) => [s.file, s.text]));
          if (values.length > 0)
            texts.set(
              target.file,
              serialise(
                target.file,
                values.map((v, i) => (i === 0 ? mutate(v, mutations) : v)),
              ),
            );
          const files = [...texts.keys()].sort();
          const report = scan({
            files,
            skipped: [],
            read: (file) =>
              texts.has(file)
                ? { ok: true, text: texts.get(file)! }
                : { ok: false, status: 'unreadable', reason: 'absent' },
            policy: defaultPolicy(),
            adapters: ADAPTERS,
            rules: RULES,
          }).report;
          const internal = report.findings.filter((x) => x.ruleId === 'internal-error');
          if (internal.length > 0)
            throw new Error(`${target.file} in ${files.join(', ')}: ${internal.map((x) => x.message).join(' | ')}`);
          const problems = wellFormedProblems(report);
          if (problems.length > 0) throw new Error(`${target.file}: ${problems.join(' | ')}`);
        },
      ),
      runs(150),
    );
  });
});
