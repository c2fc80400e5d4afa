/**
 * What the reader knows of package runners (npm, pnpm, yarn, bun), make and script interpreters: their
 * verbs, built-in commands and options that take a value, for `dispatch.ts` to tell which repository
 * file a command runs.
 */
import type { Field } from './fields.js';
import type { ShellWord } from './types.js';

export const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
export const IMPLICIT_SCRIPTS = new Set(['test', 't', 'tst', 'start', 'stop', 'restart']);
export const PACKAGE_BUILTINS = new Set([
  'add',
  'audit',
  'bin',
  'cache',
  'ci',
  'config',
  'create',
  'dedupe',
  'deploy',
  'dlx',
  'exec',
  'fetch',
  'help',
  'i',
  'import',
  'info',
  'init',
  'install',
  'install-test',
  'it',
  'link',
  'list',
  'ln',
  'login',
  'logout',
  'ls',
  'outdated',
  'pack',
  'patch',
  'patch-commit',
  'prune',
  'publish',
  'rebuild',
  'remove',
  'rm',
  'root',
  'search',
  'self-update',
  'setup',
  'store',
  'un',
  'uninstall',
  'unlink',
  'up',
  'update',
  'upgrade',
  'upgrade-interactive',
  'version',
  'why',
  'workspace',
  'workspaces',
  'x',
  'node',
  'env',
  'plugin',
  'set',
  'constraints',
  'explain',
  'npm',
  'dedup',
  'owner',
  'doctor',
  'stage',
  'licenses',
  'server',
]);
/** bun's own commands that the table above does not list. */
export const BUN_BUILTINS = new Set(['a', 'build', 'c', 'completions', 'discord', 'feedback', 'pm', 'repl', 'upgrade']);
export const PACKAGE_VALUED = new Set(['--prefix', '-C', '--dir', '--workspace', '-w', '--filter', '-F', '--cwd']);
export const MAKE_VALUED = new Set([
  '-C',
  '--directory',
  '-f',
  '--file',
  '--makefile',
  '-I',
  '--include-dir',
  '-o',
  '--old-file',
  '--assume-old',
  '-W',
  '--what-if',
  '--new-file',
  '--assume-new',
  '-l',
  '--load-average',
]);

/** Paths that name the shell's standard input (`. /dev/stdin <<EOF`). */
export const STDIN_FILES = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** Interpreters that run a script file or code given inline, and their options that take a value. */
const INTERPRETERS = /^(?:python[\d.]*|node|nodejs|deno|bun|tsx|ts-node)$/;
const INTERPRETER_VALUED = new Set([
  '-W',
  '-X',
  '--require',
  '-r',
  '--import',
  '--loader',
  '--env-file',
  '--conditions',
  '-C',
]);

/** What an interpreter runs after its own options: a script file, or code handed inline, at `index` of its arguments. */
export type InterpreterOperand =
  | { kind: 'script'; index: number }
  | { kind: 'code'; index: number; option: string; language: 'python' | 'javascript' };

/**
 * `python [options] FILE`, `node [options] FILE`: the script; `python -c CODE`, `node -e|-p CODE`,
 * `deno eval CODE`: the code. Null for `-m MODULE`, `-` (standard input), `node -c` (a syntax check)
 * and anything else.
 */
export function interpreterOperand(runner: string, args: readonly string[]): InterpreterOperand | null {
  if (!INTERPRETERS.test(runner)) return null;
  const python = runner.startsWith('python');
  const language = python ? 'python' : 'javascript';
  if (runner === 'deno' && args[0] === 'eval') {
    const index = args.findIndex((a, k) => k > 0 && !a.startsWith('-'));
    return index > 0 ? { kind: 'code', index, option: 'eval', language } : null;
  }
  let i = runner === 'deno' && args[0] === 'run' ? 1 : 0;
  for (; i < args.length; i++) {
    const option = args[i]!;
    if (python ? option === '-c' : /^(-e|--eval|-p|--print)$/.test(option))
      return i + 1 < args.length ? { kind: 'code', index: i + 1, option, language } : null;
    if (/^(-m|-c|-e|--eval|-p|--print|-)$/.test(option)) return null;
    if (INTERPRETER_VALUED.has(option)) i++;
    else if (!option.startsWith('-')) return /\.(py|[cm]?[jt]s)$/.test(option) ? { kind: 'script', index: i } : null;
  }
  return null;
}

/** The script `python [options] FILE` or `node [options] FILE` runs (`interpreterOperand`). */
export function interpreterScript(runner: string, args: readonly Field[]): { word: ShellWord; index: number } | null {
  const operand = interpreterOperand(
    runner,
    args.map((a) => a.word.value),
  );
  return operand?.kind === 'script' ? { word: args[operand.index]!.word, index: operand.index } : null;
}
