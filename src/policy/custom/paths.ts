/**
 * Field paths of custom rules: `spec.template.spec.runtimeClassName`, `containers[*].image`,
 * `metadata.annotations["example.com/x"]`, `$.permissions` (from the document root), or a YAML list
 * of keys. Resolving a path with `*` yields one concrete key path per item.
 */
import type { KeyPath } from '../../documents/types.js';
import { isRecord } from '../../util/json.js';

export type Segment = { key: string } | { index: number } | { any: true };

export interface FieldPath {
  /** From the document root rather than the deployment's own node. */
  absolute: boolean;
  segments: Segment[];
}

export class FieldPathError extends Error {}

export function parseFieldPath(input: string | readonly (string | number)[]): FieldPath {
  if (typeof input !== 'string') {
    const items = [...input];
    const absolute = items[0] === '$';
    if (absolute) items.shift();
    return {
      absolute,
      segments: items.map((k) => (typeof k === 'number' ? { index: k } : k === '*' ? { any: true } : { key: k })),
    };
  }
  let text = input.trim();
  let absolute = false;
  if (text === '$' || text.startsWith('$.') || text.startsWith('$[')) {
    absolute = true;
    text = text.slice(1).replace(/^\./, '');
  }
  const segments: Segment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new FieldPathError(`cannot read field path \`${input}\` at character ${i + 1}: ${why}`);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '[') {
      const end = closing(text, i);
      if (end < 0) fail('`[` is never closed');
      const inner = text.slice(i + 1, end).trim();
      if (inner === '*') segments.push({ any: true });
      else if (/^\d+$/.test(inner)) segments.push({ index: Number(inner) });
      else if (/^(["']).*\1$/s.test(inner)) segments.push({ key: inner.slice(1, -1) });
      else fail('inside `[ ]` write a number, `*` or a quoted key');
      i = end + 1;
      if (i < text.length && text[i] !== '.' && text[i] !== '[') fail('expected `.` or `[` after `]`');
      if (text[i] === '.') i++;
      if (text[i - 1] === '.' && i >= text.length) fail('a path cannot end with `.`');
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const key = text.slice(i, end);
    if (key.length === 0) fail('empty key (two dots, or a leading dot)');
    segments.push(key === '*' ? { any: true } : { key });
    i = end;
    if (text[i] === '.') {
      i++;
      if (i >= text.length) fail('a path cannot end with `.`');
    }
  }
  if (segments.length === 0 && !absolute) fail('the path is empty');
  return { absolute, segments };
}

function closing(text: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

export interface Resolved {
  /** Concrete key path from where the field path started. */
  path: (string | number)[];
  found: boolean;
  value: unknown;
}

/** Every concrete path the field names in `start`; a `*` over nothing yields nothing. */
export function resolveField(start: unknown, field: FieldPath): Resolved[] {
  let current: Resolved[] = [{ path: [], found: true, value: start }];
  for (const segment of field.segments) {
    const next: Resolved[] = [];
    for (const at of current) {
      if (!at.found) {
        next.push({
          path: [...at.path, 'any' in segment ? '*' : 'key' in segment ? segment.key : segment.index],
          found: false,
          value: undefined,
        });
        continue;
      }
      const value = at.value;
      if ('any' in segment) {
        if (Array.isArray(value))
          value.forEach((item, i) => next.push({ path: [...at.path, i], found: true, value: item }));
        else if (isRecord(value))
          for (const [k, v] of Object.entries(value)) next.push({ path: [...at.path, k], found: true, value: v });
        continue;
      }
      const step = stepInto(value, segment);
      next.push({ path: [...at.path, step.key], found: step.found, value: step.value });
    }
    current = next;
  }
  return current;
}

function stepInto(
  value: unknown,
  segment: { key: string } | { index: number },
): { key: string | number; found: boolean; value: unknown } {
  if (Array.isArray(value)) {
    const index = 'index' in segment ? segment.index : /^\d+$/.test(segment.key) ? Number(segment.key) : -1;
    if (index >= 0 && index < value.length) return { key: index, found: true, value: value[index] };
    return { key: index >= 0 ? index : 'key' in segment ? segment.key : segment.index, found: false, value: undefined };
  }
  const key = 'key' in segment ? segment.key : String(segment.index);
  if (isRecord(value) && Object.hasOwn(value, key)) return { key, found: true, value: value[key] };
  return { key, found: false, value: undefined };
}

/** `spec.containers[1].image`, quoting keys that are not plain words. */
export function fieldLabel(path: KeyPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || '(root)';
}
