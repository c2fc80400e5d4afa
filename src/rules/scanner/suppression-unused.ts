/** A suppression matches no finding: a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'suppression-unused',
    title: 'A suppression matches no finding',
    rationale: `A policy exception or an in-file suppression did not match any finding in this scan. The problem it waived was fixed, the rule id or path is wrong, or the rule is turned off. Either way it is dead weight, and a stale waiver can silently cover a future regression at the same place. Remove it.`,
    examples: {
      fail: '```yaml\nexceptions:\n  - rule: egress-restricted\n    paths: [k8s/old-agent.yaml]   # file was deleted\n    reason: legacy\n```',
      pass: '```yaml\nexceptions: []\n```',
    },
    defaultSeverity: 'warning',
    kinds: [],
    securitySeverity: 2.0,
    owasp: [],
    cwe: [],
  },
  options: z.strictObject({}),
  check: () => undefined,
});
