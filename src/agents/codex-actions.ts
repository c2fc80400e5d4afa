/** What the inputs of openai/codex-action and the legacy in-repository Codex action say. */
import type { ActionReader } from './action-reading.js';

const codexAction: ActionReader = (r) => {
  for (const { value, source } of r.inputValues('sandbox')) {
    if (value === 'danger-full-access') {
      r.add('isolation', { value: 'none', reason: "`sandbox: danger-full-access` turns Codex's sandbox off", source });
      r.add('network', {
        value: 'open',
        reason: "`sandbox: danger-full-access` lifts Codex's network block",
        source: null,
        boundary: true,
      });
      r.add('filesystem', {
        value: 'full',
        reason: '`sandbox: danger-full-access` lets Codex write anywhere the runner user can',
        source: null,
        boundary: true,
      });
    } else if (value === 'read-only' || value === 'workspace-write') {
      r.add('isolation', {
        value: 'process',
        reason: `\`sandbox: ${value}\` runs Codex's commands in its OS sandbox`,
        source,
      });
      r.add('network', {
        value: 'none',
        reason: `Codex's ${value} sandbox blocks network access`,
        source: null,
        boundary: true,
      });
      r.add('filesystem', {
        value: value === 'read-only' ? 'read-only' : 'workspace',
        reason: `\`sandbox: ${value}\` limits where Codex writes`,
        source,
        boundary: true,
      });
    }
  }
  for (const { value, source } of r.inputValues('safety-strategy')) {
    if (value === 'unsafe')
      r.add('isolation', {
        value: 'none',
        reason:
          '`safety-strategy: unsafe` keeps sudo, so Codex can leave its sandbox and read the API key from the proxy process',
        source,
      });
  }
  r.args('codex-args', 'codex');
  r.openGate('allow-users', '`allow-users: "*"` lets any GitHub user start Codex');
  r.loads({ agent: 'codex', sources: null, replaced: false });
};

const legacyCodexAction: ActionReader = (r) => {
  r.args('codex_args', 'codex');
  r.loads({ agent: 'codex', sources: null, replaced: false });
};

/** Readers by normalised action name (`uses:` without ref). */
export const CODEX_ACTION_READERS: Readonly<Record<string, ActionReader>> = {
  'openai/codex-action': codexAction,
  'openai/codex/.github/actions/codex': legacyCodexAction,
};
