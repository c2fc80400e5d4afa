/**
 * The call syntax of Starlark policy files (Codex `.codex/rules/*.rules`): top-level calls such as
 * `prefix_rule(pattern = ["git", ["status", "diff"]], decision = "allow")` whose arguments are
 * literals (strings, numbers, True/False/None, lists, tuples, dicts) and names bound by a top-level
 * `NAME = literal`. Read, never evaluated: an operator, a `def`, a `load()` or any other statement is
 * a syntax problem, so a file that cannot be read whole is reported, not judged from a part.
 *
 * The value groups calls by function name in file order: `{ prefix_rule: [ { pattern, decision } ] }`;
 * positional arguments are under `"$args"`. Key paths locate the call, a keyword argument, or a
 * list item.
 */
import { LineIndex, MAX_NESTING, findInSlice } from './positions.js';
import type { Comment, KeyPath, ParsedFile, Range, SourceDocument } from './types.js';

interface Token {
  kind: 'name' | 'string' | 'number' | 'punct' | 'eof';
  text: string;
  /** The decoded value of a string token. */
  value?: string;
  start: number;
  end: number;
}

class StarlarkError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', '=', ':']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };

function tokenize(text: string, comments: { start: number; end: number }[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c) || (c === '\\' && /^\\\r?\n/.test(text.slice(i, i + 3)))) {
      i++;
      continue;
    }
    if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      comments.push({ start: i, end: stop });
      i = stop;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'" || (/[rbRB]/.test(c) && /["']/.test(text[i + 1] ?? ''))) {
      const raw = /[rR]/.test(c);
      if (c !== '"' && c !== "'") i++;
      tokens.push(readString(text, i, start, raw));
      i = tokens[tokens.length - 1]!.end;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 256));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], start, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const number = /^-?\d[\d_]*(\.\d+)?/.exec(text.slice(i, i + 64));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], start, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    throw new StarlarkError(`\`${c}\` is not read (only calls with literal arguments are)`, i);
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

function readString(text: string, quoteAt: number, start: number, raw: boolean): Token {
  const quote = text[quoteAt]!;
  const triple = text.startsWith(quote.repeat(3), quoteAt);
  const close = triple ? quote.repeat(3) : quote;
  let i = quoteAt + close.length;
  let value = '';
  while (i < text.length) {
    if (text.startsWith(close, i)) {
      const end = i + close.length;
      return { kind: 'string', text: text.slice(start, end), value, start, end };
    }
    const c = text[i]!;
    if (!triple && c === '\n') break;
    if (c === '\\' && !raw && i + 1 < text.length) {
      const next = text[i + 1]!;
      value += ESCAPES[next] ?? (next === '\n' ? '' : `\\${next}`);
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new StarlarkError('a string is not closed', start);
}

/** A parsed value with where it is written: the whole node, and for a keyword argument its `name = value`. */
interface Node {
  value: unknown;
  start: number;
  end: number;
  children?: Map<string | number, Node>;
}

class Parser {
  private at = 0;
  private readonly names = new Map<string, Node>();
  readonly calls = new Map<string, Node[]>();

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[this.at++] ?? this.peek();
  }
  private expect(text: string): Token {
    const token = this.next();
    if (token.text !== text || token.kind === 'string')
      throw new StarlarkError(`expected \`${text}\`, found \`${token.text || 'the end'}\``, token.start);
    return token;
  }

  file(): void {
    while (this.peek().kind !== 'eof') {
      const head = this.next();
      if (head.kind !== 'name') throw new StarlarkError(`\`${head.text}\` cannot start a statement here`, head.start);
      if (this.peek().text === '=') {
        this.next();
        this.names.set(head.text, this.expression(0));
        continue;
      }
      if (this.peek().text !== '(')
        throw new StarlarkError(`\`${head.text}\` is not read (only calls and NAME = literal are)`, head.start);
      if (head.text === 'load') throw new StarlarkError('`load` brings in another file, which is not read', head.start);
      const call = this.call(head);
      const list = this.calls.get(head.text) ?? [];
      list.push(call);
      this.calls.set(head.text, list);
    }
  }

  private call(head: Token): Node {
    this.expect('(');
    const children = new Map<string | number, Node>();
    const value: Record<string, unknown> = {};
    const positional: Node[] = [];
    while (this.peek().text !== ')' || this.peek().kind === 'string') {
      const token = this.peek();
      if (token.kind === 'name' && this.peek(1).text === '=' && this.peek(1).kind === 'punct') {
        this.next();
        this.next();
        const argument = this.expression(1);
        if (Object.hasOwn(value, token.text)) throw new StarlarkError(`\`${token.text}\` is given twice`, token.start);
        value[token.text] = argument.value;
        children.set(token.text, { ...argument, start: token.start });
      } else positional.push(this.expression(1));
      if (this.peek().text !== ',') break;
      this.next();
    }
    const close = this.expect(')');
    if (positional.length > 0) {
      value['$args'] = positional.map((p) => p.value);
      children.set('$args', listNode(positional, positional[0]!.start, close.start));
    }
    return { value, start: head.start, end: close.end, children };
  }

  private expression(depth: number): Node {
    if (depth > MAX_NESTING) throw new StarlarkError(`nesting deeper than ${MAX_NESTING} levels`, this.peek().start);
    const token = this.next();
    if (token.kind === 'string') {
      // Adjacent string literals join, as in Python.
      let value = token.value!;
      let end = token.end;
      while (this.peek().kind === 'string') {
        const more = this.next();
        value += more.value!;
        end = more.end;
      }
      return this.after({ value, start: token.start, end });
    }
    if (token.kind === 'number') return this.after({ value: Number(token.text.replace(/_/g, '')), ...span(token) });
    if (token.kind === 'name') {
      const literal = { True: true, False: false, None: null } as Record<string, unknown>;
      if (Object.hasOwn(literal, token.text)) return this.after({ value: literal[token.text], ...span(token) });
      const bound = this.names.get(token.text);
      if (!bound)
        throw new StarlarkError(`\`${token.text}\` is not a name bound to a literal earlier in the file`, token.start);
      return this.after({ ...bound, start: token.start, end: token.end });
    }
    if (token.text === '[' || token.text === '(') return this.after(this.list(token, depth));
    if (token.text === '{') return this.after(this.dict(token, depth));
    throw new StarlarkError(`\`${token.text || 'the end'}\` is not a literal`, token.start);
  }

  /** A literal must be followed by a separator: `+`, `%`, `.format()` and calls are never evaluated. */
  private after(node: Node): Node {
    const next = this.peek();
    if (next.kind === 'punct' && [',', ')', ']', '}', ':'].includes(next.text)) return node;
    if (next.kind === 'eof' || (next.kind === 'name' && this.peek(1).text === '=')) return node;
    if (next.kind === 'name' && this.peek(1).text === '(') return node;
    throw new StarlarkError(
      `\`${next.text}\` after a literal is not read (expressions are never evaluated)`,
      next.start,
    );
  }

  private list(open: Token, depth: number): Node {
    const close = open.text === '[' ? ']' : ')';
    const items: Node[] = [];
    while (this.peek().text !== close || this.peek().kind === 'string') {
      items.push(this.expression(depth + 1));
      if (this.peek().text !== ',') break;
      this.next();
    }
    const end = this.expect(close);
    return listNode(items, open.start, end.end);
  }

  private dict(open: Token, depth: number): Node {
    const value: Record<string, unknown> = {};
    const children = new Map<string | number, Node>();
    while (this.peek().text !== '}' || this.peek().kind === 'string') {
      const key = this.expression(depth + 1);
      this.expect(':');
      const item = this.expression(depth + 1);
      const name = String(key.value);
      value[name] = item.value;
      children.set(name, { ...item, start: key.start });
      if (this.peek().text !== ',') break;
      this.next();
    }
    const end = this.expect('}');
    return { value, start: open.start, end: end.end, children };
  }
}

const span = (token: Token) => ({ start: token.start, end: token.end });
const listNode = (items: Node[], start: number, end: number): Node => ({
  value: items.map((i) => i.value),
  start,
  end,
  children: new Map(items.map((item, index) => [index, item])),
});

export function parseStarlark(file: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  const spans: { start: number; end: number }[] = [];
  try {
    const parser = new Parser(tokenize(text, spans));
    parser.file();
    const comments = spans.map(({ start, end }) => ({
      text: text.slice(start + 1, end).trim(),
      range: lines.range(start, end),
    }));
    return {
      file,
      format: 'starlark',
      documents: [new StarlarkDocument(file, parser.calls, text, lines, comments)],
      problems: [],
    };
  } catch (error) {
    if (!(error instanceof StarlarkError)) throw error;
    return {
      file,
      format: 'starlark',
      documents: [],
      problems: [{ message: `Starlark: ${error.message}`, range: lines.range(error.offset, error.offset + 1) }],
    };
  }
}

class StarlarkDocument implements SourceDocument {
  readonly format = 'starlark' as const;
  readonly index = 0;
  readonly value: Record<string, unknown[]>;
  private readonly root: Node;

  constructor(
    readonly file: string,
    calls: Map<string, Node[]>,
    private readonly text: string,
    private readonly lines: LineIndex,
    readonly comments: readonly Comment[],
  ) {
    this.value = Object.fromEntries([...calls].map(([name, list]) => [name, list.map((c) => c.value)]));
    const children = new Map<string | number, Node>(
      [...calls].map(([name, list]) => [name, listNode(list, list[0]!.start, list[list.length - 1]!.end)]),
    );
    this.root = { value: this.value, start: 0, end: text.length, children };
  }

  locate(path: KeyPath): Range {
    return this.rangeOf(this.resolve(path).node);
  }

  locateText(path: KeyPath, needle: string | RegExp): Range {
    const { node, exact } = this.resolve(path);
    if (exact && typeof node.value === 'string') {
      const hit = findInSlice(this.text, node.start, node.end, needle);
      if (hit) return this.lines.range(hit[0], hit[1]);
    }
    return this.rangeOf(node);
  }

  private resolve(path: KeyPath): { node: Node; exact: boolean } {
    let node = this.root;
    for (const key of path) {
      const child = node.children?.get(key);
      if (!child) return { node, exact: false };
      node = child;
    }
    return { node, exact: true };
  }

  /** A node's range, cut at the end of its first line (a call spans its name to the end of that line). */
  private rangeOf(node: Node): Range {
    const { line } = this.lines.position(node.start);
    return this.lines.range(node.start, Math.min(node.end, this.lines.lineEnd(this.text, line)));
  }
}
