/**
 * Gemini CLI settings a workflow hands the agent (run-gemini-cli `settings`, inline JSON or a file):
 * `tools.core`, `tools.sandbox` and their v1 names `coreTools`, `sandbox` (inline-settings.ts has the contract).
 */
import { get, isRecord } from '../util/json.js';
import { GEMINI_TOOLS, geminiSandbox } from './gemini-cli-flags.js';
import type { InlineSettingsReader } from './inline-settings.js';

/** The current key path if it is set, else its v1 name if that is set. */
const firstKey = (settings: unknown, ...paths: string[][]): string[] | null =>
  paths.find((path) => get(settings, path) !== undefined) ?? null;

export const readGeminiInlineSettings: InlineSettingsReader = (r) => {
  const settings = r.value;
  const where = r.where;
  const coreKey = firstKey(settings, ['tools', 'core'], ['coreTools']);
  const core = coreKey ? get(settings, coreKey) : undefined;
  if (coreKey && Array.isArray(core)) {
    r.allowlist(
      core.map((entry, i) => ({ entry, source: r.refValue([...coreKey, i]) })),
      r.ref(coreKey),
      GEMINI_TOOLS,
      `\`${coreKey.join('.')}\` in ${where}`,
    );
  }
  const sandboxKey = firstKey(settings, ['tools', 'sandbox'], ['sandbox']);
  if (!sandboxKey) return;
  const sandbox = get(settings, sandboxKey);
  const source = r.ref(sandboxKey);
  const label = `\`${sandboxKey.join('.')}\` in ${where}`;
  const enabled = isRecord(sandbox)
    ? sandbox['enabled'] !== false
    : sandbox !== false && sandbox !== 'false' && sandbox !== '';
  if (!enabled) {
    r.add('isolation', { value: 'none', reason: `${label} turns Gemini's sandbox off`, source });
    return;
  }
  const command = isRecord(sandbox) ? sandbox['command'] : sandbox;
  r.add('isolation', geminiSandbox(typeof command === 'string' ? command : null, label, source));
  r.add('filesystem', {
    value: 'workspace',
    reason: `Gemini's sandbox (${label}) mounts only the project directory`,
    source,
    boundary: true,
  });
  if (isRecord(sandbox) && sandbox['networkAccess'] === false) {
    r.add('network', {
      value: 'none',
      reason: `${label} sets \`networkAccess: false\``,
      source: r.ref([...sandboxKey, 'networkAccess']),
      boundary: true,
    });
  }
};
