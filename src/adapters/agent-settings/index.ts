/**
 * The agent-settings adapter: one `agent-config` deployment per settings, hooks, rules or subagent
 * file an agent reads from the repository. Which files those are, and what they mean, is each agent's
 * own knowledge (`settingsFiles` in its src/agents/ module); this is the shell that finds them, parses
 * them and makes the deployments. A file is recognised by its path; files whose name alone is not
 * specific enough (a Claude settings sample, an OpenHands `config.toml`) must also show the tool's keys.
 */
import { settingsFiles, workflowLoadedFiles } from '../../agents/index.js';
import { isRecord, type SettingsFile, type SettingsReading } from '../../agents/settings-reading.js';
import type { SourceDocument } from '../../documents/types.js';
import { deploymentId, type Deployment, type SourceRef } from '../../model.js';
import { emptyOutput, type Adapter, type AdapterOutput } from '../types.js';

export type { AgentSettingsDetails } from '../../agents/settings-reading.js';

/** Every agent's settings files, in the order they are tried: the first whose path matches reads the file. */
const READERS = settingsFiles();

/** Every reader's path ends in one of these; most files of a repository are ruled out by this one test. */
const SETTINGS_EXTENSION = /\.(jsonc?|toml|ya?ml|md|rules)$/i;
const readerFor = (file: string): SettingsFile | undefined =>
  SETTINGS_EXTENSION.test(file) ? READERS.find((r) => r.match(file)) : undefined;

/** Settings a workflow's agent loads from the checkout (workflows/link.ts): their facts reach workflow jobs. */
const LOADED_BY_WORKFLOWS = new Set(workflowLoadedFiles());

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
