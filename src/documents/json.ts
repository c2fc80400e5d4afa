/** JSON and JSONC (comments, trailing commas) with positions, on top of `jsonc-parser`. */
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';

// jsonc-parser's SyntaxKind is an ambient const enum; isolated modules cannot read it.
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;
import { LineIndex, MAX_NESTING, bracketDepthExceeds, findInSlice } from './positions.js';
import type { Comment, KeyPath, ParsedFile, Range, SourceDocument } from './types.js';

export function parseJson(file: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  if (bracketDepthExceeds(text, MAX_NESTING)) {
    return {
      file,
      format: 'json',
      documents: [],
      problems: [{ message: `nesting deeper than ${MAX_NESTING} levels`, range: lines.range(0, 0) }],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems = errors.map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    range: lines.range(e.offset, e.offset + e.length),
  }));
  if (problems.length > 0 || root === undefined) {
    return { file, format: 'json', documents: [], problems };
  }
  return { file, format: 'json', documents: [new JsonDocument(file, root, text, lines)], problems };
}

class JsonDocument implements SourceDocument {
  readonly format = 'json' as const;
  readonly index = 0;
  readonly value: unknown;
  private lazyComments: Comment[] | undefined;

  constructor(
    readonly file: string,
    private readonly root: Node,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.value = getNodeValue(root);
  }

  get comments(): readonly Comment[] {
    return (this.lazyComments ??= scanComments(this.text, this.lines));
  }

  locate(path: KeyPath): Range {
    const { node, exact } = this.resolve(path);
    return this.rangeOf(node, exact);
  }

  locateText(path: KeyPath, needle: string | RegExp): Range {
    const { node, exact } = this.resolve(path);
    if (exact && node.type === 'string') {
      const hit = findInSlice(this.text, node.offset, node.offset + node.length, needle);
      if (hit) return this.lines.range(hit[0], hit[1]);
    }
    return this.rangeOf(node, exact);
  }

  private resolve(path: KeyPath): { node: Node; exact: boolean } {
    const hit = findNodeAtLocation(this.root, path as (string | number)[]);
    if (hit) return { node: hit, exact: true };
    for (let n = path.length - 1; n >= 0; n--) {
      const ancestor = findNodeAtLocation(this.root, path.slice(0, n) as (string | number)[]);
      if (ancestor) return { node: ancestor, exact: false };
    }
    return { node: this.root, exact: false };
  }

  /** A property spans `"key": value` when the value is a scalar on one line; else its key; items their first line. */
  private rangeOf(node: Node, exact: boolean): Range {
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    if (property) {
      const key = property.children![0]!;
      const scalar = node.type !== 'object' && node.type !== 'array';
      if (exact && scalar && node !== key) {
        const range = this.lines.range(key.offset, node.offset + node.length);
        if (range.endLine === range.line) return range;
      }
      return this.lines.range(key.offset, key.offset + key.length);
    }
    const start = node.offset;
    const { line } = this.lines.position(start);
    const end = Math.min(node.offset + node.length, this.lines.lineEnd(this.text, line));
    return this.lines.range(start, end);
  }
}

function scanComments(text: string, lines: LineIndex): Comment[] {
  const scanner = createScanner(text, false);
  const comments: Comment[] = [];
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind !== LINE_COMMENT && kind !== BLOCK_COMMENT) continue;
    const offset = scanner.getTokenOffset();
    const raw = text.slice(offset, offset + scanner.getTokenLength());
    const body = kind === LINE_COMMENT ? raw.slice(2) : raw.slice(2, -2);
    comments.push({ text: body.trim(), range: lines.range(offset, offset + raw.length) });
  }
  return comments;
}
