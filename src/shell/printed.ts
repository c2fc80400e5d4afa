/**
 * What `echo`, `printf` and `cat` print when it is literal text, with each character pointed at where
 * it is written: the text a block writes to a file (`scratch-files.ts`) or pipes into a shell.
 */
import type { CommandBase } from './dispatch.js';
import { joinFields, type Field } from './fields.js';
import { UNKNOWN } from './types.js';
import type { Char } from './words.js';

/** `echo 'claude -p x' | sh`, `printf '%s\n' …`, `cat <<EOF`: the text the command writes. */
export function echoOutput(name: string, args: readonly Field[], base: CommandBase): Field | undefined {
  if (name === 'cat' && args.length === 0) return base.stdin;
  // `… | tee log | sh`: tee copies what it reads to its output as well as to its files.
  if (name === 'tee') return base.stdin;
  if (name === 'echo') {
    const words = args.filter((a, k) => !(k === 0 && /^-[neE]+$/.test(a.word.value)));
    return words.length > 0 ? joinFields(words, ' ') : undefined;
  }
  if (name === 'printf' && args.length >= 1) return printfOutput(args[0]!, args.slice(1));
  return undefined;
}

/**
 * What `printf FORMAT ARGS…` prints when the format holds only text, `\n`/`\t` and `%s` (`'A=%s\n'`);
 * like bash, the format is reused while arguments remain. Any other directive: unknown (undefined).
 */
export function printfOutput(format: Field, args: readonly Field[]): Field | undefined {
  const spec = format.word.value;
  if (spec.replace(/%[%s]/g, '').includes('%') || format.word.unknown) return undefined;
  const chars: Char[] = [];
  let next = 0;
  do {
    for (let i = 0; i < spec.length; i++) {
      const c = format.chars[i] ?? { ch: spec[i]!, at: -1, kind: 'quoted' as const };
      if (spec[i] === '%' && spec[i + 1] === '%') {
        chars.push({ ...c, ch: '%' });
        i++;
      } else if (spec[i] === '%') {
        chars.push(...(args[next++]?.chars ?? []));
        i++;
      } else if (spec[i] === '\\' && (spec[i + 1] === 'n' || spec[i + 1] === 't')) {
        chars.push({ ...c, ch: spec[i + 1] === 'n' ? '\n' : '\t' });
        i++;
      } else chars.push(c);
    }
  } while (next > 0 && next < args.length);
  const value = chars.map((c) => c.ch).join('');
  return {
    word: { ...format.word, value, alternatives: [value], unknown: value.includes(UNKNOWN) },
    chars,
    frame: format.frame,
  };
}
