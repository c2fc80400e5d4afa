/**
 * Claude Code settings a workflow hands the agent (claude-code-action `settings`, `claude --settings`,
 * inline JSON or a file): `sandbox.*`, `permissions.*` as evidence (inline-settings.ts has the contract).
 */
import { get } from '../util/json.js';
import { CLAUDE_TOOLS } from './claude-code-tools.js';
import type { InlineSettingsReader } from './inline-settings.js';

export const readClaudeInlineSettings: InlineSettingsReader = (r) => {
  const settings = r.value;
  const where = r.where;
  const enabled = get(settings, ['sandbox', 'enabled']);
  if (enabled === true) {
    const escape =
      get(settings, ['sandbox', 'allowUnsandboxedCommands']) === false
        ? ''
        : '; the model may still ask to run a command outside it (`allowUnsandboxedCommands` is not false)';
    r.add('isolation', {
      value: 'process',
      reason: `\`sandbox.enabled\` is true in ${where}, so Bash runs in Claude Code's OS sandbox${escape}`,
      source: r.ref(['sandbox', 'enabled']),
    });
    r.add('filesystem', {
      value: 'workspace',
      reason: `Claude Code's sandbox (${where}) limits writes to the working directory`,
      source: r.ref(['sandbox', 'enabled']),
      boundary: true,
    });
    const domains = get(settings, ['sandbox', 'network', 'allowedDomains']);
    if (Array.isArray(domains)) {
      const wildcard = domains.findIndex((d) => d === '*');
      if (wildcard >= 0)
        r.add('network', {
          value: 'open',
          reason: `\`sandbox.network.allowedDomains\` in ${where} lists "*"`,
          source: r.refValue(['sandbox', 'network', 'allowedDomains', wildcard]),
          boundary: true,
        });
      else
        r.add('network', {
          value: 'allowlist',
          reason: `\`sandbox.network.allowedDomains\` in ${where} lists ${domains.length} domain(s)`,
          source: r.ref(['sandbox', 'network', 'allowedDomains']),
          boundary: true,
        });
    }
    const writes = get(settings, ['sandbox', 'filesystem', 'allowWrite']);
    if (Array.isArray(writes)) {
      writes.forEach((path, i) => {
        if (typeof path === 'string' && /^(\/\/?|~\/?|\$HOME\/?)$/.test(path.trim())) {
          r.add('filesystem', {
            value: 'full',
            reason: `\`sandbox.filesystem.allowWrite\` in ${where} lets the sandbox write to "${path}"`,
            source: r.refValue(['sandbox', 'filesystem', 'allowWrite', i]),
            boundary: true,
          });
        }
      });
    }
  } else if (enabled === false) {
    r.add('isolation', {
      value: 'none',
      reason: `\`sandbox.enabled\` is false in ${where}`,
      source: r.ref(['sandbox', 'enabled']),
    });
  }
  const mode = get(settings, ['permissions', 'defaultMode']);
  if (mode === 'bypassPermissions') {
    r.add('approval', {
      value: 'bypassed',
      reason: `\`permissions.defaultMode\` is bypassPermissions in ${where}`,
      source: r.ref(['permissions', 'defaultMode']),
    });
  }
  const deny = get(settings, ['permissions', 'deny']);
  if (Array.isArray(deny))
    r.denylist(deny, r.ref(['permissions', 'deny']), CLAUDE_TOOLS, `\`permissions.deny\` in ${where}`);
  const allow = get(settings, ['permissions', 'allow']);
  if (Array.isArray(allow))
    r.allowlist(
      allow.map((entry, i) => ({ entry, source: r.refValue(['permissions', 'allow', i]) })),
      r.ref(['permissions', 'allow']),
      CLAUDE_TOOLS,
      `\`permissions.allow\` in ${where}`,
    );
  const scrub = get(settings, ['env', 'CLAUDE_CODE_SUBPROCESS_ENV_SCRUB']);
  if (scrub !== undefined) r.note(`${where} sets CLAUDE_CODE_SUBPROCESS_ENV_SCRUB to ${JSON.stringify(scrub)}`);
};
