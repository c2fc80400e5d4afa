/** YAML documents with positions, on top of the `yaml` package's AST. */
import { errorMessage } from '../errors.js';
import {
  Alias,
  Composer,
  Document,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type CST,
  type Node,
  type Pair,
} from 'yaml';
import { commentsByLine } from './comments.js';
import { LineIndex, MAX_NESTING, findInSlice, nestingProblem, valueShapeProblem } from './positions.js';
import type { Comment, KeyPath, ParsedFile, ParseProblem, Range, SourceDocument } from './types.js';
import { append } from '../util/arrays.js';

/** Aliases expanded per document before we refuse (the `yaml` default of 100 also stops alias bombs). */
const MAX_ALIAS_COUNT = 100;

/** What a YAML stream holds, as plain data: it crosses from the parse worker to the scan (structured clone). */
export interface YamlReading {
  problems: ParseProblem[];
  /** The kept documents: position in the stream, plain value, [start, end) of the text each owns. */
  documents: { index: number; value: unknown; owned: [number, number] }[];
}

export function parseYaml(file: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  const { reading, docs } = read(text, lines);
  return fromReading(file, text, reading, lines, () => docs);
}

/** The reading alone (the parse worker's half of `parseYaml`). */
export function readYaml(text: string): YamlReading {
  return read(text, new LineIndex(text)).reading;
}

/**
 * A parsed file from a reading made elsewhere. The AST behind positions is composed again from the
 * text only when something is located in it; the scan locates only files with findings.
 */
export function yamlFromReading(file: string, text: string, reading: YamlReading): ParsedFile {
  let composed: readonly Document[] | undefined;
  return fromReading(
    file,
    text,
    reading,
    new LineIndex(text),
    () => (composed ??= compose(Array.from(tokensOf(text)))),
  );
}

function fromReading(
  file: string,
  text: string,
  reading: YamlReading,
  lines: LineIndex,
  docs: () => readonly Document[],
): ParsedFile {
  let lazyComments: Comment[] | undefined;
  const comments = (): Comment[] => (lazyComments ??= commentsByLine(text, lines, '#'));
  const documents = reading.documents.map(
    ({ index, value, owned }) => new YamlDocument(file, index, value, docs, text, lines, comments, owned),
  );
  return { file, format: 'yaml', documents, problems: reading.problems };
}

const tokensOf = (text: string): Iterable<CST.Token> => new Parser().parse(text);

// The composer's own duplicate-key check is quadratic per mapping; `duplicateKeyAt` does it in linear time.
const compose = (tokens: readonly CST.Token[]): readonly Document[] =>
  Array.from(new Composer({ merge: true, strict: false, uniqueKeys: false }).compose(tokens));

function read(text: string, lines: LineIndex): { reading: YamlReading; docs: readonly Document[] } {
  const problems: ParseProblem[] = [];
  const reading: YamlReading = { problems, documents: [] };

  // The CST parser is iterative; the composer recurses per level. Measure the nesting first so hostile
  // input is refused at a fixed depth (deterministic) instead of wherever the stack happens to run out.
  const tokens = Array.from(tokensOf(text));
  const deep = tooDeepAt(tokens, MAX_NESTING);
  if (deep !== null) {
    problems.push({ message: nestingProblem(), range: lines.range(deep, deep) });
    return { reading, docs: [] };
  }

  const docs = compose(tokens);
  const kept: { index: number; value: unknown }[] = [];
  docs.forEach((doc, index) => {
    for (const error of doc.errors) {
      problems.push({ message: firstLine(error.message), range: lines.range(error.pos[0], error.pos[1]) });
    }
    if (doc.errors.length > 0) return;
    const duplicate = duplicateKeyAt(doc);
    if (duplicate) {
      problems.push({ message: 'Map keys must be unique', range: lines.range(duplicate[0], duplicate[1]) });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = errorMessage(error);
      const start = doc.contents?.range?.[0] ?? 0;
      problems.push({ message: `cannot expand document: ${message}`, range: lines.range(start, start) });
      return;
    }
    // An alias inside its own anchor (`a: &a [*a]`) makes a cyclic value; aliases of deep anchors multiply depth.
    const shape = valueShapeProblem(value, MAX_NESTING);
    if (shape) {
      const start = doc.contents?.range?.[0] ?? 0;
      const message =
        shape === 'cycle'
          ? 'cannot expand document: an alias refers to its own anchor (a cycle)'
          : `cannot expand document: aliases make the ${nestingProblem()}`;
      problems.push({ message, range: lines.range(start, start) });
      return;
    }
    if (index > 0 && isEmpty(doc)) return; // a trailing `---` adds an empty document
    kept.push({ index, value });
  });
  // Each kept document owns the text from where the previous one ended, so leading comments (before the
  // first key or `---`) and trailing ones belong to exactly one document.
  const boundary = (k: number): number =>
    k === 0 ? 0 : k === kept.length ? text.length : (docs[kept[k]!.index - 1]?.range?.[2] ?? 0);
  kept.forEach(({ index, value }, k) =>
    reading.documents.push({ index, value, owned: [boundary(k), boundary(k + 1)] }),
  );
  return { reading, docs };
}

/** Offset of the first collection nested deeper than `limit`, walking the CST without recursion. */
function tooDeepAt(tokens: readonly CST.Token[], limit: number): number | null {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') stack.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > limit) return token.offset;
      for (const item of token.items) {
        if ('key' in item) stack.push({ token: item.key ?? undefined, depth: depth + 1 });
        stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** [start, end) of the first mapping key equal to an earlier key of the same mapping, or null. */
function duplicateKeyAt(doc: Document): [number, number] | null {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        // Same rule as `yaml`: scalars with equal values; merge keys (`<<`) are distinct symbols.
        if (isScalar(key)) {
          if (keys.has(key.value)) return [key.range?.[0] ?? 0, key.range?.[1] ?? 0];
          keys.add(key.value);
        }
        stack.push(key, pair.value);
      }
    } else if (isSeq(node)) append(stack, node.items);
  }
  return null;
}

/** A document with nothing in it (`yaml` composes an empty null scalar for it). */
function isEmpty(doc: Document): boolean {
  const contents = doc.contents as Node | null;
  return (
    contents === null ||
    (isScalar(contents) && contents.value === null && contents.source === '' && !contents.anchor && !contents.tag)
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

class YamlDocument implements SourceDocument {
  readonly format = 'yaml' as const;

  constructor(
    readonly file: string,
    readonly index: number,
    readonly value: unknown,
    /** Every document of the stream, composed on first use when the reading came from the parse worker. */
    private readonly docs: () => readonly Document[],
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly allComments: () => Comment[],
    /** [start, end) of the text this document owns in the stream, for its comments. */
    private readonly owned: [number, number],
  ) {}

  private lazyComments: readonly Comment[] | undefined;

  private get doc(): Document {
    return this.docs()[this.index]!;
  }

  /** The file's comments on this document's lines (found by binary search: many documents stay linear). */
  get comments(): readonly Comment[] {
    if (this.lazyComments) return this.lazyComments;
    const [start, end] = this.owned;
    const first = this.lines.position(start).line;
    const last = this.lines.position(Math.max(start, end - 1)).line;
    const all = this.allComments();
    const from = firstIndex(all, (c) => c.range.line >= first);
    const to = firstIndex(all, (c) => c.range.line > last);
    return (this.lazyComments = all.slice(from, to));
  }

  locate(path: KeyPath): Range {
    const target = this.resolve(path);
    return this.rangeOf(target);
  }

  locateText(path: KeyPath, needle: string | RegExp): Range {
    const target = this.resolve(path);
    if (target.exact && target.node?.range) {
      const [start, end] = target.node.range;
      const hit = findInSlice(this.text, start, end, needle);
      if (hit) return this.lines.range(hit[0], hit[1]);
    }
    return this.rangeOf(target);
  }

  private span(): [number, number] {
    const range = this.doc.range ?? [0, 0, this.text.length];
    return [range[0], range[2]];
  }

  /** Walks the AST along `path`, following aliases to their anchors and merge keys to their sources. */
  private resolve(path: KeyPath): Target {
    let node: Node | null = (this.doc.contents as Node | null) ?? null;
    let pair: Pair | null = null;
    for (const segment of path) {
      const current = this.deref(node);
      let next: { node: Node | null; pair: Pair | null } | null = null;
      if (isMap(current)) next = this.findInMap(current, segment, 0);
      else if (isSeq(current) && typeof segment === 'number') {
        const item = current.items[segment] as Node | undefined;
        if (item !== undefined) next = { node: item, pair: null };
      }
      if (!next) return { node, pair, exact: false };
      node = next.node;
      pair = next.pair;
    }
    return { node: this.deref(node) ?? node, pair, exact: true };
  }

  /** Per map: its keys (first occurrence wins) and its `<<` merges, built once, so a lookup costs O(1), not O(keys). */
  private readonly mapIndex = new WeakMap<Node, { keys: Map<string, Pair>; merges: Node[] }>();

  private indexOf(map: Node & { items: unknown[] }): { keys: Map<string, Pair>; merges: Node[] } {
    let index = this.mapIndex.get(map);
    if (index) return index;
    index = { keys: new Map(), merges: [] };
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as Node | null;
      const keyValue = isScalar(keyNode) ? keyNode.value : keyNode;
      // With `merge: true` the parser turns a `<<` key into a symbol.
      if (isScalar(keyNode) && (typeof keyValue === 'symbol' || keyValue === '<<') && keyNode.source === '<<') {
        index.merges.push(item.value as Node);
        continue;
      }
      if (keyValue === null || keyValue === undefined || typeof keyValue === 'symbol') continue;
      const name = String(keyValue);
      if (!index.keys.has(name)) index.keys.set(name, item as Pair);
    }
    this.mapIndex.set(map, index);
    return index;
  }

  private findInMap(map: Node, key: string | number, depth: number): { node: Node | null; pair: Pair | null } | null {
    if (!isMap(map) || depth > 20) return null;
    const index = this.indexOf(map);
    const pair = index.keys.get(String(key));
    if (pair) return { node: pair.value as Node | null, pair };
    for (const merge of index.merges) {
      const source = this.deref(merge);
      const sources = isSeq(source) ? source.items.map((i) => this.deref(i as Node)) : [source];
      for (const candidate of sources) {
        const hit = candidate ? this.findInMap(candidate, key, depth + 1) : null;
        if (hit) return hit;
      }
    }
    return null;
  }

  private deref(node: Node | null | undefined, hops = 0): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node) && hops < 50) {
      const target = (node as Alias).resolve(this.doc) as Node | undefined;
      return this.deref(target ?? null, hops + 1);
    }
    return node;
  }

  private rangeOf(target: Target): Range {
    const { pair } = target;
    const value = target.node;
    const keyNode = pair?.key as Node | null | undefined;
    if (keyNode?.range) {
      const start = keyNode.range[0];
      const keyEnd = keyNode.range[1];
      const valueNode = this.deref(pair?.value as Node | null);
      if (
        target.exact &&
        isScalar(valueNode) &&
        valueNode.range &&
        !this.isAliasOrElsewhere(pair?.value as Node, valueNode, start)
      ) {
        const end = valueNode.range[1];
        const range = this.lines.range(start, end);
        if (range.endLine === range.line) return range;
      }
      return this.lines.range(start, keyEnd);
    }
    if (value?.range) return this.firstLine(value.range[0], value.range[1]);
    const [start] = this.span();
    return this.firstLine(start, start);
  }

  /** A value written at its anchor elsewhere is located there, not next to this key. */
  private isAliasOrElsewhere(raw: Node | null, resolved: Node, keyStart: number): boolean {
    if (raw && isAlias(raw)) return true;
    return (resolved.range?.[0] ?? 0) < keyStart;
  }

  private firstLine(start: number, end: number): Range {
    const { line } = this.lines.position(start);
    const lineEnd = Math.min(end > start ? end : Number.MAX_SAFE_INTEGER, this.lines.lineEnd(this.text, line));
    return this.lines.range(start, Math.max(start, trimEnd(this.text, start, lineEnd)));
  }
}

/** First index in a sorted list where `test` holds (it holds for every later item too). */
function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(items[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

interface Target {
  node: Node | null;
  pair: Pair | null;
  /** False when the path did not exist and `node` is its nearest ancestor. */
  exact: boolean;
}
