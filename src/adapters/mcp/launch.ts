/**
 * What a server's command line starts: a host process, a container, an OS sandbox around another
 * command. Shell wrappers (`sh -c "…"`, `bash -lc`, `cmd /c`, `powershell -Command`) and the wrappers
 * of the one table in src/shell (`env K=V`, `sudo -u x`, `timeout 30`, `exec`, `nice -n 5`, …) are
 * unwrapped first, so the inner command is what gets judged.
 */
import { agentSandboxCommand } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { parseRunArgs, type Arg, type DockerRun } from '../../containers/docker-run.js';
import {
  SHELL_PROGRAMS,
  readShell,
  wrappersFor,
  writtenValue,
  type ShellCommand,
  type ShellContext,
  type WrapperSpec,
} from '../../shell/index.js';

export type Launch =
  /** A program started directly on the host (`npx`, `uvx`, `node`, a binary). */
  | { kind: 'host'; program: Arg; name: string; args: Arg[] }
  /** A container: `docker run` (parsed), or a container started another way (`docker exec`, ToolHive). */
  | { kind: 'container'; program: Arg; name: string; run: DockerRun | null; how: string }
  /** An OS sandbox around another command (`srt`, `bwrap`, `sandbox-exec`, `runsc do`). */
  | {
      kind: 'sandbox';
      program: Arg;
      name: string;
      isolation: 'process' | 'gvisor';
      settings: Arg | null;
      options: Arg[];
      inner: Launch | null;
    };

export interface Analysis {
  launch: Launch;
  /** Wrappers unwrapped on the way, outermost first (`bash -lc`), for the reason text. */
  wrappers: string[];
  /** `timeout 300 …` bounds the run time. */
  timeout: Arg | null;
}

const CONTAINER_CLIS = new Set(['docker', 'podman', 'nerdctl', 'finch']);
/** An OS sandbox of the one table (`bwrap`, `firejail`, `sandbox-exec`, …). */
const isOsSandbox = (name: string): boolean => wrappersFor(name).some((spec) => spec.boundary !== undefined);

/** `C:\\tools\\npx.cmd` → `npx`; `/usr/local/bin/uvx` → `uvx`. */
export function programName(command: string): string {
  const base = command.split(/[\\/]/).pop() ?? command;
  return base.replace(/\.(?:exe|cmd|bat|com)$/i, '').toLowerCase();
}

/** Words of a string argument, each pointing at its own text inside that argument. */
export function wordsOf(arg: Arg, words: readonly string[]): Arg[] {
  return words.map((w) => ({ value: w, ref: { ...arg.ref, text: w } }));
}

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
/** Commands that do not start the program themselves: inside a substitution, a function body or a heredoc. */
const NESTED: ReadonlySet<ShellContext> = new Set(['substitution', 'process-substitution', 'function', 'heredoc']);

/**
 * A server's launch line is a line or a short script. A longer one is not read (the shell reader is
 * slow on hostile 300 KB arguments) and the shell that runs it is judged as the host process it is:
 * the command it finally starts is not known, so nothing it might declare is credited.
 */
const MAX_SCRIPT = 16_384;
const tooLong = (script: Arg): boolean => script.value.length > MAX_SCRIPT;

/**
 * The command that starts the program in a script (`cd x && exec npx -y pkg` → `exec npx -y pkg`): the
 * last top-level command that is not setup. Read by src/shell without looking through wrappers (analyse
 * reads those); each word as written, quotes removed, so `$HOME` stays for the mount judgement.
 */
export function mainCommandWords(script: string): string[] {
  const reading = readShell(script, { unwrap: false });
  const commands = reading.commands.filter((c) => !c.context.some((k) => NESTED.has(k)));
  const words = (c: ShellCommand): string[] => [c.program, ...c.args].map(writtenValue);
  const main = commands.findLast((c) => !SETUP.has(writtenValue(c.program))) ?? commands.at(-1);
  return main ? words(main) : [];
}

/** Splits a single argument that holds a whole command (`"npx -y pkg"`) into words. */
function splitIfCommandLine(args: Arg[]): Arg[] {
  if (args.length === 1 && /\s/.test(args[0]!.value.trim()) && !tooLong(args[0]!))
    return wordsOf(args[0]!, mainCommandWords(args[0]!.value));
  return args;
}

export function analyse(argv: readonly Arg[]): Analysis | null {
  const wrappers: string[] = [];
  let timeout: Arg | null = null;
  const launch = step([...argv], 0);
  return launch ? { launch, wrappers, timeout } : null;

  function step(words: Arg[], depth: number): Launch | null {
    const program = words[0];
    if (!program || depth > 8) return null;
    const name = programName(program.value);
    const rest = words.slice(1);
    const wrapper = wrapperSpec(name);
    if (wrapper) {
      const unwrapped = unwrap(wrapper, rest);
      if (!unwrapped) return { kind: 'host', program, name, args: rest };
      if (wrapper.asRoot) wrappers.push(name);
      if (wrapper.name === 'timeout') timeout = unwrapped.skipped[0] ?? null;
      if (unwrapped.script) {
        if (tooLong(unwrapped.script.line)) return { kind: 'host', program, name, args: rest };
        wrappers.push(`${name} ${unwrapped.script.flag}`);
        return step(wordsOf(unwrapped.script.line, mainCommandWords(unwrapped.script.line.value)), depth + 1);
      }
      return step(unwrapped.command, depth + 1);
    }
    if (SHELL_PROGRAMS.has(name)) {
      const flag = rest.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
      const script = flag >= 0 ? rest[flag + 1] : undefined;
      if (!script || tooLong(script)) return { kind: 'host', program, name, args: rest };
      wrappers.push(`${name} ${rest[flag]!.value}`);
      return step(wordsOf(script, mainCommandWords(script.value)), depth + 1);
    }
    if (name === 'cmd') {
      const flag = rest.findIndex((w) => /^\/[ckCK]$/.test(w.value));
      if (flag < 0) return { kind: 'host', program, name, args: rest };
      wrappers.push(`cmd ${rest[flag]!.value}`);
      return step(splitIfCommandLine(rest.slice(flag + 1)), depth + 1);
    }
    if (name === 'powershell' || name === 'pwsh') {
      const flag = rest.findIndex((w) => /^-(?:c|command)$/i.test(w.value));
      const script = flag >= 0 ? rest[flag + 1] : undefined;
      if (!script || tooLong(script)) return { kind: 'host', program, name, args: rest };
      wrappers.push(`${name} ${rest[flag]!.value}`);
      return step(wordsOf(script, mainCommandWords(script.value)), depth + 1);
    }
    if (CONTAINER_CLIS.has(name)) return container(program, name, rest);
    if (name === 'docker-compose')
      return { kind: 'container', program, name, run: null, how: `\`docker-compose ${rest[0]?.value ?? ''}\``.trim() };
    if (name === 'thv' && rest[0]?.value === 'run')
      return { kind: 'container', program, name, run: null, how: '`thv run` (ToolHive)' };
    if (name === 'srt') {
      let i = 0;
      let settings: Arg | null = null;
      while (i < rest.length && rest[i]!.value.startsWith('-')) {
        const flag = rest[i]!.value;
        if (flag === '--') {
          i++;
          break;
        }
        if (flag === '--settings' || flag === '-s') settings = rest[++i] ?? null;
        else if (flag.startsWith('--settings='))
          settings = { value: flag.slice('--settings='.length), ref: rest[i]!.ref };
        i++;
      }
      return {
        kind: 'sandbox',
        program,
        name,
        isolation: 'process',
        settings,
        options: rest.slice(0, i),
        inner: step(splitIfCommandLine(rest.slice(i)), depth + 1),
      };
    }
    if (name === 'runsc' && rest[0]?.value === 'do')
      return {
        kind: 'sandbox',
        program,
        name: 'runsc do',
        isolation: 'gvisor',
        settings: null,
        options: [],
        inner: step(rest.slice(1), depth + 1),
      };
    const agentSandbox = agentSandboxCommand(name, rest[0]?.value);
    if (agentSandbox) {
      const sep = rest.findIndex((w) => w.value === '--');
      return {
        kind: 'sandbox',
        program,
        name: agentSandbox,
        isolation: 'process',
        settings: null,
        options: sep >= 0 ? rest.slice(1, sep) : rest.slice(1),
        inner: sep >= 0 ? step(rest.slice(sep + 1), depth + 1) : null,
      };
    }
    if (isOsSandbox(name)) {
      const sep = rest.findIndex((w) => w.value === '--');
      return {
        kind: 'sandbox',
        program,
        name,
        isolation: 'process',
        settings: null,
        options: sep >= 0 ? rest.slice(0, sep) : rest,
        inner: sep >= 0 ? step(rest.slice(sep + 1), depth + 1) : null,
      };
    }
    return { kind: 'host', program, name, args: rest };
  }
}

function container(program: Arg, name: string, rest: Arg[]): Launch {
  const sub = rest[0]?.value;
  const runAt = sub === 'run' ? 1 : sub === 'container' && rest[1]?.value === 'run' ? 2 : -1;
  if (runAt > 0)
    return { kind: 'container', program, name, run: parseRunArgs(rest.slice(runAt)), how: `\`${name} run\`` };
  if (sub === 'mcp' && rest[1]?.value === 'gateway')
    return { kind: 'container', program, name, run: null, how: '`docker mcp gateway run`' };
  return { kind: 'container', program, name, run: null, how: `\`${[name, sub].filter(Boolean).join(' ')}\`` };
}

/** Whether a wrapper the analysis lists (`sudo`, not `bash -c`) runs its command as root (the one table's `asRoot`). */
export const runsAsRoot = (wrapper: string): boolean => wrappersFor(wrapper).some((spec) => spec.asRoot === true);

/** A wrapper of the one table (src/shell/wrappers.ts) that runs its operand as a program (`sudo`, `env`, `timeout`). */
function wrapperSpec(name: string): WrapperSpec | undefined {
  return wrappersFor(name).find((spec) => spec.kind === 'wrapper' && !spec.verbs && !spec.boundary);
}

interface Unwrapped {
  /** The command it runs. */
  command: Arg[];
  /** Positional operands before the command (`timeout DURATION`, `gosu USER`). */
  skipped: Arg[];
  /** A script flag's command line (`env -S "…"`, `su -c "…"`). */
  script?: { flag: string; line: Arg };
}

/** Skips a wrapper's options (with the table's arities), assignments and operands; null when it runs nothing. */
function unwrap(spec: WrapperSpec, rest: readonly Arg[]): Unwrapped | null {
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-') && rest[i]!.value !== '-') {
    const option = rest[i]!.value;
    if (option === '--') {
      i++;
      break;
    }
    if (spec.lookupOnly?.includes(option)) return null;
    const line = spec.scriptFlags?.includes(option) ? rest[i + 1] : undefined;
    if (line) return { command: [], skipped: [], script: { flag: option, line } };
    i += spec.valued.includes(option) ? 2 : 1;
  }
  if (spec.assignments) while (i < rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i]!.value)) i++;
  const skipped = rest.slice(i, i + (spec.skip ?? 0));
  return { command: rest.slice(i + skipped.length), skipped };
}

/** The innermost program: what actually runs the server's code. */
export function innermost(launch: Launch): Launch {
  return launch.kind === 'sandbox' && launch.inner ? innermost(launch.inner) : launch;
}

export type { Arg, SourceRef };
