/** TOML with positions, on top of `toml-eslint-parser` (an AST with locations and comments). */
import { parseTOML, type AST } from 'toml-eslint-parser';
import { LineIndex, MAX_NESTING, bracketDepthExceeds, findInSlice, nestingProblem } from './positions.js';
import { tomlValue } from './toml-value.js';
import type { Comment, KeyPath, ParsedFile, Range, SourceDocument } from './types.js';

export function parseToml(file: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  if (bracketDepthExceeds(text, MAX_NESTING)) {
    return { file, format: 'toml', documents: [], problems: [{ message: nestingProblem(), range: lines.range(0, 0) }] };
  }
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text);
  } catch (error) {
    // toml-eslint-parser spreads each token's code points into one call: a string or number of more
    // than about 120,000 characters overflows the stack there (nesting is already bounded above).
    if (error instanceof RangeError) {
      return {
        file,
        format: 'toml',
        documents: [],
        problems: [
          {
            message: 'a TOML string or number too long to parse (over about 100,000 characters)',
            range: lines.range(0, 0),
          },
        ],
      };
    }
    const e = error as { message?: string; offset?: number; index?: number };
    const offset = e.offset ?? e.index ?? 0;
    return {
      file,
      format: 'toml',
      documents: [],
      problems: [{ message: `TOML syntax error: ${e.message ?? String(error)}`, range: lines.range(offset, offset) }],
    };
  }
  // Dotted keys nest without brackets (`a.a.a.… = 1`): count them too before building anything.
  const deep = keyDepthExceeds(ast, MAX_NESTING);
  if (deep !== null)
    return {
      file,
      format: 'toml',
      documents: [],
      problems: [{ message: nestingProblem(), range: lines.range(deep, deep) }],
    };
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
  /** Entries by key path, as a trie: building and looking up cost the path's length, not its square. */
  private readonly entries: TrieNode = {};

  constructor(
    readonly file: string,
    ast: AST.TOMLProgram,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.value = tomlValue(ast);
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
    let node: TrieNode | undefined = this.entries;
    let best: { entry: Entry | undefined; exact: boolean } = { entry: this.entries.entry, exact: path.length === 0 };
    for (let n = 0; n < path.length && node; n++) {
      node = node.children?.get(String(path[n]));
      if (node?.entry) best = { entry: node.entry, exact: n === path.length - 1 };
    }
    return best;
  }

  /** Sets `entry` at `path` (replacing it when `override`), and `prefixes` on the unset prefixes from `from` on. */
  private set(path: KeyPath, entry: Entry, override = false, prefixes?: { entry: Entry; from: number }): void {
    let node = this.entries;
    for (let n = 0; n < path.length; n++) {
      node.children ??= new Map();
      const key = String(path[n]);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = {}));
      node = child;
      if (prefixes && n + 1 >= prefixes.from && n + 1 < path.length) node.entry ??= prefixes.entry;
    }
    if (override || !node.entry) node.entry = entry;
  }

  private index_(ast: AST.TOMLProgram): void {
    const top = ast.body[0];
    this.set([], { start: 0, end: 0 });
    for (const item of top.body) {
      if (item.type === 'TOMLTable') {
        const header = { start: item.range[0], end: item.key.range[1] + (item.kind === 'array' ? 2 : 1) };
        const base = item.resolvedKey;
        this.set(base, header, true, { entry: header, from: 1 });
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
    const v = kv.value;
    this.set(full, v.type === 'TOMLValue' ? { ...entry, value: { start: v.range[0], end: v.range[1] } } : entry, true, {
      entry,
      from: base.length + 1,
    });
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

interface TrieNode {
  entry?: Entry;
  children?: Map<string, TrieNode>;
}

/** Offset of the first key nested deeper than `limit` (headers, dotted keys, inline tables), or null. */
function keyDepthExceeds(ast: AST.TOMLProgram, limit: number): number | null {
  const stack: { node: AST.TOMLKeyValue | AST.TOMLContentNode; depth: number }[] = [];
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLTable') {
      if (item.resolvedKey.length > limit) return item.range[0];
      for (const kv of item.body) stack.push({ node: kv, depth: item.resolvedKey.length });
    } else stack.push({ node: item, depth: 0 });
  }
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.type === 'TOMLKeyValue') {
      const inner = depth + node.key.keys.length;
      if (inner > limit) return node.range[0];
      stack.push({ node: node.value, depth: inner });
    } else if (node.type === 'TOMLInlineTable') {
      for (const kv of node.body) stack.push({ node: kv, depth });
    } else if (node.type === 'TOMLArray') {
      if (depth + 1 > limit) return node.range[0];
      for (const element of node.elements) stack.push({ node: element, depth: depth + 1 });
    }
  }
  return null;
}
