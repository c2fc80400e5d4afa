/** Source references to text inside a scalar, robust to the same text appearing more than once. */
import type { SourceRef } from '../../model.js';
import type { TextAt } from './types.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A reference to `value.slice(start, end)` inside the scalar. When the same text occurs earlier in
 * the scalar, a look-behind pattern selects this occurrence, so two identical flags in one `run:`
 * block point at two different lines. Multi-line slices are cut to their first line, because
 * block scalars are indented differently in the source.
 */
export function refAt(at: TextAt, start: number, end: number): SourceRef {
  let needle = at.value.slice(start, end);
  const newline = needle.search(/[\r\n]/);
  if (newline >= 0) needle = needle.slice(0, newline);
  needle = needle.trimEnd();
  if (!needle) return { file: at.file, path: at.path };
  const before = countOccurrences(at.value.slice(0, start), needle);
  if (before === 0) return { file: at.file, path: at.path, text: needle };
  const escaped = escapeRegExp(needle);
  return { file: at.file, path: at.path, text: new RegExp(`(?<=(?:[\\s\\S]*?${escaped}){${before}}[\\s\\S]*?)${escaped}`) };
}

/** A reference to the first occurrence of `needle` in the scalar, or to the scalar when absent. */
export function refTo(at: TextAt, needle: string): SourceRef {
  const index = at.value.indexOf(needle);
  return index < 0 ? { file: at.file, path: at.path } : refAt(at, index, index + needle.length);
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}
