/** Offset edits and their conversion to the report's line:column edits. */
import { LineIndex } from '../documents/positions.js';
import type { FixEdit } from '../model.js';

/** Replace `text[start, end)` with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The file's dominant line break, for text a fix writes. */
/** Each finding of a file asks again: the last file's answers are kept, so many findings cost one pass. */
let lastText: { text: string; eol: string; lines: LineIndex | null } | null = null;
function memo(text: string): { text: string; eol: string; lines: LineIndex | null } {
  if (lastText?.text !== text) {
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/\n/g) ?? []).length - crlf;
    lastText = { text, eol: crlf > lf ? '\r\n' : '\n', lines: null };
  }
  return lastText;
}

export function lineBreakOf(text: string): string {
  return memo(text).eol;
}

/**
 * Replaces `[start, end)`; an empty replacement (dropping a flag) also takes one space beside it,
 * and the whole line when nothing but a line continuation would be left on it.
 */
export function dropFlag(text: string, start: number, end: number, replacement: string, eol: string): TextEdit {
  if (replacement !== '') return { start, end, text: replacement };
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, 0);
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const rest = text.slice(lineStart, start) + text.slice(end, lineEnd);
  if (/^[\s\\]*$/.test(rest.replace(/\r$/, '')) && lineEnd < text.length) {
    return { start: lineStart, end: lineEnd + 1, text: '' };
  }
  void eol;
  if (text[start - 1] === ' ' || text[start - 1] === '\t') return { start: start - 1, end, text: '' };
  if (text[end] === ' ' || text[end] === '\t') return { start, end: end + 1, text: '' };
  return { start, end, text: '' };
}

export function toFixEdits(file: string, text: string, edits: readonly TextEdit[]): FixEdit[] {
  const cached = memo(text);
  const lines = (cached.lines ??= new LineIndex(text));
  return edits.map((e) => {
    const a = lines.position(e.start);
    const b = lines.position(e.end);
    return {
      file,
      startLine: a.line,
      startColumn: a.column,
      endLine: b.line,
      endColumn: b.column,
      replacement: e.text,
    };
  });
}
