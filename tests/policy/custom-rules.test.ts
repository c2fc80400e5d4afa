/** Declarative custom rules: selection, conditions on facts and raw fields, and where findings point. */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { FieldPathError, parseFieldPath, resolveField } from '../../src/policy/custom/index.js';
import { repo, scanWith, spots } from './_helpers.js';

const AGENTS = `agents:
  reviewer:
    kind: k8s-workload
    agent: claude-code
    sandbox:
      isolation: container
      network: open
  sandboxed:
    kind: k8s-workload
    agent: claude-code
    sandbox:
      isolation: gvisor
      network: allowlist
  other:
    kind: k8s-workload
    agent: codex
  job:
    kind: workflow-job
    agent: claude-code
`;

function run(policy: string, files: Record<string, string>, rule = 'custom') {
  const root = repo({ ...files, '.github/agent-sandbox.yml': policy });
  const report = scanWith(root, loadPolicy({ root }));
  return report.findings.filter((f) => f.ruleId === rule);
}

describe('custom rules', () => {
  it('states the example intent: claude-code k8s workloads need gvisor or a micro-VM and no open network', () => {
    const policy = `custom-rules:
  - id: custom
    message: Claude Code workloads must run under gVisor or a micro-VM without open egress
    select:
      kind: k8s-workload
      agent: claude-code
    require:
      all:
        - fact: isolation
          in: [gvisor, microvm]
        - fact: network
          not-equals: open
`;
    const findings = run(policy, { 'agents.yml': AGENTS });
    // One finding per failing condition, each at the line that set the fact; `sandboxed`, `other` and `job` pass.
    expect(spots(findings)).toEqual(['custom 6:7-6:27', 'custom 7:7-7:20']);
    expect(findings.map((f) => f.deployment)).toEqual([
      'k8s-workload:agents.yml#reviewer',
      'k8s-workload:agents.yml#reviewer',
    ]);
    expect(findings[0]!.message).toBe(
      'Claude Code workloads must run under gVisor or a micro-VM without open egress (isolation is container because `sandbox.isolation` is container).',
    );
    expect(findings[1]!.message).toContain('(network is open because `sandbox.network` is open)');
    expect(findings[0]!.severity).toBe('error');
  });

  it('points at a raw field when present and at the deployment key when it is missing', () => {
    const files = {
      'agents.yml': `agents:
  a:
    spec:
      runtimeClassName: runc
  b:
    spec: {}
  c:
    spec:
      runtimeClassName: kata-fc
`,
    };
    const policy = `custom-rules:
  - id: custom
    message: Agent pods need a VM runtime class
    require:
      field: spec.runtimeClassName
      matches: "kata*"
`;
    const findings = run(policy, files);
    // `a` at its runtimeClassName line, `b` (no runtimeClassName) at its key; `c` passes.
    expect(spots(findings)).toEqual(['custom 4:7-4:29', 'custom 5:3-5:4']);
    const [wrong, missing] = findings;
    expect(missing!.message).toContain('`spec.runtimeClassName` is absent');
    expect(wrong!.message).toContain('`spec.runtimeClassName` is `runc`');
  });

  it('reports `any` and `forbid` failures once, at the first spot, with the others as related locations', () => {
    const files = {
      'agents.yml': 'agents:\n  a:\n    sandbox:\n      credentials: write\n      approval: unrestricted\n',
    };
    const anyPolicy = `custom-rules:
  - id: custom
    message: Write credentials need restricted approval
    require:
      any:
        - fact: credentials
          not-equals: write
        - fact: approval
          equals: restricted
`;
    const [finding, ...rest] = run(anyPolicy, files);
    expect(rest).toEqual([]);
    expect(spots([finding!])).toEqual(['custom 4:7-4:25']);
    expect(finding!.related?.map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual([
      '5:7 approval is unrestricted because `sandbox.approval` is unrestricted',
    ]);

    const forbidPolicy = `custom-rules:
  - id: custom
    message: No unrestricted approval with write credentials
    severity: warning
    forbid:
      all:
        - fact: credentials
          equals: write
        - fact: approval
          at-most: unrestricted
`;
    const forbidden = run(forbidPolicy, files);
    expect(spots(forbidden)).toEqual(['custom 4:7-4:25']);
    expect(forbidden[0]!.severity).toBe('warning');
    expect(forbidden[0]!.related).toHaveLength(1);
  });

  it('ranges over list items with `*` and reports each failing item at its own line', () => {
    const files = {
      'agents.yml': `agents:
  a:
    containers:
      - image: ghcr.io/acme/agent@sha256:abc
      - image: ghcr.io/acme/agent:latest
      - image: docker.io/library/busybox
`,
    };
    const policy = `custom-rules:
  - id: custom
    message: Agent images come from ghcr.io/acme
    require:
      field: containers[*].image
      matches: ghcr.io/acme/*
`;
    const findings = run(policy, files);
    expect(spots(findings)).toEqual(['custom 6:9-6:41']);
    expect(findings[0]!.message).toContain('`containers[2].image` is `docker.io/library/busybox`');
  });

  it('reads `$.` paths from the document root, compares numbers with numeric strings, and selects by labels, path and name', () => {
    const files = {
      'team/agents.yml': `limits:
  minutes: "45"
agents:
  fast:
    labels: { team: platform }
  slow:
    labels: { team: data }
`,
      'other/agents.yml': 'agents:\n  fast:\n    labels: { team: platform }\n',
    };
    const policy = `custom-rules:
  - id: custom
    message: Platform agents stop within 30 minutes
    select:
      labels: { team: plat* }
      path: team/**
      name: [f*]
    require:
      field: $.limits.minutes
      lte: 30
`;
    const findings = run(policy, files);
    expect(findings.map((f) => `${f.file} ${f.line}:${f.column} ${f.deployment}`)).toEqual([
      'team/agents.yml 2:3 k8s-workload:team/agents.yml#fast',
    ]);
    expect(findings[0]!.message).toContain('`$.limits.minutes` is `45`');
  });

  it('withholds values that may be credentials', () => {
    const files = {
      'agents.yml': 'agents:\n  a:\n    env:\n      API_TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n',
    };
    const policy =
      'custom-rules:\n  - id: custom\n    message: No inline tokens\n    require:\n      field: env.API_TOKEN\n      absent: true\n';
    const [finding] = run(policy, files);
    expect(finding!.message).toContain('`env.API_TOKEN` is set (value withheld)');
    expect(finding!.message).not.toContain('ghp_');
  });

  it('obeys rule settings like built-in rules: severity, per-path overrides and allowlist mode', () => {
    const base = `custom-rules:
  - id: custom
    message: Agents need a container
    require: { fact: isolation, at-least: container }
`;
    const files = { 'a/agents.yml': 'agents:\n  x: {}\n', 'b/agents.yml': 'agents:\n  x: {}\n' };
    expect(run(base, files).map((f) => `${f.file} ${f.severity}`)).toEqual([
      'a/agents.yml error',
      'b/agents.yml error',
    ]);
    const tuned = `${base}rules:\n  custom: warning\noverrides:\n  - files: [b/**]\n    rules: { custom: off }\n`;
    expect(run(tuned, files).map((f) => `${f.file} ${f.severity}`)).toEqual(['a/agents.yml warning']);
    expect(run(`${base}only: [sandbox-required]\n`, files)).toEqual([]);
  });
});

describe('field paths', () => {
  it('parses dotted, bracketed, quoted, wildcard and root-anchored paths', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual({
      absolute: false,
      segments: [
        { key: 'spec' },
        { key: 'template' },
        { key: 'spec' },
        { key: 'containers' },
        { index: 0 },
        { key: 'image' },
      ],
    });
    expect(parseFieldPath('metadata.annotations["example.com/x"]').segments.at(-1)).toEqual({ key: 'example.com/x' });
    expect(parseFieldPath('containers.*.image').segments[1]).toEqual({ any: true });
    expect(parseFieldPath('$.permissions')).toEqual({ absolute: true, segments: [{ key: 'permissions' }] });
    expect(parseFieldPath(['$', 'a.b', 2, '*'])).toEqual({
      absolute: true,
      segments: [{ key: 'a.b' }, { index: 2 }, { any: true }],
    });
  });

  it('rejects malformed paths with the character position', () => {
    for (const [bad, where] of [
      ['a..b', 3],
      ['a[0', 2],
      ['a.', 3],
      ['a[x]', 2],
      ['a[0]b', 5],
    ] as const) {
      expect(() => parseFieldPath(bad), bad).toThrow(FieldPathError);
      expect(() => parseFieldPath(bad)).toThrow(`at character ${where}`);
    }
  });

  it('resolves list indexes written as dotted numbers, and `*` over maps and empty lists', () => {
    const value = { c: [{ i: 'a' }, { i: 'b' }], m: { x: 1, y: 2 }, e: [] };
    expect(resolveField(value, parseFieldPath('c.1.i'))).toEqual([{ path: ['c', 1, 'i'], found: true, value: 'b' }]);
    expect(resolveField(value, parseFieldPath('m.*')).map((r) => r.path)).toEqual([
      ['m', 'x'],
      ['m', 'y'],
    ]);
    expect(resolveField(value, parseFieldPath('e[*].i'))).toEqual([]);
    expect(resolveField(value, parseFieldPath('c[5].i'))).toEqual([
      { path: ['c', 5, 'i'], found: false, value: undefined },
    ]);
  });
});

describe('value globs', () => {
  it('treat `*` as any run of characters including `/`, and an impossible class as literal text', async () => {
    const { matchesValue } = await import('../../src/policy/glob.js');
    expect(matchesValue('ghcr.io/acme/agent:1', 'ghcr.io/*')).toBe(true);
    expect(matchesValue('ghcr.io/acme/agent:1', 'docker.io/*')).toBe(false);
    expect(matchesValue('kata-fc', 'kata-[cf]?')).toBe(true);
    expect(matchesValue('a.b', 'a?b')).toBe(true);
    expect(matchesValue('a+b', 'a+b')).toBe(true);
    expect(matchesValue('[z-a]', '[z-a]')).toBe(true);
    expect(matchesValue('q', '[z-a]')).toBe(false);
  });
});
