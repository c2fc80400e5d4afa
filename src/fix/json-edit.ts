/** Format-preserving JSON/JSONC edits through jsonc-parser's `modify`, which writes only what changes. */
import { findNodeAtLocation, modify, parseTree, type Node } from 'jsonc-parser';
import type { FixChange } from '../model.js';
import { findInSlice } from '../documents/positions.js';
import { dropFlag, type TextEdit } from './text-edit.js';

export function jsonEdits(
  text: string,
  eol: string,
  change: Exclude<FixChange, { kind: 'create-file' }>,
): TextEdit[] | string {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return 'the file does not parse';
  const path = change.at.path as (string | number)[];
  const node = findNodeAtLocation(root, path);
  const formattingOptions = { ...indentationOf(text), eol };
  switch (change.kind) {
    case 'replace-text': {
      if (!node || node.type !== 'string') return 'the value is not where the finding points';
      const hit = findInSlice(text, node.offset, node.offset + node.length, change.at.text);
      if (!hit) return 'the text is not in the value any more';
      return [dropFlag(text, hit[0], hit[1], change.replacement, eol)];
    }
    case 'remove':
      if (!node) return [];
      // jsonc-parser's formatter mangles the last element of a one-line array; items are cut by hand.
      if (node.parent?.type === 'array') return [removeItem(node, text)];
      return minimal(text, modify(text, path, undefined, { formattingOptions }).map(toTextEdit));
    case 'set': {
      if (node && sameValue(node, change.value)) return [];
      if (node && change.ifAbsent && !(node.type === 'object' && isPlainObject(change.value))) return [];
      if (node && isPlainObject(change.value) && node.type === 'object') {
        // Merge key by key so what the object already says stays.
        let current = text;
        for (const [key, value] of Object.entries(change.value)) {
          const edits = jsonEdits(current, eol, { ...change, at: { ...change.at, path: [...path, key] }, value });
          if (typeof edits === 'string') return edits;
          current = applyOffsets(current, edits);
        }
        // Each key's edit is relative to the text before it: hand back the one span that changed.
        return current === text ? [] : [spanBetween(text, current)];
      }
      return minimal(text, modify(text, path, change.value, { formattingOptions }).map(toTextEdit));
    }
    case 'add-condition':
      return 'conditions are for workflow jobs';
  }
}

function sameValue(node: Node, value: unknown): boolean {
  if (node.type === 'object' || node.type === 'array') return false;
  return node.value === value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const toTextEdit = (e: { offset: number; length: number; content: string }): TextEdit => ({
  start: e.offset,
  end: e.offset + e.length,
  text: e.content,
});

/** An array element with the comma that separates it from its neighbour. */
function removeItem(node: Node, text: string): TextEdit {
  const items = node.parent!.children ?? [];
  const index = items.indexOf(node);
  const next = items[index + 1];
  if (next) return { start: node.offset, end: next.offset, text: '' };
  const prev = items[index - 1];
  const end = node.offset + node.length;
  if (prev) return { start: prev.offset + prev.length, end, text: '' };
  // The only item: a trailing comma after it (JSONC) goes too.
  const comma = /^\s*,/.exec(text.slice(end));
  return { start: node.offset, end: end + (comma ? comma[0].length : 0), text: '' };
}

/** jsonc-parser rewrites whole lines; the edit a reviewer sees should be only what changes. */
function minimal(text: string, edits: TextEdit[]): TextEdit[] {
  if (edits.length === 0) return [];
  const after = applyOffsets(text, edits);
  return after === text ? [] : [spanBetween(text, after)];
}

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

/** Tabs or the smallest indentation the file uses. */
function indentationOf(text: string): { insertSpaces: boolean; tabSize: number } {
  if (/^\t/m.test(text)) return { insertSpaces: false, tabSize: 1 };
  let size = 0;
  for (const m of text.matchAll(/^( +)["{[\]}]/gm)) {
    const n = m[1]!.length;
    if (size === 0 || n < size) size = n;
  }
  return { insertSpaces: true, tabSize: size || 2 };
}
