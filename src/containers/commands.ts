/** * Which programs a container command starts, read statically: exec-form argv, `sh -c` scripts and
 * Compose's string form. Never runs anything.
 */
import { bypassSwitches } from '../agents/index.js';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'ash', 'dash', 'ksh']);
/** Prefixes that start the next word as the real program. */
const WRAPPERS = new Set([
  'exec',
  'env',
  'sudo',
  'nohup',
  'time',
  'nice',
  'tini',
  'dumb-init',
  'npx',
  'bunx',
  'uvx',
  'pipx',
  'gosu',
  'su-exec',
  'xargs',
  'command',
]);
/** Second words of two-word wrappers (`pnpm dlx`, `uv tool run`, `pipx run`). */
const WRAPPER_VERBS = new Set(['dlx', 'run', 'exec', 'x', 'tool']);

export interface CommandWord {
  /** The program as written, without quotes or version (`claude`, `@openai/codex`). */
  word: string;
  /** Index of the argv element the word was found in. */
  index: number;
}

export const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** Drops an npm/pypi version suffix: `@openai/codex@0.5.0` → `@openai/codex`, `aider-chat==0.8` → `aider-chat`. */
export function withoutVersion(word: string): string {
  const pip = word.split(/==|>=|~=/)[0]!;
  const at = pip.lastIndexOf('@');
  return at > 0 ? pip.slice(0, at) : pip;
}

/** Splits Compose's string form into words the way a shell would, without expanding anything. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

/** Leading programs of each simple command in a shell script (`a && b | c; d`). */
export function scriptPrograms(script: string): string[] {
  const programs: string[] = [];
  for (const segment of script.split(/&&|\|\||[;&|\n()`]|\$\(/)) {
    const program = firstProgram(splitWords(segment));
    if (program) programs.push(program);
  }
  return programs;
}

function firstProgram(words: string[]): string | undefined {
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || word.startsWith('-')) {
      i++;
      continue;
    }
    const base = basename(word);
    if (
      WRAPPERS.has(base) ||
      ((base === 'pnpm' || base === 'yarn' || base === 'uv' || base === 'pipx') &&
        WRAPPER_VERBS.has(words[i + 1] ?? ''))
    ) {
      i++;
      while (WRAPPER_VERBS.has(words[i] ?? '')) i++;
      continue;
    }
    return withoutVersion(word);
  }
  return undefined;
}

/**
 * Programs an argv starts: argv[0] (through wrappers), or every leading program of the script when
 * argv is `<shell> -c <script>`. `entrypointKnown` is false when argv holds only arguments to an
 * image entrypoint nobody can see (Kubernetes `args` without `command`).
 */
export function programs(argv: readonly string[], entrypointKnown = true): CommandWord[] {
  if (argv.length === 0) return [];
  const head = basename(argv[0]!);
  if (SHELLS.has(head)) {
    const flag = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
    if (flag > 0 && flag + 1 < argv.length)
      return scriptPrograms(argv[flag + 1]!).map((word) => ({ word, index: flag + 1 }));
    return [];
  }
  if (!entrypointKnown) {
    // `args: ["-c", "script"]` under an unseen shell entrypoint is still a script.
    const flag = argv.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    if (flag >= 0 && flag + 1 < argv.length)
      return scriptPrograms(argv[flag + 1]!).map((word) => ({ word, index: flag + 1 }));
    return [];
  }
  const program = firstProgram([...argv]);
  if (!program) return [];
  const index = argv.findIndex((a) => withoutVersion(a) === program);
  return [{ word: program, index: Math.max(0, index) }];
}

/** True when argv starts an interactive shell (no `-c` script): a container kept open for commands. */
export function isInteractiveShell(argv: readonly string[]): boolean {
  if (argv.length === 0) return false;
  if (!SHELLS.has(basename(argv[0]!))) return false;
  return !argv.some((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
}

/** The first bypass switch written in `text`, as written. */
export function bypassFlagIn(text: string): string | undefined {
  for (const flag of bypassSwitches()) {
    const pattern = new RegExp(`(^|[\\s"'=])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s"'=])`);
    if (pattern.test(text)) return flag;
  }
  return undefined;
}
