/** Format-preserving TOML edits on the spans toml-eslint-parser gives each key, value and table. */
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { KeyPath } from '../documents/types.js';
import type { FixChange } from '../model.js';
import { findInSlice } from '../documents/positions.js';
import { dropFlag, type TextEdit } from './text-edit.js';

interface Spot {
  /** `key = value` or an array element. */
  start: number;
  end: number;
  value: AST.TOMLContentNode;
  /** The array holding an element, for removing it with its comma. */
  array?: AST.TOMLArray;
}

export function tomlEdits(
  text: string,
  eol: string,
  change: Exclude<FixChange, { kind: 'create-file' }>,
): TextEdit[] | string {
  const ast = astOf(text);
  if (!ast) return 'the file does not parse';
  const spot = find(ast, change.at.path);
  switch (change.kind) {
    case 'replace-text': {
      if (!spot || spot.value.type !== 'TOMLValue') return 'the value is not where the finding points';
      const hit = findInSlice(text, spot.value.range[0], spot.value.range[1], change.at.text);
      if (!hit) return 'the text is not in the value any more';
      return [dropFlag(text, hit[0], hit[1], change.replacement, eol)];
    }
    case 'remove':
      if (!spot) return [];
      return [spot.array ? removeElement(spot) : wholeLines(text, spot.start, spot.end)];
    case 'set': {
      const literal = tomlLiteral(change.value);
      if (literal === null) return 'only strings, numbers, booleans and lists of them';
      if (spot) {
        if (change.ifAbsent) return [];
        if (text.slice(spot.value.range[0], spot.value.range[1]) === literal) return [];
        return [{ start: spot.value.range[0], end: spot.value.range[1], text: literal }];
      }
      return insertKey(text, eol, ast, change.at.path, literal);
    }
    case 'add-condition':
      return 'conditions are for workflow jobs';
  }
}

let lastAst: { text: string; ast: AST.TOMLProgram | null } | null = null;
/** Findings in one file arrive together: its syntax tree is kept for the next one. */
function astOf(text: string): AST.TOMLProgram | null {
  if (lastAst?.text === text) return lastAst.ast;
  let ast: AST.TOMLProgram | null;
  try {
    ast = parseTOML(text);
  } catch {
    ast = null;
  }
  lastAst = { text, ast };
  return ast;
}

function find(ast: AST.TOMLProgram, path: KeyPath): Spot | null {
  const want = path.map(String).join('\u0000');
  let found: Spot | null = null;
  const visitKv = (base: readonly (string | number)[], kv: AST.TOMLKeyValue): void => {
    const full = [...base, ...kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value))];
    if (full.map(String).join('\u0000') === want) found = { start: kv.range[0], end: kv.range[1], value: kv.value };
    visitContent(full, kv.value);
  };
  const visitContent = (base: readonly (string | number)[], node: AST.TOMLContentNode): void => {
    if (node.type === 'TOMLInlineTable') for (const kv of node.body) visitKv(base, kv);
    if (node.type === 'TOMLArray')
      node.elements.forEach((element, i) => {
        const full = [...base, i];
        if (full.map(String).join('\u0000') === want)
          found = { start: element.range[0], end: element.range[1], value: element, array: node };
        visitContent(full, element);
      });
  };
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLTable') for (const kv of item.body) visitKv(item.resolvedKey, kv);
    else visitKv([], item);
  }
  return found;
}

/** Adds `key = value` to the table the path names (after its last line), or a new table at the end. */
function insertKey(
  text: string,
  eol: string,
  ast: AST.TOMLProgram,
  path: KeyPath,
  literal: string,
): TextEdit[] | string {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return 'a list item to create';
  const table = path.slice(0, -1).map(String);
  const line = `${bareOrQuoted(key)} = ${literal}`;
  const items = ast.body[0].body;
  if (table.length === 0) {
    const firstTable = items.find((i) => i.type === 'TOMLTable');
    if (!firstTable) return [appendLine(text, eol, line)];
    return [{ start: firstTable.range[0], end: firstTable.range[0], text: `${line}${eol}${eol}` }];
  }
  const match = items.find(
    (i): i is AST.TOMLTable =>
      i.type === 'TOMLTable' &&
      i.kind === 'standard' &&
      i.resolvedKey.map(String).join('\u0000') === table.join('\u0000'),
  );
  if (match) {
    const end = match.range[1];
    return [{ start: end, end, text: `${eol}${line}` }];
  }
  return [appendLine(text, eol, `[${table.map(bareOrQuoted).join('.')}]${eol}${line}`)];
}

function appendLine(text: string, eol: string, line: string): TextEdit {
  const trimmed = text.replace(/\s+$/, '');
  const sep = trimmed.length === 0 ? '' : text.endsWith(eol) ? eol : `${eol}${eol}`;
  return { start: text.length, end: text.length, text: `${sep}${line}${eol}` };
}

function removeElement(spot: Spot): TextEdit {
  const elements = spot.array!.elements;
  const index = elements.findIndex((e) => e.range[0] === spot.start);
  const next = elements[index + 1];
  if (next) return { start: spot.start, end: next.range[0], text: '' };
  const prev = elements[index - 1];
  return { start: prev ? prev.range[1] : spot.start, end: spot.end, text: '' };
}

function wholeLines(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const before = text.slice(lineStart, start);
  if (/^\s*$/.test(before)) return { start: lineStart, end: nl < 0 ? text.length : nl + 1, text: '' };
  return { start, end, text: '' };
}

const bareOrQuoted = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));

function tomlLiteral(value: unknown): string | null {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  if (Array.isArray(value)) {
    const items = value.map(tomlLiteral);
    return items.includes(null) ? null : `[${items.join(', ')}]`;
  }
  return null;
}
