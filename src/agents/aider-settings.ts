/**
 * Aider (`.aider.conf.yml`). Aider has no sandbox: it edits files and runs shell, lint and test
 * commands on the host. `yes-always` (older `yes`) answers every confirmation with yes.
 */
import { collectInlineValues } from '../secrets.js';
import type { Approval, Fact } from '../model.js';
import {
  derivedFact,
  emptyDetails,
  fact,
  isFalsy,
  isRecord,
  isTruthy,
  launcherCredentials,
  launcherLimits,
  pickKeys,
  type ReaderInput,
  ref,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';
import { append } from '../util/arrays.js';

const SECRET_REFERENCE = 'an `AIDER_…` environment variable or a `.env` file kept out of git';

export const aiderPath = (file: string): boolean => /(^|\/)\.aider\.conf\.ya?ml$/.test(file);

/** Keys that hold credentials or environment values. */
const VALUE_KEYS = ['openai-api-key', 'anthropic-api-key', 'api-key', 'set-env'];

export function readAider({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails('aider-config', 'project', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  // Lint runs after every edit unless `auto-lint` is false; tests only with `auto-test`.
  const lint = s['lint-cmd'];
  if (lint !== undefined && !isFalsy(s['auto-lint'])) {
    for (const command of commands(lint))
      details.commands.push({ key: 'lint-cmd', command: command.text, source: ref(file, command.path('lint-cmd')) });
  }
  if (s['test-cmd'] !== undefined && isTruthy(s['auto-test'])) {
    for (const command of commands(s['test-cmd']))
      details.commands.push({ key: 'test-cmd', command: command.text, source: ref(file, command.path('test-cmd')) });
  }
  append(details.inlineValues, collectInlineValues(pickKeys(s, VALUE_KEYS), ref(file, [])));
  return {
    agent: 'aider',
    signals: ['Aider configuration file'],
    sandbox: {
      isolation: fact('none', 'Aider has no sandbox; it runs shell, lint and test commands on the host', null),
      network: derivedFact('open', 'Aider runs commands on the host, which can connect to any host'),
      filesystem: derivedFact('full', 'Aider runs commands on the host, which can write anywhere the user can'),
      approval: aiderApproval(s, file),
      credentials: launcherCredentials('Aider'),
      limits: launcherLimits('Aider'),
    },
    details,
  };
}

function aiderApproval(s: Record<string, unknown>, file: string): Fact<Approval> {
  for (const key of ['yes-always', 'yes']) {
    if (isTruthy(s[key]))
      return fact(
        'bypassed',
        `\`${key}\` is true, so Aider answers yes to every confirmation, shell commands included`,
        ref(file, [key]),
      );
  }
  return fact('unrestricted', 'Aider asks before running shell commands, and any may be approved', null);
}

/** `lint-cmd` is a string or a list of `"lang: cmd"` strings. */
function commands(value: unknown): { text: string; path: (key: string) => (string | number)[] }[] {
  if (typeof value === 'string' && value.trim()) return [{ text: value, path: (key) => [key] }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) =>
    typeof item === 'string' && item.trim() ? [{ text: item, path: (key: string) => [key, i] }] : [],
  );
}

export const AIDER_SETTINGS_FILES: readonly SettingsFile[] = [
  { order: 180, paths: ['.aider.conf.yml', '.aider.conf.yaml'], match: aiderPath, read: readAider },
];
