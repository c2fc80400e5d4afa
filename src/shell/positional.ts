/**
 * Positional parameters and shell functions, read the way bash runs them: a function's body runs at
 * each call with the call's words as `$1`, `"$@"` …; a script followed from its caller, and a
 * `bash -c 'SCRIPT' NAME ARGS…` string, start with the words they were handed; `set -- …` and
 * `shift` change them. Where the words are not known, `"$@"` and `$1` are unknown, never empty.
 */
import type { Field } from './dispatch.js';
import type { Frame, Reader } from './read.js';
import { UNKNOWN, type ShellContext, type VariableValue } from './types.js';

/** The words of `$1` … `$N` (a word not known holds UNKNOWN); null when not even their number is known. */
export type Positional = readonly string[] | null;

/** A function the script defined: its body's text and place, read again at each call. */
export interface FunctionBody {
  frame: Frame;
  context: readonly ShellContext[];
  called: boolean;
}

/** Calls inside calls read at most this deep; a function that calls itself is read once per chain. */
const MAX_CALL_DEPTH = 8;

const isListName = (name: string): boolean => name === '@' || name === '*';

/** `$1`, `$#`: their value from the positional words; undefined when it cannot be known. */
export function positionalValue(positional: Positional, name: string): VariableValue | undefined {
  if (positional === null) return undefined;
  if (name === '#') return { values: [String(positional.length)], unknown: false };
  if (!/^[1-9]\d*$/.test(name)) return undefined;
  const word = positional[Number(name) - 1];
  if (word === undefined) return { values: [''], unknown: false };
  return word.includes(UNKNOWN) ? { values: [], unknown: true } : { values: [word], unknown: false };
}

/** `"$@"`, `$*`: the positional words, or undefined when they are not known. */
export function positionalList(positional: Positional, name: string): readonly string[] | undefined {
  return isListName(name) && positional !== null ? positional : undefined;
}

/** The words handed to a script or function, as positional parameters. */
export const positionalOf = (args: readonly Field[]): string[] => args.map((a) => a.word.value);

/** A sub-range of a frame's text as a frame of its own (a function's body), at the same file offsets. */
export function subFrame(frame: Frame, start: number, end: number): Frame {
  return {
    text: frame.text.slice(start, end),
    toFile: (i) => frame.toFile(start + i),
    fallback: frame.fallback,
    depth: frame.depth,
  };
}

/**
 * `set -- a b` and `shift [N]` change the positional words; returns whether the command was one
 * of them. `set` with options only (`set -eux`) leaves them as they are.
 */
export function changePositional(reader: Reader, program: string, args: readonly Field[]): boolean {
  if (program === 'shift') {
    const count = args[0]?.word.value ?? '1';
    if (reader.positional === null) return true;
    reader.positional = /^\d+$/.test(count) ? reader.positional.slice(Number(count)) : null;
    return true;
  }
  if (program !== 'set') return false;
  const dashes = args.findIndex((a) => a.word.value === '--');
  if (dashes >= 0 && args.slice(0, dashes).every((a) => /^[-+]/.test(a.word.value)))
    reader.positional = positionalOf(args.slice(dashes + 1));
  return true;
}

/**
 * Reads with `positional` as the parameters (and `zero` as `$0`, for `bash -c 'SCRIPT' NAME …`),
 * restoring the caller's afterwards.
 */
export function withPositional(reader: Reader, positional: Positional, read: () => void, zero?: string): void {
  const saved = reader.positional;
  const savedZero = reader.zero;
  reader.positional = positional;
  if (zero !== undefined) reader.zero = zero;
  try {
    read();
  } finally {
    reader.positional = saved;
    reader.zero = savedZero;
  }
}

/** `$0`: known only where a `bash -c` string was handed its name. */
export function zeroValue(zero: string | null, name: string): VariableValue | undefined {
  if (name !== '0' || zero === null) return undefined;
  return zero.includes(UNKNOWN) ? { values: [], unknown: true } : { values: [zero], unknown: false };
}

/** A call of a function the script defined: its body runs here, with the call's words. */
export function callFunction(
  reader: Reader,
  name: string,
  args: readonly Field[],
  context: readonly ShellContext[],
  conditional: boolean,
): void {
  const body = reader.functionBodies.get(name);
  if (!body) return;
  body.called = true;
  if (reader.calls.includes(name) || reader.calls.length >= MAX_CALL_DEPTH) return;
  reader.calls.push(name);
  try {
    withPositional(reader, positionalOf(args), () =>
      reader.readText(body.frame, ['function', ...context], conditional, false),
    );
  } finally {
    reader.calls.pop();
  }
}

/**
 * Functions the script defines but never calls by name may still run (`export -f`, `xargs f`,
 * a trap): their bodies are read once with unknown parameters.
 */
export function readUncalledFunctions(reader: Reader): void {
  for (const [name, body] of reader.functionBodies) {
    if (body.called) continue;
    body.called = true;
    reader.calls.push(name);
    try {
      withPositional(reader, null, () => reader.readText(body.frame, ['function', ...body.context], true, false));
    } finally {
      reader.calls.pop();
    }
  }
}
