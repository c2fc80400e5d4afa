/** Reported by the engine's attestation audit (src/engine/attestations.ts); no deployment triggers it. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export const ATTESTATION_EXPIRED = defineRule({
  meta: {
    id: 'attestation-expired',
    title: 'An attestation of a sandbox fact has passed its expiry date',
    rationale: `An attestation in the policy (\`attestations:\`) states a sandbox fact enforced outside the repository (a runner pool of micro-VMs, the Copilot firewall in repository settings, a cluster that forces gVisor), with evidence, an owner and a last day. After that day it no longer raises anything: the deployments it covered are judged by what their files say again, and this finding points at the entry.

Controls outside the repository drift without a diff anyone reviews: a runner pool is rebuilt, a setting is switched off. The expiry makes the owner look at the evidence again. Check the control, then move \`expires\` (at most \`attestations.max-days\` ahead), or remove the attestation. A warning in \`recommended\`, an error in \`strict\`.`,
    examples: {
      fail: '```yaml\nattestations:\n  - id: firecracker-runners\n    applies-to: { runs-on: [self-hosted, firecracker] }\n    facts: { isolation: microvm }\n    evidence: https://github.com/acme/infra/blob/main/runners/README.md\n    owner: "@acme/platform"\n    expires: 2024-03-31\n```',
      pass: '```yaml\nattestations:\n  - id: firecracker-runners\n    applies-to: { runs-on: [self-hosted, firecracker] }\n    facts: { isolation: microvm }\n    evidence: https://github.com/acme/infra/blob/main/runners/README.md\n    owner: "@acme/platform"\n    expires: 2099-03-31\n```',
    },
    defaultSeverity: 'warning',
    kinds: [],
    securitySeverity: 5.0,
    owasp: ['ASI03'],
    cwe: [324],
  },
  options: z.strictObject({}),
  check: () => undefined,
});

export default ATTESTATION_EXPIRED;
