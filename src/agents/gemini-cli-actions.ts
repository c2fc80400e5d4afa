/** What the inputs of run-gemini-cli and the legacy gemini-cli-action say. */
import type { ActionReader } from './action-reading.js';
import { readGeminiFlags } from './gemini-cli-flags.js';

/** run-gemini-cli takes the settings in `settings`; the legacy gemini-cli-action in `settings_json`. */
const geminiAction =
  (settingsInput: string): ActionReader =>
  (r) => {
    r.settings('gemini-cli', settingsInput);
    if (r.env('GEMINI_SANDBOX')) readGeminiFlags(r.environment());
    // The action always passes --yolo; only a tools.core allowlist in `settings` limits what runs.
    if (!r.approvals().some((value) => value === 'restricted' || value === 'unrestricted')) {
      r.add('approval', {
        value: 'bypassed',
        reason: `${r.uses} always runs \`gemini --yolo\` and no \`tools.core\` allowlist in \`${settingsInput}\` limits its tools`,
        source: r.usesRef,
      });
      r.implied('approval');
    }
    r.loads({ agent: 'gemini-cli', sources: null, replaced: r.input(settingsInput) !== null });
    const trust = r.env('GEMINI_CLI_TRUST_WORKSPACE');
    if (trust && /^true$/i.test(trust.value))
      r.note("GEMINI_CLI_TRUST_WORKSPACE is true, so the checkout's .gemini/ settings load");
  };

/** Readers by normalised action name (`uses:` without ref). */
export const GEMINI_ACTION_READERS: Readonly<Record<string, ActionReader>> = {
  'google-github-actions/run-gemini-cli': geminiAction('settings'),
  'google-gemini/gemini-cli-action': geminiAction('settings_json'),
};
