import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'settings-dangerous-profile',
    title: 'A settings profile that is not the default turns the sandbox off',
    rationale: `Codex \`[profiles.<name>]\` and permission profiles (\`[permissions.<name>]\`) are one flag away (\`codex -p <name>\`, \`default_permissions = "<name>"\`), and scripts and CI jobs select them by name. A profile with \`sandbox_mode = "danger-full-access"\`, a permission profile that extends \`:danger-full-access\` or writes the whole disk, or \`writable_roots\` of \`/\` or the home directory gives whoever selects it an agent without a sandbox, while the default settings look safe.

Delete the profile, or give it \`workspace-write\` with no network and narrow \`writable_roots\`. The selected profile is judged by the sandbox rules instead.`,
    examples: {
      fail: '```toml\n[profiles.fast]\nsandbox_mode = "danger-full-access"\n```',
      pass: '```toml\n[profiles.fast]\nsandbox_mode = "workspace-write"\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['agent-config'],
    securitySeverity: 6.5,
    owasp: ['ASI05', 'ASI02'],
    cwe: [653],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const risk of details.profiles) {
      context.report({
        message: `Profile \`${risk.profile}\` sets \`${risk.key}\` to \`${risk.value}\`, which ${risk.why}; selecting the profile is enough.`,
        at: risk.source,
        severity: risk.severity,
      });
    }
  },
});
