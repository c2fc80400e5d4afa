/** `agent-sandbox-guard init`: a commented starter policy tuned to what a scan finds, always valid. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterPolicy } from '../../src/cli/commands/init.js';
import { main } from '../../src/cli/main.js';
import { loadPolicy } from '../../src/policy/load.js';
import { agentsAdapter, repo } from '../policy/_helpers.js';

const TODAY = '2026-03-01';
const STRONG =
  '{ isolation: gvisor, network: none, filesystem: read-only, approval: restricted, credentials: none, limits: bounded }';

/** The policy with every commented block (`# rules:`, `# exceptions:`, `# custom-rules:`) turned on. */
function uncommented(text: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (/^# (rules|exceptions|custom-rules):$/.test(line)) inBlock = true;
    else if (!line.startsWith('#  ')) inBlock = false;
    if (inBlock) out.push(line.slice(2));
    else if (!line.startsWith('#')) out.push(line);
  }
  return out.join('\n');
}

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['init', ...args], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('starter policy', () => {
  it('lists the deployments, the findings by rule and exception stubs, and builds on recommended when strict would fail', () => {
    const root = repo({
      'k8s/agents.yml':
        'agents:\n  coder:\n    agent: codex\n    sandbox: { network: open }\n  reviewer:\n    agent: codex\n',
    });
    const text = starterPolicy(root, { adapters: [agentsAdapter], today: TODAY });
    expect(text).toContain(
      '# The scan found 2 agent deployments:\n#   k8s/agents.yml:2  coder (k8s-workload, codex)\n#   k8s/agents.yml:5  reviewer (k8s-workload, codex)\n',
    );
    expect(text).toContain('\nextends: recommended\n');
    expect(text).toContain('\nfail-on: error\n');
    expect(text).toMatch(/# {3}egress-restricted: +warning # 2 findings, first at k8s\/agents\.yml:4\n/);
    expect(text).toContain('#   sandbox-required:\n#     severity: error');
    expect(text).toContain(
      '#   - rule: sandbox-required\n#     paths: ["k8s/agents.yml"]\n#     reason: why this is acceptable until it is fixed\n#     expires: 2026-05-30\n',
    );
    expect(text).toContain('#     select:\n#       kind: k8s-workload\n#       agent: codex\n');

    const active = loadPolicy({ root, text });
    expect(active).toMatchObject({ failOn: 'error', suppressions: { requireReason: true, maxDays: 90 } });
    const all = loadPolicy({ root, text: uncommented(text) });
    expect(all.exceptions.map((e) => e.rule)).toEqual(['sandbox-required']);
    expect(all.customRules.map((r) => r.id)).toEqual(['agent-pods-in-a-vm']);
    expect(Object.keys(all.rules)).toEqual(expect.arrayContaining(['egress-restricted', 'sandbox-required']));
  });

  it('builds on strict when the repository already passes it', () => {
    const root = repo({ 'agents.yml': `agents:\n  a:\n    kind: workflow-job\n    sandbox: ${STRONG}\n` });
    const text = starterPolicy(root, { adapters: [agentsAdapter], today: TODAY });
    expect(text).toContain('# The repository already passes the `strict` preset');
    expect(text).toContain('\nextends: strict\n');
    expect(text).toContain('\nfail-on: warning\n');
    expect(text).toContain('#   - id: agent-jobs-time-out');
    expect(
      loadPolicy({ root, text: uncommented(text) }).customRules.find((r) => r.id === 'agent-jobs-time-out')!.select,
    ).toEqual({ kind: ['workflow-job'] });
  });

  it('says so when there is nothing to judge yet', () => {
    const root = repo({ 'README.md': '# hi\n' });
    const text = starterPolicy(root, { adapters: [agentsAdapter], today: TODAY });
    expect(text).toContain('# The scan found no agent deployments yet.');
    expect(text).toContain('\nextends: recommended\n');
    expect(loadPolicy({ root, text: uncommented(text) }).customRules[0]!.id).toBe('agents-in-containers');
  });
});

describe('agent-sandbox-guard init', () => {
  const MANIFEST =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: coder\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: ghcr.io/anthropics/claude-code:1.0\n';

  it('writes .github/agent-sandbox.yml, refuses to overwrite it, and replaces it with --force', async () => {
    const root = repo({ 'k8s/agent.yaml': MANIFEST });
    const first = await run([], root);
    expect(first).toMatchObject({ code: 0, stdout: 'wrote .github/agent-sandbox.yml\n' });
    const written = readFileSync(path.join(root, '.github/agent-sandbox.yml'), 'utf8');
    expect(written).toContain('Deployment/coder (k8s-workload, claude-code)');
    expect(loadPolicy({ root }).source).toBe('.github/agent-sandbox.yml');

    const again = await run([root], '/');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('.github/agent-sandbox.yml already exists; use --force');
    expect((await run(['--force', '--preset', 'strict'], root)).code).toBe(0);
    expect(readFileSync(path.join(root, '.github/agent-sandbox.yml'), 'utf8')).toContain('\nextends: strict\n');
  });

  it('prints instead of writing with --stdout, and rejects bad arguments with exit 2', async () => {
    const root = repo({ 'k8s/agent.yaml': MANIFEST });
    const printed = await run(['--stdout'], root);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^# agent-sandbox-guard policy/);
    expect(existsSync(path.join(root, '.github/agent-sandbox.yml'))).toBe(false);
    expect((await run(['--preset', 'lenient'], root)).stderr).toContain('--preset must be one of recommended, strict');
    expect((await run(['a', 'b'], root)).code).toBe(2);
    expect((await run(['missing-dir'], root)).code).toBe(2);
  });
});

describe('attestation stubs', () => {
  const COPILOT =
    'on: workflow_dispatch\njobs:\n  copilot-setup-steps:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n';
  const SELF_HOSTED =
    'on: push\njobs:\n  fix:\n    runs-on: [self-hosted, firecracker]\n    steps:\n      - run: claude -p "fix it"\n        env:\n          ANTHROPIC_API_KEY: ${{ secrets.K }}\n';

  /** The starter with its `# attestations:` block turned on. */
  const withAttestations = (text: string): string => {
    const out: string[] = [];
    let inBlock = false;
    for (const line of text.split('\n')) {
      if (line === '# attestations:') inBlock = true;
      else if (!line.startsWith('#  ')) inBlock = false;
      if (inBlock) out.push(line.slice(2));
      else if (!line.startsWith('#')) out.push(line);
    }
    return out.join('\n');
  };

  it('writes commented stubs for self-hosted runners and external-firewall facts, which load and apply once filled in', () => {
    const root = repo({
      '.github/workflows/copilot-setup-steps.yml': COPILOT,
      '.github/workflows/fix.yml': SELF_HOSTED,
    });
    const text = starterPolicy(root, { today: TODAY });
    expect(text).toContain(
      '# attestations:\n#   - id: firecracker-runners\n#     # .github/workflows/fix.yml:3 (fix) runs on a self-hosted runner the repository does not describe.\n#     applies-to:\n#       runs-on: [self-hosted, firecracker]\n#     facts:\n#       isolation: microvm',
    );
    expect(text).toContain(
      '#   - id: copilot-network\n#     # .github/workflows/copilot-setup-steps.yml:3 (copilot-setup-steps): network rests on the Copilot coding agent firewall',
    );
    expect(text).toContain('#       network: allowlist   # the level that control enforces\n');
    expect(text).toContain('#     expires: 2026-05-30\n');

    const policy = loadPolicy({ root, text: withAttestations(text), today: TODAY });
    expect(policy.attestations.map((a) => [a.id, a.facts])).toEqual([
      ['firecracker-runners', { isolation: 'microvm' }],
      ['copilot-network', { network: 'allowlist' }],
    ]);
  });

  it('writes no attestation block when nothing runs outside what the files show', () => {
    const root = repo({ 'k8s/agents.yml': 'agents:\n  coder:\n    agent: codex\n' });
    expect(starterPolicy(root, { adapters: [agentsAdapter], today: TODAY })).not.toContain('attestations:');
  });
});
