/**
 * Real workflows from the labelled corpus (copied into ./corpus, sources in corpus/SOURCES.md),
 * each scanned alone at its original path: the deployments, their facts and the workflow findings.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDir } from './helpers.js';

const CORPUS = path.resolve(import.meta.dirname, 'corpus');
const WORKFLOW_RULES = new Set([
  'untrusted-checkout',
  'prompt-injection',
  'actor-gate-open',
  'unrestricted-tools',
  'credentials-persisted',
  'approval-bypassed',
  'sandbox-disabled',
  'sandbox-required',
]);

interface Expected {
  /** `name agent` of each deployment. */
  deployments: string[];
  /** isolation/network/filesystem/approval/credentials/limits, with `@line` when a source is expected. */
  facts?: string;
  /** `ruleId severity line` of the findings of WORKFLOW_RULES, in report order. */
  findings?: string[];
}

const EXPECTED: Record<string, Expected> = {
  // claude-code-action on issues for everyone: the opened gate is the finding; the action's allowlist holds.
  '001': {
    deployments: ['triage-issue claude-code'],
    facts: 'none open workspace restricted write@20 bounded@11',
    findings: ['sandbox-required error 9', 'credentials-persisted warning 26', 'actor-gate-open error 37'],
  },
  // run-gemini-cli restricted by tools.core, but `issues` reaches it with no author check.
  '003': {
    deployments: ['triage-issue gemini-cli'],
    facts: 'none open workspace restricted@174 write@34 bounded@55',
    findings: ['actor-gate-open error 41', 'sandbox-required error 41'],
  },
  // Two `claude --print --dangerously-skip-permissions` steps: both lines are reported.
  '007': {
    deployments: ['implement claude-code'],
    facts: 'none open full bypassed@251 write@107 bounded@105',
    findings: [
      'sandbox-required error 102',
      'credentials-persisted warning 122',
      'approval-bypassed error 251',
      'approval-bypassed error 402',
    ],
  },
  // codex-action read-only, but the PR merge commit is checked out on issue_comment; the PR's title and
  // body, fetched with `gh api repos/…/pulls/N` into step outputs, are written into the prompt.
  '011': {
    deployments: ['codex codex'],
    facts: 'process@79 none read-only@79 unrestricted write@20 unbounded',
    findings: [
      'credentials-persisted warning 60',
      'untrusted-checkout error 62',
      'prompt-injection error 96',
      'prompt-injection error 99',
    ],
  },
  '012': {
    deployments: ['copilot-setup-steps copilot'],
    // The Copilot firewall lives in repository settings: egress is open until a policy attests it, so nothing contains the agent.
    facts: 'none open full unrestricted read@7 unbounded',
    findings: ['sandbox-required error 5'],
  },
  // codex --yolo inside a job container with a write token: the container holds the token beside the agent, so it stays an error.
  '014': {
    deployments: ['codex codex'],
    facts: 'container@25 open workspace@25 bypassed@186 write@18 unbounded',
    findings: ['credentials-persisted warning 42', 'approval-bypassed error 186'],
  },
  // An aider wrapper with --yes, a PR-head checkout and the comment body in its arguments.
  '016': {
    deployments: ['process-comment aider'],
    facts: 'none open full bypassed@45 write@14 unbounded',
    findings: [
      'actor-gate-open error 7',
      'sandbox-required error 7',
      'credentials-persisted warning 19',
      'untrusted-checkout error 22',
      'prompt-injection error 43',
      'approval-bypassed error 45',
      'prompt-injection error 45',
    ],
  },
  // workflow_run on the PR branch, with package runners in the allowlist.
  '017': {
    deployments: ['auto-fix claude-code'],
    facts: 'none open full unrestricted@117 write@26 unbounded',
    findings: [
      'sandbox-required error 33',
      'credentials-persisted warning 41',
      'untrusted-checkout error 43',
      'prompt-injection error 110',
      'prompt-injection error 111',
      'unrestricted-tools warning 117',
      'unrestricted-tools warning 117',
      'unrestricted-tools warning 117',
    ],
  },
  // Negatives: ordinary CI, and a Codex review job disabled with `if: false`.
  '019': { deployments: [], findings: [] },
  '021': { deployments: [], findings: [] },
};

describe('corpus workflows', () => {
  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`reads ${id} as labelled`, () => {
      const report = scanDir(path.join(CORPUS, id));
      expect(report.coverage.skipped).toEqual([]);
      expect(report.deployments.map((d) => `${d.name} ${d.agent}`)).toEqual(expected.deployments);
      if (expected.facts) {
        const s = report.deployments[0]!.sandbox;
        const facts = [s.isolation, s.network, s.filesystem, s.approval, s.credentials, s.limits]
          .map((f) => `${f.value}${f.source ? `@${f.source.line}` : ''}`)
          .join(' ');
        expect(facts).toBe(expected.facts);
      }
      const findings = report.findings
        .filter((f) => WORKFLOW_RULES.has(f.ruleId))
        .map((f) => `${f.ruleId} ${f.severity} ${f.line}`);
      expect(findings).toEqual(expected.findings);
    });
  }
});
