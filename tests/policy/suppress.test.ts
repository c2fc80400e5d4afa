/**
 * Suppressions: inline comments (YAML, JSONC, TOML), Kubernetes annotations and policy exceptions,
 * the policy's governance over them, and the audit findings for expired, unused and refused ones.
 * Today is fixed at 2026-03-01.
 */
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { loadPolicy } from '../../src/policy/load.js';
import { listFiles } from '../helpers/golden.js';
import { repo, scanWith, spots, TODAY } from './_helpers.js';

function scan(files: Record<string, string>, policy = '') {
  const root = repo({ ...files, ...(policy ? { '.github/agent-sandbox.yml': policy } : {}) });
  return scanWith(root, loadPolicy({ root }));
}

const of = (report: ReturnType<typeof scan>, ...rules: string[]) =>
  report.findings.filter((f) => rules.includes(f.ruleId));

describe('inline suppressions', () => {
  const AGENTS = `agents:
  # agent-sandbox: ignore[sandbox-required] runs in a throwaway VM runner
  vm-runner:
    sandbox:
      network: open # agent-sandbox: ignore[egress-restricted] needs the package registry until=2026-06-30
  plain:
    sandbox:
      network: open
`;

  it('suppress the finding on their own line or on the next line of code, and record who and why', () => {
    const report = scan({ 'agents.yml': AGENTS });
    const required = of(report, 'sandbox-required');
    expect(spots(required)).toEqual(['sandbox-required 3:3-3:12', 'sandbox-required 6:3-6:8']);
    expect(required[0]!.suppressed).toEqual({
      kind: 'inline',
      reason: 'runs in a throwaway VM runner',
      source: 'agents.yml:2',
    });
    expect(required[1]!.suppressed).toBeNull();
    const egress = of(report, 'egress-restricted');
    expect(spots(egress)).toEqual(['egress-restricted 5:7-5:20', 'egress-restricted 8:7-8:20']);
    expect(egress[0]!.suppressed).toEqual({
      kind: 'inline',
      reason: 'needs the package registry',
      source: 'agents.yml:5',
      expires: '2026-06-30',
    });
    expect(egress[1]!.suppressed).toBeNull();
    expect(of(report, 'suppression-unused', 'suppression-not-allowed', 'suppression-expired')).toEqual([]);
  });

  it('keep suppressed findings out of the result', () => {
    const failing = scan({
      'agents.yml': 'agents:\n  a:\n    sandbox: { filesystem: workspace, credentials: none, limits: bounded }\n',
    });
    expect(failing.result).toBe('fail');
    const suppressed = scan({
      'agents.yml':
        'agents:\n  a: # agent-sandbox: ignore[sandbox-required] VM runner\n    sandbox: { filesystem: workspace, credentials: none, limits: bounded }\n',
    });
    expect(of(suppressed, 'sandbox-required')[0]!.suppressed?.reason).toBe('VM runner');
    expect(suppressed.result).toBe('pass');
    expect(suppressed.deployments[0]!.result).toBe('pass');
  });

  it('work in JSONC and TOML comments', () => {
    const jsonc = `{
  "agents": {
    // agent-sandbox: ignore[sandbox-required] sandboxed by the host
    "a": { "sandbox": { "network": "open" } }
  }
}
`;
    const toml = `[agents.a.sandbox]
network = "open" # agent-sandbox: ignore[egress-restricted] mirror only
`;
    const report = scan({ 'x/agents.jsonc': jsonc, 'y/agents.toml': toml });
    const suppressed = report.findings
      .filter((f) => f.suppressed)
      .map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.suppressed!.source}`);
    expect(suppressed).toEqual([
      'x/agents.jsonc:4 sandbox-required x/agents.jsonc:3',
      'y/agents.toml:2 egress-restricted y/agents.toml:2',
    ]);
  });

  it('report an expired suppression, which stops suppressing', () => {
    const report = scan({
      'agents.yml':
        'agents:\n  a: # agent-sandbox: ignore[sandbox-required] migration until=2026-02-28\n    sandbox: {}\n',
    });
    expect(of(report, 'sandbox-required')[0]!.suppressed).toBeNull();
    const [expired] = of(report, 'suppression-expired');
    expect(spots([expired!])).toEqual(['suppression-expired 2:6-2:74']);
    expect(expired!.message).toBe(
      '`agent-sandbox: ignore[sandbox-required]` expired on 2026-02-28 and no longer suppresses 1 finding, which are reported again; renew it with a fresh reason or remove it.',
    );
    expect(expired!.severity).toBe('warning');
  });

  it('report a suppression that matches nothing, per rule it names', () => {
    const report = scan({
      'agents.yml':
        'agents:\n  a: # agent-sandbox: ignore[sandbox-required, sandbox-disabled] VM runner\n    sandbox: {}\n',
    });
    expect(of(report, 'sandbox-required')[0]!.suppressed).not.toBeNull();
    const unused = of(report, 'suppression-unused');
    expect(spots(unused)).toEqual(['suppression-unused 2:6-2:75']);
    expect(unused[0]!.message).toContain('no `sandbox-disabled` finding on line 2');
  });

  it('are refused, and reported, when the policy forbids them', () => {
    const line = (comment: string) => ({ 'agents.yml': `agents:\n  a: # ${comment}\n    sandbox: {}\n` });
    const cases: [string, string, string][] = [
      [
        'agent-sandbox: ignore[sandbox-required] VM runner',
        'suppressions:\n  inline: false\n',
        'the policy turns inline suppressions off',
      ],
      ['agent-sandbox: ignore[sandbox-required]', '', 'it gives no reason, and the policy requires one'],
      [
        'agent-sandbox: ignore[sandbox-required] VM runner',
        'suppressions:\n  rules: [egress-restricted]\n',
        'the policy lets files suppress only `egress-restricted`',
      ],
      [
        'agent-sandbox: ignore[sandbox-required] VM runner',
        'suppressions:\n  max-days: 30\n',
        'it has no `until=YYYY-MM-DD` date, and the policy limits suppressions to 30 days',
      ],
      [
        'agent-sandbox: ignore[sandbox-required] VM runner until=2026-04-01',
        'suppressions:\n  max-days: 30\n',
        '`until=2026-04-01` is more than 30 days ahead; the latest allowed is 2026-03-31',
      ],
      ['agent-sandbox: ignore[sandbox-requird] typo', '', 'cannot suppress `sandbox-requird`: no rule has this id'],
      ['agent-sandbox: ignore[suppression-unused] hush', '', 'findings about suppressions cannot be suppressed'],
      ['agent-sandbox: ignore sandbox-required', '', 'it cannot be read'],
      ['agent-sandbox: ignore[sandbox-required] x until=2026-02-30', '', '`until=2026-02-30` is not a date'],
    ];
    for (const [comment, policy, why] of cases) {
      const report = scan(line(comment), policy);
      expect(of(report, 'sandbox-required')[0]!.suppressed, comment).toBeNull();
      const refused = of(report, 'suppression-not-allowed');
      expect(
        refused.map((f) => `${f.line}:${f.column}`),
        comment,
      ).toEqual(['2:6']);
      expect(refused[0]!.message, comment).toContain(why);
    }
    // Within the limits the same comment works.
    const ok = scan(
      line('agent-sandbox: ignore[sandbox-required] VM runner until=2026-03-31'),
      'suppressions:\n  max-days: 30\n  rules: [sandbox-required]\n',
    );
    expect(of(ok, 'sandbox-required')[0]!.suppressed?.expires).toBe('2026-03-31');
    expect(of(ok, 'suppression-not-allowed')).toEqual([]);
  });
});

describe('Kubernetes annotations', () => {
  const manifest = (annotations: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coder
  annotations:
${annotations}spec:
  template:
    spec:
      containers:
        - name: agent
          image: ghcr.io/anthropics/claude-code:1.0
`;
  const scanK8s = (text: string, policy = '') => {
    const root = repo({ 'k8s/agent.yaml': text, ...(policy ? { '.github/agent-sandbox.yml': policy } : {}) });
    return scanDirectory({ root, policy: loadPolicy({ root }), listing: listFiles(root), today: TODAY }).report;
  };

  it('suppress a rule for the workload that carries them, with the reason and date', () => {
    const report = scanK8s(
      manifest('    agent-sandbox/ignore.egress-restricted: "egress goes through the mesh proxy until=2026-12-31"\n'),
    );
    const egress = report.findings.filter((f) => f.ruleId === 'egress-restricted');
    expect(egress).toHaveLength(1);
    expect(egress[0]!.suppressed).toEqual({
      kind: 'annotation',
      reason: 'egress goes through the mesh proxy',
      source: 'k8s/agent.yaml:6',
      expires: '2026-12-31',
    });
    expect(report.findings.filter((f) => f.ruleId.startsWith('suppression-'))).toEqual([]);
  });

  it('are governed like comments and audited at the annotation', () => {
    const refused = scanK8s(
      manifest('    agent-sandbox/ignore.egress-restricted: "mesh proxy"\n'),
      'suppressions:\n  annotations: false\n',
    );
    expect(refused.findings.find((f) => f.ruleId === 'egress-restricted')!.suppressed).toBeNull();
    expect(spots(refused.findings.filter((f) => f.ruleId === 'suppression-not-allowed'))).toEqual([
      'suppression-not-allowed 6:5-6:57',
    ]);
    const unused = scanK8s(manifest('    agent-sandbox/ignore.sandbox-disabled: "not needed"\n'));
    const [finding] = unused.findings.filter((f) => f.ruleId === 'suppression-unused');
    expect(spots([finding!])).toEqual(['suppression-unused 6:5-6:56']);
    expect(finding!.message).toContain('no `sandbox-disabled` finding for Deployment/coder');
    expect(finding!.deployment).toBe('k8s-workload:k8s/agent.yaml#Deployment/coder');
  });
});

describe('policy exceptions', () => {
  const AGENTS = 'agents:\n  legacy:\n    sandbox: {}\n  modern:\n    sandbox: {}\n';

  it('suppress by rule, path glob and deployment name, citing the policy line', () => {
    const policy = `exceptions:
  - rule: sandbox-required
    paths: [legacy/**]
    deployment: leg*
    reason: replaced by the VM runner in Q2
    expires: 2026-06-30
`;
    const report = scan({ 'legacy/agents.yml': AGENTS, 'new/agents.yml': AGENTS }, policy);
    const required = of(report, 'sandbox-required').map(
      (f) => `${f.file}:${f.line} ${f.suppressed ? f.suppressed.source : '-'}`,
    );
    expect(required).toEqual([
      'legacy/agents.yml:2 .github/agent-sandbox.yml:2',
      'legacy/agents.yml:4 -',
      'new/agents.yml:2 -',
      'new/agents.yml:4 -',
    ]);
    expect(of(report, 'sandbox-required')[0]!.suppressed).toEqual({
      kind: 'policy',
      reason: 'replaced by the VM runner in Q2',
      source: '.github/agent-sandbox.yml:2',
      expires: '2026-06-30',
    });
  });

  it('report an expired exception at its entry and stop suppressing', () => {
    const policy = `fail-on: error
exceptions:
  - rule: sandbox-required
    reason: temporary
    expires: 2026-02-01
`;
    const report = scan({ 'agents.yml': AGENTS }, policy);
    expect(of(report, 'sandbox-required').every((f) => f.suppressed === null)).toBe(true);
    const [expired, ...more] = of(report, 'suppression-expired');
    expect(more).toEqual([]);
    expect({ file: expired!.file, spot: spots([expired!])[0] }).toEqual({
      file: '.github/agent-sandbox.yml',
      spot: 'suppression-expired 3:5-3:27',
    });
    expect(expired!.message).toBe(
      'The exception for `sandbox-required` expired on 2026-02-01 and no longer suppresses 2 findings, which are reported again; renew it with a fresh reason or remove it.',
    );
    expect(report.result).toBe('fail');
  });

  it('report an exception that matches nothing as unused, at its entry', () => {
    const policy = 'exceptions:\n  - rule: sandbox-disabled\n    paths: [old/**]\n    reason: legacy\n';
    const report = scan({ 'agents.yml': AGENTS }, policy);
    const unused = of(report, 'suppression-unused');
    expect(unused.map((f) => `${f.file} ${f.line}:${f.column} ${f.severity}`)).toEqual([
      '.github/agent-sandbox.yml 2:5 warning',
    ]);
    expect(unused[0]!.message).toBe(
      'The exception for `sandbox-disabled` in old/** matches no finding. Remove it, or fix its rule, paths or deployment.',
    );
  });

  it("let the policy set the audit rules' severity like any other rule", () => {
    const policy = 'rules:\n  suppression-unused: error\nexceptions:\n  - rule: sandbox-disabled\n    reason: legacy\n';
    const report = scan({ 'agents.yml': AGENTS }, policy);
    expect(of(report, 'suppression-unused').map((f) => f.severity)).toEqual(['error']);
    const off = scan(
      { 'agents.yml': AGENTS },
      'rules:\n  suppression-unused: off\nexceptions:\n  - rule: sandbox-disabled\n    reason: legacy\n',
    );
    expect(of(off, 'suppression-unused')).toEqual([]);
  });
});

describe('suppressed findings in every output', () => {
  it('stay visible with who suppressed them and why: JSON, SARIF and the job summary', async () => {
    const { buildSarif, renderSummary } = await import('../../src/report/index.js');
    const report = scan(
      {
        'agents.yml':
          'agents:\n  a: # agent-sandbox: ignore[sandbox-required] VM runner until=2026-06-30\n    sandbox: { network: open }\n',
      },
      'exceptions:\n  - rule: egress-restricted\n    reason: registry mirror only\n',
    );
    const suppressed = report.findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppressed]);
    expect(suppressed).toEqual([
      ['sandbox-required', { kind: 'inline', reason: 'VM runner', source: 'agents.yml:2', expires: '2026-06-30' }],
      ['egress-restricted', { kind: 'policy', reason: 'registry mirror only', source: '.github/agent-sandbox.yml:2' }],
    ]);
    const results = buildSarif(report).runs[0]!.results!;
    const sarifSuppressions = results
      .filter((r) => r.suppressions?.length)
      .map((r) => [r.ruleId, r.suppressions![0]!.kind, r.suppressions![0]!.justification]);
    expect(sarifSuppressions).toEqual(
      expect.arrayContaining([
        ['sandbox-required', 'inSource', 'VM runner'],
        ['egress-restricted', 'external', 'registry mirror only'],
      ]),
    );
    const summary = renderSummary(report);
    expect(summary).toContain('VM runner');
    expect(summary).toContain('agents.yml:2');
    expect(summary).toContain('registry mirror only');
  });
});
