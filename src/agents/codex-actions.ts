/** What the inputs of openai/codex-action and the legacy in-repository Codex action say. */
import type { ActionReader, ActionReading } from './action-reading.js';
import { readCodexConfig } from './codex-config.js';
import { codexSandbox } from './codex-flags.js';
import type { FlagReading } from './flags.js';

/**
 * `codex-home:` is the CODEX_HOME the action runs Codex with: a repository directory's config.toml
 * is judged below the action's own `--sandbox` (the input, or its workspace-write fallback).
 */
function codexHome(r: ActionReading, add: Parameters<typeof codexSandbox>[0]): void {
  r.notDeterminable('codex-home', "codex-action's `codex-home:`");
  const home = r.inputValues('codex-home').find((v) => v.value.trim() !== '');
  if (!home) return;
  const base = r.environment();
  const reading: FlagReading = {
    ...base,
    env: (name) => (name === 'CODEX_HOME' ? home : base.env(name)),
    // Outside the checkout the action writes only its own proxy settings there.
    undeterminedEnv: () => undefined,
  };
  const sandbox = r.inputValues('sandbox').find((v) => v.value.trim() !== '')?.value ?? null;
  const profile = r.input('permission-profile')?.trim();
  readCodexConfig(reading, add, codexSandbox, {
    mode: sandbox ?? (profile ? null : 'workspace-write'),
    network: false,
  });
}

const codexAction: ActionReader = (r) => {
  // The input becomes `codex exec --sandbox <value>`: the flag reader's judgement, pointed at the input.
  const add: Parameters<typeof codexSandbox>[0] = (fact, evidence) => r.add(fact, evidence);
  for (const { value, source } of r.inputValues('sandbox')) codexSandbox(add, value, source, `\`sandbox: ${value}\``);
  r.notDeterminable('sandbox', "codex-action's `sandbox:`", 'danger-full-access');
  r.notDeterminable('safety-strategy', "codex-action's `safety-strategy:`", 'unsafe');
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
  codexHome(r, add);
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
