/**
 * Copilot custom agents (`.github/agents/<name>.agent.md`, or `.md`): YAML front matter with
 * `name`, `description`, `tools`. An omitted `tools`, or one that holds `*`, gives the agent every
 * tool, the repository's MCP tools included; the cloud agent runs them on an Actions runner unasked.
 */
import type { Approval, Fact, SourceRef } from '../model.js';
import {
  derivedFact,
  emptyDetails,
  fact,
  isRecord,
  launcherCredentials,
  launcherLimits,
  ref,
  stringItems,
  type Json,
  hasFrontMatter,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';
import { hasHooks, readHooks } from './hook-files.js';

const SECRET_REFERENCE = 'Copilot environment secrets (repository settings)';

/** Hooks the cloud agent reads from the default branch (`.github/hooks/*.json`). */
export const copilotHooksPath = (file: string): boolean => /(^|\/)\.github\/hooks\/[^/]+\.json$/.test(file);
export const copilotAgentPath = (file: string): boolean =>
  /(^|\/)\.github\/agents\/[^/]+\.md$/i.test(file) && !/(^|\/)README\.md$/i.test(file);
/** A custom agent's front matter names it or describes it (`description` is required). */
export const isCopilotAgent = (value: Json): boolean =>
  isRecord(value) && (typeof value['description'] === 'string' || typeof value['name'] === 'string');

/** Tool names (and aliases) that run shell commands. */
const SHELL = /^(\*|execute|shell|bash|powershell|runinterminal|terminal|run_in_terminal)$/i;

export function readCopilotAgent({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails('copilot-agent', 'project', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const at = (...path: (string | number)[]): SourceRef => ref(file, path);
  const anchor = at(typeof s['name'] === 'string' ? 'name' : 'description');
  const tools = s['tools'];
  let approval: Fact<Approval>;
  if (tools === undefined || tools === null) {
    details.toolGrants.push({
      pattern: '*',
      reach: 'any-command',
      list: 'tools (omitted, so every tool)',
      source: anchor,
    });
    approval = fact(
      'unrestricted',
      'no `tools` list is set, so the custom agent gets every tool, shell and the repository’s MCP tools included',
      anchor,
    );
  } else {
    const items = typeof tools === 'string' ? [{ item: tools, index: -1 }] : stringItems(tools);
    const all = items.find(({ item }) => item.trim() === '*');
    const shell = items.find(({ item }) => SHELL.test(item.trim()));
    const source = (index: number) => (index < 0 ? at('tools') : at('tools', index));
    if (all) {
      details.toolGrants.push({ pattern: '*', reach: 'any-command', list: 'tools', source: source(all.index) });
      approval = fact('unrestricted', '`tools` has `*`: every tool, shell and MCP tools included', source(all.index));
    } else if (shell) {
      details.toolGrants.push({
        pattern: shell.item,
        reach: 'any-command',
        list: 'tools',
        source: source(shell.index),
      });
      approval = fact(
        'unrestricted',
        `\`tools\` has \`${shell.item}\`, which runs any shell command`,
        source(shell.index),
      );
    } else approval = fact('restricted', `\`tools\` limits the custom agent to ${items.length} tool(s)`, at('tools'));
  }
  return {
    agent: 'copilot',
    signals: ['Copilot custom agent'],
    sandbox: {
      isolation: fact('none', 'the Copilot cloud agent has no sandbox of its own; its tools run on the runner', null),
      network: derivedFact('open', 'the Copilot agent firewall is set in repository settings, which no file shows'),
      filesystem: derivedFact('full', 'the agent’s shell tools write anywhere on the runner'),
      approval,
      credentials: launcherCredentials('Copilot'),
      limits: launcherLimits('Copilot'),
    },
    details,
  };
}

export const COPILOT_SETTINGS_FILES: readonly SettingsFile[] = [
  {
    order: 140,
    paths: ['**/.github/hooks/'],
    match: copilotHooksPath,
    accepts: hasHooks,
    read: (i) => readHooks(i, 'copilot', 'Copilot'),
  },
  {
    order: 160,
    paths: ['**/.github/agents/'],
    match: copilotAgentPath,
    sniff: hasFrontMatter,
    accepts: isCopilotAgent,
    read: readCopilotAgent,
  },
];
