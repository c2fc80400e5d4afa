/** Rule settings in effect: per-path overrides, allowlist mode, and file-level findings obeying both. */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { repo, scanWith } from './_helpers.js';

const AGENT = 'agents:\n  a:\n    sandbox: { isolation: process }\n';
const FILES = { 'prod/agents.yml': AGENT, 'examples/agents.yml': AGENT, 'examples/demo/agents.yml': AGENT };

function findings(policy: string, files: Record<string, string> = FILES) {
  const root = repo({ ...files, '.github/agent-sandbox.yml': policy });
  return scanWith(root, loadPolicy({ root })).findings;
}

const summary = (list: ReturnType<typeof findings>, rule: string) =>
  list.filter((f) => f.ruleId === rule).map((f) => `${f.file} ${f.severity}`);

describe('per-path overrides', () => {
  it('change severity and options only for deployments in matching files, later overrides winning', () => {
    const policy = `rules:
  sandbox-required:
    options: { minimum: container }
overrides:
  - files: [examples/**]
    rules:
      sandbox-required: warning
  - files: [examples/demo/**]
    rules:
      sandbox-required:
        options: { minimum: process }
`;
    expect(summary(findings(policy), 'sandbox-required')).toEqual([
      'examples/agents.yml warning',
      'prod/agents.yml error',
    ]);
    const message = findings(policy).find(
      (f) => f.ruleId === 'sandbox-required' && f.file === 'prod/agents.yml',
    )!.message;
    expect(message).toContain('the policy requires at least container');
  });

  it('turn rules off by path', () => {
    const policy = 'overrides:\n  - files: ["examples/**"]\n    rules: { limits-required: off }\n';
    expect(summary(findings(policy), 'limits-required')).toEqual(['prod/agents.yml warning']);
  });
});

describe('allowlist mode', () => {
  it("runs only the listed rules, while the scanner's own checks stay on", () => {
    const files = { 'agents.yml': AGENT, 'broken/agents.yml': 'agents: [\n' };
    const all = findings('{}\n', files);
    expect(new Set(all.map((f) => f.ruleId))).toEqual(
      new Set(['egress-restricted', 'filesystem-scoped', 'credentials-scoped', 'limits-required', 'unparsable-file']),
    );
    const only = findings('only: [limits-required]\n', files);
    expect(only.map((f) => `${f.ruleId} ${f.file}`)).toEqual([
      'limits-required agents.yml',
      'unparsable-file broken/agents.yml',
    ]);
  });
});

describe('file-level findings', () => {
  it('obey off and severity settings, including per-path overrides', () => {
    const files = { 'a/agents.yml': 'agents: [\n', 'b/agents.yml': 'agents: [\n' };
    expect(summary(findings('{}\n', files), 'unparsable-file')).toEqual([
      'a/agents.yml warning',
      'b/agents.yml warning',
    ]);
    expect(
      summary(
        findings(
          'rules:\n  unparsable-file: error\noverrides:\n  - files: [b/**]\n    rules: { unparsable-file: off }\n',
          files,
        ),
        'unparsable-file',
      ),
    ).toEqual(['a/agents.yml error']);
  });
});
