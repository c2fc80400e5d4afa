/** Offset ↔ line:column arithmetic shared by every format. Lines end at \n, \r\n or a lone \r. */
import type { Range } from './types.js';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Offset where the given 1-based line ends (before its line break). */
  lineEnd(text: string, line: number): number {
    const next = this.starts[line];
    if (next === undefined) return text.length;
    let end = next - 1;
    if (end > 0 && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Strips a UTF-8 BOM and turns lone CRs into LFs: offsets and line numbers stay the same. */
export function normaliseText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r(?!\n)/g, '\n') : withoutBom;
}

/** Finds `needle` in `text` between two offsets; returns absolute [start, end) or null. */
export function findInSlice(
  text: string,
  start: number,
  end: number,
  needle: string | RegExp,
): [number, number] | null {
  const slice = text.slice(start, end);
  if (typeof needle === 'string') {
    const at = slice.indexOf(needle);
    return at < 0 ? null : [start + at, start + at + needle.length];
  }
  const flags = needle.flags.replace('g', '').replace('y', '');
  const match = new RegExp(needle.source, flags).exec(slice);
  return match ? [start + match.index, start + match.index + match[0].length] : null;
}

/**
 * Deepest bracket nesting outside strings, stopping early once `limit` is passed. A cheap guard
 * run before recursive parsers so hostile input cannot overflow the stack.
 */
export function bracketDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92) i++;
      else if (c === quote || c === 10) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return false;
}

/**
 * Deepest nesting any format accepts. Real configuration stays far below it; parsers and adapters
 * recurse per level, and this leaves them most of the default stack even when called deep inside it.
 */
export const MAX_NESTING = 256;

export const nestingProblem = (): string => `nesting deeper than ${MAX_NESTING} levels`;

/**
 * Checks a plain value (as parsed) for cycles and for nesting deeper than `limit`, without
 * recursion. Values shared through YAML aliases are visited once (their height is remembered), so
 * this is linear in the number of distinct objects.
 */
export function valueShapeProblem(value: unknown, limit: number): 'cycle' | 'deep' | null {
  const height = new Map<object, number>();
  const onPath = new Set<object>();
  type Frame = { node: object; children: unknown[]; next: number; tallest: number };
  const frames: Frame[] = [];
  const open = (node: object): Frame => ({ node, children: childrenOf(node), next: 0, tallest: 0 });
  if (!isContainer(value)) return null;
  frames.push(open(value));
  onPath.add(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (!isContainer(child)) continue;
      if (onPath.has(child)) return 'cycle';
      const known = height.get(child);
      if (known !== undefined) {
        if (frames.length + known > limit) return 'deep';
        frame.tallest = Math.max(frame.tallest, known);
        continue;
      }
      if (frames.length + 1 > limit) return 'deep';
      frames.push(open(child));
      onPath.add(child);
      continue;
    }
    frames.pop();
    onPath.delete(frame.node);
    const own = frame.tallest + 1;
    height.set(frame.node, own);
    const parent = frames[frames.length - 1];
    if (parent) parent.tallest = Math.max(parent.tallest, own);
  }
  return null;
}

const isContainer = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof Date);

function childrenOf(node: object): unknown[] {
  if (Array.isArray(node)) return node;
  if (node instanceof Map) return [...node.keys(), ...node.values()];
  if (node instanceof Set) return [...node];
  return Object.values(node);
}
