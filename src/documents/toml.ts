/** TOML with positions, on top of `toml-eslint-parser` (an AST with locations and comments). */
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';
import { LineIndex, MAX_NESTING, bracketDepthExceeds, findInSlice } from './positions.js';
import type { Comment, KeyPath, ParsedFile, Range, SourceDocument } from './types.js';

export function parseToml(file: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  if (bracketDepthExceeds(text, MAX_NESTING)) {
    return { file, format: 'toml', documents: [], problems: [{ message: `nesting deeper than ${MAX_NESTING} levels`, range: lines.range(0, 0) }] };
  }
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text);
  } catch (error) {
    const e = error as { message?: string; offset?: number; index?: number };
    const offset = e.offset ?? e.index ?? 0;
    return { file, format: 'toml', documents: [], problems: [{ message: `TOML syntax error: ${e.message ?? String(error)}`, range: lines.range(offset, offset) }] };
  }
  return { file, format: 'toml', documents: [new TomlDocument(file, ast, text, lines)], problems: [] };
}

interface Entry {
  /** The whole `key = value` (or table header) range. */
  start: number;
  end: number;
  /** The value node when this path names a scalar, for `locateText`. */
  value?: { start: number; end: number };
}

class TomlDocument implements SourceDocument {
  readonly format = 'toml' as const;
  readonly index = 0;
  readonly value: unknown;
  readonly comments: readonly Comment[];
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly file: string,
    ast: AST.TOMLProgram,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.value = getStaticTOMLValue(ast);
    this.comments = ast.comments.map((c) => ({ text: c.value.trim(), range: lines.range(c.range[0], c.range[1]) }));
    this.index_(ast);
  }

  locate(path: KeyPath): Range {
    const { entry, exact } = this.find(path);
    if (!entry) return this.lines.range(0, 0);
    const range = this.lines.range(entry.start, entry.end);
    if (range.endLine === range.line) return range;
    const end = this.lines.lineEnd(this.text, range.line);
    return exact ? this.lines.range(entry.start, end) : this.lines.range(entry.start, end);
  }

  locateText(path: KeyPath, needle: string | RegExp): Range {
    const { entry, exact } = this.find(path);
    if (entry?.value && exact) {
      const hit = findInSlice(this.text, entry.value.start, entry.value.end, needle);
      if (hit) return this.lines.range(hit[0], hit[1]);
    }
    return this.locate(path);
  }

  private find(path: KeyPath): { entry: Entry | undefined; exact: boolean } {
    for (let n = path.length; n >= 0; n--) {
      const entry = this.entries.get(key(path.slice(0, n)));
      if (entry) return { entry, exact: n === path.length };
    }
    return { entry: undefined, exact: false };
  }

  private set(path: KeyPath, entry: Entry, override = false): void {
    const k = key(path);
    if (override || !this.entries.has(k)) this.entries.set(k, entry);
  }

  private index_(ast: AST.TOMLProgram): void {
    const top = ast.body[0];
    this.set([], { start: 0, end: 0 });
    for (const item of top.body) {
      if (item.type === 'TOMLTable') {
        const header = { start: item.range[0], end: item.key.range[1] + (item.kind === 'array' ? 2 : 1) };
        const base = item.resolvedKey;
        for (let n = 1; n < base.length; n++) this.set(base.slice(0, n), header);
        this.set(base, header, true);
        for (const kv of item.body) this.keyValue(base, kv);
      } else {
        this.keyValue([], item);
      }
    }
  }

  private keyValue(base: KeyPath, kv: AST.TOMLKeyValue): void {
    const names = kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
    const full = [...base, ...names];
    const entry: Entry = { start: kv.range[0], end: kv.range[1] };
    for (let n = base.length + 1; n < full.length; n++) this.set(full.slice(0, n), entry);
    const v = kv.value;
    this.set(full, v.type === 'TOMLValue' ? { ...entry, value: { start: v.range[0], end: v.range[1] } } : entry, true);
    this.content(full, v);
  }

  private content(path: KeyPath, node: AST.TOMLContentNode): void {
    if (node.type === 'TOMLInlineTable') for (const kv of node.body) this.keyValue(path, kv);
    else if (node.type === 'TOMLArray') {
      node.elements.forEach((element, i) => {
        const itemPath = [...path, i];
        const entry: Entry = { start: element.range[0], end: element.range[1] };
        this.set(itemPath, element.type === 'TOMLValue' ? { ...entry, value: entry } : entry, true);
        this.content(itemPath, element);
      });
    }
  }
}

const key = (path: KeyPath): string => JSON.stringify(path);
