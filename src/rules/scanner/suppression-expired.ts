/** A suppression has passed its expiry date: a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'suppression-expired',
    title: 'A suppression has passed its expiry date',
    rationale: `A policy exception (\`expires:\`) or an in-file suppression (\`until=YYYY-MM-DD\`) is past its last day. It no longer suppresses anything: the findings it covered are reported again, and this finding points at the suppression so it is renewed on purpose or removed.

Expiry dates keep exceptions from rotting: a temporary waiver for a migration should not outlive the migration silently. Fix the findings, or move the date with a fresh reason.`,
    examples: {
      fail: '```yaml\nexceptions:\n  - rule: sandbox-required\n    paths: [deploy/legacy/**]\n    reason: legacy runner, replaced in Q1\n    expires: 2024-03-31\n```',
      pass: '```yaml\nexceptions:\n  - rule: sandbox-required\n    paths: [deploy/legacy/**]\n    reason: legacy runner, replaced in Q3\n    expires: 2099-09-30\n```',
    },
    defaultSeverity: 'warning',
    kinds: [],
    securitySeverity: 4.0,
    owasp: [],
    cwe: [],
  },
  options: z.strictObject({}),
  check: () => undefined,
});
