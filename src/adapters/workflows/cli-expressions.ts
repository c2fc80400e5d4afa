/**
 * The parts of reading a `run:` block's agent commands that concern `${{ }}` values: where an
 * expression sits in a command line (a flag, a sandbox flag's value, an operand, the program),
 * whether it is quoted, which expressions stay unknown, and runs that say the same thing once.
 */
import { agentOfEnv, bypassSwitches } from '../../agents/index.js';
import type { ShellCommand } from '../../shell/index.js';
import type { CliContext } from './cli.js';
import { refAt } from './refs.js';
import { judgedByReader } from './cli-flags.js';
import { spansOverlapping, type ExpressionSpan } from './run-expressions.js';
import { oneWord, type ParsedArgs } from './shell.js';
import { emptyRun, type AgentRun } from './types.js';
import { noteUndetermined, shellUnknowns, unknownWords, type Undetermined } from './unknowns.js';
import { scalarText } from './workflow.js';

/** A line that assigns a variable (`ARGS=…`, `export MODE="…"`): an expression there can reach any later command. */
export const ASSIGNMENT_LINE = /^[ \t]*(?:(?:export|declare|local|readonly)[ \t]+(?:-\w+[ \t]+)*)?[A-Za-z_]\w*=.*$/gm;

export const PROGRAM_UNKNOWN = 'which program the `run:` command starts';

/**
 * A program nobody can know, handed an agent's bypass switch or run with an agent's variable in its
 * environment (`${{ vars.AGENT_CLI }} --yolo -p …`): some agent, whichever the value names.
 */
export function unknownAgent(command: ShellCommand, ctx: CliContext): AgentRun | null {
  const switches = new Set(bypassSwitches());
  const bypass = command.args.find((a) => switches.has(a.value));
  const agentEnv = [...ctx.env.keys(), ...command.assignments.map((a) => a.name)].find((n) => agentOfEnv(n));
  if (!bypass && !agentEnv) return null;
  const run = emptyRun({
    agent: 'unknown',
    step: ctx.step,
    file: ctx.file,
    at: refAt(ctx.at, command.program.start, command.program.end),
    signal: `run: a program an expression names${bypass ? `, handed \`${bypass.value}\`` : `, with ${agentEnv} set`}`,
    via: 'cli',
    action: null,
  });
  if (bypass)
    run.approval.push({
      value: 'bypassed',
      reason: `\`${bypass.value}\` switches every approval off in the agent that takes it`,
      source: refAt(ctx.at, bypass.start, bypass.end),
    });
  run.prompts.push({ text: ctx.at, start: command.start, end: command.end });
  return run;
}

/** Whether a command's program is written as an expression, or a variable set with one (`"$AGENT" -p …`). */
export function programFromExpression(
  ctx: CliContext,
  spans: readonly ExpressionSpan[],
  scriptVars: ReadonlyMap<string, string>,
): (command: ShellCommand) => boolean {
  const fromExpression = (name: string): boolean =>
    scriptVars.get(name)?.includes('${{') ?? String(scalarText(ctx.env.get(name)?.value) ?? '').includes('${{');
  return (c) =>
    spansOverlapping(spans, c.program.start, c.program.end).length > 0 ||
    [...ctx.at.value.slice(c.program.start, c.program.end).matchAll(VARIABLE)].some((m) => fromExpression(m[1]!));
}

/** Sorted, merged copies of spans that may nest or overlap. */
export function disjoint(spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ start: span.start, end: span.end });
  }
  return out;
}

export const VARIABLE = /\$\{?([A-Za-z_]\w*)/g;

/** Whether `offset` of a raw shell word is inside quotes (so what is substituted there is not split). */
function quotedAt(raw: string, offset: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < offset && i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== null;
}

/**
 * The expressions behind a word's unknown parts in this variant, each at the expression: written in
 * the word, in an earlier assignment of the script the word expands, or in an `env:` entry it expands.
 */
export function unknownSources(
  word: { start: number; end: number },
  ctx: CliContext,
): { undetermined: Omit<Undetermined, 'what'>; quoted: boolean }[] {
  const variant = ctx.variant;
  if (!variant) return [];
  const script = ctx.at.value;
  const raw = script.slice(word.start, word.end);
  const out: { undetermined: Omit<Undetermined, 'what'>; quoted: boolean }[] = [];
  const spans = variant.spans;
  const fromScript = (from: number, to: number, quoted: (at: number) => boolean): void => {
    for (const span of spansOverlapping(spans, from, to)) {
      const unknown = variant.unknown.get(span.body);
      if (unknown)
        out.push({
          undetermined: { unknown: unknown.refs, at: refAt(ctx.at, span.start, span.end) },
          quoted: quoted(span.start),
        });
    }
  };
  fromScript(word.start, word.end, (at) => quotedAt(raw, at - word.start));
  for (const m of raw.matchAll(VARIABLE)) {
    const name = m[1]!;
    const quoted = quotedAt(raw, m.index);
    const assigned = ctx.scriptVarText?.get(name);
    if (assigned !== undefined) {
      // `ARGS=${{ vars.ARGS }}`: the expressions on the assignment's line.
      const offset = script.indexOf(assigned);
      const end = script.indexOf('\n', offset);
      if (offset >= 0) fromScript(offset + name.length + 1, end < 0 ? script.length : end, () => quoted);
      continue;
    }
    for (const at of variant.unknownEnv.get(name) ?? [])
      if (at.env)
        out.push({
          undetermined: { unknown: at.refs, at: { file: ctx.file, path: at.env.path, text: at.env.raw } },
          quoted,
        });
  }
  return out;
}

/**
 * Unknown parts of an agent's command line where they can weaken the sandbox: a flag, a sandbox
 * flag's value, or an unquoted operand (the shell splits whatever is substituted there into words,
 * any of which can be a flag). A quoted operand stays one word: the task, judged by the prompt rules.
 */
export function noteUnknownArgs(run: AgentRun, agent: string, args: ParsedArgs, ctx: CliContext): void {
  if (run.approval.some((c) => c.value === 'bypassed')) return;
  for (const found of unknownWords(agent, args)) {
    if (found.word.at || judgedByReader(found.word)) continue;
    const what =
      found.role === 'value'
        ? `the value of \`${found.flag}\` in the agent's command line in \`run:\``
        : "the flags of the agent's command line in `run:`";
    const sources = unknownSources(found.word, ctx);
    for (const source of sources) {
      if (found.role === 'operand' && source.quoted) continue;
      noteUndetermined(run, { ...source.undetermined, what });
    }
    // No `${{ }}` behind it: a shell variable set outside the file (`claude $FLAGS`), or the output of a
    // command (`$(cat flags.txt)`), where a flag can stand. Unknown, not absent; a quoted operand stays
    // one word, the task. A flag's value is the agent's own reader's to judge (`--settings "$HOME/x"`).
    if (sources.length > 0 || found.role === 'value') continue;
    const raw = ctx.at.value.slice(found.word.start, found.word.end);
    if (found.role === 'operand' && oneWord(raw)) continue;
    noteUndetermined(run, { what, unknown: shellUnknowns(raw), at: refAt(ctx.at, found.word.start, found.word.end) });
  }
}

/** Runs that say the same thing once (a matrix value the command line does not use reads the same). */
export function distinctRuns(runs: readonly AgentRun[]): AgentRun[] {
  const seen = new Set<string>();
  return runs.filter((run) => {
    const { step: _step, ...rest } = run;
    const key = JSON.stringify(rest, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
