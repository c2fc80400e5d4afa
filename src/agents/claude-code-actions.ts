/** What the inputs of claude-code-action (v0 and v1), its base action and the security-review action say. */
import type { ActionReader, ActionReading } from './action-reading.js';
import { originOfText } from './claude-code-marketplaces.js';
import { CLAUDE_TOOLS } from './claude-code-tools.js';

/** Environment variables that bound a session as `--max-turns` does. */
export const CLAUDE_LIMIT_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_MAX_TURNS: '`CLAUDE_CODE_MAX_TURNS={value}` stops the session after that many agent turns',
};

/** claude-code-action's `plugins` input: plugins bring hooks, MCP servers, subagents and skills. */
const PLUGINS_NOTE = 'installs plugins ({value}), whose hooks and MCP servers run in the job';

/** The entries of a newline-separated list input, as the action splits it, each with its offsets. */
function lines(text: string): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const value = m[0].trim();
    if (!value || value.startsWith('#')) continue;
    const start = m.index + m[0].indexOf(value);
    out.push({ value, start, end: start + value.length });
  }
  return out;
}

/** References that name the repository itself or its owner: a marketplace there is the organisation's own. */
const OWN_REPOSITORY = /^github\.(repository|repository_owner)$/;

/**
 * `plugin_marketplaces`: newline-separated git URLs (`https://….git`, `git@host:….git`) or paths, each
 * added with `claude plugin marketplace add` before the session starts. Each value the input can take
 * is read (`${{ vars.MARKET || 'https://…' }}` gives the written default and an unknown one); an entry
 * resting on a reference the repository does not hold cannot be read. Which plugins come from which
 * marketplace is named inside the marketplace, so none is tied to one here.
 */
function readMarketplaces(r: ActionReading): void {
  const raw = r.input('plugin_marketplaces');
  if (!raw) return;
  const written = lines(raw);
  const seen = new Set<string>();
  for (const alternative of r.inputValues('plugin_marketplaces')) {
    lines(alternative.value).forEach((entry, i) => {
      const line = written[i] ?? written[written.length - 1]!;
      const refs = entry.value.includes('${{')
        ? (alternative.unknown ?? []).filter((u) => entry.value.includes(u))
        : [];
      const unknown = refs.length > 0 ? refs : null;
      if (unknown?.every((ref) => OWN_REPOSITORY.test(ref))) {
        r.note(`\`plugin_marketplaces\` adds ${entry.value}, a marketplace of the repository's own organisation`);
        return;
      }
      const origin = unknown ? { text: entry.value, owner: null, local: false } : originOfText(entry.value);
      if (seen.has(`${i}\0${origin.text}`)) return;
      seen.add(`${i}\0${origin.text}`);
      r.marketplace({
        name: unknown ? unknown.join(', ') : (/([^/:]+?)(?:\.git)?\/?$/.exec(entry.value)?.[1] ?? entry.value),
        origin: origin.text,
        owner: origin.owner,
        local: origin.local,
        enabled: [],
        source: r.inputSpan('plugin_marketplaces', line.start, line.end),
      });
    });
  }
}

/**
 * `additional_permissions`: newline-separated `scope: level` lines the action adds to the token it
 * requests for the agent (`actions: read` lets it read workflow runs and their logs).
 */
function readAdditionalPermissions(r: ActionReading): void {
  const text = r.input('additional_permissions');
  if (text === null) return;
  for (const entry of lines(text)) {
    const colon = entry.value.indexOf(':');
    const scope = entry.value.slice(0, colon).trim();
    const level = entry.value
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (colon < 0 || !scope || (level !== 'write' && level !== 'read')) continue;
    r.add('credentials', {
      value: level,
      reason: `\`additional_permissions\` requests \`${scope}: ${level}\` for the agent's GitHub token`,
      source: r.inputSpan('additional_permissions', entry.start, entry.end),
    });
  }
  r.notDeterminable('additional_permissions', 'the token scopes `additional_permissions` adds');
}

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
    readMarketplaces(r);
    readAdditionalPermissions(r);
    const plugins = lines(r.input('plugins') ?? '').flatMap((p) =>
      p.value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    );
    if (plugins.length > 0) r.note(`\`plugins\` ${PLUGINS_NOTE.replace('{value}', plugins.join(', '))}`);
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
