/**
 * The syntax of suppressions written in scanned files:
 *   comments     `# agent-sandbox: ignore[rule-id, other-id] reason until=2026-06-30`  (YAML, TOML, JSONC `//`)
 *   annotations  `agent-sandbox/ignore.<rule-id>: "reason until=2026-06-30"`          (Kubernetes metadata)
 */

export const COMMENT_PREFIX = 'agent-sandbox:';
export const ANNOTATION_PREFIX = 'agent-sandbox/ignore';

export interface WrittenSuppression {
  rules: string[];
  reason: string;
  until?: string;
  /** Why the text could not be read as a suppression. */
  problem?: string;
}

const UNTIL = /(?:^|\s)(?:until|expires)\s*[=:]\s*(\S+)/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A suppression in a comment's text, or null when the comment is not addressed to this tool. */
export function parseComment(text: string): WrittenSuppression | null {
  const body = text.replace(/^\*+\s*/, '').trim();
  if (!body.toLowerCase().startsWith(COMMENT_PREFIX)) return null;
  const rest = body.slice(COMMENT_PREFIX.length).trim();
  const match = /^ignore\s*\[([^\]]*)\](.*)$/is.exec(rest);
  if (!match)
    return { rules: [], reason: '', problem: 'it cannot be read; write `agent-sandbox: ignore[rule-id] reason`' };
  const rules = match[1]!
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  const parsed = reasonAndDate(match[2]!);
  if (rules.length === 0) return { ...parsed, rules, problem: 'it names no rule; write `ignore[rule-id]`' };
  return { ...parsed, rules };
}

/** A suppression annotation, or null when the key is not one. */
export function parseAnnotation(key: string, value: unknown): WrittenSuppression | null {
  if (!key.startsWith(ANNOTATION_PREFIX)) return null;
  const rule = key.slice(ANNOTATION_PREFIX.length);
  if (!rule.startsWith('.') || rule.length < 2)
    return { rules: [], reason: '', problem: `the key names no rule; write \`${ANNOTATION_PREFIX}.<rule-id>\`` };
  if (typeof value !== 'string')
    return {
      rules: [rule.slice(1)],
      reason: '',
      problem: 'the value must be a string: the reason, optionally followed by `until=YYYY-MM-DD`',
    };
  return { rules: [rule.slice(1)], ...reasonAndDate(value) };
}

function reasonAndDate(text: string): Omit<WrittenSuppression, 'rules'> {
  const until = UNTIL.exec(text);
  const reason = (until ? text.slice(0, until.index) + text.slice(until.index + until[0].length) : text)
    .replace(/^\s*(reason\s*[=:])?\s*[-:–—,]*\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!until) return { reason };
  const date = until[1]!;
  if (
    !DATE.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    !new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)
  ) {
    return { reason, problem: `\`until=${date}\` is not a date written YYYY-MM-DD` };
  }
  return { reason, until: date };
}

/** `YYYY-MM-DD` plus `days`, in UTC. */

/**
 * The line a comment speaks about: its own line when it follows code, else the next line that is
 * not blank and not only a comment. Null when no code follows. `lines` is the file split into lines.
 */
export function commentTarget(
  lines: readonly string[],
  range: { line: number; column: number; endLine: number },
): { ownLine: boolean; line: number | null } {
  const before = (lines[range.line - 1] ?? '').slice(0, range.column - 1).trim();
  if (before !== '') return { ownLine: false, line: range.line };
  for (let i = range.endLine; i < lines.length; i++) {
    const code = lines[i]!.trim();
    if (code === '' || code.startsWith('#') || code.startsWith('//') || code.startsWith('/*') || code.startsWith('*'))
      continue;
    return { ownLine: true, line: i + 1 };
  }
  return { ownLine: true, line: null };
}

export const splitLines = (text: string): string[] => text.split(/\r\n|\n|\r/);
