/**
 * The engine's audit of suppressions (policy exceptions, inline comments, Kubernetes annotations):
 * expired ones stop working and are reported, unused ones are reported, disallowed ones are refused.
 * They are never suppressible themselves.
 */
import { z } from 'zod';
import { defineRule } from '../rules/types.js';

const noCheck = (): void => undefined;

export const SUPPRESSION_EXPIRED = defineRule({
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
  check: noCheck,
});

export const SUPPRESSION_UNUSED = defineRule({
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
  check: noCheck,
});

export const SUPPRESSION_NOT_ALLOWED = defineRule({
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
  check: noCheck,
});

export const SUPPRESSION_RULES = [SUPPRESSION_EXPIRED, SUPPRESSION_NOT_ALLOWED, SUPPRESSION_UNUSED];
export const SUPPRESSION_RULE_IDS: ReadonlySet<string> = new Set(SUPPRESSION_RULES.map((r) => r.meta.id));
