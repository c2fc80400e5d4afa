/**
 * Attestations applied by the scan: they raise facts (never lower them, never lift what the files
 * weaken), name themselves in every fact they raise, expire against an injected date and are audited.
 */
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { loadPolicy } from '../../src/policy/load.js';
import { render } from '../../src/report/index.js';
import { listFiles } from '../helpers/golden.js';
import { writeRepo } from '../helpers/temp-repo.js';

const TODAY = '2026-06-01';

const COPILOT = `on: workflow_dispatch
jobs:
  copilot-setup-steps:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
`;

const FIREWALL = (expires: string, extra = '') => `extends: ${extra || 'recommended'}
attestations:
  - id: copilot-firewall
    applies-to:
      agent: copilot
    facts:
      network: allowlist
    evidence: https://github.com/acme/app/settings/copilot/coding_agent
    owner: "@acme/security"
    expires: ${expires}
`;

function scanRepo(files: Record<string, string>, today = TODAY) {
  const root = writeRepo(files);
  const policy = loadPolicy({ root, today: '2026-05-01' });
  return scanDirectory({ root, policy, listing: listFiles(root), today }).report;
}

const brief = (report: ReturnType<typeof scanRepo>) =>
  report.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column}`);

describe('attestations in the scan', () => {
  it('the Copilot coding agent: egress is open until its firewall is attested, then passes with the attestation named', () => {
    const bare = scanRepo({ '.github/workflows/copilot-setup-steps.yml': COPILOT });
    expect(bare.deployments[0]!.sandbox.network.value).toBe('open');
    expect(brief(bare)).toContain('egress-restricted warning .github/workflows/copilot-setup-steps.yml:3:3');

    const report = scanRepo({
      '.github/workflows/copilot-setup-steps.yml': COPILOT,
      '.github/agent-sandbox.yml': FIREWALL('2026-09-30'),
    });
    const network = report.deployments[0]!.sandbox.network;
    expect(network).toEqual({
      value: 'allowlist',
      reason:
        'attested by `copilot-firewall` (@acme/security, expires 2026-09-30): https://github.com/acme/app/settings/copilot/coding_agent',
      source: { file: '.github/agent-sandbox.yml', line: 7, column: 7, endLine: 7, endColumn: 25 },
      attestation: {
        id: 'copilot-firewall',
        owner: '@acme/security',
        expires: '2026-09-30',
        evidence: 'https://github.com/acme/app/settings/copilot/coding_agent',
      },
    });
    expect(brief(report).filter((f) => f.startsWith('egress-restricted'))).toEqual([]);
    expect(report.attestations).toEqual({
      entries: [
        {
          id: 'copilot-firewall',
          owner: '@acme/security',
          expires: '2026-09-30',
          evidence: 'https://github.com/acme/app/settings/copilot/coding_agent',
          status: 'active',
          file: '.github/agent-sandbox.yml',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 25,
          facts: { network: 'allowlist' },
          deployments: [report.deployments[0]!.id],
          blocked: [],
        },
      ],
      attestedFacts: 1,
      unattestedRunners: [],
    });
    // Every renderer shows the fact as attested, since it reads the report's reason and source.
    expect(render('text', report)).toContain('attested by `copilot-firewall`');
  });

  it('an expired attestation no longer applies and fails the run under strict', () => {
    const files = {
      '.github/workflows/copilot-setup-steps.yml': COPILOT,
      '.github/agent-sandbox.yml': FIREWALL('2026-05-31', 'strict'),
    };
    const live = scanRepo(files, '2026-05-31');
    expect(brief(live).filter((f) => f.startsWith('attestation-'))).toEqual([
      'attestation-expiring notice .github/agent-sandbox.yml:3:5',
    ]);
    const report = scanRepo(files, '2026-06-01');
    expect(report.result).toBe('fail');
    expect(report.deployments[0]!.sandbox.network.value).toBe('open');
    expect(brief(report)).toContain('attestation-expired error .github/agent-sandbox.yml:3:5');
    expect(brief(report)).toContain('egress-restricted error .github/workflows/copilot-setup-steps.yml:3:3');
    expect(report.attestations?.entries[0]).toMatchObject({ status: 'expired', deployments: [] });
    // Under recommended it is a warning.
    const recommended = scanRepo({ ...files, '.github/agent-sandbox.yml': FIREWALL('2026-05-31') });
    expect(brief(recommended)).toContain('attestation-expired warning .github/agent-sandbox.yml:3:5');
  });

  it('cannot lift approval: bypassed, even when the runner is attested', () => {
    const report = scanRepo({
      '.github/workflows/fix.yml': `on: workflow_dispatch
jobs:
  fix:
    runs-on: [self-hosted, firecracker]
    steps:
      - run: claude -p "fix it" --dangerously-skip-permissions
        env:
          ANTHROPIC_API_KEY: \${{ secrets.ANTHROPIC_API_KEY }}
`,
      '.github/agent-sandbox.yml': `attestations:
  - id: firecracker-pool
    applies-to:
      runs-on: [self-hosted, firecracker]
    facts:
      isolation: microvm
      approval: restricted
    evidence: https://github.com/acme/infra/blob/main/runners/README.md
    owner: "@acme/platform"
    expires: 2026-09-30
`,
    });
    const { sandbox } = report.deployments[0]!;
    expect(sandbox.isolation).toMatchObject({ value: 'microvm', attestation: { id: 'firecracker-pool' } });
    expect(sandbox.approval.value).toBe('bypassed');
    expect(sandbox.approval.source?.file).toBe('.github/workflows/fix.yml');
    // Still reported; the attested micro-VM contains the agent, so it is the contained bypass's warning.
    expect(brief(report)).toContain('approval-bypassed warning .github/workflows/fix.yml:6:33');
    expect(report.attestations?.entries[0]?.blocked).toEqual([
      {
        deployment: report.deployments[0]!.id,
        fact: 'approval',
        reason: expect.stringContaining('approval stays `bypassed`'),
      },
    ]);
    expect(report.attestations?.unattestedRunners).toEqual([]);
  });

  it('matches runner labels all-of and case-insensitively, never an expression, and lists unattested self-hosted jobs', () => {
    const job = (id: string, runsOn: string) =>
      `  ${id}:\n    runs-on: ${runsOn}\n    steps:\n      - run: claude -p "review"\n        env:\n          ANTHROPIC_API_KEY: \${{ secrets.K }}\n`;
    const report = scanRepo({
      '.github/workflows/agents.yml': `on: push\njobs:\n${job('pool', '[self-hosted, Firecracker, x64]')}${job('plain', '[self-hosted, linux]')}${job('matrix', '${{ matrix.runner }}')}${job('grouped', '{ group: vm-pool, labels: [firecracker] }')}${job('hosted', 'ubuntu-latest')}`,
      '.github/agent-sandbox.yml': `attestations:
  - id: firecracker-pool
    applies-to: { runs-on: [self-hosted, firecracker] }
    facts: { isolation: microvm }
    evidence: https://example.com/runners
    owner: platform
    expires: 2026-09-30
  - id: vm-group
    applies-to: { runner-group: vm-* }
    facts: { isolation: vm }
    evidence: https://example.com/runners
    owner: platform
    expires: 2026-09-30
`,
    });
    const isolation = Object.fromEntries(report.deployments.map((d) => [d.name, d.sandbox.isolation.value]));
    expect(isolation).toEqual({ pool: 'microvm', plain: 'none', matrix: 'none', grouped: 'vm', hosted: 'none' });
    expect(report.attestations?.attestedFacts).toBe(2);
    expect(report.attestations?.unattestedRunners.map((r) => [r.deployment.split('#').pop(), r.labels])).toEqual([
      ['matrix', null],
      ['plain', ['self-hosted', 'linux']],
    ]);
  });

  it('reports an attestation that selects nothing or raises nothing as unused', () => {
    const report = scanRepo({
      '.github/workflows/copilot-setup-steps.yml': COPILOT,
      '.github/agent-sandbox.yml': `attestations:
  - id: nothing-there
    applies-to: { namespace: agents }
    facts: { isolation: gvisor }
    evidence: https://example.com/cluster
    owner: platform
    expires: 2026-09-30
  - id: already-read
    applies-to: { agent: copilot }
    facts: { credentials: read }
    evidence: https://example.com/settings
    owner: platform
    expires: 2026-09-30
`,
    });
    const unused = report.findings.filter((f) => f.ruleId === 'attestation-unused');
    expect(unused.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['2:5 notice', '8:5 notice']);
    expect(unused[0]!.message).toContain('selects no deployment');
    expect(unused[1]!.message).toContain('already state');
  });

  it('a scan limited to the change does not call an attestation unused for deployments it did not read', () => {
    const root = writeRepo({
      '.github/workflows/copilot-setup-steps.yml': COPILOT,
      '.github/workflows/other.yml':
        'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
      '.github/agent-sandbox.yml': FIREWALL('2026-09-30'),
    });
    const policy = loadPolicy({ root, today: TODAY });
    const scope = new Set(['.github/workflows/other.yml']);
    const limited = scanDirectory({ root, policy, listing: listFiles(root), today: TODAY, scope, scopeOnly: true });
    expect(limited.report.findings.filter((f) => f.ruleId === 'attestation-unused')).toEqual([]);
    const whole = scanDirectory({ root, policy, listing: listFiles(root), today: TODAY, scope });
    expect(whole.report.findings.filter((f) => f.ruleId === 'attestation-unused')).toEqual([]);
    expect(whole.report.attestations?.entries[0]?.deployments).toHaveLength(1);
  });

  it('an attestation not in the base policy is not applied until approved (governance hook)', () => {
    const root = writeRepo({
      '.github/workflows/copilot-setup-steps.yml': COPILOT,
      '.github/agent-sandbox.yml': FIREWALL('2026-09-30'),
    });
    const policy = loadPolicy({ root, today: TODAY });
    const proposed = {
      ...policy,
      attestations: policy.attestations.map((a) => ({ ...a, inBase: false })),
    };
    const report = scanDirectory({ root, policy: proposed, listing: listFiles(root), today: TODAY }).report;
    expect(report.deployments[0]!.sandbox.network.value).toBe('open');
    expect(report.attestations?.entries[0]?.status).toBe('proposed');
    const approved = { ...proposed, attestations: proposed.attestations.map((a) => ({ ...a, approved: true })) };
    const again = scanDirectory({ root, policy: approved, listing: listFiles(root), today: TODAY }).report;
    expect(again.deployments[0]!.sandbox.network.value).toBe('allowlist');
  });
});
