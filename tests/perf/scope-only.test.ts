/**
 * `scopeOnly`: a scan limited to the changed files parses a file outside them only when it feeds
 * cross-file facts to a kind of deployment in the change or names a changed file; a changed file
 * that feeds others makes it a full scan.
 */
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/types.js';
import { deploymentId } from '../../src/model.js';
import { scan, type ScanInput } from '../../src/engine/scan.js';
import type { Deployment, Fact } from '../../src/model.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { emptyKind } from '../helpers/details.js';

const fact = <T extends string>(value: T): Fact<T> => ({ value, reason: 'test', source: null });

function agent(file: string, name: string, kind: Deployment['kind']): Deployment {
  const at = { file, path: ['agents', name] };
  return {
    id: deploymentId(kind, file, name),
    ...emptyKind(kind),
    name,
    agent: 'unknown',
    file,
    at,
    root: at,
    signals: [],
    labels: {},
    sandbox: {
      isolation: fact('none'),
      network: fact('open'),
      filesystem: fact('workspace'),
      approval: fact('restricted'),
      credentials: fact('none'),
      limits: fact('bounded'),
    },
  };
}

/** Agents come from `agents:`; a `policy:` file anywhere closes every agent's network in `link`. */
const yamlAdapter: Adapter = {
  id: 'yaml',
  claims: (file) => file.endsWith('.yml'),
  sniff: (_file, text) => text.includes('agents:') || text.includes('policy:'),
  feeds: (file, text) => (file.endsWith('.yml') && text.includes('policy:') ? ['k8s-workload'] : []),
  extract(parsed) {
    const value = parsed.documents[0]?.value as { agents?: Record<string, unknown>; policy?: string } | null;
    return {
      deployments: Object.keys(value?.agents ?? {}).map((name) => agent(parsed.file, name, 'k8s-workload')),
      findings: [],
      artifacts: value?.policy ? [{ type: 'policy', file: parsed.file, data: value.policy }] : [],
    };
  },
  link(deployments, artifacts) {
    if (artifacts.some((a) => a.type === 'policy')) for (const d of deployments) d.sandbox.network = fact('none');
    return [];
  },
};
const jsonAdapter: Adapter = {
  id: 'json',
  claims: (file) => file.endsWith('.json'),
  extract: (parsed) => ({ deployments: [agent(parsed.file, 'json', 'agent-config')], findings: [], artifacts: [] }),
};

const FILES: Record<string, string> = {
  'changed.yml': 'agents:\n  mine: {}\n',
  'untouched.yml': 'agents:\n  theirs: {}\n',
  'extends.yml': 'agents:\n  child: {}\nbase: changed.yml\n',
  'netpol.yml': 'policy: deny-all\n',
  'untouched.json': '{}',
  'changed.json': '{}',
  'notes.txt': 'agents: policy: changed.yml\n',
};

function run(extra: Partial<ScanInput>) {
  const reads: string[] = [];
  const { report, parsed } = scan({
    files: Object.keys(FILES).sort(),
    skipped: [],
    read: (file) => {
      reads.push(file);
      return { ok: true, text: FILES[file]! };
    },
    policy: defaultPolicy(),
    adapters: [yamlAdapter, jsonAdapter],
    rules: [],
    scope: new Set(['changed.yml', 'changed.json']),
    ...extra,
  });
  return { report, reads: reads.sort(), parsed: [...parsed.keys()].sort() };
}

describe('scopeOnly', () => {
  it('parses the change, the files feeding its deployments and the files naming it; never reads unclaimed files', () => {
    const { report, reads, parsed } = run({ scopeOnly: true });
    expect(reads).toEqual([
      'changed.json',
      'changed.yml',
      'extends.yml',
      'netpol.yml',
      'untouched.json',
      'untouched.yml',
    ]);
    expect(parsed).toEqual(['changed.json', 'changed.yml', 'extends.yml', 'netpol.yml']);
    expect(report.deployments.map((d) => [d.file, d.name, d.inScope])).toEqual([
      ['changed.json', 'json', true],
      ['changed.yml', 'mine', true],
      // It names the changed file (`base: changed.yml`), so it uses it: its deployment is inside the change.
      ['extends.yml', 'child', true],
    ]);
    expect(report.deployments.find((d) => d.name === 'mine')?.sandbox.network.value).toBe('none');
  });

  it('does not parse feeding files when the change holds no deployment they could feed', () => {
    const { parsed } = run({ scopeOnly: true, scope: new Set(['changed.json']) });
    expect(parsed).toEqual(['changed.json']);
  });

  it('judges everything when a changed file feeds other files', () => {
    const { report } = run({ scopeOnly: true, scope: new Set(['netpol.yml']) });
    expect(report.deployments.map((d) => [d.file, d.inScope])).toEqual([
      ['changed.json', false],
      ['changed.yml', false],
      ['extends.yml', false],
      ['untouched.json', false],
      ['untouched.yml', false],
    ]);
  });

  it('without scopeOnly (or without a scope) judges every file', () => {
    expect(run({}).parsed).toEqual([
      'changed.json',
      'changed.yml',
      'extends.yml',
      'netpol.yml',
      'untouched.json',
      'untouched.yml',
    ]);
    expect(run({ scope: undefined, scopeOnly: true }).parsed).toEqual(run({}).parsed);
  });
});
