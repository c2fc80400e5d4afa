/**
 * Front matter that strict YAML refuses but the agents read. Subagent and skill files written by
 * agents' own generators carry an unquoted one-line `description:` with `: ` inside ("… Examples:
 * <example>Context: …"); Claude Code's loader retries such front matter with those values quoted, so
 * the file loads and its `tools`, `permissionMode` and `hooks` apply. Reading it the same way keeps
 * those judged instead of skipping the whole file. Positions are mapped back to the file as written.
 */
import type { Comment, Range, SourceDocument } from './types.js';

/** A top-level `key: value` line whose plain value holds `: `. */
const TOP_LEVEL_ENTRY = /^([A-Za-z_][\w-]*):([ \t]+)(.*?)[ \t]*$/;

export interface QuotedFrontmatter {
  text: string;
  /** 1-based line → for each 1-based column of the quoted line, the column in the original line. */
  columns: ReadonlyMap<number, readonly number[]>;
}

/** The front matter with each top-level plain value that holds `: ` double-quoted, or null when none does. */
export function quoteColonValues(text: string): QuotedFrontmatter | null {
  const columns = new Map<number, number[]>();
  const lines = text.split('\n');
  const out = lines.map((line, i) => {
    const match = TOP_LEVEL_ENTRY.exec(line);
    const value = match?.[3] ?? '';
    if (!match || !value.includes(': ') || /^["'[{|>&*!%@`#]/.test(value)) return line;
    // 0-based start of the value; map[newColumn - 1] is the original column (both 1-based).
    const start = match[1]!.length + 1 + match[2]!.length;
    const map: number[] = [];
    for (let c = 1; c <= start; c++) map.push(c);
    map.push(start + 1); // the opening quote stands where the value starts
    let quoted = `${line.slice(0, start)}"`;
    for (let k = 0; k < value.length; k++) {
      const ch = value[k]!;
      const escaped = ch === '"' || ch === '\\' ? `\\${ch}` : ch;
      for (let e = 0; e < escaped.length; e++) map.push(start + k + 1);
      quoted += escaped;
    }
    quoted += '"';
    map.push(start + value.length + 1); // the closing quote, and the exclusive end after it
    columns.set(i + 1, map);
    return quoted + line.slice(start + value.length);
  });
  return columns.size === 0 ? null : { text: out.join('\n'), columns };
}

/** A document parsed from quoted front matter, with every range placed in the file as written. */
export function mappedDocument(doc: SourceDocument, columns: QuotedFrontmatter['columns']): SourceDocument {
  const column = (line: number, c: number): number => {
    const map = columns.get(line);
    if (!map) return c;
    // Past the closing quote the line is unchanged, shifted by the quotes and escapes added.
    return map[c - 1] ?? map[map.length - 1]! + (c - map.length - 1);
  };
  const mapRange = (r: Range): Range => ({
    line: r.line,
    column: column(r.line, r.column),
    endLine: r.endLine,
    endColumn: column(r.endLine, r.endColumn),
  });
  const comments: Comment[] = doc.comments.map((c) => ({ text: c.text, range: mapRange(c.range) }));
  return {
    file: doc.file,
    format: doc.format,
    index: doc.index,
    value: doc.value,
    comments,
    locate: (path) => mapRange(doc.locate(path)),
    locateText: (path, needle) => mapRange(doc.locateText(path, needle)),
  };
}
