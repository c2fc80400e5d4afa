/**
 * A word as written with only its quoting removed: expansions stay as their source text
 * (`"$HOME/.ssh":/root` → `$HOME/.ssh:/root`, `$(id -u)` stays). For judgements that need what the
 * author wrote rather than what it resolves to (a mount of `$HOME`), from ShellWord.text.
 */
import type { ShellWord } from './types.js';

/** `word.value` when every part is known, else its source text unquoted, expansions kept. */
export const writtenValue = (word: ShellWord): string => (word.unknown ? unquote(word.text) : word.value);

/** Removes quotes and escapes from one word's source text; `$(…)`, `${…}` and backticks are kept verbatim. */
export function unquote(text: string): string {
  let out = '';
  let quote: '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = closing(text, i + 1);
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length - 1 : end;
      out += text.slice(i, stop + 1);
      i = stop;
    } else if (quote === null && c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      quote = quote === null ? '"' : null;
    } else if (c === '\\' && i + 1 < text.length && (quote === null || '"\\$`\n'.includes(text[i + 1]!))) {
      if (text[i + 1] !== '\n') out += text[i + 1];
      i++;
    } else out += c;
  }
  return out;
}

/** The offset of the bracket closing the one at `open` (`(` or `{`), or the end of the text. */
function closing(text: string, open: number): number {
  const [opening, close] = text[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opening) depth++;
    else if (text[i] === close && --depth === 0) return i;
  }
  return text.length - 1;
}
