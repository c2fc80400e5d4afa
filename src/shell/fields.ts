/** Resolved words with the characters they came from, so a script inside one maps back to the file. */
import type { Frame } from './read.js';
import { UNKNOWN, type ShellWord } from './types.js';
import type { Char } from './words.js';

/** A resolved word with the characters it came from, so a script inside it maps back to the file. */
export interface Field {
  word: ShellWord;
  chars: Char[];
  frame: Frame;
}

/** The part of a word from character `from` on (after `--opt=`, an attached short value), keeping its origin. */
export function sliceField(field: Field, from: number): Field {
  const chars = field.chars.slice(from);
  const value = chars.map((c) => c.ch).join('');
  const at = chars.find((c) => c.at >= 0)?.at;
  const start = at !== undefined && field.frame.toFile(at) >= 0 ? field.frame.toFile(at) : field.word.start;
  return {
    word: { ...field.word, value, alternatives: [value], unknown: value.includes(UNKNOWN), start },
    chars,
    frame: field.frame,
  };
}

/** Fields one after another, `separator` between them (`eval a b` runs them joined by spaces, as echo prints them). */
export function joinFields(fields: readonly Field[], separator = ' '): Field {
  if (fields.length === 1) return fields[0]!;
  const chars: Char[] = [];
  fields.forEach((f, k) => {
    if (k > 0) chars.push({ ch: separator, at: -1, kind: 'quoted' });
    chars.push(...f.chars);
  });
  const first = fields[0]!;
  const value = chars.map((c) => c.ch).join('');
  return {
    word: {
      ...first.word,
      value,
      alternatives: [value],
      unknown: value.includes(UNKNOWN),
      end: fields.at(-1)!.word.end,
    },
    chars,
    frame: first.frame,
  };
}

/**
 * `joinFields` for fields that may come from different scripts (frames): an alias defined in one and
 * used in another. The result has a frame of its own that maps each character to where it is written.
 */
export function joinAcross(fields: readonly Field[]): Field {
  const first = fields[0]!;
  if (fields.every((f) => f.frame === first.frame)) return joinFields(fields);
  // Each character's place in the file, by its index in the joined text: the new frame's map.
  const fileAt: number[] = [];
  const frame: Frame = {
    text: '',
    toFile: (i) => fileAt[i] ?? -1,
    fallback: first.frame.fallback,
    depth: Math.max(...fields.map((f) => f.frame.depth)),
  };
  const moved = fields.map((f) => ({
    ...f,
    frame,
    chars: f.chars.map((c) => (c.at < 0 ? c : { ...c, at: fileAt.push(f.frame.toFile(c.at)) - 1 })),
  }));
  const joined = joinFields(moved);
  frame.text = joined.word.value;
  return joined;
}
