import { DEPLOYMENT_KINDS } from '../../model.js';
import { z } from 'zod';
import { reportFact } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'limits-required',
    title: 'The agent has no time or resource limit',
    rationale: `An agent in a loop, or one steered into mining or scanning, runs until something stops it. Set a bound: \`timeout-minutes\` on workflow jobs (GitHub's default is 360 minutes), CPU and memory limits on containers and pods, \`pids_limit\` in Compose.

Reported at the line that lifts the limit, or at the deployment's key when none is set.`,
    examples: {
      fail: '```yaml\njobs:\n  agent:\n    runs-on: ubuntu-latest\n```',
      pass: '```yaml\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    timeout-minutes: 20\n```',
    },
    defaultSeverity: 'warning',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 3.5,
    owasp: ['ASI08', 'ASI10'],
    cwe: [400, 770],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { limits } = deployment.sandbox;
    if (limits.value !== 'unbounded') return;
    reportFact(deployment, limits, context, (reason) => `No limit bounds this agent: ${reason}.`);
  },
});
