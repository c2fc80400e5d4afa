/**
 * Continue: `.continue/config.yaml|json` (models, rules, tools of the IDE and `cn` agent) and
 * `.continue/permissions.yaml` (`allow` / `ask` / `exclude` tool patterns of the `cn` CLI). Continue
 * has no sandbox; Bash and write tools ask by default, read-only tools run unasked.
 */
import { collectInlineValues } from '../secrets.js';
import type { Approval, Fact } from '../model.js';
import { parseToolPattern, shellReach } from './claude-code-tools.js';
import {
  type AgentSettingsDetails,
  derivedFact,
  emptyDetails,
  fact,
  isRecord,
  launcherCredentials,
  launcherLimits,
  pickKeys,
  type ReaderInput,
  ref,
  type SettingsFile,
  type SettingsReading,
  stringItems,
} from './settings-reading.js';

const SECRET_REFERENCE = '`${{ secrets.NAME }}`';

export const continueConfigPath = (file: string): boolean => /(^|\/)\.continue\/config\.(ya?ml|json)$/.test(file);
export const continuePermissionsPath = (file: string): boolean => /(^|\/)\.continue\/permissions\.ya?ml$/.test(file);

const SHELL_TOOLS = new Set(['Bash', 'Terminal', 'run_terminal_command']);

export function readContinue({ file, value }: ReaderInput, kind: 'config' | 'permissions'): SettingsReading {
  const details = emptyDetails(
    kind === 'config' ? 'continue-config' : 'continue-permissions',
    'project',
    SECRET_REFERENCE,
  );
  const s = isRecord(value) ? value : {};
  let approval: Fact<Approval> = fact(
    'unrestricted',
    'Continue asks before running Bash and write tools, and any may be approved',
    null,
  );
  if (kind === 'permissions') approval = permissions(s, file, details) ?? approval;
  else collectModelSecrets(s, file, details);
  return {
    agent: 'continue',
    signals: [kind === 'config' ? 'Continue configuration file' : 'Continue tool permissions file'],
    sandbox: {
      isolation: fact('none', 'Continue has no sandbox; its Bash tool runs commands on the host', null),
      network: derivedFact('open', 'Continue runs commands on the host, which can connect to any host'),
      filesystem: derivedFact('full', 'Continue runs commands on the host, which can write anywhere the user can'),
      approval,
      credentials: launcherCredentials('Continue'),
      limits: launcherLimits('Continue'),
    },
    details,
  };
}

/** `allow: ["*"]` approves every tool; shell patterns in `allow` are tool grants. */
function permissions(s: Record<string, unknown>, file: string, details: AgentSettingsDetails): Fact<Approval> | null {
  let result: Fact<Approval> | null = null;
  for (const { item, index } of stringItems(s['allow'])) {
    const source = ref(file, ['allow', index]);
    if (/^\*+$/.test(item.trim())) {
      result ??= fact('bypassed', '`allow` has `*`, so every tool runs without asking', source);
      continue;
    }
    const pattern = parseToolPattern(item);
    if (!pattern || !SHELL_TOOLS.has(pattern.tool)) continue;
    const { reach } = shellReach(pattern.specifier);
    if (reach !== 'limited') details.toolGrants.push({ pattern: item, reach, list: 'allow', source });
  }
  return result;
}

function collectModelSecrets(s: Record<string, unknown>, file: string, details: AgentSettingsDetails): void {
  const models = s['models'];
  if (!Array.isArray(models)) return;
  models.forEach((model, i) => {
    if (!isRecord(model)) return;
    details.inlineValues.push(
      ...collectInlineValues(
        pickKeys(model, ['apiKey', 'requestOptions', 'env']),
        ref(file, ['models', i]),
        `models[${i}]`,
      ),
    );
  });
}

export const CONTINUE_SETTINGS_FILES: readonly SettingsFile[] = [
  { order: 190, paths: ['.continue/'], match: continueConfigPath, read: (i) => readContinue(i, 'config') },
  { order: 200, paths: ['.continue/'], match: continuePermissionsPath, read: (i) => readContinue(i, 'permissions') },
];
