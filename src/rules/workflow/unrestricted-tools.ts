import { z } from 'zod';
import { ISOLATION_LEVELS } from '../../model.js';
import { redactSecrets } from '../../secrets.js';
import { strength } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'unrestricted-tools',
    title: "An agent's tool allowlist in a workflow lets it run any command",
    rationale: `A tool allowlist (\`--allowedTools\` in \`claude_args\`, v0 \`allowed_tools\`, \`tools.core\` in run-gemini-cli's \`settings\`, Copilot CLI \`--allow-tool\`) is only a boundary when its entries are narrow. A bare \`Bash\`, \`Bash(*)\` or \`run_shell_command\` approves every command in advance; entries for shells, interpreters and package runners (\`Bash(npx:*)\`, \`Bash(bash:*)\`, \`Bash(find:*)\`, \`Bash(sed:*)\`, \`Bash(npm:*)\`) do the same one step later, because they run whatever they are given. Everything the job's token and secrets allow is then one injected instruction away.

List the exact commands the task needs (\`Bash(gh pr diff:*)\`, \`Bash(npm test:*)\`). A grant for every command is an error and a command runner a warning; both are one step lower when the agent runs inside a sandbox. Agents whose approvals are bypassed altogether are reported by \`approval-bypassed\` instead.`,
    examples: {
      fail: '```yaml\n- uses: anthropics/claude-code-action@v1\n  with:\n    claude_args: --allowedTools "Read,Bash(npx:*)"\n```',
      pass: '```yaml\n- uses: anthropics/claude-code-action@v1\n  with:\n    claude_args: --allowedTools "Read,Bash(npm test:*)"\n```',
    },
    defaultSeverity: 'error',
    kinds: ['workflow-job'],
    securitySeverity: 8.0,
    owasp: ['ASI02', 'ASI05'],
    cwe: [749, 250],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    const { isolation } = deployment.sandbox;
    const sandboxed = strength(ISOLATION_LEVELS, isolation.value) >= strength(ISOLATION_LEVELS, 'process');
    const inside = sandboxed ? ` The ${isolation.value} boundary still contains those commands.` : '';
    for (const grant of details.toolGrants) {
      const severity =
        grant.reach === 'any-command' ? (sandboxed ? 'warning' : undefined) : sandboxed ? 'notice' : 'warning';
      context.report({
        message: `${grant.list} has \`${redactSecrets(grant.entry)}\`, which ${redactSecrets(grant.reason)}: a prompt injection becomes a command on the runner.${inside}`,
        at: grant.at,
        ...(severity ? { severity } : {}),
      });
    }
  },
});
