/** cli/main: the scan command's contract — arguments, formats, --output and exit codes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeRepo } from '../helpers/temp-repo.js';

function run(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const result = main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return result.then((code) => ({ code, stdout, stderr }));
}

const repo = (files: Record<string, string>): string => writeRepo(files);

const DANGEROUS = `on: pull_request_target
jobs:
  fix:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: anthropics/claude-code-action@v1
        with:
          claude_args: --dangerously-skip-permissions
`;

describe('agent-sandbox-guard scan', () => {
  it('prints usage and exits 2 without a command, 0 with --help', async () => {
    expect((await run([])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('scan [PATH]');
  });

  it('rejects unknown commands, options and formats with exit 2 and a message', async () => {
    for (const args of [
      ['frobnicate'],
      ['scan', '--nope'],
      ['scan', '--format', 'xml'],
      ['scan', '--fail-on', 'sometimes'],
      ['scan', 'a', 'b'],
    ]) {
      const result = await run(args, repo({}));
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^agent-sandbox-guard: /);
    }
  });

  it('exits 0 on a repository without agents and writes a version 1 JSON report', async () => {
    const root = repo({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    });
    const result = await run(['scan', root, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      version: 1,
      result: 'pass',
      policy: { source: 'built-in:recommended' },
      deployments: [],
      findings: [],
    });
    expect(report.tool.name).toBe('agent-sandbox-guard');
    expect(report.coverage.filesConsidered).toBe(1);
  });

  it('exits 1 on failing findings, 0 with --fail-on never, and writes --output instead of stdout', async () => {
    const root = repo({ '.github/workflows/fix.yml': DANGEROUS });
    const failing = await run(['scan', '.', '--format', 'json', '--output', 'out.json'], root);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toBe('');
    const report = JSON.parse(readFileSync(path.join(root, 'out.json'), 'utf8'));
    expect(report.result).toBe('fail');
    expect(report.deployments).toHaveLength(1);
    expect((await run(['scan', root, '--fail-on', 'never'])).code).toBe(0);
  });

  it('exits 2 naming file:line:col when the policy is invalid, and never scans', async () => {
    const root = repo({
      '.github/agent-sandbox.yml': 'fail-on: error\nrules:\n  no-such-rule: error\n',
      '.github/workflows/fix.yml': DANGEROUS,
    });
    const result = await run(['scan', root, '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/agent-sandbox\.yml:3:3/);
    expect(result.stdout).toBe('');
  });
});

describe('scan --today', () => {
  const POLICY = `extends: strict
attestations:
  - id: copilot-firewall
    applies-to: { agent: copilot }
    facts: { network: allowlist }
    evidence: https://github.com/acme/app/settings/copilot/coding_agent
    owner: "@acme/security"
    expires: 2026-06-30
`;
  const COPILOT =
    'on: workflow_dispatch\njobs:\n  copilot-setup-steps:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo setup\n';

  it('judges expiry as of the given day and refuses a malformed date', async () => {
    const root = repo({ '.github/agent-sandbox.yml': POLICY, '.github/workflows/copilot-setup-steps.yml': COPILOT });
    const ids = (out: string): string[] =>
      (JSON.parse(out) as { findings: { ruleId: string }[] }).findings
        .map((f) => f.ruleId)
        .filter((id) => id.startsWith('attestation-'));
    const live = await run(['scan', root, '--format', 'json', '--today', '2026-06-20'], root);
    expect(ids(live.stdout)).toEqual(['attestation-expiring']);
    const expired = await run(['scan', root, '--format', 'json', '--today', '2026-07-01'], root);
    expect([expired.code, ids(expired.stdout)]).toEqual([1, ['attestation-expired']]);
    // 180 days before the expiry is the earliest day this policy loads.
    const early = await run(['scan', root, '--today', '2025-12-31'], root);
    expect([early.code, early.stderr]).toEqual([2, expect.stringContaining('more than 180 days ahead')]);
    const bad = await run(['scan', root, '--today', 'tomorrow'], root);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--today must be a date written YYYY-MM-DD')]);
  });
});
