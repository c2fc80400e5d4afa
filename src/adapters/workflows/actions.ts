/**
 * Agent actions in `uses:` steps: claude-code-action (v0 and v1 inputs), claude-code-base-action,
 * codex-action and the legacy Codex action, run-gemini-cli and the legacy Gemini action, and
 * third-party wrappers recognised by name.
 */
import { agentOfAction, agentOfEnv, agentOfWrapperRepo, mainProgram, programNamed } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { FLAG_READERS, applyFlagFacts, codexArgs, envLookup, type FlagContext } from './cli-flags.js';
import { applyAllowlist, applyClaudeSettings, applyGeminiSettings, embeddedJson } from './settings.js';
import { parseArgs, splitArgs, type Word } from './shell.js';
import { splitToolList } from './tools.js';
import { refAt } from './refs.js';
import { emptyRun, type AgentRun, type TextAt } from './types.js';
import { actionName, inputValues, isMapping, own, scalarText, type Job, type Located, type Step } from './workflow.js';
import { containsWord } from './literal.js';

export interface ActionContext {
  file: string;
  job: Job;
  step: Step;
  env: ReadonlyMap<string, Located<unknown>>;
  /** Applies a settings file an input names (`settings: .github/claude-settings.json`). */
  settingsFile(path: string, run: AgentRun, agent: 'claude-code' | 'gemini-cli'): boolean;
}

type Reader = (run: AgentRun, ctx: ActionContext) => void;

const input = (ctx: ActionContext, name: string): TextAt | null => {
  const value = scalarText(ctx.step.with[name]);
  return value === null ? null : { file: ctx.file, path: [...ctx.step.path, 'with', name], value };
};
const inputRef = (ctx: ActionContext, name: string): SourceRef => ({
  file: ctx.file,
  path: [...ctx.step.path, 'with', name],
});
const usesRef = (ctx: ActionContext): SourceRef => ({ file: ctx.file, path: [...ctx.step.path, 'uses'] });

/** Reads an args input (`claude_args`, `codex-args`: a JSON array or a shell string) with an agent's flag reader. */
/** `agent`'s main program parses the words, as its own CLI would. */
function readArgs(run: AgentRun, ctx: ActionContext, name: string, agent: string): void {
  const program = mainProgram(agent);
  if (!program) return;
  const at = input(ctx, name);
  if (!at) return;
  let words: Word[];
  const trimmed = at.value.trim();
  if (trimmed.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(trimmed);
    } catch {
      list = null;
    }
    if (!Array.isArray(list)) return;
    let cursor = 0;
    words = list.map((item) => {
      const text = scalarText(item) ?? '';
      const start = Math.max(0, at.value.indexOf(text, cursor));
      cursor = start + text.length;
      return { text, start, end: start + text.length };
    });
  } else words = splitArgs(at.value);
  const flagContext: FlagContext = {
    at,
    env: envLookup(ctx.file, ctx.env, new Map()),
    settingsFile: (path, r) => ctx.settingsFile(path, r, 'claude-code'),
  };
  const args = parseArgs(words, program.args);
  if (agent === 'codex') codexArgs(run, args, flagContext);
  else FLAG_READERS[agent]?.(run, args, flagContext);
  applyFlagFacts(run, agent, args, flagContext);
}

/** A `settings` input: inline JSON, or a path to a settings file in the repository. */
function readSettings(run: AgentRun, ctx: ActionContext, agent: 'claude-code' | 'gemini-cli'): void {
  const at = input(ctx, 'settings');
  if (!at || !at.value.trim()) return;
  const json = embeddedJson(at, 0, at.value.length);
  if (json) {
    if (agent === 'claude-code') applyClaudeSettings(run, json, 'the `settings` input');
    else applyGeminiSettings(run, json, 'the `settings` input');
  } else if (!/\$\{\{/.test(at.value) && !ctx.settingsFile(at.value.trim(), run, agent)) {
    run.notes.push(`the \`settings\` input names ${at.value.trim()}, which was not found`);
  }
}

/** v0 `allowed_tools`: a comma-separated allowlist. */
function readAllowedTools(run: AgentRun, ctx: ActionContext): void {
  const at = input(ctx, 'allowed_tools');
  if (!at || !at.value.trim()) return;
  const entries = splitToolList(at.value).map((e) => ({ entry: e.text, source: refAt(at, e.start, e.end) }));
  applyAllowlist(run, entries, inputRef(ctx, 'allowed_tools'), 'claude', '`allowed_tools`');
}

/** An expression that is the triggering user (or text that user wrote), not a fixed list. */
const ACTOR_EXPRESSION =
  /\$\{\{[^}]*\b(github\.(actor|triggering_actor)|github\.event\.(sender|comment\.user|issue\.user|pull_request\.user|review\.user)\.login|github\.event\.(comment|issue|pull_request|review)\.body)\b/;

function openGate(run: AgentRun, ctx: ActionContext, name: string, reason: string): void {
  for (const { value, path } of inputValues(ctx.job, ctx.step.with[name], [...ctx.step.path, 'with', name])) {
    // `*` lets anyone in; an expression naming the actor (`${{ github.actor }}`) lets in whoever triggers the run.
    const entries = value.split(',').map((v) => v.trim());
    if (entries.some((v) => v === '*')) run.gateOpenings.push({ reason, at: { file: ctx.file, path } });
    else if (entries.some((v) => ACTOR_EXPRESSION.test(v)))
      run.gateOpenings.push({
        reason: `\`${name}: ${value.trim()}\` names whoever triggers the run, so it lets every user in`,
        at: { file: ctx.file, path },
      });
  }
}

const claudeAction =
  (base: boolean): Reader =>
  (run, ctx) => {
    readArgs(run, ctx, 'claude_args', 'claude-code');
    readSettings(run, ctx, 'claude-code');
    readAllowedTools(run, ctx);
    const timeout = ctx.step.with['timeout_minutes'];
    if (scalarText(timeout))
      run.limits.push({
        value: 'bounded',
        reason: `\`timeout_minutes: ${scalarText(timeout)}\` stops the action`,
        source: inputRef(ctx, 'timeout_minutes'),
      });
    if (!run.loads) run.loads = { agent: 'claude-code', sources: null, replaced: false };
    if (base) return;
    openGate(
      run,
      ctx,
      'allowed_non_write_users',
      '`allowed_non_write_users: "*"` lets any GitHub user start the agent',
    );
    openGate(
      run,
      ctx,
      'allowed_bots',
      '`allowed_bots: "*"` lets any bot account start the agent; bots are not checked for write access',
    );
    const nonWrite = scalarText(ctx.step.with['allowed_non_write_users'])?.trim();
    const scrub = envLookup(ctx.file, ctx.env, new Map())('CLAUDE_CODE_SUBPROCESS_ENV_SCRUB');
    if (nonWrite && scrub && /^(0|false)$/i.test(scrub.value.trim())) {
      run.gateOpenings.push({
        reason: `CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=${scrub.value} turns off the credential scrub that claude-code-action enables for non-write users`,
        at: scrub.source,
      });
    }
    if (/^true$/i.test(scalarText(ctx.step.with['show_full_output']) ?? ''))
      run.notes.push('`show_full_output: true` prints the full agent transcript, secrets included, to the log');
  };

const codexAction: Reader = (run, ctx) => {
  for (const { value, path } of inputValues(ctx.job, ctx.step.with['sandbox'], [...ctx.step.path, 'with', 'sandbox'])) {
    const source = { file: ctx.file, path };
    if (value === 'danger-full-access') {
      run.isolation.push({ value: 'none', reason: "`sandbox: danger-full-access` turns Codex's sandbox off", source });
      run.network.push({
        value: 'open',
        reason: "`sandbox: danger-full-access` lifts Codex's network block",
        source: null,
        boundary: true,
      });
      run.filesystem.push({
        value: 'full',
        reason: '`sandbox: danger-full-access` lets Codex write anywhere the runner user can',
        source: null,
        boundary: true,
      });
    } else if (value === 'read-only' || value === 'workspace-write') {
      run.isolation.push({
        value: 'process',
        reason: `\`sandbox: ${value}\` runs Codex's commands in its OS sandbox`,
        source,
      });
      run.network.push({
        value: 'none',
        reason: `Codex's ${value} sandbox blocks network access`,
        source: null,
        boundary: true,
      });
      run.filesystem.push({
        value: value === 'read-only' ? 'read-only' : 'workspace',
        reason: `\`sandbox: ${value}\` limits where Codex writes`,
        source,
        boundary: true,
      });
    }
  }
  for (const { value, path } of inputValues(ctx.job, ctx.step.with['safety-strategy'], [
    ...ctx.step.path,
    'with',
    'safety-strategy',
  ])) {
    if (value === 'unsafe')
      run.isolation.push({
        value: 'none',
        reason:
          '`safety-strategy: unsafe` keeps sudo, so Codex can leave its sandbox and read the API key from the proxy process',
        source: { file: ctx.file, path },
      });
  }
  readArgs(run, ctx, 'codex-args', 'codex');
  openGate(run, ctx, 'allow-users', '`allow-users: "*"` lets any GitHub user start Codex');
  run.loads = { agent: 'codex', sources: null, replaced: false };
};

const legacyCodexAction: Reader = (run, ctx) => {
  readArgs(run, ctx, 'codex_args', 'codex');
  run.loads = { agent: 'codex', sources: null, replaced: false };
};

const geminiAction: Reader = (run, ctx) => {
  readSettings(run, ctx, 'gemini-cli');
  const env = envLookup(ctx.file, ctx.env, new Map());
  const sandbox = env('GEMINI_SANDBOX');
  if (sandbox)
    FLAG_READERS['gemini-cli']!(
      run,
      { flags: [], positionals: [] },
      { at: { file: ctx.file, path: sandbox.source.path, value: sandbox.value }, env, settingsFile: () => false },
    );
  // The action always passes --yolo; only a tools.core allowlist in `settings` limits what runs.
  if (!run.approval.some((c) => c.value === 'restricted' || c.value === 'unrestricted')) {
    run.approval.push({
      value: 'bypassed',
      reason: `${ctx.step.uses} always runs \`gemini --yolo\` and no \`tools.core\` allowlist in \`settings\` limits its tools`,
      source: usesRef(ctx),
    });
    run.implied.push('approval');
  }
  run.loads = { agent: 'gemini-cli', sources: null, replaced: input(ctx, 'settings') !== null };
  const trust = env('GEMINI_CLI_TRUST_WORKSPACE');
  if (trust && /^true$/i.test(trust.value))
    run.notes.push("GEMINI_CLI_TRUST_WORKSPACE is true, so the checkout's .gemini/ settings load");
};

/** What each known action's inputs say; which agent it runs and whether it gates actors come from the catalogue. */
const READERS: Record<string, Reader> = {
  'anthropics/claude-code-action': claudeAction(false),
  'anthropics/claude-code-action/base-action': claudeAction(true),
  'anthropics/claude-code-base-action': claudeAction(true),
  'anthropics/claude-code-security-review': claudeAction(true),
  'openai/codex-action': codexAction,
  'openai/codex/.github/actions/codex': legacyCodexAction,
  'google-github-actions/run-gemini-cli': geminiAction,
  'google-gemini/gemini-cli-action': geminiAction,
};

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
    own(READERS, name)?.(run, ctx);
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
