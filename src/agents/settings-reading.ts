/**
 * The contract between an agent's settings-file readers (in its own module: `.claude/settings.json`,
 * `.codex/config.toml`, …) and the agent-settings adapter that runs them, with the pieces every reader
 * shares: plain-value access, fact constructors and the typed `details` the agent-config rules read.
 * The reader says what the file means; the adapter finds the file, parses it and makes the deployment,
 * so it names no agent.
 */
import type { ParsedFile, SourceDocument } from '../documents/types.js';
import type { AgentId, Fact, Sandbox, SourceRef } from '../model.js';
import type { AgentSettingsDetails, SettingsFormat, SettingsScope } from '../model/details/agent-config.js';

export type * from '../model/details/agent-config.js';

export type Json = unknown;
export type Path = (string | number)[];

export { get, isRecord } from '../util/json.js';
import { isRecord } from '../util/json.js';

/** Entries of a string array with their indexes; other item types are skipped. */
export function stringItems(value: Json): { item: string; index: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (typeof item === 'string' ? [{ item, index }] : []));
}

/** `true`, `"true"`, `1` and `"1"` (settings written by hand or by env-style tools). */
export const isTruthy = (value: Json): boolean =>
  value === true || value === 1 || (typeof value === 'string' && /^(true|1|yes|on)$/i.test(value.trim()));
export const isFalsy = (value: Json): boolean =>
  value === false || value === 0 || (typeof value === 'string' && /^(false|0|no|off)$/i.test(value.trim()));

export function fact<T extends string>(
  value: T,
  reason: string,
  source: SourceRef | null,
  more?: { reason: string; source: SourceRef }[],
): Fact<T> {
  return more && more.length > 0 ? { value, reason, source, more } : { value, reason, source };
}

/** A weak value that only follows from the missing sandbox: reported once, as the missing sandbox. */
export function derivedFact<T extends string>(value: T, reason: string): Fact<T> {
  return { value, reason, source: null, derived: true };
}

/** Builds a fact from every line that establishes the same value: the first is `source`, the rest `more`. */
export function factFrom<T extends string>(value: T, lines: { reason: string; source: SourceRef }[]): Fact<T> {
  const [first, ...rest] = lines;
  if (!first) throw new Error('factFrom needs at least one line');
  return fact(value, first.reason, first.source, rest);
}

/** Paths that point at the root of the user's home or the whole disk. */
export function isBroadPath(path: string): boolean {
  const p = path.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  if (p === '' || p === '/' || p === '//' || p === '~' || p === '$HOME' || p === '${HOME}' || p === '%USERPROFILE%')
    return true;
  if (/^[A-Za-z]:$/.test(p)) return true; // C:
  return /^\/(home|Users)(\/[^/]+)?$/.test(p) || p === '/root' || p === '/etc';
}

/**
 * Details with nothing found yet. `secretReference` is how the agent wants a secret referenced
 * instead of written into the file (its own docs), shown by the inline-secret rules.
 */
export const emptyDetails = (
  format: SettingsFormat,
  scope: SettingsScope,
  secretReference: string,
): AgentSettingsDetails => ({
  adapter: 'agent-settings',
  format,
  scope,
  toolGrants: [],
  commands: [],
  mcpAutoApproval: [],
  sandboxGaps: [],
  endpoints: [],
  inlineValues: [],
  secretReference,
  profiles: [],
  widening: [],
  marketplaces: [],
});

/**
 * Facts a settings file cannot express: it starts no session and hands out no credentials; the
 * launcher (a workflow job, a container) supplies those, and its adapter links them in.
 */
export const launcherCredentials = (agent: string): Fact<'read'> =>
  fact(
    'read',
    `${agent} settings grant no credentials of their own; what the agent can write with comes from where it runs`,
    null,
  );
export const launcherLimits = (agent: string): Fact<'bounded'> =>
  fact(
    'bounded',
    `${agent} settings start no session of their own; time limits belong to whatever launches the agent`,
    null,
  );

/** What one reader returns for a document it accepted. */
export interface SettingsReading {
  agent: AgentId;
  signals: string[];
  sandbox: Sandbox;
  details: AgentSettingsDetails;
}

/** The other repository files a reader may look at (the adapter's context satisfies it). */
export interface RepositoryFiles {
  /** Every repo-relative path discovered, sorted. */
  readonly files: readonly string[];
  /** Parses another repository file (cached), or null when it is absent or unparsable. */
  load(file: string): ParsedFile | null;
  /** The raw text of another repository file, or null when it is absent or unreadable. */
  text?(file: string): string | null;
}

export interface ReaderInput {
  file: string;
  doc: SourceDocument;
  value: Json;
  /** Other repository files, for readers whose file runs inside a session another file configures. */
  context?: RepositoryFiles;
}

/**
 * One kind of settings file an agent reads, as its module declares it (`AgentDefinition.settingsFiles`).
 * The adapter tries every agent's kinds by `order`, lowest first, and the first whose `match` takes the
 * path reads the file: specific paths come before generic names, and a fallback that recognises a file
 * by its keys alone (Claude settings samples) comes last. No two kinds share an `order`.
 */
export interface SettingsFile {
  order: number;
  /** Sparse-checkout patterns (`.codex/`, `opencode.json`) under which every matching file lies. */
  paths: readonly string[];
  /** Does the path name this kind of file? */
  match(file: string): boolean;
  /** For generic names: the raw text must show the tool's keys before anything is parsed. */
  sniff?(text: string): boolean;
  /** For generic names: the parsed value must have the tool's shape. */
  accepts?(value: Json): boolean;
  /** Null when the file adds nothing of its own to judge (a subagent that only narrows its session). */
  read(input: ReaderInput): SettingsReading | null;
}

/** Markdown with YAML front matter (subagents, skills, agentic workflows): the keys are in the front matter. */
export const hasFrontMatter = (text: string): boolean => /^---[ \t]*\r?\n/.test(text);

export const ref = (file: string, path: readonly (string | number)[], text?: string | RegExp): SourceRef =>
  text === undefined ? { file, path } : { file, path, text };

/** Dotted display form of a key path (`sandbox.network.allowedDomains[2]`). */
export function dotted(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** A short quoted form for messages: long values are cut, never printed whole. */
export function shortValue(value: Json, max = 60): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** The host of a URL, lower-cased, or null when the text is not an absolute URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url.trim()).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * Hook commands in the Claude Code shape, which Gemini CLI and Codex share:
 * `hooks: { <event>: [ { matcher, hooks: [ { type: "command", command, args? } ] } ] }`.
 * An exec-form hook (`args`) runs `command` with those arguments; an `http` hook posts the
 * session's event to `url`, which is a command of the settings as much as a shell line is.
 */
export function collectHookCommands(hooks: Json, file: string, base: Path, details: AgentSettingsDetails): void {
  if (!isRecord(hooks)) return;
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, g) => {
      const list = isRecord(group) ? group['hooks'] : undefined;
      if (!Array.isArray(list)) return;
      list.forEach((hook, h) => {
        const command = isRecord(hook) ? hookCommand(hook) : null;
        if (command)
          details.commands.push({
            key: `hooks.${event}`,
            command: command.text,
            source: ref(file, [...base, event, g, 'hooks', h, command.key]),
          });
      });
    });
  }
}

function hookCommand(hook: Record<string, Json>): { text: string; key: string } | null {
  const command = hook['command'];
  if (typeof command === 'string' && command.trim()) {
    const args = stringItems(hook['args']).map((e) => e.item);
    return { text: [command, ...args].join(' '), key: 'command' };
  }
  const url = hook['url'];
  if (hook['type'] === 'http' && typeof url === 'string' && url.trim()) return { text: `POST ${url}`, key: 'url' };
  return null;
}

/**
 * Hook commands in the flat shape Cursor and Copilot use:
 * `hooks: { <event>: [ { command } | { bash, powershell } ] }`.
 */
export function collectFlatHookCommands(hooks: Json, file: string, base: Path, details: AgentSettingsDetails): void {
  if (!isRecord(hooks)) return;
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    list.forEach((hook, h) => {
      if (!isRecord(hook)) return;
      for (const key of ['command', 'bash', 'powershell'])
        if (typeof hook[key] === 'string' && hook[key].trim())
          details.commands.push({
            key: `hooks.${event}`,
            command: hook[key],
            source: ref(file, [...base, event, h, key]),
          });
    });
  }
}

/** The listed keys of an object, so secret scanning sees each value under its own name. */
export function pickKeys(value: Json, keys: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  if (!isRecord(value)) return out;
  for (const key of keys) if (Object.hasOwn(value, key)) out[key] = value[key];
  return out;
}
