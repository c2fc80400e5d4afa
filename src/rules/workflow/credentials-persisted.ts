import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'credentials-persisted',
    title: 'A checkout leaves its token on disk where the agent can read it',
    rationale: `\`actions/checkout\` stores the token it used in the workspace's git configuration unless \`persist-credentials: false\` is set. Any agent that can read files or run \`git config\` can then read the token and push, comment or call the API with it, even when the agent step itself is given no token (\`GITHUB_TOKEN: ''\`). With a personal access token or an app token in \`token:\` the reach grows to everything that token can do.

Set \`persist-credentials: false\` on every checkout before an agent step, and hand the agent only the credentials its task needs, in a later step that does not run model output.`,
    examples: {
      fail: '```yaml\n- uses: actions/checkout@v4\n- uses: anthropics/claude-code-action@v1\n```',
      pass: '```yaml\n- uses: actions/checkout@v4\n  with:\n    persist-credentials: false\n- uses: anthropics/claude-code-action@v1\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['workflow-job'],
    securitySeverity: 5.5,
    owasp: ['ASI03'],
    cwe: [522],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const checkout of details.checkouts) {
      if (!checkout.persists || checkout.at.path.at(-1) !== 'uses') continue;
      const agent = details.agentSteps.find((s) => s.index > checkout.index);
      if (!agent) continue;
      const token = checkout.customToken
        ? `the token from \`${redactSecrets(checkout.customToken)}\``
        : "the job's token";
      const why = checkout.persistAt ? '`persist-credentials` is true' : '`persist-credentials: false` is not set';
      context.report({
        message: `${checkout.step} leaves ${token} in the workspace's git configuration (${why}), where ${agent.agent} in ${agent.label} can read it and use it.`,
        at: checkout.persistAt ?? checkout.at,
      });
    }
  },
});
