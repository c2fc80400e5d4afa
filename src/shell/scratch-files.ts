/**
 * Scripts a block writes itself and then runs (`cat > run.sh <<'EOF' … EOF`, then `bash run.sh`
 * or `./run.sh`; `tee`, `echo` and `printf` into a file too): the text written is what runs, so
 * it is read where it is written, at its offsets in the file, instead of looking for the path in
 * the repository. A path is matched by its value, or by its spelling when the value is not known
 * (`script=$(mktemp)` … `cat > "$script"` … `bash "$script"`).
 */
import type { Field } from './dispatch.js';
import type { Reader } from './read.js';
import type { ShellRedirect, ShellWord, WrittenText } from './types.js';
import { writtenValue } from './written.js';

/** What a path is known by: `./run.sh` and `run.sh` alike; `$script` by its spelling. */
export const scratchKey = (word: ShellWord): string => writtenValue(word).replace(/^(\.\/)+/, '');

/** Records what a command writes to a file through `>`/`>>` (or `tee FILE`). */
export function noteWrittenFile(
  reader: Reader,
  name: string,
  args: readonly Field[],
  output: Field | undefined,
  redirects: readonly ShellRedirect[],
  stdin: Field | undefined,
): void {
  const targets: { word: ShellWord; append: boolean }[] = [];
  for (const r of redirects)
    if (r.target && /^(>|>>|>\||&>|&>>)$/.test(r.operator))
      targets.push({ word: r.target, append: r.operator.includes('>>') });
  let text = output;
  if (name === 'tee' && stdin) {
    text = stdin;
    for (const a of args)
      if (!a.word.value.startsWith('-'))
        targets.push({ word: a.word, append: args.some((x) => /^(-a|--append)$/.test(x.word.value)) });
  }
  if (!text) return;
  for (const { word, append } of targets) {
    const key = scratchKey(word);
    const before = append ? reader.scratch.get(key) : undefined;
    reader.scratch.set(key, before ? joinLines(before, text) : text);
  }
}

/** The text written earlier to the script a command runs, if the block wrote it. */
export const scratchScript = (reader: Reader, target: ShellWord): Field | undefined =>
  reader.scratch.get(scratchKey(target));

function joinLines(a: Field, b: Field): Field {
  return {
    ...a,
    chars: [...a.chars, { ch: '\n', at: -1, kind: 'quoted' }, ...b.chars],
    word: { ...a.word, value: `${a.word.value}\n${b.word.value}` },
  };
}

/** Every file the block wrote, for the caller: the text and where each character of it is written. */
export function writtenTexts(reader: Reader): Map<string, WrittenText> {
  const out = new Map<string, WrittenText>();
  for (const [key, field] of reader.scratch) {
    let value = '';
    const offsets: number[] = [];
    for (const c of field.chars) {
      value += c.ch;
      const at = c.at < 0 ? -1 : field.frame.toFile(c.at);
      for (let i = 0; i < c.ch.length; i++) offsets.push(at < 0 ? -1 : at + i);
    }
    out.set(key, { value, offsets });
  }
  return out;
}
