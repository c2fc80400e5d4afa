/**
 * Follows what a script runs from the repository: committed scripts (`./ci/agent.sh`, `bash x`,
 * `source x`), package.json scripts (`npm run NAME`) and Makefile recipes (`make TARGET`), through
 * a file-reading callback. Pure: files are read as text, never executed. Depth, cycles and the
 * number of files are bounded, and each bound reached is reported.
 */
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { readMakefile, recipeToShell } from './makefile.js';
import { readShell } from './read.js';
import {
  UNKNOWN,
  type ReadShellOptions,
  type ShellEnvValue,
  type ShellInvocation,
  type ShellReading,
} from './types.js';

/** Returns a repository file's text by its repository-relative path, or null when there is none. */
export type ReadRepoFile = (path: string) => string | null;

export interface FollowOptions {
  /** How many invocations deep to follow (default 8). */
  maxDepth?: number;
  /** How many files or recipes to read in all (default 200). */
  maxReadings?: number;
  /**
   * Variables known when the first script starts. A script also sees what its caller set before
   * calling it (`export MODE=x`, `MODE=x ./run.sh`), so each reading starts from its caller's variables.
   */
  env?: ReadShellOptions['env'];
  /**
   * Readings already made, shared between calls (one per scan): the same script run by many jobs
   * with the same variables is read once. Keys are the file, the place in it and the variables.
   */
  cache?: Map<string, ShellReading>;
}

export interface FollowedReading {
  /** The file the commands were read from; offsets in `reading` are offsets in this file. */
  file: string;
  kind: ShellInvocation['kind'];
  /** The package script's name or the make target. */
  name?: string;
  reading: ShellReading;
  depth: number;
  /** The invocation that led here, in `from`. */
  invocation: ShellInvocation;
  from: string;
}

export type FollowBoundKind =
  | 'depth'
  | 'cycle'
  | 'readings'
  | 'missing-file'
  | 'missing-script'
  | 'missing-target'
  | 'unknown-target'
  | 'not-shell';

/** A place the follower stopped: each means something that runs was not read. */
export interface FollowBound {
  kind: FollowBoundKind;
  /** The file holding the invocation. */
  file: string;
  invocation: ShellInvocation;
  /** The path or name that was not followed. */
  target: string;
  message: string;
}

export interface FollowResult {
  readings: FollowedReading[];
  bounds: FollowBound[];
}

export interface FollowStart {
  file: string;
  reading: ShellReading;
  /** Working directory the commands run in, repository-relative (default the root). */
  cwd?: string;
}

/** Repository-relative POSIX path join with `.` and `..` resolved; null when it leaves the repository. */
export function joinPath(dir: string, path: string): string | null {
  const parts = path.startsWith('/') ? [] : dir.split('/').filter((p) => p && p !== '.');
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

interface Pending {
  file: string;
  reading: ShellReading;
  cwd: string;
  depth: number;
  /** Keys of the readings that led here, to tell a cycle from a second call of the same script. */
  chain: readonly string[];
  /** Variables the reading started with. */
  env: Env;
}

type Env = ReadonlyMap<string, ShellEnvValue>;

/** How one reading is made: cached per file, place and variables. */
type Parse = (key: string, text: string, options: ReadShellOptions & { env: Env }) => ShellReading;

const toMap = (env: FollowOptions['env']): Env =>
  env instanceof Map ? env : new Map(Object.entries(env ?? {}) as [string, ShellEnvValue][]);

/**
 * What a command called from `at` starts with: the caller's variables, those of files it sourced
 * before, then the command's own (`A=1 ./x.sh`).
 */
function calleeEnv(at: Pending, invocation: ShellInvocation, sourced: Env): Env {
  const env = new Map<string, ShellEnvValue>(at.env);
  for (const [name, value] of at.reading.variables) env.set(name, value);
  for (const [name, value] of sourced) env.set(name, value);
  for (const assignment of invocation.command.assignments)
    env.set(
      assignment.name,
      assignment.value
        ? { values: assignment.value.alternatives, unknown: assignment.value.unknown }
        : { values: [''], unknown: false },
    );
  return env;
}

const envKey = (env: Env): string => JSON.stringify([...env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function follow(start: FollowStart, read: ReadRepoFile, options: FollowOptions = {}): FollowResult {
  const maxDepth = options.maxDepth ?? 8;
  const maxReadings = options.maxReadings ?? 200;
  const readings: FollowedReading[] = [];
  const bounds: FollowBound[] = [];
  const seen = new Set<ShellReading>();
  const queue: Pending[] = [
    {
      file: start.file,
      reading: start.reading,
      cwd: start.cwd ?? '',
      depth: 0,
      chain: [`file:${start.file}:`],
      env: toMap(options.env),
    },
  ];
  const cache = options.cache ?? new Map<string, ShellReading>();
  // Only the variables a text names can change its reading, so only those are handed to it and
  // keyed: the same script run by many jobs with different env is read once. The rest of the
  // caller's variables still reach what the script calls (calleeEnv starts from the caller's env).
  const parse: Parse = (key, text, readOptions) => {
    const names = new Set(Array.from(text.matchAll(/\$\{?[#!]?([A-Za-z_]\w*)/g), (m) => m[1]!));
    const env = new Map([...readOptions.env].filter(([name]) => names.has(name)));
    // The words a script is handed matter only to a text that reads them (`$1`, `"$@"`, `$#`, `shift`).
    const { positional, ...rest } = readOptions;
    const handed = positional && /\$\{?[@*#1-9]|\bshift\b/.test(text) ? positional : undefined;
    const full = `${key}\u0000${envKey(env)}\u0000${handed ? JSON.stringify(handed) : ''}`;
    let reading = cache.get(full);
    if (!reading)
      cache.set(full, (reading = readShell(text, { ...rest, env, ...(handed ? { positional: handed } : {}) })));
    return reading;
  };

  const bound = (
    kind: FollowBoundKind,
    from: Pending,
    invocation: ShellInvocation,
    target: string,
    message: string,
  ): void => {
    bounds.push({ kind, file: from.file, invocation, target, message });
  };

  while (queue.length > 0) {
    const current = queue.shift()!;
    // What files sourced so far set: `source ci/env.sh && ./ci/run.sh` runs run.sh with env.sh's variables.
    const sourced = new Map<string, ShellEnvValue>();
    for (const invocation of current.reading.invocations) {
      const targets = resolveTargets(invocation, current, read, parse, sourced);
      for (const found of targets)
        if (invocation.kind === 'source' && !('bound' in found))
          for (const reading of found.readings) for (const [name, value] of reading.variables) sourced.set(name, value);
      for (const found of targets) {
        if ('bound' in found) {
          bound(found.bound, current, invocation, found.target, found.message);
          continue;
        }
        const key = `${invocation.kind === 'make' ? 'make' : invocation.kind === 'package-script' ? 'pkg' : 'file'}:${found.file}:${found.name ?? ''}`;
        if (current.chain.includes(key)) {
          bound(
            'cycle',
            current,
            invocation,
            found.name ?? found.file,
            `${found.name ?? found.file} runs itself again (a cycle); it is read once`,
          );
          continue;
        }
        // A second call of a script already read with the same words and variables: nothing more to see.
        const fresh = found.readings.filter((reading) => !seen.has(reading));
        if (found.readings.length > 0 && fresh.length === 0) continue;
        const limit: [FollowBoundKind, string] | null =
          current.depth + 1 > maxDepth
            ? ['depth', `not followed: more than ${maxDepth} scripts deep`]
            : readings.length >= maxReadings
              ? ['readings', `not followed: more than ${maxReadings} scripts read`]
              : null;
        if (limit) {
          bound(limit[0], current, invocation, found.name ?? found.file, limit[1]);
          continue;
        }
        for (const reading of fresh) seen.add(reading);
        for (const reading of fresh) {
          const followed: FollowedReading = {
            file: found.file,
            kind: invocation.kind,
            reading,
            depth: current.depth + 1,
            invocation,
            from: current.file,
          };
          if (found.name !== undefined) followed.name = found.name;
          readings.push(followed);
          queue.push({
            file: found.file,
            reading,
            cwd: found.cwd,
            depth: current.depth + 1,
            chain: [...current.chain, key],
            env: found.env,
          });
        }
      }
    }
  }
  return { readings, bounds };
}

type Target =
  | { file: string; name?: string; readings: ShellReading[]; cwd: string; env: Env }
  | { bound: FollowBoundKind; target: string; message: string };

function resolveTargets(
  invocation: ShellInvocation,
  at: Pending,
  read: ReadRepoFile,
  parse: Parse,
  sourced: Env,
): Target[] {
  const env = calleeEnv(at, invocation, sourced);
  const directory = invocation.directory?.value;
  if (directory?.includes(UNKNOWN))
    return [
      {
        bound: 'unknown-target',
        target: invocation.directory!.text,
        message: `the directory \`${invocation.directory!.text}\` is not known before the run`,
      },
    ];
  // After `cd "$UNKNOWN"` the directory is a guess (where the script started); say so if that fails.
  const moved = invocation.cwd === null ? at.cwd : (joinPath(at.cwd, invocation.cwd) ?? at.cwd);
  const cwd = directory ? (joinPath(moved, directory) ?? moved) : moved;
  const targets =
    invocation.kind === 'script' || invocation.kind === 'source'
      ? scriptTargets(invocation, at, cwd, read, parse, env)
      : invocation.kind === 'package-script'
        ? packageTargets(invocation, cwd, read, parse, env)
        : makeTargets(invocation, cwd, read, parse, env);
  if (invocation.cwd !== null) return targets;
  return targets.map((t) =>
    'bound' in t && t.bound.startsWith('missing')
      ? {
          ...t,
          bound: 'unknown-target',
          message: `${t.message} (an earlier \`cd\` went to a directory not known before the run)`,
        }
      : t,
  );
}

/** Values of one word followed at most: `for s in a.sh b.sh; do "$s"; done` reads each. */
const MAX_ALTERNATIVES = 16;

/** Each script the word can name (`"$s"` over a loop's list): every one is read. */
function scriptTargets(
  invocation: ShellInvocation,
  at: Pending,
  cwd: string,
  read: ReadRepoFile,
  parse: Parse,
  env: Env,
): Target[] {
  const target = invocation.target;
  if (!target) return [{ bound: 'unknown-target', target: '', message: 'no script named' }];
  const values = [...new Set([target.value, ...target.alternatives])].slice(0, MAX_ALTERNATIVES);
  return values.map((value) => scriptTarget(value, { invocation, at, cwd, read, parse, env }));
}

interface Resolving {
  invocation: ShellInvocation;
  at: Pending;
  cwd: string;
  read: ReadRepoFile;
  parse: Parse;
  env: Env;
}

function scriptTarget(value: string, { invocation, at, cwd, read, parse, env }: Resolving): Target {
  const written = invocation.target!.text;
  // Name the value too when the word is a variable (`"$s"` is `.ci/setup.sh`).
  const named = value === written || value.includes(UNKNOWN) ? `\`${written}\`` : `\`${value}\` (\`${written}\`)`;
  let path = value;
  // `"$(dirname "$0")/x.sh"`, `$GITHUB_WORKSPACE/x.sh`: an unknown directory in front of a known path.
  const unknownPrefix = path.startsWith(UNKNOWN);
  if (unknownPrefix) path = path.replace(/^\u{E000}+/u, '');
  if (path.includes(UNKNOWN) || (unknownPrefix && !path.startsWith('/')))
    return { bound: 'unknown-target', target: written, message: `the script ${named} is not known before the run` };
  const candidates = unknownPrefix
    ? [joinPath(dirOf(at.file), path.slice(1)), joinPath('', path.slice(1))]
    : [joinPath(cwd, path)];
  for (const file of candidates) {
    if (file === null) continue;
    const text = read(file);
    if (text === null) continue;
    const interpreter = invocation.runner ?? interpreterOf(text);
    if (
      invocation.runner !== undefined ||
      (invocation.command.name !== 'source' &&
        invocation.command.name !== '.' &&
        !/^(ba|z|da|k|mk)?sh$/.test(interpreter) &&
        !/^(bash|sh|zsh|dash|ksh)$/.test(invocation.command.name))
    )
      return {
        bound: 'not-shell',
        target: file,
        message: `\`${file}\` runs under ${interpreter}, which is not read as shell`,
      };
    // A script run with words gets them as `$1`, `"$@"`; `source x` without words keeps the caller's (not known here).
    const handed =
      invocation.kind === 'script' || invocation.args.length > 0
        ? { positional: invocation.args.map((a) => a.value) }
        : {};
    return { file, readings: [parse(`script:${file}`, text, { env, ...handed })], cwd, env };
  }
  if (unknownPrefix)
    return {
      bound: 'unknown-target',
      target: written,
      message: `the directory of ${named} is not known before the run`,
    };
  return { bound: 'missing-file', target: value, message: `the script ${named} is not in the repository` };
}

/** The program a script's `#!` line names (`bash` for `#!/usr/bin/env -S bash -e`); `sh` without one. */
export function interpreterOf(text: string): string {
  const shebang = /^#!\s*(\S+)((?:\s+\S+)*)/.exec(text);
  if (!shebang) return 'sh';
  if (!/\/env$/.test(shebang[1]!)) return shebang[1]!.split('/').pop()!;
  const words = shebang[2]!.trim().split(/\s+/);
  return words.find((w) => !w.startsWith('-') && !w.includes('=')) ?? '';
}

function packageTargets(
  invocation: ShellInvocation,
  cwd: string,
  read: ReadRepoFile,
  parse: Parse,
  env: Env,
): Target[] {
  const name = invocation.target?.value ?? '';
  if (name.includes(UNKNOWN))
    return [
      {
        bound: 'unknown-target',
        target: invocation.target!.text,
        message: `the script name \`${invocation.target!.text}\` is not known before the run`,
      },
    ];
  const file = joinPath(cwd, 'package.json') ?? 'package.json';
  const text = read(file);
  if (text === null)
    return [
      {
        bound: 'missing-file',
        target: file,
        message: `\`${invocation.runner} run ${name}\` needs ${file}, which is not in the repository`,
      },
    ];
  const tree = parseTree(text);
  const scripts = tree ? findNodeAtLocation(tree, ['scripts']) : undefined;
  const readings: ShellReading[] = [];
  // npm and pnpm run `preNAME` and `postNAME` around it.
  for (const key of [`pre${name}`, name, `post${name}`]) {
    const node = scripts ? findNodeAtLocation(scripts, [key]) : undefined;
    if (!node || node.type !== 'string') continue;
    const value = node.value as string;
    const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
    // `npm run NAME -- ARGS`: the runner appends ARGS to NAME's command line (not to pre/post).
    const extra = key === name ? handedWords(invocation) : '';
    // Offsets map exactly when the JSON string has no escapes; otherwise they point at its start.
    const base = node.offset + 1;
    const reading = parse(`package:${file}:${key}:${extra}`, extra ? `${value} ${extra}` : value, { base, env });
    readings.push(raw === value && !extra ? reading : clampReading(reading, base, node.offset + node.length));
  }
  if (!scripts || !findNodeAtLocation(scripts, [name]))
    return [{ bound: 'missing-script', target: name, message: `${file} has no script \`${name}\`` }];
  return [{ file, name, readings, cwd, env }];
}

/**
 * The words a package runner appends to the script, quoted for the shell: npm and bun pass only
 * what follows `--` (before it, options are their own); pnpm and yarn pass every word after the name.
 */
function handedWords(invocation: ShellInvocation): string {
  const words = invocation.args.map((a) => a.value);
  const dashes = words.indexOf('--');
  const handed =
    invocation.runner === 'npm' || invocation.runner === 'bun'
      ? dashes >= 0
        ? words.slice(dashes + 1)
        : []
      : dashes === 0
        ? words.slice(1)
        : words;
  return handed.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** Keeps offsets of a reading inside [start, end) when its text was unescaped first. */
function clampReading(reading: ShellReading, start: number, end: number): ShellReading {
  const clamp = <T extends { start: number; end: number }>(x: T): T => ({
    ...x,
    start: Math.min(Math.max(x.start, start), end),
    end: Math.min(Math.max(x.end, start), end),
  });
  return {
    ...reading,
    commands: reading.commands.map((c) => ({ ...clamp(c), program: clamp(c.program), args: c.args.map(clamp) })),
  };
}

function makeTargets(invocation: ShellInvocation, cwd: string, read: ReadRepoFile, parse: Parse, env: Env): Target[] {
  const names = invocation.file ? [invocation.file.value] : ['GNUmakefile', 'makefile', 'Makefile'];
  if (names.some((n) => n.includes(UNKNOWN)))
    return [
      {
        bound: 'unknown-target',
        target: invocation.file!.text,
        message: `the Makefile \`${invocation.file!.text}\` is not known before the run`,
      },
    ];
  let file: string | null = null;
  let text: string | null = null;
  for (const name of names) {
    const path = joinPath(cwd, name);
    if (path === null) continue;
    text = read(path);
    if (text !== null) {
      file = path;
      break;
    }
  }
  if (file === null || text === null)
    return [
      {
        bound: 'missing-file',
        target: names.at(-1)!,
        message: `\`make\` needs a Makefile in \`${cwd || '.'}\`, which is not in the repository`,
      },
    ];
  const makefile = readMakefile(text);
  const wanted = invocation.target?.value ?? makefile.first;
  if (wanted === null) return [{ bound: 'missing-target', target: '', message: `${file} has no target to run` }];
  if (wanted.includes(UNKNOWN))
    return [
      {
        bound: 'unknown-target',
        target: invocation.target!.text,
        message: `the make target \`${invocation.target!.text}\` is not known before the run`,
      },
    ];
  const variables: Map<string, ShellEnvValue> = new Map(env);
  // A Makefile's own assignments win over the environment (unless `make -e`); one that refers to
  // another variable is not worked out: unknown, never empty.
  for (const [name, value] of makefile.variables) variables.set(name, /\$/.test(value) ? null : value);
  const out: Target[] = [];
  const visited = new Set<string>();
  // The target's prerequisites run first; each rule's recipe lines run as separate shells.
  const visit = (target: string, depth: number): void => {
    if (visited.has(target) || depth > 16) return;
    visited.add(target);
    const rule = makefile.rules.get(target);
    if (!rule) {
      if (target === wanted)
        out.push({ bound: 'missing-target', target, message: `${file} has no target \`${target}\`` });
      return;
    }
    for (const prerequisite of rule.prerequisites) visit(prerequisite, depth + 1);
    const readings = rule.recipe.map((line) =>
      parse(`make:${file}:${line.start}`, recipeToShell(line.text), { base: line.start, env: variables }),
    );
    out.push({ file: file!, name: target, readings, cwd, env: variables });
  };
  visit(wanted, 0);
  return out;
}
