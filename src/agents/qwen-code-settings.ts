/**
 * Qwen Code settings (`.qwen/settings.json`): Gemini CLI's shape, read by its reader, plus Qwen Code's
 * own permission modes and `permissions.allow` rules.
 */
import { parseToolPattern, shellReach } from './claude-code-tools.js';
import { readGemini, SHELL_TOOLS } from './gemini-cli-settings.js';
import {
  fact,
  get,
  isRecord,
  ref,
  stringItems,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';

/** Qwen Code, a fork of Gemini CLI, reads the same shape from `.qwen/settings.json`. */
export const qwenPath = (file: string): boolean => /(^|\/)\.qwen\/settings\.json$/.test(file);

/** Qwen Code's permission modes that approve every tool (settings and `--permission-mode`). */
export const QWEN_BYPASS = /^(bypass_permissions|yolo)$/;

export function readQwen(input: ReaderInput): SettingsReading {
  const reading = readGemini(input);
  const s = isRecord(input.value) ? input.value : {};
  for (const path of [
    ['general', 'defaultPermissionMode'],
    ['tools', 'approvalMode'],
  ]) {
    const mode = get(s, path);
    if (typeof mode === 'string' && QWEN_BYPASS.test(mode))
      reading.sandbox.approval = fact(
        'bypassed',
        `\`${path.join('.')}\` is \`${mode}\`, so Qwen Code runs every tool without asking`,
        ref(input.file, path),
      );
  }
  // Qwen Code's own permission rules: `permissions.allow` entries run without asking.
  for (const { item, index } of stringItems(get(s, ['permissions', 'allow']))) {
    const pattern = parseToolPattern(item);
    if (!pattern || !(SHELL_TOOLS.has(pattern.tool) || /^(Bash|Shell)$/.test(pattern.tool))) continue;
    const { reach } = shellReach(pattern.specifier);
    if (reach !== 'limited')
      reading.details.toolGrants.push({
        pattern: item,
        reach,
        list: 'permissions.allow',
        source: ref(input.file, ['permissions', 'allow', index]),
      });
  }
  return { ...reading, agent: 'qwen-code', signals: ['Qwen Code project settings file'] };
}

export const QWEN_SETTINGS_FILES: readonly SettingsFile[] = [
  { order: 90, paths: ['*settings*.json'], match: qwenPath, read: readQwen },
];
