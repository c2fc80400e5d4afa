/**
 * A pull request cannot approve itself, end to end: the bundled action on Node 24 against the fake
 * GitHub API on 127.0.0.1. What the pull request adds (inline suppressions, an exception glob that
 * now reaches a new file) fails under the default policy until an approver named in the base policy
 * approves the head commit through the reviews API.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SUPPRESSED_WORKFLOW as SUPPRESSED,
  UNSUPPRESSED_WORKFLOW as UNSUPPRESSED,
} from '../helpers/suppressed-workflow.js';
import { pullRequestEvent, writeRepo, type ActionRun } from './harness.js';
import { actionSuite } from './suite.js';

const HEAD = 'headsha00000000000000000000000000000000';
const BASE = 'basesha00000000000000000000000000000000';
const WORKFLOW = '.github/workflows/agents.yml';
const APPROVERS = 'suppressions:\n  approvers: [alice, acme/security]\n';

const suite = actionSuite();
const run = suite.run;
const report = (r: ActionRun) => JSON.parse(readFileSync(r.outputs['report-file']!, 'utf8'));
const errors = (r: ActionRun) => report(r).findings.filter((f: { severity: string }) => f.severity === 'error');
const review = (login: string, state: string, commit = HEAD) => ({ user: { login }, state, commit_id: commit });

describe('a pull request that adds an unsafe agent with inline suppressions', () => {
  it('fails under the default policy, marks them as its own and says who can accept them', async () => {
    const r = await run({ workspace: writeRepo({ [WORKFLOW]: SUPPRESSED }) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const found = errors(r);
    expect(found.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toEqual([
      ['sandbox-required', 3],
      ['approval-bypassed', 6],
    ]);
    for (const f of found) {
      expect(f.suppressed).toBeNull();
      expect(f.suppression).toMatchObject({ source: 'pull-request', applied: false, kind: 'inline' });
    }
    // The base had no such file: it was read through the contents API at the base commit.
    expect(
      suite.api.requests.some((q) => q.path === `/repos/octo/repo/contents/${WORKFLOW}` && q.query.get('ref') === BASE),
    ).toBe(true);
    const comment = suite.api.comments.get(7)![0]!.body;
    expect(comment).toContain(
      "❌ agent-sandbox-guard: 1 of 1 agent deployment fails the sandbox policy &#40;2 errors&#41;; 2 of them are suppressed by this pull request, which needs an approver's review.",
    );
    expect(comment).toContain('suppressed by this pull request, not yet approved');
    expect(comment).toContain('a pull request cannot approve its own suppressions');
    expect(comment).toContain('the base policy names none');
    expect(suite.api.checkRuns[0]!.updates.at(-1)?.conclusion ?? suite.api.checkRuns[0]!.created.conclusion).toBe(
      'failure',
    );
    // Nobody is listed, so no reviews are asked for.
    expect(suite.api.requests.some((q) => q.path.endsWith('/reviews'))).toBe(false);
  });

  it('passes once an approver named in the base policy approves the head commit, and says so', async () => {
    suite.api.contents.set(`.github/agent-sandbox.yml@${BASE}`, APPROVERS);
    suite.api.reviews.set(7, [review('mallory', 'APPROVED'), review('alice', 'APPROVED')]);
    const r = await run({
      workspace: writeRepo({ [WORKFLOW]: SUPPRESSED, '.github/agent-sandbox.yml': APPROVERS }),
      eventName: 'pull_request_review',
    });
    expect(r.code).toBe(0);
    for (const f of errors(r)) {
      expect(f.suppressed).toMatchObject({ kind: 'inline' });
      expect(f.suppression).toMatchObject({ source: 'pull-request', applied: true, approvedBy: ['alice'] });
    }
    expect(report(r).change).toMatchObject({ approvers: ['alice', 'acme/security'], approvedBy: ['alice'] });
    const comment = suite.api.comments.get(7)?.[0]?.body ?? '';
    const verdict =
      '1 agent deployment passes the sandbox policy with 2 findings suppressed, 2 of them by this pull request.';
    expect(r.stdout).toContain(`agent-sandbox-guard: ${verdict}`);
    expect(suite.api.checkRuns[0]!.updates.at(-1)?.output.title ?? suite.api.checkRuns[0]!.created.output.title).toBe(
      verdict,
    );
    expect(r.summary).toContain('suppressed by this pull request, approved by <code>alice</code>');
    expect(r.summary).toContain(
      '2 findings are suppressed by this pull request itself, approved by <code>alice</code>.',
    );
    expect(comment).toBe(''); // a passing run with no earlier comment writes none
  });

  it('does not count an approval of an older commit, a later change request, the author, or a team it cannot read', async () => {
    suite.api.contents.set(
      `.github/agent-sandbox.yml@${BASE}`,
      'suppressions:\n  approvers: [alice, bob, carol, acme/security]\n',
    );
    suite.api.reviews.set(7, [
      review('alice', 'APPROVED', 'oldsha'),
      review('bob', 'APPROVED'),
      review('bob', 'CHANGES_REQUESTED'),
      review('carol', 'APPROVED'),
      review('dave', 'APPROVED'),
    ]);
    const event = pullRequestEvent() as { pull_request: Record<string, unknown> };
    event.pull_request['user'] = { login: 'carol' };
    const r = await run({ workspace: writeRepo({ [WORKFLOW]: SUPPRESSED }), event });
    expect(r.code).toBe(1);
    expect(report(r).change.approvedBy).toEqual([]);
    // dave is not listed by login, and acme/security cannot be read with this token: said, and not counted.
    expect(suite.api.requests.some((q) => q.path === '/orgs/acme/teams/security/memberships/dave')).toBe(true);
    const warning = r.annotations.find((a) => a.name === 'warning' && a.message.startsWith('Approvals:'));
    expect(warning?.message).toContain('`members: read`');
  });

  it('counts a member of an approving team when the token can read it', async () => {
    suite.api.contents.set(`.github/agent-sandbox.yml@${BASE}`, APPROVERS);
    suite.api.teams.set('acme/security', ['dave']);
    suite.api.reviews.set(7, [review('dave', 'APPROVED')]);
    const r = await run({ workspace: writeRepo({ [WORKFLOW]: SUPPRESSED }) });
    expect(r.code).toBe(0);
    expect(report(r).change.approvedBy).toEqual(['dave']);
  });

  it('keeps honouring suppressions the base already has', async () => {
    suite.api.contents.set(`${WORKFLOW}@${BASE}`, SUPPRESSED);
    const r = await run({ workspace: writeRepo({ [WORKFLOW]: `# edited\n${SUPPRESSED}` }) });
    expect(r.code).toBe(0);
    expect(errors(r).every((f: { suppression: { source: string } }) => f.suppression.source === 'base')).toBe(true);
    expect(r.stdout).toContain(
      'agent-sandbox-guard: 1 agent deployment passes the sandbox policy with 2 findings suppressed, 0 of them by this pull request.',
    );
  });
});

describe('an exception glob in the base policy', () => {
  const policy =
    'rules:\n  approval-bypassed: off\nexceptions:\n  - rule: sandbox-required\n    paths: [".github/workflows/legacy-*.yml"]\n    reason: legacy runners, replaced in Q3\n';

  it('that matches a file the pull request adds is shown as such, and that finding still fails', async () => {
    suite.api.contents.set(`.github/agent-sandbox.yml@${BASE}`, policy);
    suite.api.contents.set(`.github/workflows/legacy-old.yml@${BASE}`, UNSUPPRESSED);
    const r = await run({
      workspace: writeRepo({
        '.github/agent-sandbox.yml': policy,
        '.github/workflows/legacy-old.yml': UNSUPPRESSED,
        '.github/workflows/legacy-new.yml': UNSUPPRESSED,
      }),
    });
    expect(r.code).toBe(1);
    const byFile = Object.fromEntries(
      errors(r).map((f: { file: string; suppression: unknown }) => [f.file, f.suppression]),
    );
    expect(byFile['.github/workflows/legacy-old.yml']).toMatchObject({ source: 'base', applied: true });
    expect(byFile['.github/workflows/legacy-new.yml']).toMatchObject({ source: 'pull-request', applied: false });
    const comment = suite.api.comments.get(7)![0]!.body;
    expect(comment).toContain(
      'suppressed by this pull request, covered by exception <code>.github/workflows/legacy-&#42;.yml</code> written for other files, not yet approved',
    );
    expect(comment).toContain('legacy-new.yml');
  });
});

describe('scope: changed judges the deployments that use a changed file', () => {
  const caller = [
    'on: pull_request',
    'jobs:',
    '  fix:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: ./.github/actions/agent',
    '',
  ].join('\n');
  const composite = (run: string) =>
    `name: agent\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: ${run}\n`;

  it('a pull request that only edits a local composite action fails through the workflow that uses it', async () => {
    suite.api.pullFiles.set(7, ['.github/actions/agent/action.yml']);
    const workspace = writeRepo({
      '.github/workflows/agent.yml': caller,
      '.github/actions/agent/action.yml': composite('gemini --yolo -p "fix the bug"'),
      '.github/workflows/other.yml': caller.replace('./.github/actions/agent', './.github/actions/other'),
      '.github/actions/other/action.yml': composite('gemini --yolo -p "unrelated"'),
    });
    const r = await run({ workspace, inputs: { scope: 'changed' } });
    expect(r.code).toBe(1);
    const full = report(r);
    const caller1 = full.deployments.find((d: { file: string }) => d.file === '.github/workflows/agent.yml');
    expect(caller1).toMatchObject({ result: 'fail', inScope: true });
    const gatingFiles = new Set(
      r.annotations.filter((a) => a.name === 'error' && a.properties['file']).map((a) => a.properties['file']),
    );
    expect(gatingFiles.has('.github/workflows/other.yml')).toBe(false);
    expect(gatingFiles.size).toBeGreaterThan(0);
    expect(suite.api.comments.get(7)![0]!.body).toContain('fails the sandbox policy');
  });

  it('the same change to an action no workflow uses passes', async () => {
    suite.api.pullFiles.set(7, ['.github/actions/unused/action.yml']);
    const workspace = writeRepo({
      '.github/workflows/agent.yml': caller.replace('./.github/actions/agent', './.github/actions/safe'),
      '.github/actions/safe/action.yml': composite('npm test'),
      '.github/actions/unused/action.yml': composite('gemini --yolo -p "fix the bug"'),
    });
    const r = await run({ workspace, inputs: { scope: 'changed' } });
    expect(r.code).toBe(0);
  });
});
