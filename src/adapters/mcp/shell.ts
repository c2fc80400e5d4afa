/**
 * Just enough POSIX shell word splitting to read a `sh -c "…"` script or a devcontainer lifecycle
 * command: quotes, escapes, `$(…)` kept inside words, and command separators. Never evaluates.
 */

/** Commands separated by `&&`, `||`, `;`, `|`, `&` or a newline; each a list of words (quotes removed). */
export function shellSegments(script: string): string[][] {
  const segments: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = (): void => {
    endWord();
    if (words.length > 0) segments.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') {
      if (script[i + 1] === '\n') i++;
      else if (i + 1 < script.length) {
        word += script[++i];
        inWord = true;
      }
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? script.length : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      i = readDoubleQuoted(script, i + 1, (s) => (word += s));
      inWord = true;
    } else if (c === '$' && script[i + 1] === '(') {
      const end = matchingParen(script, i + 1);
      word += script.slice(i, end + 1);
      inWord = true;
      i = end;
    } else if (c === '`') {
      const end = script.indexOf('`', i + 1);
      const stop = end < 0 ? script.length - 1 : end;
      word += script.slice(i, stop + 1);
      inWord = true;
      i = stop;
    } else if (c === '#' && !inWord) {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end - 1;
    } else if (c === ';' || c === '&' || c === '|' || c === '\n') {
      endSegment();
      if ((c === '&' || c === '|') && script[i + 1] === c) i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endSegment();
  return segments;
}

/** Every word of the script, in order, across segments. */
export const shellWords = (script: string): string[] => shellSegments(script).flat();

/** Words that only set up the shell and never start the real program. */
const SETUP = new Set([
  'cd',
  'export',
  'source',
  '.',
  'set',
  'echo',
  'printf',
  'true',
  'unset',
  'umask',
  'trap',
  'test',
  '[',
  'mkdir',
  'sleep',
]);

/** The segment that starts the program: the last one that is not setup (`cd x && exec npx …`). */
export function mainSegment(segments: string[][]): string[] {
  for (let i = segments.length - 1; i >= 0; i--) {
    const words = segments[i]!;
    if (!SETUP.has(words[0]!) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) return words;
  }
  return segments[segments.length - 1] ?? [];
}

function readDoubleQuoted(script: string, from: number, emit: (s: string) => void): number {
  let i = from;
  for (; i < script.length; i++) {
    const c = script[i]!;
    if (c === '"') return i;
    if (c === '\\' && '"\\$`\n'.includes(script[i + 1] ?? '')) {
      emit(script[++i]!);
    } else if (c === '$' && script[i + 1] === '(') {
      const end = matchingParen(script, i + 1);
      emit(script.slice(i, end + 1));
      i = end;
    } else emit(c);
  }
  return i;
}

function matchingParen(script: string, open: number): number {
  let depth = 0;
  for (let i = open; i < script.length; i++) {
    if (script[i] === '(') depth++;
    else if (script[i] === ')' && --depth === 0) return i;
  }
  return script.length - 1;
}
