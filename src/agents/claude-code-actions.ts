/** What the inputs of claude-code-action (v0 and v1), its base action and the security-review action say. */
import type { ActionReader } from './action-reading.js';
import { CLAUDE_TOOLS } from './claude-code-tools.js';

/** Environment variables that bound a session as `--max-turns` does. */
export const CLAUDE_LIMIT_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_MAX_TURNS: '`CLAUDE_CODE_MAX_TURNS={value}` stops the session after that many agent turns',
};

/**
 * claude-code-action inputs that change what the session loads or holds without a fact of their own:
 * plugins bring hooks, MCP servers, subagents and skills; marketplaces are where they come from.
 */
export const CLAUDE_ACTION_SUPPLY_INPUTS: Readonly<Record<string, string>> = {
  plugins: 'installs plugins ({value}), whose hooks and MCP servers run in the job',
  plugin_marketplaces: 'adds plugin marketplaces ({value}); whoever controls them decides what their plugins run',
  additional_permissions: 'grants the agent’s GitHub token more scopes ({value})',
};

const claudeAction =
  (base: boolean): ActionReader =>
  (r) => {
    r.args('claude_args', 'claude-code');
    r.settings('claude-code');
    r.allowlist('allowed_tools', CLAUDE_TOOLS, '`allowed_tools`');
    const timeout = r.input('timeout_minutes');
    if (timeout)
      r.add('limits', {
        value: 'bounded',
        reason: `\`timeout_minutes: ${timeout}\` stops the action`,
        source: r.inputRef('timeout_minutes'),
      });
    // With `claude_args`, the flag reader reads the same environment (readClaudeFlags).
    for (const [name, reason] of r.input('claude_args') === null ? Object.entries(CLAUDE_LIMIT_ENV) : []) {
      const set = r.env(name);
      if (set && /^\s*[1-9]\d*\s*$/.test(set.value))
        r.add('limits', { value: 'bounded', reason: reason.replace('{value}', set.value.trim()), source: set.source });
    }
    for (const [name, what] of Object.entries(CLAUDE_ACTION_SUPPLY_INPUTS)) {
      const listed =
        r
          .input(name)
          ?.split(/[\n,]+/)
          .map((v) => v.trim())
          .filter(Boolean) ?? [];
      if (listed.length > 0) r.note(`\`${name}\` ${what.replace('{value}', listed.join(', '))}`);
    }
    if (!r.hasLoads()) r.loads({ agent: 'claude-code', sources: null, replaced: false });
    if (base) return;
    r.openGate('allowed_non_write_users', '`allowed_non_write_users: "*"` lets any GitHub user start the agent');
    r.openGate(
      'allowed_bots',
      '`allowed_bots: "*"` lets any bot account start the agent; bots are not checked for write access',
    );
    const nonWrite = r.input('allowed_non_write_users')?.trim();
    const scrub = r.env('CLAUDE_CODE_SUBPROCESS_ENV_SCRUB');
    if (nonWrite && scrub && /^(0|false)$/i.test(scrub.value.trim()))
      r.gateOpening(
        `CLAUDE_CODE_SUBPROCESS_ENV_SCRUB=${scrub.value} turns off the credential scrub that claude-code-action enables for non-write users`,
        scrub.source,
      );
    if (/^true$/i.test(r.input('show_full_output') ?? ''))
      r.note('`show_full_output: true` prints the full agent transcript, secrets included, to the log');
  };

/** Readers by normalised action name (`uses:` without ref). */
export const CLAUDE_ACTION_READERS: Readonly<Record<string, ActionReader>> = {
  'anthropics/claude-code-action': claudeAction(false),
  'anthropics/claude-code-action/base-action': claudeAction(true),
  'anthropics/claude-code-base-action': claudeAction(true),
  'anthropics/claude-code-security-review': claudeAction(true),
};
