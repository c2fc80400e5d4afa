/** Line comments for formats without a comment-aware AST at hand (YAML): `#` outside quotes. */
import type { LineIndex } from './positions.js';
import type { Comment } from './types.js';

export function commentsByLine(text: string, lines: LineIndex, marker: '#'): Comment[] {
  const comments: Comment[] = [];
  let lineStart = 0;
  for (let line = 1; line <= lines.lineCount; line++) {
    const end = lines.lineEnd(text, line);
    const at = commentStart(text, lineStart, end, marker);
    if (at >= 0) {
      comments.push({
        text: text.slice(at + 1, end).trim(),
        range: { line, column: at - lineStart + 1, endLine: line, endColumn: end - lineStart + 1 },
      });
    }
    lineStart = nextLineStart(text, end);
  }
  return comments;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd + 1;
}

/** Offset of the comment marker on this line, skipping quoted text; -1 when there is none. */
function commentStart(text: string, start: number, end: number, marker: string): number {
  let quote = '';
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote only opens a string at the start of a scalar, not inside a word like `don't`.
      const prev = i > start ? text[i - 1]! : ' ';
      if (/[\s:[{,-]/.test(prev)) quote = c;
      continue;
    }
    if (c === marker && (i === start || /\s/.test(text[i - 1]!))) return i;
  }
  return -1;
}
