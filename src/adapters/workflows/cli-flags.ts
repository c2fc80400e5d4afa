/**
 * The machinery behind agents' flag readers: each agent's reader lives in its src/agents/ module and
 * says what its flags and environment mean; this runs it over parsed words and writes the evidence
 * into an AgentRun. Defaults (nothing declared) are added later in facts.ts.
 */
import {
  flagFactsOf,
  flagReaderOf,
  repositorySettingsOf,
  type FlagReading,
  type PathPlace,
  type RepositoryFile,
  type ToolDialect,
} from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { UNKNOWN } from '../../shell/index.js';
import type { AdapterContext } from '../types.js';
import { hasFile } from './local-refs.js';
import { refAt } from './refs.js';
import { applyAgentSettings, applyAllowlist, applyDenylist, embeddedJson } from './settings.js';
import type { ParsedArgs, Word } from './shell.js';
import { splitToolList } from './tools.js';
import type { AgentRun, Candidate, TextAt } from './types.js';
import { scalarText, type Located } from './workflow.js';

export interface FlagContext {
  /** The scalar the words were read from (`run:` or an args input). */
  at: TextAt;
  /** Environment the command sees: inline assignments over step, job and workflow `env`. */
  env(name: string): { value: string; source: SourceRef } | null;
  /** Applies a settings file of `agent` the command names (`--settings ci.json`). */
  settingsFile(path: string, run: AgentRun, agent: string): boolean;
  /** A repository file, parsed (absent: no file can be read from here). */
  loadFile?(path: string): RepositoryFile | null;
}

const flag = (args: ParsedArgs, ...names: readonly string[]) => args.flags.filter((f) => names.includes(f.name));
/** Where a flag is written, for reasons: the command, an input (`claude_args`), or an `env:` entry it was expanded from. */
function labelOf(ctx: FlagContext, word?: Word): string {
  // A word from `env:` points at its entry; one an earlier step exported points at that step's `run:`.
  if (word?.at)
    return word.at.path.at(-1) === 'run'
      ? "an earlier step's `$GITHUB_ENV`"
      : `\`${String(word.at.path.at(-1))}\` in env`;
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
  names: readonly string[],
  dialect: ToolDialect,
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

/**
 * The adapter's side of an agent's flag reader (src/agents/flags.ts): words, positions and where evidence
 * goes; settings the flags name are read by `agent`'s own settings reader.
 */
export function flagReading(run: AgentRun, args: ParsedArgs, ctx: FlagContext, agent: string): FlagReading<Word> {
  const undetermined = (what: string, word: Word, unknown?: readonly string[]): void => {
    READER_JUDGED.add(word);
    const raw = atOf(ctx, word).value.slice(word.start, word.end);
    record(run, { what, unknown: unknown ? [...unknown] : unknownNames(raw), at: wordRef(ctx, word) });
  };
  return {
    flags: (...names) => flag(args, ...names),
    env: (name) => ctx.env(name),
    label: (word) => labelOf(ctx, word),
    ref: (word) => wordRef(ctx, word),
    add: (fact, evidence) => (run[fact] as Candidate<string>[]).push(evidence),
    bypass: (word, reason, value) => bypassFlag(run, ctx, word, reason, value),
    allowlist: (names, dialect, label) => allowlistFlags(run, args, ctx, names, dialect, label),
    denylist(names, dialect, mode) {
      const list = flag(args, ...names);
      if (!list[0]) return;
      const entries = list.flatMap((f) => f.values.flatMap((w) => splitToolList(w.text).map((e) => e.text)));
      const where = `\`${list[0].name}\` in ${labelOf(ctx, list[0].word)}`;
      applyDenylist(run, entries, wordRef(ctx, list[0].word), dialect, where, mode);
    },
    settings(word, where) {
      const start = textOffset(ctx, word);
      const json = embeddedJson(atOf(ctx, word), start, start + word.text.length);
      if (json) return applyAgentSettings(run, agent, json, where);
      const place = placeOf(writtenPath(ctx, word));
      return place.kind === 'repository' && ctx.settingsFile(place.path, run, agent);
    },
    loads: (agent, sources) => (run.loads = { agent, sources, replaced: false }),
    note: (text) => run.notes.push(text),
    // An action's args are read with each `${{ }}` masked: the scalar still shows it.
    unknown: (word) => isUnknownText(word.text) || isUnknownText(atOf(ctx, word).value.slice(word.start, word.end)),
    undetermined,
    // A `${{ }}` (in the word, or in the `env:` value of its `$NAME`) is judged by the expression reading,
    // which knows every value a matrix or an input can take; other unknown values are reported here.
    unknownValue(what, word) {
      const raw = atOf(ctx, word).value.slice(word.start, word.end);
      const name = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(raw)?.[1];
      const set = name ? ctx.env(name) : null;
      if (!isUnknownText(word.text) || /\$\{\{/.test(raw) || (set && /\$\{\{/.test(set.value))) return false;
      undetermined(what, word);
      return true;
    },
    undeterminedEnv(what, name, unknown) {
      const set = ctx.env(name);
      if (set) record(run, { what, unknown: unknown ? [...unknown] : unknownNames(set.value, name), at: set.source });
    },
    place: (path) => placeOf(typeof path === 'string' ? path : writtenPath(ctx, path)),
    file(path) {
      const place = placeOf(path);
      return place.kind === 'repository' ? (ctx.loadFile?.(place.path) ?? null) : null;
    },
  };
}

/** A word's value, or its text as written when the value rests on an expansion (`"$GITHUB_WORKSPACE/x"`). */
function writtenPath(ctx: FlagContext, word: Word): string {
  if (!isUnknownText(word.text)) return word.text;
  return atOf(ctx, word).value.slice(word.start, word.end);
}

const isUnknownText = (text: string): boolean => text.includes(UNKNOWN) || /\$\{\{/.test(text);

/** Words an agent's own flag reader already reported as not determinable (with its own, sharper question). */
const READER_JUDGED = new WeakSet<Word>();
export const judgedByReader = (word: Word): boolean => READER_JUDGED.has(word);

/** Once per place and question. */
function record(run: AgentRun, entry: AgentRun['undetermined'][number]): void {
  const key = JSON.stringify([entry.at.file, entry.at.path, String(entry.at.text ?? ''), entry.what]);
  if (!run.undetermined.some((u) => JSON.stringify([u.at.file, u.at.path, String(u.at.text ?? ''), u.what]) === key))
    run.undetermined.push(entry);
}

/** The references a value rests on (`vars.P`, `$PROFILE`), or the variable itself when none is written. */
function unknownNames(raw: string, fallback?: string): string[] {
  const names = [
    ...[...raw.matchAll(/\$\{\{\s*([\s\S]*?)\s*\}\}/g)].map((m) => m[1]!),
    ...[...raw.replace(/\$\{\{[\s\S]*?\}\}/g, '').matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => `$${m[1]}`),
  ];
  return [...new Set(names.length > 0 ? names : [fallback ?? raw.trim().replace(/^(["'])([\s\S]*)\1$/, '$2')])];
}

const WORKSPACE = /^(?:\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?)(?=\/|$)/;
const OUTSIDE = /^(?:\$\{\{\s*runner\.temp\s*\}\}|\$\{?(?:RUNNER_TEMP|HOME)\}?|~)(?=\/|$)/;

/** Where a path as written points: the checkout (where a job's commands start), outside it, or unknown. */
export function placeOf(written: string): PathPlace {
  let text = written.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (OUTSIDE.test(text)) return { kind: 'outside' };
  text = text.replace(WORKSPACE, '.');
  if (isUnknownText(text) || text.includes('$') || text === '') return { kind: 'unknown' };
  if (text.startsWith('/')) return { kind: 'outside' };
  const parts: string[] = [];
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return { kind: 'outside' };
  }
  return { kind: 'repository', path: parts.join('/') };
}

/** Reads repository files for flag readers (`--config FILE`, `CODEX_HOME`): the first document, with key-path references. */
export function repositoryFiles(context: AdapterContext): (path: string) => RepositoryFile | null {
  return (path) => {
    if (!hasFile(context, path)) return null;
    const parsed = context.load(path);
    const doc = parsed?.documents[0];
    if (!doc || parsed.problems.length > 0) return null;
    return { file: path, value: doc.value, ref: (keys) => ({ file: path, path: [...keys] }) };
  };
}

/** What the agent's own reader makes of its flags and environment (src/agents/<agent>-flags.ts). */
export function readFlagsOf(run: AgentRun, agent: string, args: ParsedArgs, ctx: FlagContext): void {
  flagReaderOf(agent)?.(flagReading(run, args, ctx, agent));
}

/** The agent's flag reader, then the flags whose presence alone sets a fact. */
export function readAgentFlags(run: AgentRun, agent: string, args: ParsedArgs, ctx: FlagContext): void {
  readFlagsOf(run, agent, args, ctx);
  applyFlagFacts(run, agent, args, ctx);
}

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

/** A run that says nothing about its settings loads the agent's repository settings by default. */
export function loadsByDefault(run: AgentRun, agent: string): void {
  const settings = repositorySettingsOf(agent);
  if (settings && !run.loads) run.loads = { agent: settings, sources: null, replaced: false };
}
