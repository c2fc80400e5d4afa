import { z } from 'zod';
import { ISOLATION_LEVELS } from '../../model.js';
import { redactSecrets } from '../../secrets.js';
import { strength } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'settings-unrestricted-tools',
    title: 'An agent settings file lets the agent run any shell command without asking',
    rationale: `A tool allowlist is only a boundary when its entries are narrow. A bare \`Bash\`, \`Bash(*)\` or \`Bash(*:*)\` in Claude Code's \`permissions.allow\`, a bare \`run_shell_command\` in Gemini CLI's \`tools.allowed\`, \`:*\` in a gh-aw \`tools.bash\` list, \`Bash\` in Continue's \`allow\`, goose's \`developer__shell\` in \`always_allow\`, OpenCode's \`bash: "allow"\` (or a last catch-all \`"*": "allow"\`), \`Shell(**)\` in Cursor's \`.cursor/cli.json\`, \`run_shell_command\` in Qwen Code's \`permissions.allow\`, a shell entry in a Claude Code skill's or custom command's \`allowed-tools\` (it pre-approves those tools while the skill runs and restricts nothing), and a Copilot custom agent (\`.github/agents/*.agent.md\`) with no \`tools\` list or \`*\` approve every command in advance. Entries for shells, interpreters and package runners (\`Bash(bash:*)\`, \`Bash(npx:*)\`, \`Bash(python3 -c:*)\`, \`Bash(find:*)\`, \`Bash(docker:*)\`) do the same one step later: they run whatever they are given.

List the exact commands the agent needs (\`Bash(npm test:*)\`, \`Bash(git diff:*)\`) and leave the rest to prompts. A grant for every command is an error when the agent has no sandbox and a warning inside one; a grant for a command runner is a warning, or a notice inside a sandbox.`,
    examples: {
      fail: '```json\n{ "permissions": { "allow": ["Bash"] } }\n```',
      pass: '```json\n{ "permissions": { "allow": ["Bash(npm test:*)", "Bash(git diff:*)"] } }\n```',
    },
    defaultSeverity: 'error',
    kinds: ['agent-config'],
    securitySeverity: 8.0,
    owasp: ['ASI02', 'ASI05'],
    cwe: [749, 250],
  },
  options: z.strictObject({
    interpreters: z
      .boolean()
      .default(true)
      .describe('Also report entries for shells, interpreters and package runners (`Bash(npx:*)`).'),
  }),
  check(deployment, context) {
    const { details } = deployment;
    const sandboxed =
      strength(ISOLATION_LEVELS, deployment.sandbox.isolation.value) >= strength(ISOLATION_LEVELS, 'process');
    const inside = sandboxed ? ` The ${deployment.sandbox.isolation.value} sandbox still contains those commands.` : '';
    for (const grant of details.toolGrants) {
      const entry = redactSecrets(grant.pattern);
      if (grant.reach === 'any-command') {
        context.report({
          message: `\`${grant.list}\` has \`${entry}\`, which runs every shell command without asking; a prompt injection becomes a command on this machine.${inside}`,
          at: grant.source,
          ...(sandboxed ? { severity: 'warning' as const } : {}),
        });
      } else if (context.options.interpreters) {
        context.report({
          message: `\`${grant.list}\` has \`${entry}\`, a command that runs whatever it is given, so any command runs without asking.${inside}`,
          at: grant.source,
          severity: sandboxed ? 'notice' : 'warning',
        });
      }
    }
  },
});
