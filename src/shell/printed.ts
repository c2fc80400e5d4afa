/**
 * What `echo`, `printf` and `cat` print when it is literal text, with each character pointed at where
 * it is written: the text a block writes to a file (`scratch-files.ts`) or pipes into a shell.
 */
import type { CommandBase, Field } from './dispatch.js';
import type { Char } from './words.js';

/** `echo 'claude -p x' | sh`, `printf '%s\n' …`, `cat <<EOF`: the text the command writes. */
export function echoOutput(name: string, args: readonly Field[], base: CommandBase): Field | undefined {
  if (name === 'cat' && args.length === 0) return base.stdin;
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
function printfOutput(format: Field, args: readonly Field[]): Field | undefined {
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
  return { word: { ...format.word, value, alternatives: [value] }, chars, frame: format.frame };
}

/** Fields printed one after another, `separator` between them (echo's space). */
function joinFields(fields: readonly Field[], separator: string): Field {
  const chars: Char[] = [];
  fields.forEach((f, k) => {
    if (k > 0) chars.push({ ch: separator, at: -1, kind: 'quoted' });
    chars.push(...f.chars);
  });
  const value = chars.map((c) => c.ch).join('');
  return {
    word: { ...fields[0]!.word, value, alternatives: [value], end: fields.at(-1)!.word.end },
    chars,
    frame: fields[0]!.frame,
  };
}
