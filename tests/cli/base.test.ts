/** cli `scan --base REF`: the policy from REF, and the change's own suppressions and exceptions do not count. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SUPPRESSED_WORKFLOW, UNSUPPRESSED_WORKFLOW } from '../helpers/suppressed-workflow.js';
import { writeRepo } from '../helpers/temp-repo.js';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, stdio: 'pipe' });

/** A repository whose `main` holds `base`, with `change` written on top in the working tree. */
function changed(base: Record<string, string>, change: Record<string, string>): string {
  const root = writeRepo(base);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return writeRepo(change, root);
}

const WORKFLOW = '.github/workflows/agents.yml';

describe('scan --base', () => {
  it('fails when the change adds the suppressions, and says so in the JSON report', async () => {
    const root = changed({ 'README.md': 'x\n' }, { [WORKFLOW]: SUPPRESSED_WORKFLOW });
    const out = path.join(root, 'report.json');
    const r = await run(['scan', '.', '--base', 'main', '--format', 'json', '--output', out], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.change).toMatchObject({ name: 'this change', fromPullRequest: 'govern' });
    const own = report.findings.filter(
      (f: { suppression?: { source: string } }) => f.suppression?.source === 'pull-request',
    );
    expect(own.map((f: { ruleId: string }) => f.ruleId)).toEqual(['sandbox-required', 'approval-bypassed']);
    // Without --base the same tree passes: nothing tells the change from the repository.
    expect((await run(['scan', '.'], root)).code).toBe(0);
  });

  it('keeps suppressions already at the base, and judges by the base policy, not the changed one', async () => {
    const root = changed(
      { [WORKFLOW]: SUPPRESSED_WORKFLOW },
      { [WORKFLOW]: `# edited\n${SUPPRESSED_WORKFLOW}`, '.github/agent-sandbox.yml': 'fail-on: never\n' },
    );
    expect((await run(['scan', '.', '--base', 'main'], root)).code).toBe(0);
    const laxBase = changed({ '.github/agent-sandbox.yml': 'fail-on: never\n' }, { [WORKFLOW]: UNSUPPRESSED_WORKFLOW });
    expect((await run(['scan', '.', '--base', 'main'], laxBase)).code).toBe(0);
    const strictBase = changed(
      { 'README.md': 'x\n' },
      { [WORKFLOW]: UNSUPPRESSED_WORKFLOW, '.github/agent-sandbox.yml': 'fail-on: never\n' },
    );
    expect((await run(['scan', '.', '--base', 'main'], strictBase)).code).toBe(1);
  });

  it('reads the base policy’s extends from the base, and exceptions the change adds do not count', async () => {
    const root = changed(
      {
        '.github/agent-sandbox.yml': 'extends: [recommended, ./shared.yml]\n',
        'shared.yml': 'rules:\n  approval-bypassed: off\n',
      },
      {
        [WORKFLOW]: UNSUPPRESSED_WORKFLOW,
        'shared.yml': 'rules:\n  approval-bypassed: off\n  sandbox-required: off\n',
        '.github/agent-sandbox.yml':
          'extends: [recommended, ./shared.yml]\nexceptions:\n  - rule: sandbox-required\n    reason: mine\n',
      },
    );
    const out = path.join(root, 'r.json');
    const r = await run(['scan', '.', '--base', 'main', '--format', 'json', '--output', out], root);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const ids = report.findings
      .filter((f: { severity: string }) => f.severity === 'error')
      .map((f: { ruleId: string; suppression?: unknown }) => [f.ruleId, f.suppression]);
    expect(ids).toEqual([
      ['sandbox-required', expect.objectContaining({ kind: 'policy', source: 'pull-request', applied: false })],
    ]);
  });

  it('rejects a ref that is not a commit, or one shaped like an option', async () => {
    const root = changed({ 'README.md': 'x\n' }, {});
    expect((await run(['scan', '.', '--base', 'nope'], root)).stderr).toMatch(/--base nope: no such commit/);
    expect((await run(['scan', '.', '--base=--output=x'], root)).code).toBe(2);
  });
});
