/**
 * Claude Code subagents (`.claude/agents/**\/*.md`) and skills (`.claude/skills/<name>/SKILL.md`, and
 * the older `.claude/commands/**\/*.md` that share their front matter). Both run inside the session
 * that `.claude/settings.json` beside them configures: its sandbox, network and filesystem are theirs.
 *
 * A file becomes a deployment of its own only when it widens that session: a subagent whose
 * `permissionMode` approves more (`bypassPermissions`, `auto`), hooks in its front matter, MCP servers
 * it defines inline (programs it launches), or a skill whose `allowed-tools` pre-approves a shell.
 * A subagent that only lists or removes tools narrows the session and is judged through the settings.
 */
import type { Approval, Fact, Limits, SourceRef } from '../model.js';
import {
  CLAUDE_INLINE_SHELL,
  CLAUDE_READ_ONLY_TOOLS,
  CLAUDE_WIDENING_MODES,
  claudeShellGrant,
  parseToolPattern,
  toolNames,
} from './claude-code-tools.js';
import { bypassDisabledAt, claudeModeApproval, claudeNetwork, readClaude } from './claude-code-settings.js';
import {
  collectHookCommands,
  emptyDetails,
  fact,
  get,
  isRecord,
  ref,
  shortValue,
  stringItems,
  type AgentSettingsDetails,
  type Json,
  hasFrontMatter,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';

const OUTSIDE = 'an environment variable set outside the repository';

export const claudeSubagentPath = (file: string): boolean =>
  /(^|\/)\.claude\/agents\/(.+\/)?[^/]+\.md$/i.test(file) && !/(^|\/)README\.md$/i.test(file);
export const claudeSkillPath = (file: string): boolean =>
  /(^|\/)\.claude\/skills\/(.+\/)?SKILL\.md$/.test(file) ||
  (/(^|\/)\.claude\/commands\/(.+\/)?[^/]+\.md$/i.test(file) && !/(^|\/)README\.md$/i.test(file));

/** One entry of a tool list, where it is written. */
interface ToolEntry {
  name: string;
  source: SourceRef;
}

/** A tool list written as a string (`Read, Grep`) or a YAML list; null when the key is absent. */
function toolList(file: string, value: Json, key: string): ToolEntry[] | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return toolNames(value).map(({ name }) => ({ name, source: ref(file, [key], name) }));
  return stringItems(value).flatMap(({ item, index }) =>
    toolNames(item).map(({ name }) => ({ name, source: ref(file, [key, index]) })),
  );
}

/** The `.claude/` folder a subagent or skill file sits in (`sub/.claude/agents/x.md` → `sub/.claude`). */
function claudeDir(file: string): string {
  const at = file.lastIndexOf('.claude/');
  return file.slice(0, at + '.claude'.length);
}

const listed = new WeakMap<readonly string[], ReadonlySet<string>>();
/** Is `file` in the repository? Asked before loading, so an absent settings file is no coverage entry. */
function exists(input: ReaderInput, file: string): boolean {
  const files = input.context?.files;
  if (!files) return false;
  let set = listed.get(files);
  if (!set) listed.set(files, (set = new Set(files)));
  return set.has(file);
}

interface Session {
  file: string;
  value: Record<string, Json>;
  committed: boolean;
}

/** The committed settings of the session (project, then local), read as the session reads them. */
function sessionSettings(input: ReaderInput): Session {
  const dir = claudeDir(input.file);
  for (const name of ['settings.json', 'settings.local.json']) {
    const file = `${dir}/${name}`;
    if (!exists(input, file)) continue;
    const value = input.context?.load(file)?.documents[0]?.value;
    if (isRecord(value)) return { file, value, committed: true };
  }
  return { file: `${dir}/settings.json`, value: {}, committed: false };
}

/**
 * The session's own reading. When a settings file is committed, its deployment reports each of these
 * facts where it is written, so here they are marked derived (reported once, there); with no settings
 * file the defaults are this file's to report.
 */
function inherited(input: ReaderInput, settings: Session) {
  const reading = readClaude({ file: settings.file, doc: input.doc, value: settings.value }, 'project');
  const { committed } = settings;
  const where = committed ? `\`${settings.file}\`` : 'no settings file is committed';
  const via = <T extends string>(f: Fact<T>): Fact<T> => ({
    ...f,
    reason: `${f.reason} (the session's settings: ${where})`,
    ...(committed ? { derived: true } : {}),
  });
  return { reading, via };
}

export function readClaudeSubagent(input: ReaderInput): SettingsReading | null {
  const { file, value } = input;
  const s = isRecord(value) ? value : {};
  const details = emptyDetails('claude-subagent', 'subagent', OUTSIDE);
  const settings = sessionSettings(input);
  const at = (...path: (string | number)[]): SourceRef => ref(settings.file, path);
  const sessionMode = get(settings.value, ['permissions', 'defaultMode']);

  const mode = s['permissionMode'];
  const modeSource = ref(file, ['permissionMode']);
  const tools = toolList(file, s['tools'], 'tools');
  const acting = tools?.filter((t) => !isReadOnly(t.name)) ?? null;
  let approval: Fact<Approval> = claudeModeApproval(
    mode,
    modeSource,
    'permissionMode',
    bypassDisabledAt(settings.value, at),
  );
  // A `tools` list of read tools only: bypassing prompts approves reads, never a command or an edit.
  if (approval.value === 'bypassed' && acting !== null && acting.length === 0)
    approval = fact(
      'restricted',
      `\`tools\` gives the subagent only read tools (${tools!.map((t) => t.name).join(', ')}), so \`permissionMode: ${String(mode)}\` approves no command, edit or fetch`,
      ref(file, ['tools']),
    );
  const widensMode =
    typeof mode === 'string' &&
    CLAUDE_WIDENING_MODES.has(mode) &&
    mode !== sessionMode &&
    approval.value !== 'restricted' &&
    !(mode === 'bypassPermissions' && approval.value !== 'bypassed');

  collectHookCommands(s['hooks'], file, ['hooks'], details);
  collectInlineMcpServers(s['mcpServers'], file, details);
  if (!widensMode && details.commands.length === 0) return null;

  const { reading, via } = inherited(input, settings);
  const sandboxOn = get(settings.value, ['sandbox', 'enabled']) === true;
  const network = widensMode
    ? claudeNetwork(settings.value, at, sandboxOn, { value: mode, source: modeSource, key: 'permissionMode' })
    : reading.sandbox.network;
  const signals = ['Claude Code subagent'];
  if (widensMode) signals.push(`\`permissionMode: ${String(mode)}\``);
  return {
    agent: 'claude-code',
    signals,
    sandbox: {
      isolation: via(reading.sandbox.isolation),
      network: network.source?.file === file ? network : via(network),
      filesystem: via(reading.sandbox.filesystem),
      approval: widensMode ? approval : reading.sandbox.approval,
      credentials: reading.sandbox.credentials,
      limits: turnLimit(s, file) ?? reading.sandbox.limits,
    },
    details,
  };
}

const isReadOnly = (name: string): boolean => {
  const pattern = parseToolPattern(name);
  return pattern !== null && CLAUDE_READ_ONLY_TOOLS.has(pattern.tool);
};

function turnLimit(s: Record<string, Json>, file: string): Fact<Limits> | null {
  const turns = s['maxTurns'];
  if (typeof turns !== 'number' || !(turns > 0)) return null;
  return fact('bounded', `\`maxTurns: ${turns}\` stops the subagent after that many turns`, ref(file, ['maxTurns']));
}

/**
 * `mcpServers`: names of servers configured elsewhere (judged there), or inline definitions
 * (`- name: {command, args}` or a `name: {…}` mapping) whose programs the subagent launches.
 */
function collectInlineMcpServers(value: Json, file: string, details: AgentSettingsDetails): void {
  const entries: { name: string; config: Json; path: (string | number)[] }[] = [];
  if (Array.isArray(value))
    value.forEach((item, index) => {
      if (isRecord(item))
        for (const [name, config] of Object.entries(item)) entries.push({ name, config, path: [index, name] });
    });
  else if (isRecord(value))
    for (const [name, config] of Object.entries(value)) entries.push({ name, config, path: [name] });
  for (const { name, config, path } of entries) {
    if (!isRecord(config) || typeof config['command'] !== 'string' || !config['command'].trim()) continue;
    const args = stringItems(config['args']).map((e) => e.item);
    details.commands.push({
      key: `mcpServers.${name}`,
      command: [config['command'], ...args].join(' '),
      source: ref(file, ['mcpServers', ...path, 'command']),
    });
  }
}

/**
 * A skill's `allowed-tools` pre-approves those tools while the skill runs (it restricts nothing):
 * a shell entry there is a tool grant. Hooks in its front matter run like settings hooks. Inline
 * shell (`` !`cmd` `` in the body) goes through the same Bash permission check as the model's own
 * commands, so it is listed as a signal, not judged as a command of its own.
 */
export function readClaudeSkill(input: ReaderInput): SettingsReading | null {
  const { file, value } = input;
  const s = isRecord(value) ? value : {};
  const details = emptyDetails('claude-skill', 'project', OUTSIDE);
  const key = Object.hasOwn(s, 'allowed-tools') ? 'allowed-tools' : 'allowedTools';
  for (const entry of toolList(file, s[key], key) ?? []) {
    const grant = claudeShellGrant(entry.name);
    if (grant && grant.reach !== 'limited')
      details.toolGrants.push({ pattern: entry.name, reach: grant.reach, list: key, source: entry.source });
  }
  collectHookCommands(s['hooks'], file, ['hooks'], details);
  if (details.toolGrants.length === 0 && details.commands.length === 0) return null;

  const settings = sessionSettings(input);
  const { reading, via } = inherited(input, settings);
  const signals = [/SKILL\.md$/.test(file) ? 'Claude Code skill' : 'Claude Code custom command'];
  const inline = inlineShell(input);
  if (inline.length > 0)
    signals.push(
      `${inline.length} inline shell command(s): ${inline.map((c) => `\`${shortValue(c, 40)}\``).join(', ')}`,
    );
  return {
    agent: 'claude-code',
    signals,
    sandbox: {
      isolation: via(reading.sandbox.isolation),
      network: via(reading.sandbox.network),
      filesystem: via(reading.sandbox.filesystem),
      approval: via(reading.sandbox.approval),
      credentials: reading.sandbox.credentials,
      limits: reading.sandbox.limits,
    },
    details,
  };
}

/** Inline shell in the body, which the documents layer does not keep: read from the raw text. */
function inlineShell(input: ReaderInput): string[] {
  const text = input.context?.text?.(input.file);
  if (!text) return [];
  return [...text.matchAll(CLAUDE_INLINE_SHELL)].map((m) => m[1]!.trim()).slice(0, 20);
}

export const CLAUDE_SUBAGENT_FILES: readonly SettingsFile[] = [
  {
    order: 50,
    paths: ['**/.claude/agents/'],
    match: claudeSubagentPath,
    sniff: hasFrontMatter,
    read: readClaudeSubagent,
  },
  {
    order: 60,
    paths: ['**/.claude/skills/', '**/.claude/commands/'],
    match: claudeSkillPath,
    sniff: hasFrontMatter,
    read: readClaudeSkill,
  },
];
