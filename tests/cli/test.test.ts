/** `agent-sandbox-guard test POLICY FIXTURES`: custom rules against fixture repositories with expectations. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPolicy } from '../../src/cli/commands/test.js';
import { main } from '../../src/cli/main.js';
import { agentsAdapter, repo } from '../policy/_helpers.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/policies/test-command');

async function run(args: string[], cwd = DIR) {
  let stdout = '';
  let stderr = '';
  const code = await main(['test', ...args], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('agent-sandbox-guard test', () => {
  it('passes when every expected finding is reported and nothing else is', async () => {
    const result = await run(['policy.yml', 'cases', '--today', '2026-03-01']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'PASS  json-expectations  (1 expected finding reported)',
        'PASS  runc-and-missing  (2 expected findings reported)',
        'PASS  vm-runtime  (0 expected findings reported)',
        '3 cases: 3 passed, 0 failed',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('fails with the missing and the unexpected findings, and exit 1', async () => {
    const result = await run(['policy.yml', 'failing']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  wrong-line  (0 expected findings reported)');
    expect(result.stdout).toContain(
      'missing     claude-needs-vm at k8s/agent.yaml:5 (expected by wrong-line/k8s/agent.yaml:4)',
    );
    expect(result.stdout).toContain(
      'unexpected  claude-needs-vm at k8s/agent.yaml:9:7: Claude Code pods must run in a micro-VM runtime class (`spec.template.spec.runtimeClassName` is `runc`).',
    );
    expect(result.stdout).toContain('1 case: 0 passed, 1 failed');
  });

  it('exits 2 with file:line:col for an invalid policy, and for usage errors', async () => {
    const root = repo({
      'bad.yml': 'custom-rules:\n  - id: x\n    message: m\n    require: { fact: isolation, in: [gvizor] }\n',
      'cases/a/x.yml': 'a: 1\n',
    });
    const invalid = await run(['bad.yml', 'cases'], root);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('bad.yml:4:38: ');
    expect((await run(['policy.yml'])).code).toBe(2);
    expect((await run(['policy.yml', 'nowhere'])).stderr).toContain('fixtures folder not found');
    expect((await run(['policy.yml', 'cases', '--rule', 'nope'])).stderr).toContain('--rule nope');
    expect((await run(['policy.yml', 'cases', '--today', 'tomorrow'])).code).toBe(2);
  });

  it('tests built-in rules named by expectations and suppression audits with a fixed date', () => {
    const root = repo({
      'policy.yml':
        'exceptions:\n  - rule: limits-required\n    reason: bounded by the queue\n    expires: 2026-02-01\n',
      'cases/one/agents.yml':
        'agents:\n  # expect: sandbox-required, limits-required\n  a:\n    sandbox: { network: none, filesystem: workspace, credentials: none }\n',
      'cases/one.expected.json': '[{ "ruleId": "suppression-expired", "file": "policy.yml", "line": 2, "column": 5 }]',
    });
    const [result] = testPolicy({
      root,
      policyPath: path.join(root, 'policy.yml'),
      fixtures: path.join(root, 'cases'),
      today: '2026-03-01',
      adapters: [agentsAdapter],
    });
    // The expired exception no longer suppresses limits-required, and its audit finding points into the policy.
    expect(result!.matched).toBe(3);
    expect(result!.missing).toEqual([]);
    expect(result!.unexpected).toEqual([]);
    const [withoutAudit] = testPolicy({
      root,
      policyPath: path.join(root, 'policy.yml'),
      fixtures: path.join(root, 'cases'),
      today: '2026-01-01',
      adapters: [agentsAdapter],
    });
    expect(withoutAudit!.missing.map((e) => `${e.ruleId} ${e.file}:${e.line}`)).toEqual([
      'limits-required agents.yml:3',
      'suppression-expired policy.yml:2',
    ]);
  });
});
