/**
 * Builtins that set variables from text rather than from an assignment: `read` and `mapfile` take
 * their standard input (a here-string, a heredoc, a pipe from `echo`), `printf -v` its output.
 * `read -r CMD <<< 'claude --yolo'; $CMD` runs what the text says, so the variables get that
 * text; when the input is not known they are unknown, never empty.
 */
import type { CommandBase } from './dispatch.js';
import type { Field } from './fields.js';
import { printfOutput } from './printed.js';
import type { Reader } from './read.js';
import { UNKNOWN, type VariableValue } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNKNOWN_VALUE: VariableValue = { values: [], unknown: true };

/** Handles `read`, `mapfile`/`readarray` and `printf -v`; true when `name` was one of them. */
export function noteInputBuiltins(reader: Reader, name: string, args: readonly Field[], base: CommandBase): boolean {
  // A pipeline stage runs in a subshell: what it sets may not reach the script, so it is only possible.
  const conditional = base.conditional || base.context.includes('pipeline');
  if (name === 'read') {
    readBuiltin(
      reader,
      args.map((a) => a.word.value),
      base.stdin,
      conditional,
    );
    return true;
  }
  if (name === 'mapfile' || name === 'readarray') {
    mapfileBuiltin(
      reader,
      args.map((a) => a.word.value),
      base.stdin,
      conditional,
    );
    return true;
  }
  if (name === 'printf' && args[0]?.word.value === '-v' && args[1] && args[2]) {
    const target = args[1].word.value;
    const printed = printfOutput(args[2], args.slice(3));
    if (NAME.test(target)) reader.assign(target, printed ? valueOf(printed.word.value) : UNKNOWN_VALUE, conditional);
    return true;
  }
  return false;
}

const READ_VALUED = new Set(['a', 'd', 'i', 'n', 'N', 'p', 't', 'u']);

/** `read [-ers] [-a ARRAY] [-d DELIM] [-n N] [-p PROMPT] [-u FD] [NAME …]`. */
function readBuiltin(reader: Reader, args: readonly string[], stdin: Field | undefined, conditional: boolean): void {
  const { options, operands } = getopts(args, READ_VALUED);
  const names = operands.filter((n) => NAME.test(n));
  const array = options.get('a');
  const input = options.has('u') ? undefined : stdin?.word.value;
  const targets = array === undefined && names.length === 0 ? ['REPLY'] : names;
  if (input === undefined) {
    for (const n of targets) reader.assign(n, UNKNOWN_VALUE, conditional);
    if (array !== undefined) setArray(reader, array, undefined, conditional);
    return;
  }
  const delimiter = options.has('d') ? options.get('d')!.charAt(0) || '\0' : '\n';
  const line = firstRecord(input, delimiter, options.has('r'));
  const fields = line.split(/[ \t\n]+/).filter(Boolean);
  if (array !== undefined) setArray(reader, array, fields, conditional);
  if (names.length === 0 && array === undefined) {
    reader.assign('REPLY', valueOf(line), conditional);
    return;
  }
  // Each name takes one field; the last takes the rest of the line, outer whitespace trimmed.
  let rest = line.replace(/^[ \t\n]+/, '');
  names.forEach((n, k) => {
    if (k === names.length - 1) {
      reader.assign(n, valueOf(rest.replace(/[ \t\n]+$/, '')), conditional);
      return;
    }
    const field = fields[k] ?? '';
    reader.assign(n, valueOf(field), conditional);
    rest = rest.slice(field.length).replace(/^[ \t\n]+/, '');
  });
}

/** `mapfile [-t] [-d DELIM] [-n COUNT] [-O ORIGIN] [-s COUNT] [-u FD] [ARRAY]`: one element per line. */
function mapfileBuiltin(reader: Reader, args: readonly string[], stdin: Field | undefined, conditional: boolean): void {
  const { options, operands } = getopts(args, new Set(['d', 'n', 'O', 's', 'u', 'C', 'c']));
  const array = operands.find((n) => NAME.test(n)) ?? 'MAPFILE';
  const input = options.has('u') || options.has('O') ? undefined : stdin?.word.value;
  if (input === undefined) {
    setArray(reader, array, undefined, conditional);
    return;
  }
  const delimiter = options.has('d') ? options.get('d')!.charAt(0) || '\0' : '\n';
  const records = input.split(delimiter);
  if (records.at(-1) === '') records.pop();
  const skip = Number(options.get('s') ?? 0) || 0;
  const count = Number(options.get('n') ?? 0) || records.length;
  const lines = records.slice(skip, skip + count).map((r) => (options.has('t') ? r : r + delimiter));
  setArray(reader, array, lines, conditional);
}

function setArray(reader: Reader, name: string, elements: string[] | undefined, conditional: boolean): void {
  if (!NAME.test(name)) return;
  if (elements && !conditional) reader.arrays.set(name, elements);
  else reader.arrays.delete(name);
  const first = elements?.[0];
  reader.assign(name, first === undefined ? UNKNOWN_VALUE : valueOf(first, !elements), conditional);
}

/** The first record of `input` as `read` sees it; without `-r`, backslashes escape and join lines. */
function firstRecord(input: string, delimiter: string, raw: boolean): string {
  if (raw) {
    const end = input.indexOf(delimiter);
    return end < 0 ? input : input.slice(0, end);
  }
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\\' && i + 1 < input.length) {
      if (input[i + 1] !== '\n') out += input[i + 1];
      i++;
    } else if (ch === delimiter) break;
    else out += ch;
  }
  return out;
}

const valueOf = (value: string, unknown = false): VariableValue =>
  value.includes(UNKNOWN) ? UNKNOWN_VALUE : { values: [value], unknown };

/** A builtin's short options (clusters, attached or separate values) up to the first operand. */
function getopts(
  args: readonly string[],
  valued: ReadonlySet<string>,
): { options: Map<string, string>; operands: string[] } {
  const options = new Map<string, string>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^-./.test(arg)) break;
    for (let k = 1; k < arg.length; k++) {
      const letter = arg[k]!;
      if (!valued.has(letter)) {
        options.set(letter, '');
        continue;
      }
      const attached = arg.slice(k + 1);
      options.set(letter, attached || (args[++i] ?? ''));
      break;
    }
  }
  return { options, operands: args.slice(i) };
}

/**
 * The command line `xargs` runs: its words with those it reads from standard input appended, or put
 * in place of `-I STRING` (`-i`: `{}`). Input nobody knows (a file, `-a FILE`, a pipe from a
 * program) is one unknown word, so an agent's flags there cannot be judged rather than absent.
 */
export function withInputWords(
  words: readonly Field[],
  options: readonly Field[],
  stdin: Field | undefined,
  capped: (lines: number) => void,
): Field[][] {
  if (words.length === 0) return [];
  const values = options.map((o) => o.word.value);
  const fromFile = values.some((v) => /^(-a|--arg-file)(=|$)/.test(v));
  const input = fromFile ? undefined : stdin;
  const replace = replaceString(values);
  if (replace !== undefined) {
    // One command per input line (the first few: each is judged, the weakest decides).
    const all = input ? input.word.value.split('\n').filter(Boolean) : [UNKNOWN];
    if (all.length > MAX_LINES) capped(MAX_LINES);
    return all
      .slice(0, MAX_LINES)
      .map((line) =>
        words.map((w) => (w.word.value.includes(replace) ? replaced(w, w.word.value.split(replace).join(line)) : w)),
      );
  }
  const near = words.at(-1)!;
  if (!input) return [[...words, replaced(near, UNKNOWN)]];
  return [[...words, ...inputWords(input)]];
}

/** Input lines `xargs -I` is read for: each is a command of its own. */
const MAX_LINES = 16;

/** `-I R`, `-IR`, `--replace[=R]`, `-i[R]`: the string replaced by each input line. */
function replaceString(values: readonly string[]): string | undefined {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v === '-I') return values[k + 1];
    if (v.startsWith('-I')) return v.slice(2);
    if (v === '-i' || v === '--replace') return '{}';
    if (v.startsWith('--replace=')) return v.slice('--replace='.length);
    if (v.startsWith('-i')) return v.slice(2);
  }
  return undefined;
}

/** A word with a new value, still pointing where the original is written. */
function replaced(field: Field, value: string): Field {
  const chars = [...value].map((ch) => ({ ch, at: -1, kind: 'exp' as const }));
  return { ...field, word: { ...field.word, value, alternatives: [value], unknown: value.includes(UNKNOWN) }, chars };
}

/** xargs' own splitting: blanks and newlines separate words, quotes group them. */
function inputWords(input: Field): Field[] {
  const out: Field[] = [];
  let current: Field['chars'] = [];
  let quote: string | null = null;
  let started = false;
  const flush = (): void => {
    if (!started) return;
    const value = current.map((c) => c.ch).join('');
    const at = current.find((c) => c.at >= 0)?.at;
    const start = at !== undefined && input.frame.toFile(at) >= 0 ? input.frame.toFile(at) : input.word.start;
    out.push({
      word: { ...input.word, value, alternatives: [value], unknown: value.includes(UNKNOWN), start },
      chars: current,
      frame: input.frame,
    });
    current = [];
    started = false;
  };
  for (const c of input.chars) {
    if (quote) {
      if (c.ch === quote) quote = null;
      else current.push(c);
    } else if (c.ch === '"' || c.ch === "'") {
      quote = c.ch;
      started = true;
    } else if (/\s/.test(c.ch)) flush();
    else {
      current.push(c);
      started = true;
    }
  }
  flush();
  return out;
}
