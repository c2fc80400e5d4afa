/**
 * Format-preserving JSON/JSONC edits on jsonc-parser's syntax tree. jsonc-parser's own `modify`
 * reformats the lines around an edit (one-line arrays become blocks), so edits are written here:
 * only the value, property or item a change names is touched, in the style of its neighbours.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { FixChange } from '../model.js';
import { findInSlice } from '../documents/positions.js';
import { dropFlag, type TextEdit } from './text-edit.js';

type Change = Exclude<FixChange, { kind: 'create-file' }>;

let lastTree: { text: string; root: Node | undefined } | null = null;
/** Findings in one file arrive together: its tree is kept for the next one. */
function treeOf(text: string): Node | undefined {
  if (lastTree?.text !== text)
    lastTree = { text, root: parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) };
  return lastTree.root;
}

export function jsonEdits(text: string, eol: string, change: Change): TextEdit[] | string {
  const root = treeOf(text);
  if (!root) return 'the file does not parse';
  const path = change.at.path as (string | number)[];
  const node = findNodeAtLocation(root, path);
  switch (change.kind) {
    case 'replace-text': {
      if (!node || node.type !== 'string') return 'the value is not where the finding points';
      const hit = findInSlice(text, node.offset, node.offset + node.length, change.at.text);
      if (!hit) return 'the text is not in the value any more';
      return [dropFlag(text, hit[0], hit[1], change.replacement, eol)];
    }
    case 'remove':
      if (!node) return [];
      return [removeEntry(text, node.parent?.type === 'property' ? node.parent : node)];
    case 'set':
      return set(text, eol, root, path, change.value, change.ifAbsent ?? false);
    case 'add-condition':
      return 'conditions are for workflow jobs';
  }
}

function set(
  text: string,
  eol: string,
  root: Node,
  path: (string | number)[],
  value: unknown,
  ifAbsent: boolean,
): TextEdit[] | string {
  const node = findNodeAtLocation(root, path);
  if (node) {
    if (node.type === 'object' && isPlainObject(value)) {
      // Merge key by key; each edit is computed on the text the previous one left, then joined.
      let current = text;
      for (const [key, inner] of Object.entries(value)) {
        const tree = parseTree(current, [], { allowTrailingComma: true, disallowComments: false })!;
        const edits = set(current, eol, tree, [...path, key], inner, ifAbsent);
        if (typeof edits === 'string') return edits;
        current = applyOffsets(current, edits);
      }
      return current === text ? [] : [spanBetween(text, current)];
    }
    if (ifAbsent || sameValue(node, value)) return [];
    const indent = lineIndent(text, node.parent?.offset ?? node.offset);
    return [{ start: node.offset, end: node.offset + node.length, text: render(value, indent, unitOf(text), eol) }];
  }
  // The nearest object on the path takes the rest of it as one nested value.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth));
    if (!parent) continue;
    if (parent.type !== 'object') return 'the parent is not an object';
    const key = path[depth];
    if (typeof key !== 'string') return 'a list item to create';
    const nested = path.slice(depth + 1).reduceRight<unknown>((inner, k) => ({ [k]: inner }), value);
    return [insertProperty(text, eol, parent, key, nested)];
  }
  return 'no object to write into';
}

/** Adds `"key": value` after the object's last property, on a line of its own when its properties are. */
function insertProperty(text: string, eol: string, object: Node, key: string, value: unknown): TextEdit {
  const unit = unitOf(text);
  const props = object.children ?? [];
  const last = props[props.length - 1];
  if (!last) {
    const indent = lineIndent(text, object.offset);
    const inner = `${indent}${unit}${JSON.stringify(key)}: ${render(value, indent + unit, unit, eol)}`;
    return { start: object.offset, end: object.offset + object.length, text: `{${eol}${inner}${eol}${indent}}` };
  }
  const end = last.offset + last.length;
  const own = lineStart(text, last.offset) === lineStartSkippingIndent(text, last.offset);
  if (own) {
    const indent = lineIndent(text, last.offset);
    return { start: end, end, text: `,${eol}${indent}${JSON.stringify(key)}: ${render(value, indent, unit, eol)}` };
  }
  return { start: end, end, text: `, ${JSON.stringify(key)}: ${compact(value)}` };
}

/** A property or array item with the comma that separates it from a neighbour. */
function removeEntry(text: string, node: Node): TextEdit {
  const siblings = node.parent?.children ?? [];
  const index = siblings.indexOf(node);
  const next = siblings[index + 1];
  if (next) return { start: node.offset, end: next.offset, text: '' };
  const prev = siblings[index - 1];
  const end = node.offset + node.length;
  if (prev) return { start: prev.offset + prev.length, end, text: '' };
  // The only entry: a trailing comma after it (JSONC) goes too.
  const comma = /^\s*,/.exec(text.slice(end));
  return { start: node.offset, end: end + (comma ? comma[0].length : 0), text: '' };
}

function sameValue(node: Node, value: unknown): boolean {
  if (node.type === 'object' || node.type === 'array') return false;
  return node.value === value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Block JSON at `indent`, the file's indentation unit per level. */
function render(value: unknown, indent: string, unit: string, eol: string): string {
  const text = JSON.stringify(value, null, unit.includes('\t') ? '\t' : unit.length) ?? 'null';
  return text.split('\n').join(`${eol}${indent}`);
}

/** `{ "a": 1, "b": [2] }`: for an object written on one line. */
function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (isPlainObject(value))
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value) ?? 'null';
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineStartSkippingIndent(text: string, offset: number): number {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0].length === offset - start ? start : -1;
}

const lineIndent = (text: string, offset: number): string => {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
};

/** Tabs, or the smallest indentation the file uses (two spaces when it has none). */
function unitOf(text: string): string {
  if (/^\t+["{[\]}]/m.test(text)) return '\t';
  let size = 0;
  for (const m of text.matchAll(/^( +)["{[\]}]/gm)) {
    const n = m[1]!.length;
    if (size === 0 || n < size) size = n;
  }
  return ' '.repeat(size || 2);
}

/** The one span that differs between two texts. */
function spanBetween(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (
    tail < before.length - start &&
    tail < after.length - start &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

function applyOffsets(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
