/**
 * The agent-settings adapter: one `agent-config` deployment per settings file an agent reads from
 * the repository (Claude Code, Codex, Gemini CLI, Qwen Code, Cursor, Copilot hooks, OpenCode, Aider,
 * Continue, goose, OpenHands, GitHub agentic workflows). A file is recognised by its path; files whose name alone is not specific
 * enough (a Claude settings sample, an OpenHands `config.toml`) must also show the tool's own keys.
 */
import type { Deployment } from '../../model.js';
import { emptyOutput, type Adapter, type AdapterOutput } from '../types.js';
import { aiderPath, readAider } from './aider.js';
import { claudeCandidate, claudeScope, claudeSniff, hasClaudeKeys, readClaude } from './claude.js';
import { claudeSkillPath, claudeSubagentPath, readClaudeSkill, readClaudeSubagent } from './claude-subagents.js';
import { codexHooksPath, codexScope, codexSniff, readCodex, readCodexHooks } from './codex.js';
import { codexRulesPath, readCodexRules } from './codex-rules.js';
import { isRecord, settingsDeployment, type Json, type ReaderInput, type SettingsReading } from './common.js';
import { continueConfigPath, continuePermissionsPath, readContinue } from './continue.js';
import {
  cursorCliPath,
  cursorEnvironmentPath,
  cursorPermissionsPath,
  cursorSandboxPath,
  readCursorEnvironment,
  readCursorPermissions,
  readCursorSandbox,
} from './cursor.js';
import { geminiPath, qwenPath, readGemini, readQwen } from './gemini.js';
import { ghAwPath, ghAwSniff, isGhAwWorkflow, readGhAw } from './gh-aw.js';
import { copilotAgentPath, isCopilotAgent, readCopilotAgent } from './copilot-agents.js';
import { copilotHooksPath, cursorHooksPath, hasHooks, readHooks } from './hooks.js';
import { gooseConfigPath, goosePermissionPath, gooseSniff, readGoose } from './goose.js';
import { opencodePath, readOpencode } from './opencode.js';
import { hasOpenhandsTables, openhandsPath, openhandsSniff, readOpenhands } from './openhands.js';

export type { AgentSettingsDetails } from './common.js';

interface Reader {
  /** Does the path name this kind of file? */
  match(file: string): boolean;
  /** For generic names: the raw text must show the tool's keys before anything is parsed. */
  sniff?(text: string): boolean;
  /** For generic names: the parsed value must have the tool's shape. */
  accepts?(value: Json): boolean;
  /** Null when the file adds nothing of its own to judge (a subagent that only narrows its session). */
  read(input: ReaderInput): SettingsReading | null;
}

const codexUser = (file: string): boolean => codexScope(file)?.scope === 'user';
const claudeSampleScope = (file: string) =>
  (/(^|\/)(dot_claude|claude|\.claude[^/]*)\//i.test(file) ? 'user' : 'sample') as 'user' | 'sample';

/** First match wins: specific paths before generic names. */
const READERS: readonly Reader[] = [
  { match: (f) => claudeScope(f) !== null, read: (i) => readClaude(i, claudeScope(i.file)!) },
  {
    match: (f) => codexScope(f) !== null && !codexUser(f),
    read: (i) => readCodex(i, codexScope(i.file)!.scope, codexScope(i.file)!.format),
  },
  { match: codexHooksPath, read: readCodexHooks },
  { match: codexRulesPath, read: readCodexRules },
  { match: claudeSubagentPath, sniff: ghAwSniff, read: readClaudeSubagent },
  { match: claudeSkillPath, sniff: ghAwSniff, read: readClaudeSkill },
  { match: codexUser, sniff: codexSniff, read: (i) => readCodex(i, 'user', 'codex-config') },
  { match: geminiPath, read: readGemini },
  { match: qwenPath, read: readQwen },
  { match: cursorSandboxPath, read: readCursorSandbox },
  { match: cursorCliPath, read: (i) => readCursorPermissions(i, 'cli') },
  { match: cursorPermissionsPath, read: (i) => readCursorPermissions(i, 'permissions') },
  { match: cursorHooksPath, read: (i) => readHooks(i, 'cursor') },
  { match: copilotHooksPath, accepts: hasHooks, read: (i) => readHooks(i, 'copilot') },
  { match: opencodePath, read: readOpencode },
  { match: copilotAgentPath, sniff: ghAwSniff, accepts: isCopilotAgent, read: readCopilotAgent },
  { match: cursorEnvironmentPath, read: readCursorEnvironment },
  { match: aiderPath, read: readAider },
  { match: continueConfigPath, read: (i) => readContinue(i, 'config') },
  { match: continuePermissionsPath, read: (i) => readContinue(i, 'permissions') },
  { match: gooseConfigPath, sniff: gooseSniff, read: (i) => readGoose(i, 'config') },
  { match: goosePermissionPath, read: (i) => readGoose(i, 'permission') },
  { match: ghAwPath, sniff: ghAwSniff, accepts: isGhAwWorkflow, read: readGhAw },
  { match: openhandsPath, sniff: openhandsSniff, accepts: hasOpenhandsTables, read: readOpenhands },
  {
    match: claudeCandidate,
    sniff: claudeSniff,
    accepts: hasClaudeKeys,
    read: (i) => readClaude(i, claudeSampleScope(i.file)),
  },
];

/** Every reader's path ends in one of these; most files of a repository are ruled out by this one test. */
const SETTINGS_EXTENSION = /\.(jsonc?|toml|ya?ml|md|rules)$/i;
const readerFor = (file: string): Reader | undefined =>
  SETTINGS_EXTENSION.test(file) ? READERS.find((r) => r.match(file)) : undefined;

/** Settings a workflow's agent loads from the checkout (workflows/link.ts): their facts reach workflow jobs. */
const LOADED_BY_WORKFLOWS = new Set([
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.gemini/settings.json',
  '.codex/config.toml',
]);

export const agentSettingsAdapter: Adapter = {
  id: 'agent-settings',
  claims: (file) => readerFor(file) !== undefined,
  // Settings files by name (the readers above); gh-aw workflows are Markdown under .github/workflows.
  paths: [
    '*settings*.json',
    'config.toml',
    'config.template.toml',
    '.aider.conf.yml',
    '.aider.conf.yaml',
    'goose/',
    '.cursor/',
    '.continue/',
    '.codex/',
    '**/.claude/agents/',
    '**/.claude/skills/',
    '**/.claude/commands/',
    '**/codex/rules/',
    '**/dot_codex/rules/',
    'opencode.json',
    'opencode.jsonc',
    '**/.github/hooks/',
    '**/.github/agents/',
    '**/.github/workflows/',
  ],
  feeds: (file) => (LOADED_BY_WORKFLOWS.has(file) ? ['workflow-job'] : []),
  sniff(file, text) {
    const reader = readerFor(file);
    return reader?.sniff ? reader.sniff(text) : true;
  },
  extract(parsed, context): AdapterOutput {
    const output = emptyOutput();
    const reader = readerFor(parsed.file);
    const doc = parsed.documents[0];
    if (!reader || !doc) return output;
    // An empty file is a settings file with every default.
    const value = doc.value ?? {};
    if (reader.accepts && !reader.accepts(value)) return output;
    if (!isRecord(value)) {
      output.notEvaluated = [
        { file: parsed.file, reason: 'the settings file is not an object, so the agent would reject it' },
      ];
      return output;
    }
    const reading = reader.read({ file: parsed.file, doc, value, context });
    if (reading) output.deployments.push(settingsDeployment(parsed.file, reading, doc));
    return output;
  },
};

/** The agent-config deployment read from `file`, for adapters that link a launcher to the settings it loads. */
export function settingsDeploymentOf(deployments: readonly Deployment[], file: string): Deployment | undefined {
  return deployments.find((d) => d.kind === 'agent-config' && d.file === file);
}
