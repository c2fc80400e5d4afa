/**
 * The pure edit applier: edits in, text out. Bytes outside the edits are never touched, a byte-order
 * mark stays, and fixes whose edits collide with ones already chosen wait for the next run.
 */
import type { Finding, Fix, FixEdit } from '../model.js';

/** Applies one file's edits to its text (null: the file does not exist yet). */
export function applyEdits(text: string | null, edits: readonly FixEdit[]): string {
  const source = text ?? '';
  const bom = source.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? source.slice(1) : source;
  const starts = lineStarts(body);
  const spans = edits
    .map((e, i) => ({
      start: offsetOf(body, starts, e.startLine, e.startColumn),
      end: offsetOf(body, starts, e.endLine, e.endColumn),
      text: e.replacement,
      i,
    }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) throw new Error(`overlapping edits at offset ${span.start}`);
    out += body.slice(at, span.start) + span.text;
    at = span.end;
  }
  return bom + out + body.slice(at);
}

/** Offsets where each line starts; lines end at \n, \r\n or a lone \r, as everywhere else. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function offsetOf(text: string, starts: readonly number[], line: number, column: number): number {
  const start = starts[line - 1];
  if (start === undefined) throw new Error(`line ${line} is outside the file`);
  const offset = start + column - 1;
  const next = starts[line] ?? text.length + 1;
  if (column < 1 || offset > Math.min(next, text.length)) throw new Error(`column ${column} is outside line ${line}`);
  return offset;
}

export interface FixChoice {
  /** Findings whose fixes this run applies, in report order. */
  applied: Finding[];
  /** Findings whose edits overlap an applied fix: run `fix` again for them. */
  deferred: Finding[];
  /** Edits to write, per file. */
  edits: Map<string, FixEdit[]>;
}

/** Picks fixes in report order; one that collides with an earlier pick waits, an identical one rides along. */
export function chooseFixes(findings: readonly Finding[], accept: (fix: Fix, finding: Finding) => boolean): FixChoice {
  const choice: FixChoice = { applied: [], deferred: [], edits: new Map() };
  const seen = new Set<string>();
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || fix.edits.length === 0 || !accept(fix, finding)) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) {
      choice.applied.push(finding);
      continue;
    }
    if (fix.edits.some((e) => (choice.edits.get(e.file) ?? []).some((o) => overlaps(o, e)))) {
      choice.deferred.push(finding);
      continue;
    }
    seen.add(key);
    choice.applied.push(finding);
    for (const e of fix.edits) choice.edits.set(e.file, [...(choice.edits.get(e.file) ?? []), e]);
  }
  return choice;
}

const before = (al: number, ac: number, bl: number, bc: number): boolean => al < bl || (al === bl && ac < bc);

/** Ranges that share text, or an insert strictly inside a replaced range; inserts at one point do not collide. */
function overlaps(a: FixEdit, b: FixEdit): boolean {
  const aEmpty = a.startLine === a.endLine && a.startColumn === a.endColumn;
  const bEmpty = b.startLine === b.endLine && b.startColumn === b.endColumn;
  if (aEmpty && bEmpty) return false;
  if (a.startLine === 1 && a.startColumn === 1 && aEmpty && b.startLine === 1 && b.startColumn === 1) return false;
  return (
    before(a.startLine, a.startColumn, b.endLine, b.endColumn) &&
    before(b.startLine, b.startColumn, a.endLine, a.endColumn)
  );
}
