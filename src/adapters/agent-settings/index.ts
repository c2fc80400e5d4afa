/**
 * The agent-settings adapter: one `agent-config` deployment per settings file an agent reads from
 * the repository (Claude Code, Codex, Gemini CLI, Qwen Code, Cursor, Copilot hooks, OpenCode, Aider,
 * Continue, goose, OpenHands, GitHub agentic workflows). A file is recognised by its path; files whose name alone is not specific
 * enough (a Claude settings sample, an OpenHands `config.toml`) must also show the tool's own keys.
 */
import { settingsFilesInOrder } from '../../agents/index.js';
import { hasFrontMatter, isRecord, type SettingsFile, type SettingsReading } from '../../agents/settings-reading.js';
import type { SourceDocument } from '../../documents/types.js';
import { deploymentId, type Deployment, type SourceRef } from '../../model.js';
import { emptyOutput, type Adapter, type AdapterOutput } from '../types.js';
import { aiderPath, readAider } from './aider.js';
import { continueConfigPath, continuePermissionsPath, readContinue } from './continue.js';
import { gooseConfigPath, goosePermissionPath, gooseSniff, readGoose } from './goose.js';
import { opencodePath, readOpencode } from './opencode.js';
import { hasOpenhandsTables, openhandsPath, openhandsSniff, readOpenhands } from './openhands.js';

export type { AgentSettingsDetails } from '../../agents/settings-reading.js';

type Reader = SettingsFile;

/** Readers not yet in their agent's module; merged with the catalogue's by `order`. */
const LOCAL: readonly Reader[] = [
  { order: 150, paths: ['opencode.json', 'opencode.jsonc'], match: opencodePath, read: readOpencode },
  { order: 180, paths: ['.aider.conf.yml', '.aider.conf.yaml'], match: aiderPath, read: readAider },
  { order: 190, paths: ['.continue/'], match: continueConfigPath, read: (i) => readContinue(i, 'config') },
  { order: 200, paths: ['.continue/'], match: continuePermissionsPath, read: (i) => readContinue(i, 'permissions') },
  { order: 210, paths: ['goose/'], match: gooseConfigPath, sniff: gooseSniff, read: (i) => readGoose(i, 'config') },
  { order: 220, paths: ['goose/'], match: goosePermissionPath, read: (i) => readGoose(i, 'permission') },
  {
    order: 240,
    paths: ['config.toml', 'config.template.toml'],
    match: openhandsPath,
    sniff: openhandsSniff,
    accepts: hasOpenhandsTables,
    read: readOpenhands,
  },
];

/** Every agent's settings files, first match wins (the catalogue keeps them in order). */
const READERS = settingsFilesInOrder(LOCAL);

/** Every reader's path ends in one of these; most files of a repository are ruled out by this one test. */
const SETTINGS_EXTENSION = /\.(jsonc?|toml|ya?ml|md|rules)$/i;
const readerFor = (file: string): Reader | undefined =>
  SETTINGS_EXTENSION.test(file) ? READERS.find((r) => r.match(file)) : undefined;

/** Settings a workflow's agent loads from the checkout (workflows/link.ts): their facts reach workflow jobs. */
const LOADED_BY_WORKFLOWS = new Set(READERS.flatMap((r) => r.loadedByWorkflows ?? []));

export const agentSettingsAdapter: Adapter = {
  id: 'agent-settings',
  claims: (file) => readerFor(file) !== undefined,
  // Every path a reader matches lies under one of its agent's patterns.
  paths: [...new Set(READERS.flatMap((r) => r.paths))],
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

function settingsDeployment(file: string, reading: SettingsReading, doc: SourceDocument): Deployment {
  const at: SourceRef = { file, path: [], ...(doc.index > 0 ? { doc: doc.index } : {}) };
  return {
    id: deploymentId('agent-config', file, file),
    kind: 'agent-config',
    name: file,
    agent: reading.agent,
    file,
    at,
    sandbox: reading.sandbox,
    signals: reading.signals,
    labels: {},
    root: at,
    details: reading.details,
  };
}
