/**
 * A small POSIX-shell reader for `run:` blocks and CLI argument strings: splits a script into simple
 * commands and words with their raw offsets, so a finding can point at the exact flag. It never
 * evaluates anything; expansions stay as literal text.
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

export interface Command {
  words: Word[];
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '`']);

/**
 * Splits a script into simple commands. Separators are newlines, `;`, `&&`, `||`, `|`, `&`,
 * parentheses, `$(` and backticks, so a command substitution becomes a command of its own.
 * Line continuations join lines, comments and heredoc bodies are skipped, redirections dropped.
 */
export function splitCommands(script: string): Command[] {
  return tokenize(script, false);
}

/**
 * Words of an argument string (`claude_args`, `codex-args`): one command, newlines are spaces, and
 * parentheses group like quotes so `Bash(gh pr diff:*)` stays one word, as the agents read it.
 */
export function splitArgs(args: string): Word[] {
  return tokenize(args, true).flatMap((c) => c.words);
}

function tokenize(script: string, argsMode: boolean): Command[] {
  const commands: Command[] = [];
  let depth = 0;
  let words: Word[] = [];
  let text = '';
  let start = -1;
  const heredocs: { delimiter: string; strip: boolean }[] = [];

  const endWord = (end: number): void => {
    if (start >= 0) words.push({ text, start, end });
    text = '';
    start = -1;
    depth = 0;
  };
  const endCommand = (end: number): void => {
    endWord(end);
    if (words.length > 0) commands.push({ words });
    words = [];
  };

  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') {
      endWord(i);
      i += 2;
      continue;
    }
    if (argsMode) {
      // A commented-out line in `claude_args: |` is not an argument (the action parses it as shell words).
      if (c === '#' && start < 0) {
        while (i < script.length && script[i] !== '\n') i++;
        continue;
      }
      if (/\s/.test(c) && depth === 0) {
        endWord(i);
        i++;
        continue;
      }
      if (c === '(' && start >= 0) depth++;
      else if (c === ')' && depth > 0) depth--;
      if (c !== "'" && c !== '"') {
        if (start < 0) start = i;
        text += c;
        i++;
        continue;
      }
    } else if (c === '\n') {
      endCommand(i);
      i = skipHeredocs(script, i + 1, heredocs);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord(i);
      i++;
      continue;
    }
    if (c === '#' && start < 0) {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    if (c === '<' && script[i + 1] === '<' && script[i + 2] !== '<') {
      endWord(i);
      i = readHeredocStart(script, i + 2, heredocs);
      continue;
    }
    if ((c === '>' || c === '<') && (start < 0 || /^\d+$/.test(text))) {
      if (start >= 0) {
        text = '';
        start = -1;
      }
      i = skipRedirection(script, i);
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      endCommand(i);
      i += script[i + 2] === '(' ? 3 : 2;
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      endCommand(i);
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const stop = close < 0 ? script.length : close;
      text += script.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length && '"\\$`\n'.includes(script[i + 1]!)) {
          if (script[i + 1] !== '\n') text += script[i + 1];
          i += 2;
          continue;
        }
        text += script[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      text += script[i + 1];
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  endCommand(script.length);
  return commands;
}

function readHeredocStart(script: string, from: number, heredocs: { delimiter: string; strip: boolean }[]): number {
  let i = from;
  let strip = false;
  if (script[i] === '-') {
    strip = true;
    i++;
  }
  while (script[i] === ' ' || script[i] === '\t') i++;
  const match = /^(['"]?)([A-Za-z0-9_.-]+)\1/.exec(script.slice(i));
  if (!match) return i;
  heredocs.push({ delimiter: match[2]!, strip });
  return i + match[0].length;
}

/** After a newline, skips the bodies of pending heredocs; returns the offset to continue at. */
function skipHeredocs(script: string, from: number, heredocs: { delimiter: string; strip: boolean }[]): number {
  let i = from;
  while (heredocs.length > 0) {
    const { delimiter, strip } = heredocs.shift()!;
    while (i < script.length) {
      const lineEnd = script.indexOf('\n', i);
      const stop = lineEnd < 0 ? script.length : lineEnd;
      const line = script.slice(i, stop).replace(/\r$/, '');
      i = stop + 1;
      if ((strip ? line.replace(/^\t+/, '') : line).trim() === delimiter) break;
    }
  }
  return Math.min(i, script.length);
}

/** Skips `>`, `>>`, `2>&1`, `< file` and the target word. */
function skipRedirection(script: string, from: number): number {
  let i = from;
  while (script[i] === '>' || script[i] === '<') i++;
  if (script[i] === '&' || script[i] === '|') {
    i++;
    while (i < script.length && /[0-9-]/.test(script[i]!)) i++;
    return i;
  }
  while (script[i] === ' ' || script[i] === '\t') i++;
  while (i < script.length && !/[\s;&|()]/.test(script[i]!)) {
    const c = script[i]!;
    if (c === '"' || c === "'") {
      const close = script.indexOf(c, i + 1);
      i = close < 0 ? script.length : close + 1;
      continue;
    }
    i++;
  }
  return i;
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
