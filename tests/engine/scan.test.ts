/** engine/scan: orchestration over in-memory files with stand-in adapters and rules. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Adapter } from '../../src/adapters/types.js';
import { deploymentId } from '../../src/model.js';
import { scan } from '../../src/engine/scan.js';
import type { Deployment, Fact } from '../../src/model.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { defineRule, type Rule } from '../../src/rules/types.js';
import { emptyKind } from '../helpers/details.js';

const fact = <T extends string>(value: T): Fact<T> => ({ value, reason: 'test', source: null });

/** An adapter that makes one deployment per `agents.<name>` key of any claimed YAML file. */
const agentsAdapter: Adapter = {
  id: 'test',
  claims: (file) => file.endsWith('.yml'),
  sniff: (_file, text) => text.includes('agents:'),
  extract(parsed) {
    const deployments: Deployment[] = [];
    for (const doc of parsed.documents) {
      const agents = (doc.value as { agents?: Record<string, unknown> } | null)?.agents ?? {};
      for (const name of Object.keys(agents)) {
        deployments.push({
          id: deploymentId('agent-config', parsed.file, name),
          ...emptyKind('agent-config'),
          name,
          agent: 'unknown',
          file: parsed.file,
          at: { file: parsed.file, doc: doc.index, path: ['agents', name] },
          root: { file: parsed.file, doc: doc.index, path: ['agents', name] },
          sandbox: {
            isolation: fact('none'),
            network: fact('open'),
            filesystem: fact('workspace'),
            approval: fact('restricted'),
            credentials: fact('none'),
            limits: fact('bounded'),
          },
          signals: ['test'],
          labels: {},
        });
      }
    }
    return { deployments, findings: [], artifacts: [] };
  },
};

const flagRule = defineRule({
  meta: {
    id: 'flag',
    title: 'Flags every agent for tests',
    rationale: 'x'.repeat(90),
    examples: { fail: 'a', pass: 'b' },
    defaultSeverity: 'error',
    kinds: ['agent-config'],
    securitySeverity: 5,
  },
  options: z.strictObject({}),
  check(d, ctx) {
    ctx.report({ message: `flagged ${d.name}`, at: { file: d.file, path: [...d.at.path, 'mode'] } });
  },
}) as Rule;

function run(files: Record<string, string | null>, extra: Partial<Parameters<typeof scan>[0]> = {}) {
  const names = Object.keys(files).sort();
  return scan({
    files: names,
    skipped: [],
    read: (file) =>
      files[file] === null ? { ok: false, status: 'binary', reason: 'binary' } : { ok: true, text: files[file]! },
    policy: defaultPolicy(),
    adapters: [agentsAdapter],
    rules: [flagRule],
    ...extra,
  }).report;
}

describe('scan', () => {
  it('positions findings through the documents and fails at the threshold', () => {
    const report = run({ 'a.yml': 'agents:\n  bot:\n    mode: yolo\n' });
    expect(report.result).toBe('fail');
    expect(report.deployments).toMatchObject([{ id: 'agent-config:a.yml#bot', line: 2, column: 3, result: 'fail' }]);
    expect(report.findings).toMatchObject([
      {
        ruleId: 'flag',
        file: 'a.yml',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 15,
        deployment: 'agent-config:a.yml#bot',
        suppressed: null,
      },
    ]);
    // A rule outside the registry (a policy's custom rule) has no documentation page to link.
    expect(report.rules).toEqual([{ id: 'flag', title: 'Flags every agent for tests', defaultSeverity: 'error' }]);
  });

  it('passes when the policy fails only on notices it never sees, or never fails', () => {
    expect(run({ 'a.yml': 'agents:\n  bot: {}\n' }, { policy: defaultPolicy({ failOn: 'never' }) }).result).toBe(
      'pass',
    );
    expect(
      run({ 'a.yml': 'agents:\n  bot: {}\n' }, { policy: defaultPolicy({ rules: { flag: 'notice' } }) }).result,
    ).toBe('pass');
    expect(
      run({ 'a.yml': 'agents:\n  bot: {}\n' }, { policy: defaultPolicy({ rules: { flag: 'off' } }) }).findings,
    ).toEqual([]);
  });

  it('skips files the sniff rejects without parsing them, and lists unreadable and unparsable files', () => {
    const report = run({
      'skip.yml': 'a: [',
      'bad.yml': 'agents: [\n',
      'bin.yml': null,
      'ok.yml': 'agents:\n  x: {}\n',
    });
    expect(report.coverage.filesConsidered).toBe(4);
    expect(report.coverage.filesParsed).toBe(1); // ok.yml: skip.yml was never parsed, bad.yml failed to

    expect(report.coverage.skipped).toEqual([
      {
        file: 'bad.yml',
        status: 'unparsable',
        reason: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
      },
      { file: 'bin.yml', status: 'binary', reason: 'binary' },
    ]);
    // Both are claimed configs the scan could not judge: neither is passed over silently.
    expect(report.findings.filter((f) => f.ruleId === 'unparsable-file').map((f) => f.file)).toEqual([
      'bad.yml',
      'bin.yml',
    ]);
    expect(report.deployments.map((d) => d.name)).toEqual(['x']);
  });

  it('turns a throwing rule or adapter into an internal-error finding and keeps scanning', () => {
    const throwing = defineRule({
      ...flagRule,
      meta: { ...flagRule.meta, id: 'boom' },
      options: z.strictObject({}),
      check() {
        throw new Error('kaput');
      },
    }) as Rule;
    const badAdapter: Adapter = {
      id: 'bad',
      claims: (f) => f === 'b.yml',
      extract() {
        throw new Error('adapter kaput');
      },
    };
    const report = run(
      { 'a.yml': 'agents:\n  bot: {}\n', 'b.yml': 'x: 1\n' },
      { rules: [throwing, flagRule], adapters: [agentsAdapter, badAdapter] },
    );
    const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
    expect(internal.map((f) => [f.file, f.message.includes('kaput')])).toEqual([
      ['a.yml', true],
      ['b.yml', true],
    ]);
    expect(report.findings.some((f) => f.ruleId === 'flag')).toBe(true);
    expect(report.result).toBe('fail');
  });

  it('gates only on files in scope and marks deployments outside it', () => {
    const report = run(
      { 'a.yml': 'agents:\n  a: {}\n', 'b.yml': 'agents:\n  b: {}\n' },
      { scope: new Set(['b.yml']), policy: defaultPolicy({ rules: { flag: 'off' } }) },
    );
    expect(report.deployments.map((d) => [d.name, d.inScope])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    const gated = run({ 'a.yml': 'agents:\n  a: {}\n', 'b.yml': 'x: 1\n' }, { scope: new Set(['b.yml']) });
    expect(gated.findings.length).toBe(1);
    expect(gated.result).toBe('pass');
  });

  it('gives identical reports whatever order the files arrive in', () => {
    const files = { 'b.yml': 'agents:\n  z: {}\n  a: {}\n', 'a.yml': 'agents:\n  m: {}\n' };
    const one = run(files);
    const two = scan({
      files: ['b.yml', 'a.yml'],
      skipped: [],
      read: (f) => ({ ok: true, text: files[f as keyof typeof files] }),
      policy: defaultPolicy(),
      adapters: [agentsAdapter],
      rules: [flagRule],
    }).report;
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});
