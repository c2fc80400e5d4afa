/**
 * Agent CLIs in `run:` blocks: unwraps launchers (`npx -y @anthropic-ai/claude-code`, `timeout`,
 * `srt`, `docker run`, `bash -c`), recognises the agent and reads its flags.
 */
import { minimatch } from 'minimatch';
import { agentOfPythonModule, mainProgram, programNamed, programOfPackage } from '../../agents/index.js';
import { ANY_WORD } from '../../agents/args.js';
import type { CliArgs } from '../../agents/types.js';
import {
  ASSIGNMENT_LINE,
  PROGRAM_UNKNOWN,
  disjoint,
  distinctRuns,
  noteUnknownArgs,
  programFromExpression,
  unknownAgent,
  unknownSources,
} from './cli-expressions.js';
import type { AdapterSettings, SourceRef } from '../../model.js';
import { envLookup, loadsByDefault, placeOf, readAgentFlags, type FlagContext } from './cli-flags.js';
import { refAt } from './refs.js';
import { envArgv, withScriptAssignments } from './run-env.js';
import { readSandboxWrapper, sandboxWrapperAt } from './sandbox-wrappers.js';
import {
  SHELL_PROGRAMS,
  UNKNOWN,
  readArgv,
  wrappersFor,
  readShell,
  type ShellCommand,
  type ShellReading,
  type ShellWord,
} from '../../shell/index.js';
import { oneWord, parseArgs, programName, splitArgs, type Word } from './shell.js';
import {
  runVariants,
  spansOverlapping,
  substitute,
  toBlockSpans,
  expressionSpans,
  type RunVariant,
} from './run-expressions.js';
import { noteUndetermined, type Undetermined } from './unknowns.js';
import type { Scope } from './values.js';
import { emptyRun, type AgentRun, type Candidate, type TextAt } from './types.js';
import { scalarText, shellEnv, type Located, type Step } from './workflow.js';
import { isExported } from './exported-env.js';
import { append } from '../../util/arrays.js';
import { readDockerRun } from './docker-run-step.js';

export interface CliContext {
  /** The raw text of assignments the script makes, as the shell sees it before splitting. */
  scriptVarText?: ReadonlyMap<string, string>;
  file: string;
  step: Step;
  /** The `run:` scalar. */
  at: TextAt;
  env: ReadonlyMap<string, Located<unknown>>;
  agentCommands: readonly string[];
  settingsFile(path: string, run: AgentRun, agent: string): boolean;
  /** A repository file a flag or variable points the agent at, parsed. */
  loadFile?: FlagContext['loadFile'];
  /**
   * Agent runs in what the block runs from the repository (scripts, package scripts, Makefile
   * recipes), given the block's reading; absent when nothing is followed.
   */
  follow?(reading: ShellReading, ctx: CliContext): AgentRun[];
  /** The policy's detection settings (runtime classes that count as gVisor or a micro-VM). */
  settings?: AdapterSettings;
  /** What the job's `${{ }}` can see (matrix, inputs, `env:`); without it every expression is unknown. */
  expressions?: Scope;
  /** The variant of the block being read (set by agentCommands, never by a caller). */
  variant?: RunVariant;
}

/** Agent commands read from one `run:` block; more say nothing new and only cost time on hostile input. */
const MAX_RUNS_PER_STEP = 50;

/**
 * What `runsTask` judges. An unquoted word nobody knows before the run (`claude $ARGS`,
 * `codex ${{ vars.X }}`) is split by the shell into words any of which may be the flag or subcommand
 * that makes it a task, so it is handed over as `ANY_WORD`, never dropped; after a known subcommand
 * (`codex login --api-key $KEY`) it is that subcommand's argument. A quoted one is a single word:
 * the task's text, as `noteUnknownArgs` reads it.
 */
function taskArgs(args: ReturnType<typeof parseArgs>, script: string): CliArgs {
  const firstKnown = args.positionals.findIndex((p) => !p.text.includes(UNKNOWN));
  const any = (word: Word, index: number): boolean =>
    word.text.includes(UNKNOWN) && (firstKnown < 0 || index < firstKnown) && !oneWord(script.slice(word.start));
  return {
    flags: [
      ...args.flags.map((f) => (f.name.includes(UNKNOWN) ? { name: ANY_WORD } : f)),
      ...args.positionals.filter(any).map(() => ({ name: ANY_WORD })),
    ],
    positionals: args.positionals.map((p, index) => (any(p, index) ? { text: ANY_WORD } : p)),
  };
}

/** A word of the command line, with the shell reader's word behind it when there is one. */
type CommandWord = Word & { shell?: ShellWord };

/**
 * Every agent run in a `run:` block, one per agent command, read by the shell reader: every command
 * bash would run (compound commands, `bash -c` strings, heredocs fed to a shell, `eval`, wrappers and
 * launchers), with variables from `env:` and earlier assignments expanded.
 */
export function agentCommands(ctx: CliContext): AgentRun[] {
  const reading = readShell(ctx.at.value, { env: shellEnv(ctx.env) });
  const variants = ctx.expressions ? expressionVariants(reading, ctx, ctx.expressions) : [];
  if (variants.length === 0) {
    const runs = runsInReading(reading, ctx);
    if (ctx.follow) append(runs, ctx.follow(reading, ctx));
    return runs;
  }
  const read = (variant: RunVariant): ShellReading => {
    const substituted = substitute(ctx.at.value, variant);
    const reading = readShell(substituted.text, { env: variant.env, expression: (body) => variant.expression(body) });
    toBlockSpans(reading, substituted);
    return reading;
  };
  const programs = new Map<number, { runs: AgentRun[]; unknown: Undetermined[] }>();
  const first = read(variants[0]!);
  const runs = variantRuns(first, { ...ctx, variant: variants[0]! }, programs);
  // Other variants matter only where an expression reaches an agent's command line or a program.
  if (
    runs.length > 0 ||
    first.commands.some(programFromExpression(ctx, variants[0]!.spans, assignmentsIn(ctx.at.value)))
  )
    for (const variant of variants.slice(1)) append(runs, variantRuns(read(variant), { ...ctx, variant }, programs));
  for (const { runs: at, unknown } of programs.values()) {
    // With every approval off in one variant, what an unknown flag says elsewhere cannot be weaker.
    if (at.some((run) => run.approval.some((c) => c.value === 'bypassed')))
      for (const run of at) run.undetermined = run.undetermined.filter((u) => u.what === PROGRAM_UNKNOWN);
    // A program some variant leaves unknown may be any agent: the runs other variants find there say so.
    for (const run of at) for (const u of unknown) noteUndetermined(run, u);
  }
  const distinct = distinctRuns(runs);
  if (ctx.follow) append(distinct, ctx.follow(first, ctx));
  return distinct;
}

/**
 * The variants of the block worth reading: expressions in an agent's command line or a program
 * position (found with every expression unknown), in assignments, and values that run commands.
 */
function expressionVariants(reading: ShellReading, ctx: CliContext, scope: Scope): RunVariant[] {
  if (!ctx.at.value.includes('${{') && ![...ctx.env.values()].some((v) => String(v.value).includes('${{'))) return [];
  const local = { ...ctx, scriptVarText: assignmentsIn(ctx.at.value) };
  const spans = expressionSpans(ctx.at.value);
  const fromExpression = programFromExpression(ctx, spans, local.scriptVarText);
  const ranges = disjoint(
    reading.commands.filter((command) => fromExpression(command) || readShellCommand(command, local, 0) !== null),
  );
  const assignments = [...ctx.at.value.matchAll(ASSIGNMENT_LINE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  return runVariants(
    ctx.at.value,
    ctx.env,
    scope,
    (span) =>
      spansOverlapping(ranges, span.start, span.end).length > 0 ||
      spansOverlapping(assignments, span.start, span.end).length > 0,
  );
}

/** The runs of one variant's reading, each also listed under its program's offset. */
function variantRuns(
  reading: ShellReading,
  ctx: CliContext & { variant: RunVariant },
  programs: Map<number, { runs: AgentRun[]; unknown: Undetermined[] }>,
): AgentRun[] {
  const runs: AgentRun[] = [];
  const local = { ...ctx, scriptVarText: assignmentsIn(ctx.at.value) };
  for (const command of reading.commands) {
    const entry = programs.get(command.program.start) ?? { runs: [], unknown: [] };
    programs.set(command.program.start, entry);
    const unknown = command.program.value.includes(UNKNOWN)
      ? unknownSources(command.program, local).map((s) => ({ ...s.undetermined, what: PROGRAM_UNKNOWN }))
      : [];
    append(entry.unknown, unknown);
    const run = readShellCommand(command, local, 0) ?? (unknown.length > 0 ? unknownAgent(command, local) : null);
    if (run) {
      runs.push(run);
      entry.runs.push(run);
    }
    if (runs.length >= MAX_RUNS_PER_STEP) break;
  }
  return runs;
}

/**
 * Agent runs among the commands of one reading of `ctx.at` (a `run:` block, or a file the block
 * runs, with `ctx.at` that file's text).
 */
export function runsInReading(reading: ShellReading, ctx: CliContext): AgentRun[] {
  const runs: AgentRun[] = [];
  const local = { ...ctx, scriptVarText: assignmentsIn(ctx.at.value) };
  for (const command of reading.commands) {
    const run = readShellCommand(command, local, 0);
    if (run) runs.push(run);
    if (runs.length >= MAX_RUNS_PER_STEP) break;
  }
  return runs;
}

/** `NAME=value` assignments in the script (for tracing which variables a prompt reads). */
function assignmentsIn(script: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of script.matchAll(
    /(?:^|[\s;&|(])(?:(?:export|declare|local|readonly)\s+(?:-\w+\s+)*)?([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"?|'[^']*'?|\S*)/gm,
  ))
    found.set(m[1]!, `${m[1]}=${m[2]}`);
  return found;
}

const toWord = (word: ShellWord): CommandWord => ({ text: word.value, start: word.start, end: word.end, shell: word });

/**
 * The command's words. A bare `$NAME` from `env:` (not set by the script) becomes the words of its
 * value pointed at in `env:`, so a finding shows where the flag is written.
 */
function commandWords(command: ShellCommand, ctx: CliContext): CommandWord[] {
  const words: CommandWord[] = [];
  const all = [command.program, ...command.args];
  for (let i = 0; i < all.length; i++) {
    const word = all[i]!;
    const name = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(word.text)?.[1];
    const located = name && !ctx.scriptVarText?.has(name) ? ctx.env.get(name) : undefined;
    const value = located ? scalarText(located.value) : null;
    if (i > 0 && located && value !== null && !value.includes('${{')) {
      while (i + 1 < all.length && all[i + 1]!.start === word.start && all[i + 1]!.end === word.end) i++;
      // Written to $GITHUB_ENV by an earlier step: point at the value in that step's `run:`.
      const exported = isExported(located) && located.offset >= 0 ? located : undefined;
      const at: TextAt = { file: ctx.file, path: located.path, value: exported ? exported.text : value };
      const shift = exported ? exported.offset : 0;
      words.push(...splitArgs(value).map((x) => ({ ...x, start: x.start + shift, end: x.end + shift, at })));
      continue;
    }
    if (name && ctx.scriptVarText?.has(name)) {
      // `ARGS="--yolo"` earlier in the script: point each word of the value at the assignment.
      const assigned = ctx.at.value.lastIndexOf(`${name}=`, word.start);
      let from = assigned + name.length + 1;
      while (i < all.length && all[i]!.start === word.start && all[i]!.end === word.end) {
        const part = all[i]!;
        const found = assigned >= 0 ? ctx.at.value.indexOf(part.value, from) : -1;
        const start = found >= 0 && found < word.start ? found : part.start;
        const end = start === part.start ? part.end : start + part.value.length;
        words.push({ ...toWord(part), start, end });
        if (start !== part.start) from = end;
        i++;
      }
      i--;
      continue;
    }
    words.push(toWord(word));
  }
  return words;
}

/** One command the shell reader found: its wrappers' limits, inline variables and launcher package. */
function readShellCommand(command: ShellCommand, ctx: CliContext, depth: number, outer?: Wrapping): AgentRun | null {
  if (command.function) return null;
  const words = commandWords(command, ctx);
  const w: Wrapping = outer
    ? { ...outer, inline: new Map(outer.inline) }
    : { isolation: [], network: [], limits: [], inline: new Map(), span: [command.start, command.end] };
  command.via.forEach((via, index) => {
    if (via.name !== 'timeout') return;
    // The duration is the operand between `timeout`'s options and the program it runs.
    const next = command.via[index + 1]?.word.start ?? command.program.start;
    const after = Math.max(via.word.end, via.options.at(-1)?.end ?? 0);
    const duration = ctx.at.value.slice(after, next).trim().split(/\s+/).at(-1) ?? '';
    w.limits.push({
      value: 'bounded',
      reason: `\`timeout ${duration}\` stops the agent`,
      source: refAt(ctx.at, via.word.start, via.word.end),
    });
  });
  for (const assignment of command.assignments)
    w.inline.set(assignment.name, {
      // As written where the value rests on an expansion: a path reader can still place `$GITHUB_WORKSPACE/x`.
      value: assignment.value?.unknown
        ? assignment.value.text.replace(/^(["'])([\s\S]*)\1$/, '$2')
        : (assignment.value?.value ?? ''),
      source: refAt(ctx.at, assignment.start, assignment.end),
    });
  const launched = command.via.findLast((via) => via.kind === 'launcher' && via.packageName)?.packageName;
  return readCommand(words, ctx, depth, w, launched ? programOfPackage(launched) : undefined);
}

interface Wrapping {
  isolation: Candidate<'process' | 'container' | 'gvisor' | 'microvm' | 'none'>[];
  network: Candidate<'open' | 'allowlist' | 'none'>[];
  limits: Candidate<'bounded'>[];
  inline: Map<string, { value: string; source: SourceRef }>;
  /** Offsets of the whole command line in the script. */
  span: [number, number];
}

/**
 * Sandbox wrappers the shell reader does not unwrap (`docker run`, `srt`, `sbx`, `awf`): their
 * options set the wrapping and the command after them is read again as an exec-form line.
 */
function readCommand(
  words: readonly CommandWord[],
  ctx: CliContext,
  depth: number,
  w: Wrapping,
  launched?: string,
): AgentRun | null {
  if (words.length === 0) return null;
  const ref = (word: Word): SourceRef => refAt(ctx.at, word.start, word.end);
  const word = words[0]!;
  const name = programName(word.text);
  if (launched) return recognise(launched, word, words.slice(1), ctx, w);
  let i: number;
  const sandbox = sandboxWrapperAt(words);
  if (sandbox) {
    const load = ctx.loadFile;
    const policy = load ? (path: string) => repositoryPath(path, load) : undefined;
    const wrapped = readSandboxWrapper(words, sandbox.spec, sandbox.next, w, ref, ctx.at.value, policy);
    if (!wrapped || depth >= 4) return null;
    if (wrapped.kind === 'script') return readQuotedCommand(words[wrapped.index]!, ctx, depth, w);
    if (wrapped.kind === 'agent') return readTail(wrapped.words, ctx, depth + 1, w);
    i = wrapped.from;
  } else if ((name === 'docker' || name === 'podman') && words[1]?.text === 'run') {
    const container = readDockerRun(words, 2, w, ref, ctx.settings);
    if (!container) return null;
    if (container.program && depth < 4) {
      const { text, at } = container.program;
      return readTail([{ ...at, text }, ...words.slice(container.next)], ctx, depth + 1, w);
    }
    i = container.next;
  } else if (/^python[\d.]*$/.test(name) && words[1]?.text === '-m' && words[2]) {
    const module = words[2].text;
    const agent = agentOfPythonModule(module);
    const program = agent ? mainProgram(agent) : undefined;
    if (agent && program) {
      const run = emptyRun({
        agent,
        step: ctx.step,
        file: ctx.file,
        at: ref(words[2]),
        signal: `run: python -m ${module}`,
        via: 'cli',
        action: null,
      });
      return finish(run, agent, parseArgs(words.slice(3), program.args), ctx, w);
    }
    // `python -m aider`: the module is the agent's program.
    return programNamed(module) ? recognise(module, words[2], words.slice(3), ctx, w) : null;
  } else if (runsJsFile(words)) {
    // A program the script only picks when it runs (`"$GH_AW_NODE_EXEC" …/x_harness.cjs`), handed a JS file, is a JS runtime.
    return readNodeScript(words, ctx, depth, w);
  } else {
    const direct = recognise(name, word, words.slice(1), ctx, w);
    if (direct || depth >= 4) return direct;
    const script = SHELL_PROGRAMS.has(name) ? shellScriptOperand(words) : isScriptPath(word.text) ? 0 : -1;
    return script >= 0 ? handedAgent(words.slice(script + 1), ctx, depth + 1, w) : null;
  }
  return depth < 4 ? readTail(words.slice(i), ctx, depth + 1, w) : null;
}

/** A repository file at a path as written (`./ci/awf.json`, `$GITHUB_WORKSPACE/…`), or null for one outside it. */
function repositoryPath(path: string, load: NonNullable<CliContext['loadFile']>) {
  const place = placeOf(path);
  return place.kind === 'repository' ? load(place.path) : null;
}

/**
 * `node …/cli.js` of an agent's package, or a harness script handed the agent's binary
 * (gh-aw's `node …/claude_harness.cjs claude --print …`): the agent is the program either way.
 */
function readNodeScript(words: readonly CommandWord[], ctx: CliContext, depth: number, w: Wrapping): AgentRun | null {
  const script = words[1]!;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(script.text)?.[1];
  const owner = inPackage ? programOfPackage(inPackage) : undefined;
  if (owner) return recognise(owner, script, words.slice(2), ctx, w);
  return depth < 4 ? handedAgent(words.slice(2), ctx, depth + 1, w, true) : null;
}

/** `node FILE.js …`, or a program only known when the script runs (`"$NODE_EXEC"`) handed a JS file. */
function runsJsFile(words: readonly CommandWord[]): boolean {
  const program = words[0]!;
  const unknown = program.shell?.unknown || program.text === '' || program.text.includes(UNKNOWN);
  return (programName(program.text) === 'node' || unknown) && /\.[cm]?js$/.test(words[1]?.text ?? '');
}

/** A program that is a script file (`./ci/run.sh`, `scripts/drive.py`), not a command on PATH. */
const isScriptPath = (text: string): boolean => text.includes('/') || /\.(sh|bash|py|[cm]?js|ts|rb|pl)$/.test(text);

/** `bash [-eux] [-o opt] FILE args…`: the index of FILE when it is a script file, else -1. */
function shellScriptOperand(words: readonly CommandWord[]): number {
  let i = 1;
  while (i < words.length && /^[-+]/.test(words[i]!.text) && words[i]!.text !== '--')
    i += /^[-+][oO]$/.test(words[i]!.text) ? 2 : 1;
  if (words[i]?.text === '--') i++;
  return words[i] && isScriptPath(words[i]!.text) ? i : -1;
}

/**
 * A driver handed the agent's binary, or a sandbox wrapper's command line, as its arguments
 * (`./run-agent.sh claude -p …`, a harness, gh-aw's `bash run_awf_with_startup_retries.sh -- awf … -- …`).
 */
function handedAgent(
  args: readonly CommandWord[],
  ctx: CliContext,
  depth: number,
  w: Wrapping,
  driven = false,
): AgentRun | null {
  // After `--` when the driver takes options of its own (`./awf --allow-domains x -- claude …`).
  const dashes = args.findIndex((arg) => arg.text === '--');
  const index = dashes >= 0 ? dashes + 1 : args.findIndex((arg) => !arg.text.startsWith('-'));
  if (index < 0 || index >= args.length) return null;
  const handed = args.slice(index);
  const name = programName(handed[0]!.text);
  if (driven && programNamed(name)) return recognise(name, handed[0]!, handed.slice(1), ctx, w, true);
  // A harness handed a driver and then the agent's binary (`harness.cjs "$NODE" driver.ts …/bin/copilot`).
  const binary = driven ? handed.findIndex((word) => programNamed(programName(word.text))) : -1;
  if (binary > 0)
    return recognise(programName(handed[binary]!.text), handed[binary]!, handed.slice(binary + 1), ctx, w, true);
  const known = programNamed(name) || sandboxWrapperAt(handed) || wrappersFor(name).length > 0;
  if (!known && !runsJsFile(handed)) return null;
  return readTail(handed, ctx, depth, w);
}

/** The command after a wrapper, read as an exec-form line (its own wrappers unwrap again). */
function readTail(words: readonly CommandWord[], ctx: CliContext, depth: number, w: Wrapping): AgentRun | null {
  if (words.length === 0) return null;
  const reading = readArgv(
    words.map((word) => ({
      value: word.text,
      start: word.start,
      end: word.end,
      ...valueStartOf(word, ctx.at.value),
    })),
  );
  for (const command of reading.commands) {
    const run = readShellCommand(command, ctx, depth, w);
    if (run) return run;
  }
  return null;
}

/** Where a word's value starts in the script when the script spells it character for character (plain, or quoted without escapes). */
function valueStartOf(word: CommandWord, script: string): { valueStart?: number } {
  const raw = script.slice(word.start, word.end);
  if (raw === word.text) return { valueStart: word.start };
  const quoted = raw.length === word.text.length + 2 && raw.slice(1, -1) === word.text;
  if (quoted && (raw[0] === "'" || (raw[0] === '"' && !/[\\$`]/.test(word.text))))
    return { valueStart: word.start + 1 };
  return {};
}

/** A command written as one quoted word (`bash -c "claude -p x"`, `awf '…'`), read at its offsets. */
function readQuotedCommand(inner: CommandWord, ctx: CliContext, depth: number, w: Wrapping): AgentRun | null {
  const quoted = inner.shell && /^['"]/.test(inner.shell.text) && inner.shell.text.slice(1, -1) === inner.text;
  const plain = inner.shell && inner.shell.text === inner.text;
  const base = quoted ? inner.start + 1 : inner.start;
  const reading = readShell(inner.text, { base, env: shellEnv(ctx.env) });
  for (const command of reading.commands) {
    const run = readShellCommand(command, ctx, depth + 1, {
      ...w,
      inline: new Map(w.inline),
      span: quoted || plain ? [command.start, command.end] : w.span,
    });
    if (run) return run;
  }
  return null;
}

function recognise(
  name: string,
  word: Word,
  rest: readonly Word[],
  ctx: CliContext,
  w: Wrapping,
  driven = false,
): AgentRun | null {
  const match = programNamed(name);
  if (match) {
    // A driver starts the binary with more arguments from its environment (a JSON array).
    const more = driven
      ? (match.program.argvEnv ?? []).flatMap((variable) => envArgv(variable, ctx.file, ctx.env))
      : [];
    const args = parseArgs([...rest, ...more], match.program.args);
    // A JS harness handed the agent's binary drives it with the task itself (gh-aw's copilot SDK driver).
    if (!driven && !match.program.runsTask(taskArgs(args, ctx.at.value))) return null;
    const run = emptyRun({
      agent: match.agent,
      step: ctx.step,
      file: ctx.file,
      at: refAt(ctx.at, word.start, word.end),
      signal: `run: ${commandSummary(name, args)}`,
      via: 'cli',
      action: null,
    });
    return finish(run, match.agent, args, ctx, w);
  }
  if (ctx.agentCommands.some((glob) => minimatch(name, glob))) {
    const run = emptyRun({
      agent: 'unknown',
      step: ctx.step,
      file: ctx.file,
      at: refAt(ctx.at, word.start, word.end),
      signal: `run: ${name} (listed in detect.agent-commands)`,
      via: 'cli',
      action: null,
    });
    return finish(run, 'unknown', parseArgs(rest, { valued: new Set() }), ctx, w);
  }
  return null;
}

function finish(
  run: AgentRun,
  agent: string,
  args: ReturnType<typeof parseArgs>,
  ctx: CliContext,
  w: Wrapping,
): AgentRun {
  append(
    run.isolation,
    w.isolation.map((c) => ({ ...c, wrapper: true })),
  );
  append(
    run.network,
    w.network.map((c) => ({ ...c, boundary: true, wrapper: true })),
  );
  if (w.isolation.some((c) => c.value !== 'none')) {
    run.filesystem.push({
      value: 'workspace',
      reason: 'the wrapper confines writes to what it exposes',
      source: w.isolation[0]!.source,
      boundary: true,
    });
  }
  append(run.limits, w.limits);
  const flagContext: FlagContext = {
    at: ctx.at,
    env: envLookup(ctx.file, ctx.env, withScriptAssignments(w.inline, ctx.at, w.span[0])),
    settingsFile: ctx.settingsFile,
    ...(ctx.loadFile ? { loadFile: ctx.loadFile } : {}),
  };
  readAgentFlags(run, agent, args, flagContext);
  noteUnknownArgs(run, agent, args, ctx);
  const line = ctx.at.value.slice(w.span[0], w.span[1]);
  run.prompts.push({ text: ctx.at, start: w.span[0], end: w.span[1] });
  append(run.envReads, readsThrough(referencedVariables(line), ctx));
  loadsByDefault(run, agent);
  return run;
}

function commandSummary(name: string, args: ReturnType<typeof parseArgs>): string {
  const sub =
    args.positionals[0] && /^(exec|e|run)$/.test(args.positionals[0].text) ? ` ${args.positionals[0].text}` : '';
  const mode = args.flags.find((f) => /^(-p|--print|--prompt|-m|--message)$/.test(f.name));
  return `${name}${sub}${mode ? ` ${mode.name}` : ''}`;
}

/** Shell variables a command line reads (`$ISSUE_BODY`, `${TITLE}`). */
/** `PROMPT="…$ISSUE_BODY…"` set earlier in the script: a command reading `$PROMPT` reads `$ISSUE_BODY` too. */
function readsThrough(names: readonly string[], ctx: CliContext): string[] {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = ctx.scriptVarText?.get(name);
    if (text) append(queue, referencedVariables(text.slice(text.indexOf('=') + 1)));
  }
  return [...seen];
}

function referencedVariables(script: string): string[] {
  return [...script.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}
