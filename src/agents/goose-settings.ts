/**
 * goose (`goose/config.yaml`, `goose/permission.yaml`, usually kept in dotfiles). goose has no
 * sandbox; `GOOSE_MODE` decides approvals and its documentation names autonomous mode (`auto`) as
 * the default. `extensions` (MCP servers) are judged by the MCP adapter (mcp/clients.ts).
 */
import { collectInlineValues } from '../secrets.js';
import type { Approval, Fact } from '../model.js';
import {
  type AgentSettingsDetails,
  derivedFact,
  emptyDetails,
  fact,
  isRecord,
  launcherCredentials,
  launcherLimits,
  type ReaderInput,
  ref,
  type SettingsFile,
  type SettingsReading,
  shortValue,
  stringItems,
} from './settings-reading.js';
import { append } from '../util/arrays.js';

const SECRET_REFERENCE = 'the system keyring (`goose configure`)';

export const gooseConfigPath = (file: string): boolean => /(^|\/)goose\/config\.ya?ml$/.test(file);
export const goosePermissionPath = (file: string): boolean => /(^|\/)goose\/permission\.ya?ml$/.test(file);
export const gooseSniff = (text: string): boolean => /^[ \t]*(GOOSE_[A-Z_]+|extensions)[ \t]*:/m.test(text);

/** goose's shell tools: any of them always allowed runs every command unasked. */
const SHELL_TOOLS = /(^|__)(shell|bash|run_command|execute_command)$/;
const CREDENTIAL_KEY = /(KEY|TOKEN|SECRET|PASSWORD)$/i;

export function readGoose({ file, value }: ReaderInput, kind: 'config' | 'permission'): SettingsReading {
  const details = emptyDetails(kind === 'config' ? 'goose-config' : 'goose-permissions', 'user', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  let approval: Fact<Approval> = fact(
    'bypassed',
    'no `GOOSE_MODE` is set, and goose runs in autonomous mode (`auto`) by default',
    null,
  );
  if (kind === 'config') {
    approval = gooseMode(s, file) ?? approval;
    const credentials = Object.fromEntries(Object.entries(s).filter(([key]) => CREDENTIAL_KEY.test(key)));
    append(details.inlineValues, collectInlineValues(credentials, ref(file, [])));
  } else {
    approval = fact('unrestricted', 'goose tool permissions set per-tool approvals', null);
    collectAlwaysAllow(s, [], file, details, 0);
  }
  return {
    agent: 'goose',
    signals: [kind === 'config' ? 'goose configuration file' : 'goose tool permission file'],
    sandbox: {
      isolation: fact('none', 'goose has no sandbox; its developer extension runs shell commands on the host', null),
      network: derivedFact('open', 'goose runs commands on the host, which can connect to any host'),
      filesystem: derivedFact('full', 'goose runs commands on the host, which can write anywhere the user can'),
      approval,
      credentials: launcherCredentials('goose'),
      limits: launcherLimits('goose'),
    },
    details,
  };
}

function gooseMode(s: Record<string, unknown>, file: string): Fact<Approval> | null {
  const mode = s['GOOSE_MODE'];
  if (mode === undefined) return null;
  const source = ref(file, ['GOOSE_MODE']);
  switch (mode) {
    case 'auto':
      return fact('bypassed', '`GOOSE_MODE` is `auto`, so goose edits files and runs commands without asking', source);
    case 'chat':
      return fact('restricted', '`GOOSE_MODE` is `chat`, so goose uses no tools', source);
    case 'approve':
      return fact(
        'unrestricted',
        '`GOOSE_MODE` is `approve`: goose asks before each tool, and any may be approved',
        source,
      );
    case 'smart_approve':
      return fact(
        'unrestricted',
        '`GOOSE_MODE` is `smart_approve`: goose runs what it rates low-risk and asks for the rest',
        source,
      );
    default:
      return fact('unrestricted', `\`GOOSE_MODE\` is \`${shortValue(mode)}\`, which goose does not document`, source);
  }
}

/** `always_allow` lists, at the top level or under a scope key (`user:`). */
function collectAlwaysAllow(
  node: unknown,
  path: (string | number)[],
  file: string,
  details: AgentSettingsDetails,
  depth: number,
): void {
  if (!isRecord(node) || depth > 3) return;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'always_allow') {
      for (const { item, index } of stringItems(child)) {
        if (SHELL_TOOLS.test(item))
          details.toolGrants.push({
            pattern: item,
            reach: 'any-command',
            list: [...path, key].join('.'),
            source: ref(file, [...path, key, index]),
          });
      }
    } else collectAlwaysAllow(child, [...path, key], file, details, depth + 1);
  }
}

export const GOOSE_SETTINGS_FILES: readonly SettingsFile[] = [
  { order: 210, paths: ['goose/'], match: gooseConfigPath, sniff: gooseSniff, read: (i) => readGoose(i, 'config') },
  { order: 220, paths: ['goose/'], match: goosePermissionPath, read: (i) => readGoose(i, 'permission') },
];
