/** The done-when scenarios, scanned end to end with every adapter and rule. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDir, scanFiles, yaml } from './helpers.js';

const DANGEROUS = yaml`
  on:
    pull_request_target:
  jobs:
    fix:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
          with:
            ref: \${{ github.event.pull_request.head.sha }}
        - uses: anthropics/claude-code-action@v1
          with:
            prompt: "Apply the change this PR describes: \${{ github.event.pull_request.body }}"
            claude_args: --dangerously-skip-permissions
`;

const SAFE = yaml`
  on: pull_request
  permissions: {}
  jobs:
    review:
      runs-on: ubuntu-latest
      timeout-minutes: 10
      permissions:
        contents: read
      steps:
        - uses: step-security/harden-runner@v2
          with:
            egress-policy: block
            allowed-endpoints: api.anthropic.com:443 github.com:443
        - uses: actions/checkout@v4
          with:
            persist-credentials: false
        - uses: anthropics/claude-code-action@v1
          with:
            prompt: Review pull request \${{ github.event.pull_request.number }}.
            claude_args: --allowedTools "Read,Grep,Bash(gh pr diff:*)"
            settings: '{"sandbox": {"enabled": true}}'
`;

const CI = yaml`
  on: [push, pull_request]
  jobs:
    test:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        - run: npm ci && npm test
`;

const positions = (findings: { ruleId: string; line: number; column: number; endColumn: number }[]) =>
  findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endColumn}`);

describe('done when', () => {
  it('fails the dangerous workflow at the flag, the checkout ref, the injected text and the job key', () => {
    const report = scanFiles({ '.github/workflows/fix.yml': DANGEROUS });
    expect(report.result).toBe('fail');
    expect(positions(report.findings.filter((f) => f.severity === 'error'))).toEqual([
      'sandbox-required 4:3-6',
      'untrusted-checkout 9:11-57',
      'prompt-injection 12:56-93',
      'approval-bypassed 13:24-54',
    ]);
  });

  it('passes a least-privilege, egress-blocked, tool-restricted, sandboxed review job without a finding', () => {
    const report = scanFiles({ '.github/workflows/review.yml': SAFE });
    expect(report.deployments.map((d) => [d.name, d.result])).toEqual([['review', 'pass']]);
    expect(report.findings).toEqual([]);
  });

  it('finds no deployment in an ordinary CI workflow', () => {
    const report = scanFiles({ '.github/workflows/ci.yml': CI });
    expect(report.deployments).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.coverage.filesParsed).toBe(1);
  });

  it('reports malformed YAML in coverage and still scans the other workflows', () => {
    const report = scanFiles({
      '.github/workflows/broken.yml': 'on: push\njobs:\n  a: [\n',
      '.github/workflows/fix.yml': DANGEROUS,
      '.github/workflows/ci.yml': CI,
    });
    expect(report.coverage.skipped).toEqual([
      expect.objectContaining({ file: '.github/workflows/broken.yml', status: 'unparsable', line: expect.any(Number) }),
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'unparsable-file').map((f) => f.file)).toEqual([
      '.github/workflows/broken.yml',
    ]);
    expect(report.deployments.map((d) => d.id)).toEqual(['workflow-job:.github/workflows/fix.yml#fix']);
  });
});

describe('the example repository', () => {
  const report = scanDir(path.resolve(import.meta.dirname, '../../../examples/repo'));
  const inFile = (file: string) => report.findings.filter((f) => f.file === `.github/workflows/${file}`);

  it('fails the dangerous agent workflow and passes the review workflow', () => {
    expect(
      inFile('claude-fix.yml')
        .filter((f) => f.severity === 'error')
        .map((f) => f.ruleId),
    ).toEqual(['sandbox-required', 'untrusted-checkout', 'prompt-injection', 'approval-bypassed']);
    expect(inFile('claude-review.yml')).toEqual([]);
    expect(report.deployments.find((d) => d.file === '.github/workflows/claude-review.yml')?.result).toBe('pass');
  });

  it('has no deployment in the CI workflow', () => {
    expect(report.deployments.filter((d) => d.file === '.github/workflows/ci.yml')).toEqual([]);
  });
});
