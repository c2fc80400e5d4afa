/** Source references to text inside a scalar, robust to the same text appearing more than once. */
import type { SourceRef } from '../../model.js';
import type { TextAt } from './types.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Beyond this many earlier copies of the same text, a reference points at the first one. */
const MAX_OCCURRENCE = 50;

/**
 * A reference to `value.slice(start, end)` inside the scalar. When the same text occurs earlier in
 * the scalar, a look-behind pattern selects this occurrence, so two identical flags in one `run:`
 * block point at two different lines. Multi-line slices are cut to their first line, because
 * block scalars are indented differently in the source.
 */
export function refAt(at: TextAt, start: number, end: number): SourceRef {
  if (at.lines) return rangeRef(at, at.lines, start, end);
  let needle = at.value.slice(start, end);
  const newline = needle.search(/[\r\n]/);
  if (newline >= 0) needle = needle.slice(0, newline);
  needle = needle.trimEnd();
  if (!needle) return { file: at.file, path: at.path };
  const before = countBefore(at.value, needle, start);
  if (before === 0 || before > MAX_OCCURRENCE) return { file: at.file, path: at.path, text: needle };
  // The needle, then a look-behind that splits the text before it at each earlier copy. Tempered
  // tokens make that split unique, so the check is linear and runs only where the needle matches.
  const x = escapeRegExp(needle);
  const other = `(?:(?!${x})[\\s\\S])*`;
  return { file: at.file, path: at.path, text: new RegExp(`${x}(?<=^${other}(?:${x}${other}){${before}}${x})`) };
}

/** A reference to the first occurrence of `needle` in the scalar, or to the scalar when absent. */
export function refTo(at: TextAt, needle: string): SourceRef {
  const index = at.value.indexOf(needle);
  return index < 0 ? { file: at.file, path: at.path } : refAt(at, index, index + needle.length);
}

/** Copies of `needle` that end at or before `start`, counting no further than the cap. */
function countBefore(text: string, needle: string, start: number): number {
  let count = 0;
  for (
    let i = text.indexOf(needle);
    i >= 0 && i + needle.length <= start && count <= MAX_OCCURRENCE;
    i = text.indexOf(needle, i + needle.length)
  )
    count++;
  return count;
}

/** An exact range in a file read as text, cut to its first line like a scalar's reference. */
function rangeRef(at: TextAt, lines: NonNullable<TextAt['lines']>, start: number, end: number): SourceRef {
  const newline = at.value.slice(start, end).search(/[\r\n]/);
  let stop = newline >= 0 ? start + newline : end;
  while (stop > start && /\s/.test(at.value[stop - 1]!)) stop--;
  return { file: at.file, path: [], range: lines.range(start, stop) };
}
