import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'settings-permission-widening',
    title: 'Agent settings widen what the agent trusts beyond the repository',
    rationale: `Some settings do not open a sandbox but widen what the agent trusts or may change: Codex \`[projects."<dir>"] trust_level = "trusted"\` on a home or root directory trusts every repository below it, so a cloned project's own \`.codex/config.toml\` loads; Claude Code \`permissions.additionalDirectories\` that include an agent's user settings (\`~/.claude\`) let the agent edit the hooks and permission modes of its next session; \`skipDangerousModePermissionPrompt\` removes the warning before bypass mode.

Trust individual project directories, keep additional directories to the project's own data, and leave the bypass warning on.`,
    examples: {
      fail: '```toml\n[projects."/home/dev"]\ntrust_level = "trusted"\n```',
      pass: '```toml\n[projects."/home/dev/src/app"]\ntrust_level = "trusted"\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['agent-config'],
    securitySeverity: 5.0,
    owasp: ['ASI03'],
    cwe: [269],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const widening of details.widening) {
      const item = typeof widening.source.path[widening.source.path.length - 1] === 'number';
      context.report({
        message: `\`${widening.key}\` ${item ? 'has' : 'is'} \`${redactSecrets(widening.value)}\`: ${widening.why}.`,
        at: widening.source,
      });
    }
  },
});
