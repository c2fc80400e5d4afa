/**
 * Word resolution the way bash joins words: quotes and their concatenation, `$'…'`, escapes,
 * backslash-newline, parameter expansion with defaults, command substitution, brace expansion and
 * field splitting. Each resolved character remembers where it came from, so a word found inside a
 * `bash -c '…'` string can still be pointed at in the file. Nothing is evaluated.
 */
import type { SyntaxNode } from './parser.js';
import { UNKNOWN, type VariableValue } from './types.js';

/** One character of a resolved word. */
export interface Char {
  ch: string;
  /** Offset in the script being read, or -1 when the character came from a variable's value. */
  at: number;
  /** `lit`: unquoted source text (brace expansion applies); `quoted`; `exp`: from an expansion. */
  kind: 'lit' | 'quoted' | 'exp';
  /** Produced by an unquoted expansion: whitespace in it splits fields. */
  split?: boolean;
}

/** The alternatives one source word can take (defaults, known values); each is a run of characters. */
export type Alternatives = Char[][];

export interface Scope {
  /** The text being parsed (node offsets index into it). */
  text: string;
  lookup(name: string): VariableValue | undefined;
  assign(name: string, value: VariableValue): void;
  /** Reads the commands of a command substitution; returns the value it produces when knowable. */
  substitution(node: SyntaxNode): string | null;
  /** The elements of an array variable set in the script (`ARGS=(--yolo -p x)`), undefined if unknown. */
  array(name: string): readonly string[] | undefined;
  /** Reads the commands of a process substitution (`<(…)`), whose value is a path nobody knows. */
  process(node: SyntaxNode): void;
}

/** Words that are alternatives of each other beyond this many are dropped (and marked unknown). */
const MAX_ALTERNATIVES = 8;

const unknownChar = (at: number): Char => ({ ch: UNKNOWN, at, kind: 'exp' });

/** The real start of an expansion node: tree-sitter may count the whitespace in front of it. */
export function realStart(node: SyntaxNode, text: string): number {
  let i = node.startIndex;
  const end = node.endIndex;
  while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i < end ? i : node.startIndex;
}

function literal(text: string, at: number, kind: Char['kind']): Char[] {
  return [...text].map((ch, i) => ({ ch, at: at + i, kind }));
}

function product(parts: Alternatives[]): { alternatives: Alternatives; capped: boolean } {
  // Every word in `out` is built here, never shared, so a part with one alternative (the usual
  // case) is appended in place: copying each prefix made a long concatenation (`[[[[…`) quadratic.
  let out: Alternatives = [[]];
  let capped = false;
  for (const part of parts) {
    if (part.length === 1) {
      const tail = part[0]!;
      for (const head of out) for (const ch of tail) head.push(ch);
      continue;
    }
    const next: Alternatives = [];
    for (const head of out)
      for (const tail of part) {
        if (next.length >= MAX_ALTERNATIVES) {
          capped = true;
          break;
        }
        next.push([...head, ...tail]);
      }
    out = next;
  }
  return { alternatives: out, capped };
}

/** Resolves one word node (word, string, concatenation, expansion, …) to its alternatives. */
export function resolveNode(node: SyntaxNode, scope: Scope, quoted = false): Alternatives {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'extglob_pattern':
    case 'regex':
      return [unquotedWord(node.text, node.startIndex, quoted)];
    case 'raw_string':
      return [literal(node.text.slice(1, -1), node.startIndex + 1, 'quoted')];
    case 'ansi_c_string':
      return [ansiC(node.text, node.startIndex)];
    case 'string':
    case 'translated_string':
      return doubleQuoted(node, scope);
    case 'string_content':
      return [doubleQuotedText(node.text, node.startIndex)];
    case 'concatenation': {
      const parts = node.children.map((child) => resolveNode(child, scope, quoted));
      const { alternatives, capped } = product(parts);
      if (capped) alternatives.push([unknownChar(node.startIndex)]);
      return alternatives;
    }
    case 'simple_expansion':
    case 'expansion':
      return expansion(node, scope, quoted);
    case 'command_substitution': {
      const value = scope.substitution(node);
      return value === null ? [[unknownChar(realStart(node, scope.text))]] : [fromValue(value, quoted)];
    }
    case 'process_substitution':
      scope.process(node);
      return [[unknownChar(realStart(node, scope.text))]];
    case 'brace_expression':
      return [unquotedWord(node.text, node.startIndex, quoted)];
    default:
      // A bare name inside a word (`${X:-danger-full}` has one) is its text; arithmetic, process
      // substitution and anything else with parts is not knowable statically.
      if (node.namedChildCount === 0) return [unquotedWord(node.text, node.startIndex, quoted)];
      return [[unknownChar(realStart(node, scope.text))]];
  }
}

function fromValue(value: string, quoted: boolean): Char[] {
  return [...value].map((ch) => ({ ch, at: -1, kind: 'exp', split: !quoted }));
}

function variableAlternatives(value: VariableValue, quoted: boolean, at: number): Alternatives {
  const out: Alternatives = value.values.slice(0, MAX_ALTERNATIVES).map((v) => fromValue(v, quoted));
  if (value.unknown || out.length === 0) out.push([unknownChar(at)]);
  return out;
}

/** Backslash escapes outside quotes; in a word inside `"${x:-…}"` only the double-quote escapes apply. */
function unquotedWord(text: string, at: number, quoted: boolean): Char[] {
  if (quoted) return doubleQuotedText(text, at);
  const out: Char[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      if (text[i + 1] === '\n') {
        i++;
        continue;
      }
      out.push({ ch: text[i + 1]!, at: at + i + 1, kind: 'quoted' });
      i++;
      continue;
    }
    out.push({ ch, at: at + i, kind: 'lit' });
  }
  return out;
}

function doubleQuotedText(text: string, at: number): Char[] {
  const out: Char[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && '"\\$`\n'.includes(text[i + 1] ?? 'x')) {
      if (text[i + 1] !== '\n') out.push({ ch: text[i + 1]!, at: at + i + 1, kind: 'quoted' });
      i++;
      continue;
    }
    out.push({ ch, at: at + i, kind: 'quoted' });
  }
  return out;
}

function doubleQuoted(node: SyntaxNode, scope: Scope): Alternatives {
  const text = node.text;
  const open = node.type === 'translated_string' ? 2 : 1;
  const parts: Alternatives[] = [];
  let cursor = node.startIndex + open;
  const end = node.endIndex - 1;
  const source = (from: number, to: number): string => text.slice(from - node.startIndex, to - node.startIndex);
  for (const child of node.children) {
    if (child.type === '"' || child.type === '$"' || child.type === 'string_content') continue;
    const start = Math.max(cursor, realStart(child, scope.text));
    if (start > cursor) parts.push([doubleQuotedText(source(cursor, start), cursor)]);
    parts.push(resolveNode(child, scope, true));
    cursor = Math.max(cursor, child.endIndex);
  }
  if (end > cursor) parts.push([doubleQuotedText(source(cursor, end), cursor)]);
  const { alternatives, capped } = product(parts);
  if (capped) alternatives.push([unknownChar(node.startIndex)]);
  return alternatives;
}

const ANSI: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function ansiC(text: string, at: number): Char[] {
  const out: Char[] = [];
  const body = text.slice(2, -1);
  const base = at + 2;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out.push({ ch, at: base + i, kind: 'quoted' });
      continue;
    }
    const next = body[i + 1]!;
    const escape = /^(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.)/.exec(body.slice(i + 1));
    if (ANSI[next] !== undefined) {
      out.push({ ch: ANSI[next]!, at: base + i, kind: 'quoted' });
      i++;
    } else if (escape) {
      const code = escape[0];
      const value =
        code[0] === 'c'
          ? String.fromCharCode(code.charCodeAt(1) & 31)
          : String.fromCodePoint(/^[0-7]/.test(code) ? parseInt(code, 8) : parseInt(code.slice(1), 16));
      out.push({ ch: value, at: base + i, kind: 'quoted' });
      i += code.length;
    } else {
      out.push({ ch: '\\', at: base + i, kind: 'quoted' }, { ch: next, at: base + i + 1, kind: 'quoted' });
      i++;
    }
  }
  return out;
}

const DEFAULT_OPERATORS = new Set([':-', '-', ':=', '=', ':+', '+', ':?', '?']);

function expansion(node: SyntaxNode, scope: Scope, quoted: boolean): Alternatives {
  const at = realStart(node, scope.text);
  const children = node.children;
  const subscript = children[1]?.type === 'subscript' && children[2]?.type === '}' ? children[1] : null;
  if (subscript) return arrayElements(subscript, scope, quoted, at);
  const nameNode = children.find((c) => c.type === 'variable_name' || c.type === 'special_variable_name');
  if (!nameNode) return [[unknownChar(at)]];
  const name = nameNode.text;
  // `"$@"`, `${*}`: the positional words, when the script or function was handed known ones.
  const list = name === '@' || name === '*' ? scope.array(name) : undefined;
  if (list && (node.type === 'simple_expansion' || children.length === 3))
    return [listWords(list, name === '@' || !quoted, quoted)];
  const value = scope.lookup(name) ?? { values: [], unknown: true };
  if (node.type === 'simple_expansion') return variableAlternatives(value, quoted, at);
  const first = children[1];
  if (first && first !== nameNode) return [[unknownChar(at)]]; // `${#x}`, `${!x}`, `${x[@]}`
  const operatorIndex = children.indexOf(nameNode) + 1;
  const operator = children[operatorIndex];
  if (!operator || operator.type === '}') return variableAlternatives(value, quoted, at);
  if (!DEFAULT_OPERATORS.has(operator.type)) return [[unknownChar(at)]]; // `${x/a/b}`, `${x:1}`, `${x^^}`
  const wordNodes = children.slice(operatorIndex + 1).filter((c) => c.type !== '}');
  const { alternatives: word } = product(wordNodes.map((c) => resolveNode(c, scope, quoted)));
  const colon = operator.type.startsWith(':');
  // Which of the variable's possible states pick the word: unset (and empty, with a colon).
  const known = value.values;
  const picksWord = (v: string): boolean => colon && v === '';
  const kind = operator.type.replace(':', '');
  const out: Alternatives = [];
  const own = (v: string): Char[] => fromValue(v, quoted);
  if (kind === '+') {
    for (const v of known) out.push(picksWord(v) ? [] : (word[0] ?? []));
    if (value.unknown) out.push(...word, []);
    return dedupe(out);
  }
  for (const v of known) {
    if (picksWord(v)) out.push(...word);
    else out.push(own(v));
  }
  if (value.unknown || known.length === 0) {
    // Unknown counts as the word (the weakest reading), but could still be anything else.
    out.push(...word);
    out.push([unknownChar(at)]);
  }
  if (kind === '=') {
    const values = new Set<string>();
    let unknown = false;
    for (const alt of out) {
      if (alt.some((c) => c.ch === UNKNOWN)) unknown = true;
      else values.add(alt.map((c) => c.ch).join(''));
    }
    scope.assign(name, { values: [...values], unknown });
  }
  return dedupe(out);
}

/** `"${ARGS[@]}"`: each element a word of its own (elements keep their spaces when quoted). */
function arrayElements(subscript: SyntaxNode, scope: Scope, quoted: boolean, at: number): Alternatives {
  const name = subscript.namedChildren[0]?.text ?? '';
  const index = subscript.namedChildren[1]?.text ?? '';
  const elements = scope.array(name);
  if (!elements || (index !== '@' && index !== '*' && !/^\d+$/.test(index))) return [[unknownChar(at)]];
  if (/^\d+$/.test(index)) {
    const element = elements[Number(index)];
    return element === undefined ? [[unknownChar(at)]] : [fromValue(element, quoted)];
  }
  return [listWords(elements, index === '@' || !quoted, quoted)];
}

/** Elements joined as bash joins `"${A[@]}"`/`"$@"` (a word each) or `"$*"` (one word). */
function listWords(elements: readonly string[], apart: boolean, quoted: boolean): Char[] {
  const out: Char[] = [];
  elements.forEach((element, k) => {
    if (k > 0) out.push({ ch: ' ', at: -1, kind: 'exp', split: apart });
    out.push(...fromValue(element, quoted));
  });
  return out;
}

function dedupe(alternatives: Alternatives): Alternatives {
  const seen = new Set<string>();
  return alternatives.filter((alt) => {
    const key = alt.map((c) => c.ch).join('');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Brace expansion of unquoted `{a,b}` and `{1..3}`; each result is a separate word. */
export function braceExpand(chars: Char[], limit = 64): Char[][] {
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c.kind !== 'lit') continue;
    if (c.ch === '{' && !(i > 0 && chars[i - 1]!.ch === '$' && chars[i - 1]!.kind === 'lit')) {
      const close = matchingBrace(chars, i);
      if (close < 0) continue;
      const items = braceItems(chars, i, close);
      if (!items) continue;
      const head = chars.slice(0, i);
      const tails = braceExpand(chars.slice(close + 1), limit);
      const out: Char[][] = [];
      for (const item of items)
        for (const expanded of braceExpand(item, limit))
          for (const tail of tails) {
            if (out.length >= limit) return out;
            out.push([...head, ...expanded, ...tail]);
          }
      return out;
    }
  }
  return [chars];
}

function matchingBrace(chars: Char[], open: number): number {
  let depth = 0;
  for (let i = open; i < chars.length; i++) {
    const c = chars[i]!;
    if (c.kind !== 'lit') continue;
    if (c.ch === '{') depth++;
    else if (c.ch === '}' && --depth === 0) return i;
  }
  return -1;
}

function braceItems(chars: Char[], open: number, close: number): Char[][] | null {
  const items: Char[][] = [];
  let depth = 0;
  let current: Char[] = [];
  for (let i = open + 1; i < close; i++) {
    const c = chars[i]!;
    if (c.kind === 'lit' && c.ch === '{') depth++;
    if (c.kind === 'lit' && c.ch === '}') depth--;
    if (c.kind === 'lit' && c.ch === ',' && depth === 0) {
      items.push(current);
      current = [];
      continue;
    }
    current.push(c);
  }
  items.push(current);
  if (items.length > 1) return items;
  const text = current.map((c) => c.ch).join('');
  const range = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])$/.exec(text);
  if (!range) return null;
  const numeric = /\d/.test(range[1]!);
  const from = numeric ? Number(range[1]) : range[1]!.charCodeAt(0);
  const to = numeric ? Number(range[2]) : range[2]!.charCodeAt(0);
  const step = from <= to ? 1 : -1;
  const at = chars[open]!.at;
  const out: Char[][] = [];
  for (let v = from; step > 0 ? v <= to : v >= to; v += step) {
    if (out.length >= 64) break;
    const s = numeric ? String(v) : String.fromCharCode(v);
    out.push([...s].map((ch) => ({ ch, at, kind: 'quoted' as const })));
  }
  return out;
}

/**
 * Splits the characters unquoted expansions produced, as bash does with `IFS` (default: blanks
 * and newlines). IFS whitespace runs are one separator; any other IFS character ends a field each
 * time (`a,,b` with `IFS=,` is `a`, an empty field, `b`).
 */
export function splitFields(chars: Char[], ifs = ' \t\n'): Char[][] {
  const splits = (c: Char): boolean => c.split === true && ifs.includes(c.ch);
  if (!chars.some(splits)) return [chars];
  const fields: Char[][] = [];
  let current: Char[] = [];
  let started = false;
  let afterHard = false;
  for (const c of chars) {
    if (splits(c)) {
      const hard = !/\s/.test(c.ch);
      if (hard) {
        if (started || afterHard) fields.push(current);
        else if (fields.length === 0 && !started) fields.push([]);
        afterHard = true;
      } else if (started) {
        fields.push(current);
        afterHard = false;
      }
      current = [];
      started = false;
      continue;
    }
    current.push(c);
    started = true;
    afterHard = false;
  }
  if (started) fields.push(current);
  return fields;
}
