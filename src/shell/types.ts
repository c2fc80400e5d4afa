/** The shapes the shell reader hands to adapters. Offsets are in the file (the caller's `base` added). */

/** Stands in a resolved value for a part nobody can know (`$SECRET`, `$(curl …)`); never a real character. */
export const UNKNOWN = '\u{E000}';

/** What a variable can hold: each known value, and whether it can also be something nobody can know. */
export interface VariableValue {
  values: readonly string[];
  unknown: boolean;
}

/**
 * A variable the caller knows about: a string is its value (job or workflow `env:`), null is set
 * but unknowable (`${{ secrets.X }}`), a VariableValue lists what it can be (a matrix axis).
 * Variables not given at all are unknown, never empty.
 */
export type ShellEnvValue = string | null | VariableValue;

export interface Span {
  start: number;
  end: number;
}

export interface ShellWord extends Span {
  /** The value bash would pass, UNKNOWN in place of each unknowable part. */
  value: string;
  /** Every value the word can take from what is written (includes `value`); callers take the weakest. */
  alternatives: readonly string[];
  /** True when some part of the word cannot be known. */
  unknown: boolean;
  /** The source text of the word as written (for a word from a `bash -c` string: its text there). */
  text: string;
}

export interface ShellAssignment extends Span {
  name: string;
  value: ShellWord | null;
}

export interface ShellRedirect extends Span {
  /** `>`, `>>`, `<`, `2>&1`'s `>&`, `<<`, `<<<`, … */
  operator: string;
  target: ShellWord | null;
}

/** A wrapper or launcher the command was found through, outermost first. */
export interface ShellVia {
  /** The wrapper's name in the table (`sudo`, `npx`, `bash -c`, `uv tool run`, `eval`, `xargs`). */
  name: string;
  kind: WrapperKind;
  /** The wrapper's program word. */
  word: ShellWord;
  /** Its options, as written (`-u`, `root`, `--yes`). */
  options: readonly ShellWord[];
  /** For launchers: the package it fetches (`@openai/codex@1.2`), as written. */
  package?: ShellWord;
  /** That package without its version (`@openai/codex`, `aider-chat`). */
  packageName?: string;
}

export type WrapperKind = 'wrapper' | 'launcher' | 'shell' | 'eval';

/** Where a command sits, outermost last: `['substitution', 'bash -c']`. */
export type ShellContext =
  | 'substitution'
  | 'process-substitution'
  | 'string'
  | 'heredoc'
  | 'function'
  | 'condition'
  | 'pipeline'
  | 'background'
  | 'subshell'
  | 'loop';

export interface ShellCommand extends Span {
  /** The program word after every wrapper (`claude` in `sudo -E npx -y @x/claude-code`). */
  program: ShellWord;
  /** The program's name: basename of its value, without `.exe`/`.cmd` (`/usr/bin/claude` → `claude`). */
  name: string;
  args: readonly ShellWord[];
  assignments: readonly ShellAssignment[];
  redirects: readonly ShellRedirect[];
  via: readonly ShellVia[];
  /** The name is a shell function defined earlier in the script: it does not run the real program. */
  function: boolean;
  /** Enclosing constructs, innermost first. */
  context: readonly ShellContext[];
}

export type InvocationKind = 'script' | 'source' | 'package-script' | 'make';

/** Something the command runs from the repository, for a caller that can read files to follow. */
export interface ShellInvocation {
  kind: InvocationKind;
  command: ShellCommand;
  /** `script`/`source`: the path as written; `package-script`: the script name; `make`: a target. */
  target: ShellWord | null;
  /** `package-script`: npm, pnpm, yarn or bun; `make`: make; `script`: the interpreter it is handed to (`python`, `node`), if any. */
  runner?: string;
  /** Working directory given to the runner (`make -C dir`, `npm --prefix dir`), as written. */
  directory?: ShellWord;
  /** `make -f FILE`. */
  file?: ShellWord;
  /**
   * Where earlier `cd` commands of the script left the working directory, relative to where it
   * started (`sub/dir`, `` when none ran); null when a `cd` went somewhere unknown (`cd "$DIR"`).
   */
  cwd: string | null;
  /** The rest of the arguments handed to the script. */
  args: readonly ShellWord[];
}

export interface ShellProblem extends Span {
  kind: 'syntax' | 'cap' | 'unreadable-string';
  message: string;
}

export interface ShellReading {
  commands: ShellCommand[];
  invocations: ShellInvocation[];
  /** Functions the script defines. */
  functions: string[];
  /** False when part of the script could not be read (a syntax error, a cap reached). */
  complete: boolean;
  problems: ShellProblem[];
  /** Variables as the script leaves them (for a later step that sources this one, or a caller). */
  variables: ReadonlyMap<string, VariableValue>;
  /** Text the script wrote to files (`echo "A=1" >> "$GITHUB_ENV"`), by the path as written (`$GITHUB_ENV`). */
  written: ReadonlyMap<string, WrittenText>;
}

/** Text a command wrote: UNKNOWN in place of each unknowable part, and where each character came from. */
export interface WrittenText {
  value: string;
  /** Per character of `value`: its offset in the file (with `base`), or -1 when it came from a value. */
  offsets: readonly number[];
}

export interface ReadShellOptions {
  /** Added to every offset: where the script starts in its file. */
  base?: number;
  /** Variables known before the script starts. */
  env?: ReadonlyMap<string, ShellEnvValue> | Readonly<Record<string, ShellEnvValue>>;
  /**
   * The value of a GitHub `${{ … }}` expression in the script (given the text inside the braces),
   * or undefined/null when it cannot be known. Expressions are always masked before parsing.
   */
  expression?: (expression: string) => ShellEnvValue | undefined;
  /** Nesting bound for `bash -c`, `eval` and heredocs inside each other (default 6). */
  maxDepth?: number;
  /** Commands reported per reading before a cap problem is reported (default 5000). */
  maxCommands?: number;
  /**
   * False: report each simple command as written, its first word the program, without looking through
   * wrappers and launchers (`sudo`, `npx`, `sh -c`), for a caller that reads those itself. Default true.
   */
  unwrap?: boolean;
  /** The words the script is started with (`$1`, `"$@"`); unknown when absent. */
  positional?: readonly string[];
}
