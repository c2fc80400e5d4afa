/** An in-file suppression that breaks the policy's suppression rules: a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'suppression-not-allowed',
    title: "An in-file suppression breaks the policy's suppression rules",
    rationale: `The policy governs what suppressions written in scanned files may do (\`suppressions:\`): whether comments and annotations are allowed at all, which rules they may cover, whether they need a reason, and how far ahead their \`until=\` date may be. A suppression that breaks these rules does not suppress anything, so the finding it meant to hide is still reported; this finding says why it was refused. Malformed suppressions and unknown rule ids are reported here too.

Fix the comment (add a reason, a nearer date), or ask the policy owners for a policy-level exception in \`.github/agent-sandbox.yml\`.`,
    examples: {
      fail: '```yaml\njobs:\n  fix: # agent-sandbox: ignore[sandbox-required]\n    runs-on: ubuntu-latest\n```',
      pass: '```yaml\njobs:\n  fix: # agent-sandbox: ignore[sandbox-required] runs in an ephemeral VM runner until=2099-06-30\n    runs-on: [self-hosted, firecracker]\n```',
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
