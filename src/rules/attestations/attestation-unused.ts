/** Reported by the engine's attestation audit (src/engine/attestations.ts); no deployment triggers it. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export const ATTESTATION_UNUSED = defineRule({
  meta: {
    id: 'attestation-unused',
    title: 'An attestation raises no sandbox fact',
    rationale: `An attestation in the policy selected no deployment in this scan, or every deployment it selected already states its facts at least as strongly, or their own files weaken those facts (an attestation never lifts \`approval: bypassed\` or a line such as \`privileged: true\`). The runner label, namespace or agent it names may have changed, or the deployment was removed. A stale attestation is a standing claim nobody checks, and it silently covers whatever is added under its selector later. Remove it, or fix \`applies-to\`.`,
    examples: {
      fail: '```yaml\nattestations:\n  - id: gvisor-agents\n    applies-to: { namespace: agents }   # no workload runs in it\n    facts: { isolation: gvisor }\n    evidence: clusters/prod/runtimeclass.yaml\n    owner: "@acme/platform"\n    expires: 2099-01-31\n```',
      pass: '```yaml\nattestations: []\n```',
    },
    defaultSeverity: 'notice',
    kinds: [],
    securitySeverity: 1.0,
    owasp: ['ASI03'],
    cwe: [1164],
  },
  options: z.strictObject({}),
  check: () => undefined,
});

export default ATTESTATION_UNUSED;
