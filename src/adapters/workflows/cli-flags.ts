/**
 * What each agent CLI's flags and environment say about its sandbox: one reader per agent, all
 * writing evidence into an AgentRun. Defaults (nothing declared) are added later in facts.ts.
 */
import { flagFactsOf } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { refAt } from './refs.js';
import { applyAllowlist, applyClaudeSettings, applyDenylist, embeddedJson, geminiSandbox } from './settings.js';
import type { ParsedArgs, Word } from './shell.js';
import { splitToolList } from './tools.js';
import type { AgentRun, TextAt } from './types.js';
import { scalarText, type Located } from './workflow.js';

export interface FlagContext {
  /** The scalar the words were read from (`run:` or an args input). */
  at: TextAt;
  /** Environment the command sees: inline assignments over step, job and workflow `env`. */
  env(name: string): { value: string; source: SourceRef } | null;
  /** Applies a settings file the command names (`--settings ci.json`). */
  settingsFile(path: string, run: AgentRun): boolean;
}

type FlagReader = (run: AgentRun, args: ParsedArgs, ctx: FlagContext) => void;

const flag = (args: ParsedArgs, ...names: string[]) => args.flags.filter((f) => names.includes(f.name));
/** Where a flag is written, for reasons: the command, an input (`claude_args`), or an `env:` entry it was expanded from. */
function labelOf(ctx: FlagContext, word?: Word): string {
  if (word?.at) return `\`${String(word.at.path.at(-1))}\` in env`;
  return ctx.at.path.at(-1) === 'run' ? 'the command' : `\`${String(ctx.at.path.at(-1))}\``;
}

/** The scalar a word was read from: the command line, or the `env:` value it was expanded from. */
const atOf = (ctx: FlagContext, word: Word): TextAt => word.at ?? ctx.at;
const wordRef = (ctx: FlagContext, word: Word): SourceRef => refAt(atOf(ctx, word), word.start, word.end);

/** The offset of a word's unquoted text inside its scalar (after an opening quote). */
function textOffset(ctx: FlagContext, word: Word): number {
  const found = atOf(ctx, word).value.indexOf(word.text, word.start);
  return found >= 0 && found < word.end ? found : word.start;
}

/** A bypass switch; `value` extends the reference over a separate value word (`--permission-mode bypassPermissions`). */
function bypassFlag(run: AgentRun, ctx: FlagContext, word: Word, reason: string, value?: Word | null): void {
  const sameLine = value && value.at === word.at && !atOf(ctx, word).value.slice(word.start, value.end).includes('\n');
  run.approval.push({
    value: 'bypassed',
    reason,
    source: sameLine ? refAt(atOf(ctx, word), word.start, value.end) : wordRef(ctx, word),
  });
  run.filesystem.push({
    value: 'full',
    reason: `with \`${word.text}\` and no sandbox the agent's tools write wherever the runner user can`,
    source: null,
  });
}

function allowlistFlags(
  run: AgentRun,
  args: ParsedArgs,
  ctx: FlagContext,
  names: string[],
  dialect: 'claude' | 'gemini' | 'copilot',
  label: string,
): void {
  const flags = flag(args, ...names);
  if (flags.length === 0) return;
  const entries = flags.flatMap((f) =>
    f.values.flatMap((word) =>
      splitToolList(word.text, textOffset(ctx, word)).map((e) => ({
        entry: e.text,
        source: refAt(atOf(ctx, word), e.start, e.end),
      })),
    ),
  );
  applyAllowlist(run, entries, wordRef(ctx, flags[0]!.word), dialect, `\`${flags[0]!.name}\` in ${label}`);
}

const claude: FlagReader = (run, args, ctx) => {
  for (const f of flag(args, '--dangerously-skip-permissions'))
    bypassFlag(
      run,
      ctx,
      f.word,
      `\`--dangerously-skip-permissions\` in ${labelOf(ctx, f.word)} turns every permission check off`,
    );
  for (const f of flag(args, '--permission-mode')) {
    if (f.value?.text === 'bypassPermissions')
      bypassFlag(
        run,
        ctx,
        f.word,
        `\`--permission-mode bypassPermissions\` in ${labelOf(ctx, f.word)} turns every permission check off`,
        f.value,
      );
  }
  allowlistFlags(
    run,
    args,
    ctx,
    ['--allowedTools', '--allowed-tools'],
    'claude',
    labelOf(ctx, flag(args, '--allowedTools', '--allowed-tools')[0]?.word),
  );
  // Tools removed (`--disallowedTools Bash,WebFetch,WebSearch`) or the only ones given (`--tools Read,Grep`).
  for (const [names, mode] of [
    [['--disallowedTools', '--disallowed-tools'], 'deny'],
    [['--tools'], 'allow'],
  ] as const) {
    const list = flag(args, ...names);
    if (list[0])
      applyDenylist(
        run,
        list.flatMap((f) => f.values.flatMap((w) => splitToolList(w.text).map((e) => e.text))),
        wordRef(ctx, list[0].word),
        'claude',
        `\`${list[0].name}\` in ${labelOf(ctx, list[0].word)}`,
        mode,
      );
  }
  for (const f of flag(args, '--settings')) {
    const value = f.value;
    if (!value) continue;
    const start = textOffset(ctx, value);
    const json = embeddedJson(atOf(ctx, value), start, start + value.text.length);
    if (json) applyClaudeSettings(run, json, `\`--settings\` in ${labelOf(ctx, f.word)}`);
    else if (!ctx.settingsFile(value.text, run))
      run.notes.push(`\`--settings ${value.text}\` names a file that was not found`);
  }
  const sources = flag(args, '--setting-sources')[0]?.value?.text;
  if (sources !== undefined)
    run.loads = { agent: 'claude-code', sources: sources.split(',').map((s) => s.trim()), replaced: false };
  const scrub = ctx.env('CLAUDE_CODE_SUBPROCESS_ENV_SCRUB');
  if (scrub) run.notes.push(`CLAUDE_CODE_SUBPROCESS_ENV_SCRUB is ${scrub.value}`);
};

/** Codex `--sandbox` values and `-c sandbox_mode=…` both land here. */
function codexSandbox(run: AgentRun, mode: string, source: SourceRef, what: string): void {
  if (mode === 'danger-full-access') {
    run.isolation.push({ value: 'none', reason: `${what} turns Codex's sandbox off`, source });
    run.network.push({ value: 'open', reason: `${what} lifts Codex's network block`, source: null, boundary: true });
    run.filesystem.push({
      value: 'full',
      reason: `${what} lets Codex write anywhere the runner user can`,
      source: null,
      boundary: true,
    });
  } else if (mode === 'read-only' || mode === 'workspace-write') {
    run.isolation.push({ value: 'process', reason: `${what} runs Codex's commands in its OS sandbox`, source });
    run.network.push({
      value: 'none',
      reason: `Codex's ${mode} sandbox blocks network access unless \`network_access\` is set`,
      source: null,
      boundary: true,
    });
    run.filesystem.push({
      value: mode === 'read-only' ? 'read-only' : 'workspace',
      reason: `${what} limits writes${mode === 'read-only' ? ' to nothing' : ' to the workspace'}`,
      source,
      boundary: true,
    });
  }
}

export function codexArgs(run: AgentRun, args: ParsedArgs, ctx: FlagContext): void {
  const label = (word: Word): string => labelOf(ctx, word);
  for (const f of flag(args, '--dangerously-bypass-approvals-and-sandbox', '--yolo')) {
    const source = wordRef(ctx, f.word);
    run.approval.push({ value: 'bypassed', reason: `\`${f.name}\` in ${label(f.word)} skips every approval`, source });
    run.isolation.push({
      value: 'none',
      reason: `\`${f.name}\` in ${label(f.word)} turns Codex's sandbox off`,
      source,
    });
    run.network.push({
      value: 'open',
      reason: `\`${f.name}\` lifts Codex's network block`,
      source: null,
      boundary: true,
    });
    run.filesystem.push({
      value: 'full',
      reason: `\`${f.name}\` lets Codex write anywhere the runner user can`,
      source: null,
      boundary: true,
    });
  }
  for (const f of flag(args, '--full-auto'))
    codexSandbox(run, 'workspace-write', wordRef(ctx, f.word), `\`--full-auto\` in ${label(f.word)}`);
  for (const f of flag(args, '--sandbox', '-s'))
    if (f.value)
      codexSandbox(run, f.value.text, wordRef(ctx, f.value), `\`--sandbox ${f.value.text}\` in ${label(f.value)}`);
  for (const f of flag(args, '-c', '--config')) {
    const m = /^\s*([\w.]+)\s*=\s*["']?([^"']*)["']?\s*$/.exec(f.value?.text ?? '');
    if (!m || !f.value) continue;
    const [, key, value] = m;
    if (key === 'sandbox_mode')
      codexSandbox(run, value!, wordRef(ctx, f.value), `\`-c sandbox_mode=${value}\` in ${label(f.value)}`);
    if (key === 'sandbox_workspace_write.network_access' && value === 'true') {
      run.network.push({
        value: 'open',
        reason: `\`-c ${key}=true\` in ${label(f.value)} gives Codex's sandbox the network`,
        source: wordRef(ctx, f.value),
        boundary: true,
      });
    }
  }
  if (flag(args, '--add-dir').length > 0) run.notes.push('`--add-dir` adds writable directories to Codex');
}

const gemini: FlagReader = (run, args, ctx) => {
  for (const f of flag(args, '--yolo', '-y'))
    bypassFlag(run, ctx, f.word, `\`${f.name}\` in ${labelOf(ctx, f.word)} approves every tool call`);
  for (const f of flag(args, '--approval-mode'))
    if (f.value?.text === 'yolo')
      bypassFlag(
        run,
        ctx,
        f.word,
        `\`--approval-mode yolo\` in ${labelOf(ctx, f.word)} approves every tool call`,
        f.value,
      );
  const sandboxFlag = flag(args, '--sandbox', '-s')[0];
  const sandboxEnv = ctx.env('GEMINI_SANDBOX');
  if (sandboxFlag && sandboxFlag.value?.text !== 'false') {
    const source = wordRef(ctx, sandboxFlag.word);
    run.isolation.push(
      geminiSandbox(
        sandboxEnv && !/^(true|1|false|0)$/.test(sandboxEnv.value) ? sandboxEnv.value : null,
        `\`${sandboxFlag.name}\` in ${labelOf(ctx, sandboxFlag.word)}`,
        source,
      ),
    );
    run.filesystem.push({
      value: 'workspace',
      reason: `Gemini's sandbox mounts only the project directory`,
      source,
      boundary: true,
    });
  } else if (sandboxEnv) {
    if (/^(false|0)$/i.test(sandboxEnv.value))
      run.isolation.push({ value: 'none', reason: `GEMINI_SANDBOX is ${sandboxEnv.value}`, source: sandboxEnv.source });
    else {
      run.isolation.push(
        geminiSandbox(
          /^(true|1)$/i.test(sandboxEnv.value) ? null : sandboxEnv.value,
          `GEMINI_SANDBOX=${sandboxEnv.value}`,
          sandboxEnv.source,
        ),
      );
      run.filesystem.push({
        value: 'workspace',
        reason: `Gemini's sandbox mounts only the project directory`,
        source: sandboxEnv.source,
        boundary: true,
      });
    }
  }
  allowlistFlags(run, args, ctx, ['--allowed-tools'], 'gemini', labelOf(ctx, flag(args, '--allowed-tools')[0]?.word));
};

const aider: FlagReader = (run, args, ctx) => {
  for (const f of flag(args, '--yes-always', '--yes'))
    bypassFlag(run, ctx, f.word, `\`${f.name}\` answers yes to every aider confirmation, shell commands included`);
  const env = ctx.env('AIDER_YES_ALWAYS') ?? ctx.env('AIDER_YES');
  if (env && /^(true|1|yes)$/i.test(env.value))
    run.approval.push({
      value: 'bypassed',
      reason: `aider's yes-always environment variable is ${env.value}`,
      source: env.source,
    });
};

const goose: FlagReader = (run, _args, ctx) => {
  const mode = ctx.env('GOOSE_MODE');
  if (!mode) return;
  if (mode.value === 'auto')
    run.approval.push({
      value: 'bypassed',
      reason: 'GOOSE_MODE=auto runs every tool without asking',
      source: mode.source,
    });
  else if (mode.value === 'chat')
    run.approval.push({ value: 'restricted', reason: 'GOOSE_MODE=chat gives goose no tools', source: mode.source });
  else
    run.approval.push({
      value: 'restricted',
      reason: `GOOSE_MODE=${mode.value} asks before tool calls, which headless runs cannot answer`,
      source: mode.source,
    });
};

const copilot: FlagReader = (run, args, ctx) => {
  for (const f of flag(args, '--allow-all-tools', '--allow-all', '--yolo'))
    bypassFlag(run, ctx, f.word, `\`${f.name}\` lets Copilot CLI run every tool without asking`);
  allowlistFlags(run, args, ctx, ['--allow-tool'], 'copilot', 'the command');
};

const cline: FlagReader = (run, args, ctx) => {
  for (const f of flag(args, '-y', '--yolo')) bypassFlag(run, ctx, f.word, `\`${f.name}\` approves every Cline action`);
};

const cn: FlagReader = (run, args, ctx) => {
  const allows = flag(args, '--allow');
  const all = allows.find((f) => f.value && /^\*$|^\*\(?\*?\)?$/.test(f.value.text));
  if (all) bypassFlag(run, ctx, all.word, '`--allow "*"` lets the Continue CLI run every tool');
  else if (allows.length > 0)
    run.approval.push({
      value: 'restricted',
      reason: `\`--allow\` lists ${allows.length} tool(s)`,
      source: wordRef(ctx, allows[0]!.word),
    });
};

const openhands: FlagReader = (run, _args, ctx) => {
  const runtime = ctx.env('RUNTIME') ?? ctx.env('SANDBOX_RUNTIME');
  if (runtime && /^(local|process|cli)$/i.test(runtime.value)) {
    run.isolation.push({
      value: 'none',
      reason: `RUNTIME=${runtime.value} runs OpenHands' actions directly on the runner`,
      source: runtime.source,
    });
  }
};

export const FLAG_READERS: Record<string, FlagReader> = {
  'claude-code': claude,
  codex: codexArgs,
  'gemini-cli': gemini,
  'qwen-code': gemini,
  aider,
  goose,
  copilot,
  cline,
  continue: cn,
  openhands,
};

/** An environment lookup over located values, for FlagContext. */
export function envLookup(
  file: string,
  env: ReadonlyMap<string, Located<unknown>>,
  inline: ReadonlyMap<string, { value: string; source: SourceRef }>,
) {
  return (name: string): { value: string; source: SourceRef } | null => {
    const own = inline.get(name);
    if (own) return own;
    const located = env.get(name);
    const value = located ? scalarText(located.value) : null;
    return located && value !== null ? { value, source: { file, path: located.path } } : null;
  };
}

/** The catalogue's declarative flags (`amp --dangerously-allow-all`): each sets its fact where the flag is written. */
export function applyFlagFacts(run: AgentRun, agent: string, args: ParsedArgs, ctx: FlagContext): void {
  for (const rule of flagFactsOf(agent)) {
    for (const { word, value } of flag(args, ...rule.flags)) {
      if (rule.values && !(value && rule.values.test(value.text))) continue;
      const written = rule.values && value && value.start !== word.start ? `${word.text} ${value.text}` : word.text;
      const source =
        rule.values && value && value.at === word.at
          ? refAt(atOf(ctx, word), word.start, value.end)
          : wordRef(ctx, word);
      const at = { reason: rule.reason.replace('{flag}', written), source };
      if (rule.fact === 'isolation') run.isolation.push({ ...at, value: rule.value });
      else if (rule.fact === 'network') run.network.push({ ...at, value: rule.value });
      else if (rule.fact === 'filesystem') run.filesystem.push({ ...at, value: rule.value });
      else if (rule.fact === 'approval') run.approval.push({ ...at, value: rule.value });
      else run.limits.push({ ...at, value: rule.value });
    }
  }
}
