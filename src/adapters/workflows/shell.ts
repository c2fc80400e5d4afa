/**
 * Argument strings an agent's action or a job container hands on as words (`claude_args`,
 * `options:`), with raw offsets so a finding can point at the exact flag, and an agent's options
 * parsed from words (parseArgs). Never evaluates anything; expansions stay as literal text.
 */

export interface Word {
  /** The word with quotes and escapes removed. */
  text: string;
  /** Offsets of the raw word (quotes included) in the script. */
  start: number;
  end: number;
  /** Set when the word came from elsewhere (a `$FLAGS` expanded from `env:`): offsets refer to this scalar. */
  at?: { file: string; path: readonly (string | number)[]; value: string };
}

/**
 * Words of an argument string (`claude_args`, `codex-args`, a job container's `options`): one
 * command, newlines are spaces, a `#` line is a comment, and parentheses group like quotes so
 * `Bash(gh pr diff:*)` stays one word, as the agents' actions read it. Backslashes outside quotes
 * stay (only a backslash-newline joins lines). Scripts are read by src/shell, not here.
 */
export function splitArgs(args: string): Word[] {
  const words: Word[] = [];
  let depth = 0;
  let text = '';
  let start = -1;
  const endWord = (end: number): void => {
    if (start >= 0) words.push({ text, start, end });
    text = '';
    start = -1;
    depth = 0;
  };
  let i = 0;
  while (i < args.length) {
    const c = args[i]!;
    if (c === '\\' && args[i + 1] === '\n') {
      endWord(i);
      i += 2;
      continue;
    }
    // A commented-out line in `claude_args: |` is not an argument (the action parses it as shell words).
    if (c === '#' && start < 0) {
      while (i < args.length && args[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c) && depth === 0) {
      endWord(i);
      i++;
      continue;
    }
    if (c === '(' && start >= 0) depth++;
    else if (c === ')' && depth > 0) depth--;
    if (start < 0) start = i;
    if (c === "'") {
      const close = args.indexOf("'", i + 1);
      const stop = close < 0 ? args.length : close;
      text += args.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < args.length && args[i] !== '"') {
        if (args[i] === '\\' && i + 1 < args.length && '"\\$`\n'.includes(args[i + 1]!)) {
          if (args[i + 1] !== '\n') text += args[i + 1];
          i += 2;
          continue;
        }
        text += args[i];
        i++;
      }
      i++;
    } else {
      text += c;
      i++;
    }
  }
  endWord(args.length);
  return words;
}

export interface ParsedArgs {
  flags: { name: string; value: Word | null; values: Word[]; word: Word }[];
  positionals: Word[];
}

export interface ArgSpec {
  attachedShort?: boolean;
  optionalBooleans?: ReadonlySet<string>;
  /** Options that take one value (`--model x`, `--model=x`). */
  valued: ReadonlySet<string>;
  /** Options that take every following word up to the next option. */
  variadic?: ReadonlySet<string>;
  /** For variadic options, which words still count as values. */
  isVariadicValue?: (text: string) => boolean;
}

/** Reads options and positionals the way common CLI parsers do (`--a=b`, `--a b`, `-a b`, `--`). */
export function parseArgs(words: readonly Word[], spec: ArgSpec): ParsedArgs {
  const flags: ParsedArgs['flags'] = [];
  const positionals: Word[] = [];
  let i = 0;
  let optionsEnded = false;
  while (i < words.length) {
    const word = words[i]!;
    if (optionsEnded || !word.text.startsWith('-') || word.text === '-') {
      positionals.push(word);
      i++;
      continue;
    }
    if (word.text === '--') {
      optionsEnded = true;
      i++;
      continue;
    }
    if (spec.attachedShort && !word.text.startsWith('--') && word.text.length > 2) {
      i = readShortCluster(words, i, spec, flags);
      continue;
    }
    const eq = word.text.startsWith('--') ? word.text.indexOf('=') : -1;
    const name = eq > 0 ? word.text.slice(0, eq) : word.text;
    if (eq > 0) {
      const value: Word = { text: word.text.slice(eq + 1), start: word.start, end: word.end };
      flags.push({ name, value, values: [value], word });
      i++;
      continue;
    }
    if (spec.variadic?.has(name)) {
      const values: Word[] = [];
      i++;
      while (i < words.length && !words[i]!.text.startsWith('-') && (spec.isVariadicValue?.(words[i]!.text) ?? true))
        values.push(words[i++]!);
      flags.push({ name, value: values[0] ?? null, values, word });
      continue;
    }
    if (spec.valued.has(name) && i + 1 < words.length) {
      const value = words[i + 1]!;
      flags.push({ name, value, values: [value], word });
      i += 2;
      continue;
    }
    const literal = words[i + 1];
    if (spec.optionalBooleans?.has(name) && literal && /^(true|false)$/.test(literal.text)) {
      flags.push({ name, value: literal, values: [literal], word });
      i += 2;
      continue;
    }
    flags.push({ name, value: null, values: [], word });
    i++;
  }
  return { flags, positionals };
}

/** `-sVALUE`, `-s=VALUE` and `-yp x` (clap, yargs): returns the index of the next word. */
function readShortCluster(words: readonly Word[], at: number, spec: ArgSpec, flags: ParsedArgs['flags']): number {
  const word = words[at]!;
  for (let k = 1; k < word.text.length; k++) {
    const name = `-${word.text[k]}`;
    if (!spec.valued.has(name)) {
      flags.push({ name, value: null, values: [], word });
      continue;
    }
    const rest = word.text.slice(k + 1).replace(/^=/, '');
    if (rest !== '') {
      const value: Word = { text: rest, start: word.start, end: word.end };
      flags.push({ name, value, values: [value], word });
      return at + 1;
    }
    const next = words[at + 1];
    flags.push({ name, value: next ?? null, values: next ? [next] : [], word });
    return at + (next ? 2 : 1);
  }
  return at + 1;
}

/** The program name of a word: the basename of a path (`./node_modules/.bin/claude` → `claude`). */
export const programName = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** `NAME=value` words that precede a command. */
export const isAssignment = (word: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);

/** A quoted word stays one word, except `"$@"` and `"${A[@]}"`, which are as many as they hold. */
export const oneWord = (raw: string): boolean => /^["']/.test(raw) && !/^"\$\{?(@|[A-Za-z_]\w*\[@\])/.test(raw);
