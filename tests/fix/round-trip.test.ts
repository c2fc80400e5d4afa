/**
 * Round trip over the project's own fixtures: every fix (safe and unsafe) applied to each fail
 * fixture and the example repository leaves the bytes outside its edits as they were, and each fixed
 * file still parses. Runs repeat until nothing changes, which must happen within a few runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/documents/index.js';
import { scan } from '../../src/engine/index.js';
import { ADAPTERS } from '../../src/adapters/index.js';
import { planFixes } from '../../src/fix/plan.js';
import type { FixEdit } from '../../src/model.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { RULES } from '../../src/rules/index.js';
import { FIXTURES, caseDirs, listFiles } from '../helpers/golden.js';

/** Scans an in-memory repository (files may be added by a fix). */
function scanFiles(files: Map<string, string>) {
  return scan({
    files: [...files.keys()].sort(),
    skipped: [],
    read: (file) =>
      files.has(file) ? { ok: true, text: files.get(file)! } : { ok: false, status: 'unreadable', reason: 'missing' },
    policy: defaultPolicy(),
    adapters: ADAPTERS,
    rules: RULES,
  }).report;
}

/** Offset of a 1-based line:column, computed here independently of the applier. */
function offset(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.slice(at).search(/\r\n|\n|\r/);
    const m = /\r\n|\n|\r/.exec(text.slice(at))!;
    at += next + m[0].length;
  }
  return at + column - 1;
}

/** The unedited stretches of `before` appear in `after` in order, shifted only by the edits. */
function expectOutsideUnchanged(before: string, after: string, edits: readonly FixEdit[]): void {
  const spans = edits
    .map((e) => ({
      start: offset(before, e.startLine, e.startColumn),
      end: offset(before, e.endLine, e.endColumn),
      text: e.replacement,
    }))
    .sort((a, b) => a.start - b.start);
  let from = 0;
  let shift = 0;
  for (const s of spans) {
    expect(after.slice(from + shift, s.start + shift)).toBe(before.slice(from, s.start));
    expect(after.slice(s.start + shift, s.start + shift + s.text.length)).toBe(s.text);
    shift += s.text.length - (s.end - s.start);
    from = s.end;
  }
  expect(after.slice(from + shift)).toBe(before.slice(from));
}

const repos = [
  ...RULES.flatMap((r) => caseDirs(r.meta.id, 'fail')),
  path.resolve(import.meta.dirname, '../../examples/repo'),
];

describe('fix round trip on the project fixtures', () => {
  for (const dir of repos) {
    it(path.relative(path.dirname(FIXTURES), dir), () => {
      const files = new Map(listFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
      let runs = 0;
      for (; runs < 6; runs++) {
        const report = scanFiles(files);
        const plan = planFixes(report, (f) => files.get(f) ?? null, { unsafe: true, rules: [] });
        expect(plan.refused).toEqual([]);
        if (plan.changes.length === 0) break;
        for (const change of plan.changes) {
          const edits = plan.applied.flatMap((f) => f.fix!.edits).filter((e) => e.file === change.file);
          const unique = [...new Map(edits.map((e) => [JSON.stringify(e), e])).values()];
          expectOutsideUnchanged(change.before ?? '', change.after, unique);
          expect(parseDocument(change.file, change.after).problems).toEqual([]);
          files.set(change.file, change.after);
        }
      }
      expect(runs).toBeLessThan(6);
    });
  }
});
