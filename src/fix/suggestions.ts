/**
 * Suggested changes for a pull request review: each safe fix whose edits lie on lines the pull
 * request added becomes one review comment with a ```suggestion block that replaces those lines.
 * Pure: the changed lines and the files' text come in, comment drafts go out.
 */
import { applyEdits } from './apply.js';
import type { ScanReport } from '../model/report.js';
import type { Finding, FixEdit } from '../model.js';

/** Hidden first line of every suggestion comment; the key after it finds the comment on a re-run. */
export const SUGGESTION_MARKER = '<!-- agent-sandbox-guard:suggestion';
/** GitHub refuses comment bodies past 65,536 characters; stay well inside. */
export const MAX_BODY = 60_000;
/** One review stays readable and inside what the API accepts in one request. */
export const MAX_SUGGESTIONS = 50;
/** A suggestion replaces whole lines; past this many it is a rewrite, not a suggestion. */
const MAX_LINES = 40;

export interface SuggestionDraft {
  key: string;
  path: string;
  /** First and last line (right side) the suggestion replaces. */
  startLine: number;
  line: number;
  body: string;
}

export interface SuggestionPlan {
  drafts: SuggestionDraft[];
  /** Fixes with edits that could not be suggested (outside the change, a new file, too large, overlapping). */
  skipped: number;
}

/** Added lines per file, from the pull request files' `patch` hunks (right-hand side). */
export function addedLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  for (const row of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (next === 0 || row.startsWith('\\')) continue;
    if (row.startsWith('+')) lines.add(next++);
    else if (!row.startsWith('-')) next++;
  }
  return lines;
}

export function planSuggestions(
  report: ScanReport,
  changed: ReadonlyMap<string, ReadonlySet<number>>,
  read: (file: string) => string | null,
): SuggestionPlan {
  const plan: SuggestionPlan = { drafts: [], skipped: 0 };
  const taken = new Map<string, [number, number][]>();
  for (const finding of report.findings) {
    const fix = finding.fix;
    if (finding.suppressed || !fix || fix.edits.length === 0) continue;
    const draft = fix.safety === 'safe' ? draftFor(finding, changed, read) : null;
    const ranges = draft ? (taken.get(draft.path) ?? []) : [];
    if (
      !draft ||
      ranges.some(([a, b]) => draft.startLine <= b && a <= draft.line) ||
      plan.drafts.length >= MAX_SUGGESTIONS
    ) {
      plan.skipped++;
      continue;
    }
    if (plan.drafts.some((d) => d.key === draft.key)) continue; // the same fix for two findings
    taken.set(draft.path, [...ranges, [draft.startLine, draft.line]]);
    plan.drafts.push(draft);
  }
  return plan;
}

function draftFor(
  finding: Finding,
  changed: ReadonlyMap<string, ReadonlySet<number>>,
  read: (file: string) => string | null,
): SuggestionDraft | null {
  const edits = finding.fix!.edits;
  const file = edits[0]!.file;
  if (edits.some((e) => e.file !== file)) return null;
  const text = read(file);
  const added = changed.get(file);
  if (text === null || !added) return null;
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const first = Math.min(...edits.map((e) => e.startLine));
  // An edit that ends at column 1 leaves that line as it is.
  const last = Math.max(
    ...edits.map((e) => (e.endColumn === 1 && e.endLine > e.startLine ? e.endLine - 1 : e.endLine)),
  );
  if (last - first + 1 > MAX_LINES || last > lines.length) return null;
  for (let l = first; l <= last; l++) if (!added.has(l)) return null;
  const original = lines.slice(first - 1, last).join('\n');
  const shifted: FixEdit[] = edits.map((e) => ({
    ...e,
    startLine: e.startLine - first + 1,
    endLine: e.endLine - first + 1,
  }));
  const replaced = applyEdits(
    original,
    shifted.map((e) => ({ ...e, replacement: e.replacement.replace(/\r\n/g, '\n') })),
  );
  const fence = '`'.repeat(Math.max(3, longestRun(replaced, '`') + 1));
  const key = `${finding.ruleId}:${file}:${first}`;
  const body = [
    `${SUGGESTION_MARKER} ${key} -->`,
    `**${finding.ruleId}**: ${finding.fix!.description}`,
    '',
    `${fence}suggestion`,
    replaced,
    fence,
  ].join('\n');
  if (body.length > MAX_BODY) return null;
  return { key, path: file, startLine: first, line: last, body };
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** The key written in a suggestion comment's first line, or null for comments that are not ours. */
export function suggestionKey(body: string | null | undefined): string | null {
  const m = /^<!-- agent-sandbox-guard:suggestion (\S+) -->/.exec(body ?? '');
  return m ? m[1]! : null;
}
