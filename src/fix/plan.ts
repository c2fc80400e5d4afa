/**
 * What one `fix` run changes: the fixes it may apply, chosen so no two collide, applied to each file's
 * text and checked to still parse. Pure: files come in through `read`, nothing is written here.
 */
import { parseDocument } from '../documents/index.js';
import type { Finding } from '../model.js';
import type { ScanReport } from '../model/report.js';
import { applyEdits, chooseFixes } from './apply.js';

export interface FixOptions {
  /** Also apply fixes that may change behaviour. */
  unsafe: boolean;
  /** Only fixes of these rules; all when empty. */
  rules: readonly string[];
}

export interface FileChange {
  file: string;
  /** null when the fix creates the file. */
  before: string | null;
  after: string;
}

export interface FixPlan {
  changes: FileChange[];
  applied: Finding[];
  /** Their edits overlap an applied fix; the next run applies them. */
  deferred: Finding[];
  /** Unsafe fixes left out without `--unsafe`. */
  unsafe: Finding[];
  /** Findings whose fix is advice only. */
  adviceOnly: Finding[];
  /** Files whose fixed text would not parse: left unchanged, with the findings whose fixes touched them. */
  refused: { file: string; reason: string; findings: Finding[] }[];
}

export function planFixes(report: ScanReport, read: (file: string) => string | null, options: FixOptions): FixPlan {
  const wanted = report.findings.filter(
    (f) => !f.suppressed && f.fix && (options.rules.length === 0 || options.rules.includes(f.ruleId)),
  );
  const adviceOnly = wanted.filter((f) => f.fix!.edits.length === 0);
  const unsafe = wanted.filter((f) => f.fix!.edits.length > 0 && f.fix!.safety === 'unsafe' && !options.unsafe);
  const choice = chooseFixes(wanted, (fix) => fix.safety === 'safe' || options.unsafe);
  const plan: FixPlan = { changes: [], applied: [], deferred: choice.deferred, unsafe, adviceOnly, refused: [] };
  const refusedFiles = new Set<string>();
  for (const [file, edits] of [...choice.edits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = read(file);
    let after: string;
    let reason: string | null = null;
    try {
      after = applyEdits(before, edits);
      const problem = parseDocument(file, after).problems[0];
      if (problem)
        reason = `the fixed file would not parse (${problem.message} at ${problem.range.line}:${problem.range.column})`;
    } catch (error) {
      after = before ?? '';
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason) {
      refusedFiles.add(file);
      plan.refused.push({
        file,
        reason,
        findings: choice.applied.filter((f) => f.fix!.edits.some((e) => e.file === file)),
      });
      continue;
    }
    if (after !== before) plan.changes.push({ file, before, after });
  }
  plan.applied = choice.applied.filter((f) => !f.fix!.edits.some((e) => refusedFiles.has(e.file)));
  return plan;
}
