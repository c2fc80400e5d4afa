/** Reported by the engine's attestation audit (src/engine/attestations.ts); no deployment triggers it. */
import { z } from 'zod';
import { defineRule } from '../types.js';

/** An attestation this many days or fewer from its last day is reported as expiring. */
export const EXPIRING_DAYS = 14;

export const ATTESTATION_EXPIRING = defineRule({
  meta: {
    id: 'attestation-expiring',
    title: 'An attestation of a sandbox fact expires within two weeks',
    rationale: `An attestation in the policy reaches its \`expires\` date within ${EXPIRING_DAYS} days. On the day after, the facts it raises fall back to what the files say, and runs that pass today because of it may fail. This notice gives the owner time to check the evidence and renew the entry (or retire the deployments that need it) before that happens.`,
    examples: {
      fail: '```yaml\nattestations:\n  - id: copilot-firewall\n    applies-to: { agent: copilot }\n    facts: { network: allowlist }\n    evidence: https://github.com/acme/app/settings/copilot/coding_agent\n    owner: "@acme/security"\n    expires: 2026-06-10   # scanned on 2026-06-01\n```',
      pass: '```yaml\nattestations:\n  - id: copilot-firewall\n    applies-to: { agent: copilot }\n    facts: { network: allowlist }\n    evidence: https://github.com/acme/app/settings/copilot/coding_agent\n    owner: "@acme/security"\n    expires: 2026-09-30\n```',
    },
    defaultSeverity: 'notice',
    kinds: [],
    securitySeverity: 1.0,
    owasp: ['ASI03'],
    cwe: [324],
  },
  options: z.strictObject({}),
  check: () => undefined,
});

export default ATTESTATION_EXPIRING;
