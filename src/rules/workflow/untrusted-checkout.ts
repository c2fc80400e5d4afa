import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

/** Triggers that run with the base repository's secrets and write token for code an outsider controls. */
const PRIVILEGED_TRIGGERS = new Set(['pull_request_target', 'workflow_run', 'issue_comment']);

export default defineRule({
  meta: {
    id: 'untrusted-checkout',
    title: "A privileged workflow checks out a pull request's code before an agent runs",
    rationale: `\`pull_request_target\`, \`workflow_run\` and \`issue_comment\` run in the base repository with its secrets and a token that can write, even for pull requests from forks. When such a job checks out the pull request's head (\`ref: \${{ github.event.pull_request.head.sha }}\`, \`github.head_ref\`, \`refs/pull/<n>/head\`, \`gh pr checkout\`) before an agent step, the attacker's files sit in the agent's working directory: \`CLAUDE.md\`, \`AGENTS.md\`, \`.claude/settings.json\`, \`.mcp.json\`, \`.gemini/\`, package scripts and git hooks. The agent loads them as instructions and configuration, with the job's credentials in reach.

Check out the base branch at the root and, if the agent must read the pull request, fetch it into a subdirectory it only reads (claude-code-action: \`--add-dir pr-head\`), or run the agent on \`pull_request\`, where forks get no secrets.`,
    examples: {
      fail: '```yaml\non: pull_request_target\njobs:\n  review:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - uses: anthropics/claude-code-action@v1\n```',
      pass: '```yaml\non: pull_request\njobs:\n  review:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: anthropics/claude-code-action@v1\n```',
    },
    defaultSeverity: 'error',
    kinds: ['workflow-job'],
    securitySeverity: 9.5,
    owasp: ['ASI01', 'ASI05'],
    cwe: [829],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    const trigger = details.triggers.find((t) => PRIVILEGED_TRIGGERS.has(t.name));
    if (!trigger) return;
    for (const checkout of details.checkouts) {
      if (!checkout.prHead) continue;
      const agent = details.agentSteps.find((s) => s.index > checkout.index);
      if (!agent) continue;
      context.report({
        message: `\`${redactSecrets(checkout.what ?? 'the checkout')}\` puts the pull request's code in the workspace on \`${trigger.name}\` before ${agent.agent} runs in ${agent.label}: the PR's own agent instructions, settings and scripts then steer an agent that holds the base repository's secrets.`,
        at: checkout.prHead,
        related: [
          { message: `trigger \`${trigger.name}\``, at: trigger.at },
          { message: `${agent.agent} runs here`, at: agent.at },
        ],
      });
    }
  },
});
