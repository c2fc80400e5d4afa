/** `attestations:` in the policy: shape, defaults, merging across layers and positioned refusals. */
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { writeRepo } from '../helpers/temp-repo.js';

const TODAY = '2026-06-01';

const ENTRY = `  - id: firecracker-pool
    applies-to:
      runs-on: [self-hosted, firecracker]
    facts:
      isolation: microvm
      network: allowlist
    evidence: https://github.com/acme/infra/blob/main/runners/README.md
    owner: "@acme/platform"
    expires: 2026-09-01
`;

function load(policy: string, files: Record<string, string> = {}, today = TODAY) {
  const root = writeRepo({ '.github/agent-sandbox.yml': policy, ...files });
  return loadPolicy({ root, today });
}

function refusal(policy: string, files: Record<string, string> = {}, today = TODAY): PolicyError {
  try {
    load(policy, files, today);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('the policy loaded');
}

const indent = (text: string): string => text.replace(/^(?=.)/gm, '  ');

const problems = (error: PolicyError): string[] => [
  `${error.position?.line}:${error.position?.column} ${error.message}`,
  ...error.details.map((d) => `${d.position?.line}:${d.position?.column} ${d.message}`),
];

describe('attestations in the policy', () => {
  it('resolves a list of entries with the line of the entry and of each fact, and the default max-days', () => {
    const policy = load(`attestations:\n${ENTRY}`);
    expect(policy.attestationMaxDays).toBe(180);
    expect(policy.attestations).toHaveLength(1);
    const [a] = policy.attestations;
    expect(a).toMatchObject({
      id: 'firecracker-pool',
      appliesTo: { runsOn: ['self-hosted', 'firecracker'] },
      facts: { isolation: 'microvm', network: 'allowlist' },
      owner: '@acme/platform',
      expires: '2026-09-01',
    });
    expect(a!.at.file).toBe('.github/agent-sandbox.yml');
    expect([a!.at.range.line, a!.at.range.column]).toEqual([2, 5]);
    expect([a!.factAt.isolation?.line, a!.factAt.network?.line]).toEqual([6, 7]);
  });

  it('takes `{ max-days, entries }` and bounds expiry by it', () => {
    const policy = load(`attestations:\n  max-days: 120\n  entries:\n${indent(ENTRY)}`);
    expect(policy.attestationMaxDays).toBe(120);
    expect(policy.attestations.map((a) => a.id)).toEqual(['firecracker-pool']);
    const error = refusal(`attestations:\n  max-days: 30\n  entries:\n${indent(ENTRY)}`);
    expect(problems(error)).toEqual([
      '12:7 `expires: 2026-09-01` is more than 30 days ahead (`attestations.max-days`); attest until 2026-07-01 at the latest and renew it then',
    ]);
  });

  it('refuses an expiry beyond the default 180 days, relative to the injected date', () => {
    expect(() => load(`attestations:\n${ENTRY}`, {}, '2026-03-05')).not.toThrow();
    const error = refusal(`attestations:\n${ENTRY}`, {}, '2026-03-04');
    expect(problems(error)).toEqual([
      '10:5 `expires: 2026-09-01` is more than 180 days ahead (`attestations.max-days`); attest until 2026-08-31 at the latest and renew it then',
    ]);
  });

  it('refuses entries without evidence, owner or expiry, each at its entry', () => {
    const error = refusal(`attestations:
  - id: no-evidence
    applies-to: { namespace: agents }
    facts: { isolation: gvisor }
    owner: platform
    expires: 2026-07-01
  - id: no-owner
    applies-to: { namespace: agents }
    facts: { isolation: gvisor }
    evidence: https://example.com/cluster
    expires: 2026-07-01
  - id: no-expiry
    applies-to: { namespace: agents }
    facts: { isolation: gvisor }
    evidence: https://example.com/cluster
    owner: platform
`);
    expect(problems(error)).toEqual([
      '2:5 `attestations[0].evidence`: an attestation needs `evidence`: a URL or a path in the repository that shows the control',
      '7:5 `attestations[1].owner`: an attestation needs an `owner` who answers for it',
      '12:5 `attestations[2].expires`: expected a date written YYYY-MM-DD',
    ]);
  });

  it('refuses bad selectors, facts, evidence and duplicate ids with positions', () => {
    const error = refusal(
      `attestations:
  - id: everything
    applies-to: {}
    facts: { isolation: none }
    evidence: http://example.com
    owner: platform
    expires: 2026-07-01
  - id: mixed
    applies-to: { runs-on: self-hosted, namespace: agents }
    facts: {}
    evidence: ../outside.md
    owner: platform
    expires: 2026-07-01
  - id: wrong-kind
    applies-to: { kind: k8s-workload, runs-on: self-hosted }
    facts: { network: allowlist, sandbox: on }
    evidence: docs/missing.md
    owner: platform
    expires: 2026-07-01
  - id: wrong-kind
    applies-to: { kind: workflow-job, namespace: agents }
    facts: { network: allowlist }
    evidence: docs/runners.md
    owner: platform
    expires: 2026-07-01
`,
      { 'docs/runners.md': '# runners\n' },
    );
    expect(problems(error)).toEqual([
      '3:5 `attestations[0].applies-to`: an attestation must say which deployments it covers; an empty `applies-to` would cover every agent',
      '4:14 `attestations[0].facts.isolation`: expected one of process, container, gvisor, microvm, vm (the weakest, `none`, needs no attestation)',
      '5:5 `attestations[0].evidence`: `evidence` is an `https://` URL or a path in the repository',
      '9:41 `attestations[1].applies-to.namespace`: `runs-on` selects workflow jobs and `namespace` Kubernetes workloads; no deployment is both, so write two attestations',
      '10:5 `attestations[1].facts`: name at least one fact (isolation, network, filesystem, approval, credentials, limits) and the level enforced outside the repository',
      '11:5 `attestations[1].evidence`: `evidence` as a path is repo-relative and stays inside the repository',
      '15:19 `attestations[2].applies-to.kind`: `runs-on` and `runner-group` only select `workflow-job`',
      '16:34 `attestations[2].facts`: unknown key `sandbox`',
      '21:19 `attestations[3].applies-to.kind`: `namespace` only selects `k8s-workload`',
    ]);
  });

  it('refuses a duplicate id and an evidence path that is not in the repository', () => {
    const twice = `attestations:\n${ENTRY}${ENTRY.replace('https://github.com/acme/infra/blob/main/runners/README.md', 'docs/runners.md')}`;
    const error = refusal(twice);
    expect(problems(error)).toEqual([
      '11:5 attestation `firecracker-pool` is defined twice in this file (first at entry 1)',
      '17:5 `evidence` names `docs/runners.md`, which is not a file in the repository',
    ]);
    const ok = load(
      twice.replace(
        '  - id: firecracker-pool\n    applies-to:\n      runs-on: [self-hosted, firecracker]\n    facts:\n      isolation: microvm\n      network: allowlist\n    evidence: docs',
        '  - id: other\n    applies-to:\n      runs-on: [self-hosted, firecracker]\n    facts:\n      isolation: microvm\n      network: allowlist\n    evidence: docs',
      ),
      { 'docs/runners.md': '# runners\n' },
    );
    expect(ok.attestations.map((a) => a.id)).toEqual(['firecracker-pool', 'other']);
  });

  it('lets a later layer replace an attestation with the same id', () => {
    const policy = load(`extends: [recommended, ./org.yml]\nattestations:\n${ENTRY.replace('microvm', 'vm')}`, {
      'org.yml': `attestations:\n  max-days: 365\n  entries:\n${indent(ENTRY)}${indent(ENTRY).replace('firecracker-pool', 'org-pool')}`,
    });
    expect(policy.attestationMaxDays).toBe(365);
    expect(policy.attestations.map((a) => [a.id, a.facts.isolation, a.at.file])).toEqual([
      ['org-pool', 'microvm', 'org.yml'],
      ['firecracker-pool', 'vm', '.github/agent-sandbox.yml'],
    ]);
  });
});

describe('governance hook', () => {
  it('marks attestations a pull request adds or changes as not in the base policy', async () => {
    const { markProposedAttestations } = await import('../../src/policy/attestations.js');
    const base = load(`attestations:\n${ENTRY}`);
    const head = load(
      `attestations:\n${ENTRY}${ENTRY.replace('firecracker-pool', 'new-pool')}${ENTRY.replace('firecracker-pool', 'moved').replace('2026-09-01', '2026-10-01')}`,
    );
    const baseWithMoved = load(`attestations:\n${ENTRY}${ENTRY.replace('firecracker-pool', 'moved')}`);
    expect(markProposedAttestations(head, baseWithMoved).attestations.map((a) => [a.id, a.inBase])).toEqual([
      ['firecracker-pool', true],
      ['new-pool', false],
      ['moved', false],
    ]);
    expect(markProposedAttestations(head, null).attestations.every((a) => a.inBase === false)).toBe(true);
    expect(markProposedAttestations(base, base).attestations.map((a) => a.inBase)).toEqual([true]);
  });
});
