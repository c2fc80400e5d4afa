/**
 * Agent actions in `uses:` steps: the actions the catalogue knows (each agent's module reads its own
 * actions' inputs through an ActionReading built here) and third-party wrappers recognised by name.
 */
import {
  actionReaderOf,
  agentById,
  agentOfAction,
  agentOfEnv,
  agentOfWrapperRepo,
  mainProgram,
  programNamed,
  type ActionReading,
  type ToolDialect,
} from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { envLookup, flagReading, readAgentFlags, type FlagContext } from './cli-flags.js';
import { applyAgentSettings, applyAllowlist, embeddedJson } from './settings.js';
import { parseArgs, splitArgs, type Word } from './shell.js';
import { splitToolList } from './tools.js';
import { refAt } from './refs.js';
import { emptyRun, type AgentRun, type Candidate, type TextAt } from './types.js';
import { actionName, inputValues, isMapping, scalarText, type Job, type Located, type Step } from './workflow.js';
import { containsWord } from './literal.js';
import { masked, noteUnknown, weakeningSpans } from './unknowns.js';

export interface ActionContext {
  file: string;
  job: Job;
  step: Step;
  env: ReadonlyMap<string, Located<unknown>>;
  /** Applies a settings file of `agent` an input names (`settings: .github/claude-settings.json`). */
  settingsFile(path: string, run: AgentRun, agent: string): boolean;
  /** A repository file an input or flag points the agent at, parsed. */
  loadFile?: FlagContext['loadFile'];
}

const input = (ctx: ActionContext, name: string): TextAt | null => {
  const value = scalarText(ctx.step.with[name]);
  return value === null ? null : { file: ctx.file, path: [...ctx.step.path, 'with', name], value };
};
const inputRef = (ctx: ActionContext, name: string): SourceRef => ({
  file: ctx.file,
  path: [...ctx.step.path, 'with', name],
});
const usesRef = (ctx: ActionContext): SourceRef => ({ file: ctx.file, path: [...ctx.step.path, 'uses'] });

/**
 * Reads an args input (`claude_args`, `codex-args`: a JSON array or a shell string) with an agent's
 * flag reader: `agent`'s main program parses the words, as its own CLI would. Each value the input
 * can take (matrix entries, literals in its `${{ }}`) is read; one that rests on an unknown reference
 * at a flag position is recorded as not determinable.
 */
function readArgs(run: AgentRun, ctx: ActionContext, name: string, agent: string): void {
  const program = mainProgram(agent);
  if (!program) return;
  const inputPath = [...ctx.step.path, 'with', name];
  for (const located of inputValues(ctx.job, ctx.step.with[name], inputPath)) {
    const at: TextAt = { file: ctx.file, path: located.path, value: located.value };
    const words = argWords(located.unknown ? masked(at.value) : at.value);
    if (!words) continue;
    const flagContext: FlagContext = {
      at,
      env: envLookup(ctx.file, ctx.env, new Map()),
      settingsFile: (path, r, of) => ctx.settingsFile(path, r, of),
      ...(ctx.loadFile ? { loadFile: ctx.loadFile } : {}),
    };
    const args = parseArgs(words, program.args);
    readAgentFlags(run, agent, args, flagContext);
    // With every approval already off, what else the flags say cannot make the run weaker.
    if (located.unknown && !run.approval.some((c) => c.value === 'bypassed'))
      noteUnknown(run, ctx.file, located, `the flags in \`${name}\``, weakeningSpans(agent, at.value, args));
  }
}

/** The words of an args value: a JSON array's items, or shell words. */
function argWords(value: string): Word[] | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith('[')) return splitArgs(value);
  let list: unknown;
  try {
    list = JSON.parse(trimmed);
  } catch {
    list = null;
  }
  if (!Array.isArray(list)) return null;
  let cursor = 0;
  return list.map((item) => {
    const text = scalarText(item) ?? '';
    const start = Math.max(0, value.indexOf(text, cursor));
    cursor = start + text.length;
    return { text, start, end: start + text.length };
  });
}

/** A `settings` input: inline JSON, or a path to a settings file in the repository; each value it can take. */
function readSettings(run: AgentRun, ctx: ActionContext, agent: string, name = 'settings'): void {
  for (const located of inputValues(ctx.job, ctx.step.with[name], [...ctx.step.path, 'with', name])) {
    const at: TextAt = { file: ctx.file, path: located.path, value: located.value };
    if (!at.value.trim()) continue;
    if (located.unknown) {
      noteUnknown(run, ctx.file, located, `the \`${name}\` of ${agentById(agent)?.title ?? agent}`);
      continue;
    }
    const json = embeddedJson(at, 0, at.value.length);
    if (json) applyAgentSettings(run, agent, json, `the \`${name}\` input`);
    else if (!ctx.settingsFile(at.value.trim(), run, agent)) {
      run.notes.push(`the \`${name}\` input names ${at.value.trim()}, which was not found`);
    }
  }
}

/** A comma-separated allowlist input (claude-code-action v0 `allowed_tools`). */
function readAllowlist(run: AgentRun, ctx: ActionContext, name: string, dialect: ToolDialect, label: string): void {
  const at = input(ctx, name);
  if (!at || !at.value.trim()) return;
  const entries = splitToolList(at.value).map((e) => ({ entry: e.text, source: refAt(at, e.start, e.end) }));
  applyAllowlist(run, entries, inputRef(ctx, name), dialect, label);
}

/** An expression that is the triggering user (or text that user wrote), not a fixed list. */
const ACTOR_EXPRESSION =
  /\$\{\{[^}]*\b(github\.(actor|triggering_actor)|github\.event\.(sender|comment\.user|issue\.user|pull_request\.user|review\.user)\.login|github\.event\.(comment|issue|pull_request|review)\.body)\b/;

function openGate(run: AgentRun, ctx: ActionContext, name: string, reason: string): void {
  const values = inputValues(ctx.job, ctx.step.with[name], [...ctx.step.path, 'with', name]);
  for (const { value, path } of values) {
    // `*` lets anyone in; an expression naming the actor (`${{ github.actor }}`) lets in whoever triggers the run.
    const entries = value.split(',').map((v) => v.trim());
    if (entries.some((v) => v === '*')) run.gateOpenings.push({ reason, at: { file: ctx.file, path } });
    else if (entries.some((v) => ACTOR_EXPRESSION.test(v)))
      run.gateOpenings.push({
        reason: `\`${name}: ${value.trim()}\` names whoever triggers the run, so it lets every user in`,
        at: { file: ctx.file, path },
      });
  }
  // A list the repository does not hold may be `*`; once the gate is open, it cannot be more open.
  if (run.gateOpenings.length === 0)
    for (const located of values) noteUnknown(run, ctx.file, located, `who \`${name}\` lets start the agent`);
}

/** The adapter's side of an action reader (src/agents/action-reading.ts): the step, positions and the run. */
function actionReading(run: AgentRun, ctx: ActionContext): ActionReading {
  const env = envLookup(ctx.file, ctx.env, new Map());
  return {
    uses: ctx.step.uses ?? '',
    usesRef: usesRef(ctx),
    input: (name) => input(ctx, name)?.value ?? null,
    inputRef: (name) => inputRef(ctx, name),
    inputSpan: (name, start, end) => {
      const at = input(ctx, name);
      return at ? refAt(at, start, end) : inputRef(ctx, name);
    },
    inputValues: (name) =>
      inputValues(ctx.job, ctx.step.with[name], [...ctx.step.path, 'with', name]).map(({ value, path, unknown }) => ({
        value,
        source: { file: ctx.file, path },
        ...(unknown ? { unknown } : {}),
      })),
    env,
    add: (fact, evidence) => (run[fact] as Candidate<string>[]).push(evidence),
    notDeterminable(name, what, weakest) {
      const values = inputValues(ctx.job, ctx.step.with[name], [...ctx.step.path, 'with', name]);
      // The weakest value a written value gives decides; only short of it does an unknown value matter.
      if (weakest !== undefined && values.some((v) => v.value === weakest)) return;
      for (const located of values) noteUnknown(run, ctx.file, located, what);
    },
    approvals: () => run.approval.map((c) => c.value),
    implied: (fact) => run.implied.push(fact),
    args: (name, agent) => readArgs(run, ctx, name, agent),
    settings: (agent, name) => readSettings(run, ctx, agent, name),
    allowlist: (name, dialect, label) => readAllowlist(run, ctx, name, dialect, label),
    openGate: (name, reason) => openGate(run, ctx, name, reason),
    gateOpening: (reason, at) => run.gateOpenings.push({ reason, at }),
    loads: (settings) => (run.loads = settings),
    hasLoads: () => run.loads !== null,
    note: (text) => run.notes.push(text),
    marketplace: (marketplace) => run.marketplaces.push(marketplace),
    environment: () => {
      const sandboxAt = { file: ctx.file, path: [...ctx.step.path, 'env'], value: '' };
      return flagReading(
        run,
        { flags: [], positionals: [] },
        { at: sandboxAt, env, settingsFile: () => false, ...(ctx.loadFile ? { loadFile: ctx.loadFile } : {}) },
        run.agent,
      );
    },
  };
}

/** The agent run of a `uses:` step, or null when the action is not an agent. */
export function agentAction(ctx: ActionContext): AgentRun | null {
  const uses = ctx.step.uses;
  if (!uses || uses.startsWith('./') || uses.startsWith('docker://')) return null;
  const name = actionName(uses);
  const known = agentOfAction(name);
  const at = usesRef(ctx);
  if (known) {
    const run = emptyRun({
      agent: known.agent,
      step: ctx.step,
      file: ctx.file,
      at,
      signal: `uses ${uses}`,
      via: 'action',
      action: name,
    });
    run.builtinActorGate = known.gate;
    actionReaderOf(name)?.(actionReading(run, ctx));
    addPromptSinks(run, ctx, PROMPT_INPUT);
    return run;
  }
  const repo = name.split('/').slice(0, 2).join('/');
  // Setup and install actions put a CLI on the PATH; they run nothing themselves.
  if (/\/(setup|install)[-_]|[-_](setup|installer|install)$/.test(name)) return null;
  const byInputs = agentOfInputs(ctx, repo.split('/')[0]!);
  // A sub-action of an agent's own repository (a permission or status check) runs no agent unless its inputs say so.
  if (name !== repo && agentOfAction(repo) && !byInputs) return null;
  // The name with its subpath (`org/actions/claude-code`), else the agent its inputs and env belong to (a rebrand).
  const agent = agentOfWrapperRepo(name)?.id ?? byInputs;
  if (!agent) return null;
  const run = emptyRun({
    agent,
    step: ctx.step,
    file: ctx.file,
    at,
    signal: agentOfWrapperRepo(name)
      ? `uses ${uses} (its name says it runs ${agent})`
      : `uses ${uses} (its inputs and env are ${agent}'s)`,
    via: 'action',
    action: name,
  });
  for (const key of Object.keys(ctx.step.with)) {
    if (/(^|[-_])(args|arguments|flags|options)$/i.test(key)) readArgs(run, ctx, key, agent);
  }
  addPromptSinks(run, ctx);
  return run;
}

/**
 * The agent a step's inputs and env belong to, from the catalogue: `<program>_args` of an agent's
 * program (`claude_args`, `codex-args`), an input or env variable only that agent reads
 * (`claude_code_oauth_token`, `OPENCODE_MODEL`).
 */
function agentOfInputs(ctx: ActionContext, owner: string): string | undefined {
  // GitHub's own actions (`actions/github-script` posting `$CODEX_FINAL_MESSAGE`) run no agent.
  if (owner === 'actions' || owner === 'github') return undefined;
  for (const key of Object.keys(ctx.step.with)) {
    const program = /^([a-z][\w-]*?)[-_](args|arguments)$/i.exec(key)?.[1];
    const match = program ? programNamed(program.toLowerCase()) : undefined;
    if (match) return match.agent;
    const reader = agentOfEnv(key.toUpperCase().replace(/-/g, '_'));
    if (reader) return reader;
  }
  // The step's own env only: a job- or workflow-wide variable is there for other steps too.
  const env = ctx.step.raw['env'];
  for (const key of isMapping(env) ? Object.keys(env) : []) {
    const reader = agentOfEnv(key);
    if (reader) return reader;
  }
  return undefined;
}

/** Inputs of the known actions that become the model's task or arguments (not tokens, branches or labels). */
const PROMPT_INPUT = /prompt|instructions|args|settings|env|message|task|context|query/i;

/** Inputs that reach the model: those named like prompts for known actions, every string input of an unknown wrapper. */
function addPromptSinks(run: AgentRun, ctx: ActionContext, only?: RegExp): void {
  for (const [key, value] of Object.entries(ctx.step.with)) {
    const text = scalarText(value);
    if (text !== null && (!only || only.test(key)))
      run.prompts.push({
        text: { file: ctx.file, path: [...ctx.step.path, 'with', key], value: text },
        start: 0,
        end: text.length,
      });
  }
  const envOfStep = isMapping(ctx.step.raw['env']) ? Object.keys(ctx.step.raw['env']) : [];
  run.envReads.push(
    ...envOfStep.filter((name) =>
      Object.values(ctx.step.with).some((v) => typeof v === 'string' && containsWord(v, name)),
    ),
  );
}
