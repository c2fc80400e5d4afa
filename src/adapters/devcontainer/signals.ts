/**
 * Is this dev container an agent deployment? Yes when it installs or runs a coding agent: an agent
 * devcontainer feature, an agent VS Code extension, or an agent CLI installed or invoked in a
 * lifecycle command. Credential variables alone are not enough (an app calling an LLM API is not an agent).
 */
import { minimatch } from 'minimatch';
import type { KeyPath } from '../../documents/types.js';
import type { AdapterSettings } from '../../policy/schema.js';
import { shellWords } from '../mcp/shell.js';

export interface Signal {
  agent: string;
  text: string;
}

/** A lifecycle command string with where it is written. */
export interface CommandText {
  key: string;
  path: KeyPath;
  value: string;
}

export const LIFECYCLE_KEYS = ['initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'] as const;

/** Feature ids are matched on their last path segment, whoever publishes them. */
const AGENT_FEATURES: Record<string, string> = {
  'claude-code': 'claude-code',
  claude: 'claude-code',
  'claude-code-cli': 'claude-code',
  codex: 'codex',
  'codex-cli': 'codex',
  'openai-codex': 'codex',
  'gemini-cli': 'gemini-cli',
  gemini: 'gemini-cli',
  goose: 'goose',
  'goose-cli': 'goose',
  aider: 'aider',
  opencode: 'opencode',
  'qwen-code': 'qwen-code',
  'qwen-coder': 'qwen-code',
  'copilot-cli': 'copilot',
  'cursor-cli': 'cursor',
  amp: 'amp',
  cline: 'cline',
  crush: 'crush',
};

/** VS Code extensions that run an agent able to execute commands in the container. */
const AGENT_EXTENSIONS: Record<string, string> = {
  'anthropic.claude-code': 'claude-code',
  'openai.chatgpt': 'codex',
  'saoudrizwan.claude-dev': 'cline',
  'rooveterinaryinc.roo-cline': 'roo-code',
  'kilocode.kilo-code': 'kilo-code',
  'continue.continue': 'continue',
  'sourcegraph.amp': 'amp',
  'google.geminicodeassist': 'gemini-code-assist',
};

/** Agent CLIs installed by a package manager or an install script. */
const INSTALLS: readonly [RegExp, string][] = [
  [/@anthropic-ai\/claude-code\b|claude\.ai\/install\.sh/, 'claude-code'],
  [/@openai\/codex\b/, 'codex'],
  [/@google\/gemini-cli\b/, 'gemini-cli'],
  [/@qwen-code\/qwen-code\b/, 'qwen-code'],
  [/\bopencode-ai\b|opencode\.ai\/install/, 'opencode'],
  [/@sourcegraph\/amp\b/, 'amp'],
  [/@github\/copilot\b/, 'copilot'],
  [/\baider-(?:chat|install)\b|aider\.chat\/install/, 'aider'],
  [/block\/goose\/releases\/download\/\S{0,200}download_cli\.sh|\bgoose-ai\b/, 'goose'],
  [/\b(?:npm|pnpm|yarn|bun)\s[^\n;&|]{0,200}\bcline\b/, 'cline'],
];

/** Agent CLIs run with a prompt or an autonomy flag. */
const INVOCATIONS: readonly [RegExp, string][] = [
  [/\bclaude\s+(?:-p\b|--print\b|--dangerously-skip-permissions\b)/, 'claude-code'],
  [/\bcodex\s+(?:exec\b|e\b|--full-auto\b|--yolo\b|--dangerously)/, 'codex'],
  [/\bgemini\s+(?:-p\b|--prompt\b|--yolo\b|-y\b)/, 'gemini-cli'],
  [/\baider\s+(?:-m\b|--message\b|--yes-always\b)/, 'aider'],
  [/\bgoose\s+run\b/, 'goose'],
];

/** The agent a command line runs, if any (`claude -p …`, `codex exec …`). */
export function invokedAgent(command: string): { agent: string; match: string } | null {
  for (const [pattern, agent] of INVOCATIONS) {
    const m = pattern.exec(command);
    if (m) return { agent, match: m[0] };
  }
  return null;
}

/** A table entry for a key read from a scanned file: own keys only (never `constructor` from the prototype). */
const ownValue = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export function agentSignals(value: Record<string, unknown>, commands: readonly CommandText[], settings: AdapterSettings): Signal[] {
  const signals: Signal[] = [];
  const features = isObject(value['features']) ? Object.keys(value['features']) : [];
  for (const id of features) {
    const agent = ownValue(AGENT_FEATURES, featureName(id));
    if (agent) signals.push({ agent, text: `installs the \`${id}\` devcontainer feature` });
  }
  for (const ext of extensions(value)) {
    const agent = ownValue(AGENT_EXTENSIONS, ext.toLowerCase());
    if (agent) signals.push({ agent, text: `installs the \`${ext}\` VS Code extension` });
  }
  for (const command of commands) {
    for (const [pattern, agent] of INSTALLS) if (pattern.test(command.value)) signals.push({ agent, text: `\`${command.key}\` installs ${agent}` });
    for (const [pattern, agent] of INVOCATIONS) if (pattern.test(command.value)) signals.push({ agent, text: `\`${command.key}\` runs ${agent}` });
    const extra = settings['agent-commands'];
    if (extra.length > 0) {
      const word = shellWords(command.value).find((w) => extra.some((g) => minimatch(w.split('/').pop() ?? w, g)));
      if (word) signals.push({ agent: 'unknown', text: `\`${command.key}\` runs \`${word}\` (policy \`agent-commands\`)` });
    }
  }
  return dedupe(signals);
}

/** `ghcr.io/anthropics/devcontainer-features/claude-code:1` → `claude-code`. */
export function featureName(id: string): string {
  const last = id.split('/').pop() ?? id;
  return last.replace(/[:@].*$/, '').toLowerCase();
}

function extensions(value: Record<string, unknown>): string[] {
  const custom = isObject(value['customizations']) ? value['customizations'] : {};
  const vscode = isObject(custom['vscode']) ? custom['vscode'] : {};
  const list = vscode['extensions'] ?? value['extensions'];
  return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
}

/** Every lifecycle command, in string, array or named-object form, as separate strings with paths. */
export function lifecycleCommands(value: Record<string, unknown>): CommandText[] {
  const out: CommandText[] = [];
  const add = (key: string, node: unknown, path: KeyPath): void => {
    if (typeof node === 'string') out.push({ key, path, value: node });
    else if (Array.isArray(node)) {
      node.forEach((item, i) => typeof item === 'string' && out.push({ key, path: [...path, i], value: item }));
      // The array form is one command line; its joined words show invocations split across items.
      out.push({ key, path, value: node.filter((w) => typeof w === 'string').join(' ') });
    }
    else if (isObject(node)) for (const [name, child] of Object.entries(node)) add(key, child, [...path, name]);
  };
  for (const key of LIFECYCLE_KEYS) add(key, value[key], [key]);
  return out;
}

function dedupe(signals: Signal[]): Signal[] {
  const seen = new Set<string>();
  return signals.filter((s) => !seen.has(s.text) && seen.add(s.text));
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
