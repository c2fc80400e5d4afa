/**
 * The bundled action end to end: dist/index.js on Node 24 in a child process, with the runner's
 * environment, against a fake GitHub API on 127.0.0.1 that records every request.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent, writeRepo, type ActionRun } from './harness.js';
import { actionSuite } from './suite.js';

const HEAD = 'headsha00000000000000000000000000000000';
const BASE = 'basesha00000000000000000000000000000000';
const MARKER = '<!-- agent-sandbox-guard:sticky-comment -->';

/** A workflow whose every job runs Gemini CLI with --yolo on the runner: 2 errors and 3 warnings each (its file-system reach is the missing sandbox's finding, not a fourth warning). */
function yoloJobs(names: readonly string[]): string {
  const jobs = names.map(
    (name) =>
      `  ${JSON.stringify(name)}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "fix the bug"\n`,
  );
  return `on: pull_request\njobs:\n${jobs.join('')}`;
}
const jobNames = (n: number, prefix = 'job') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
const SAFE_WORKFLOW = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

const suite = actionSuite();
const run = suite.run;

const fromFiles = (r: ActionRun) =>
  r.annotations.filter(
    (a) => a.properties['file'] !== undefined && a.properties['title'] !== 'policy changed in this pull request',
  );
const count = (r: ActionRun, name: string) => r.annotations.filter((a) => a.name === name).length;
const report = (r: ActionRun) => JSON.parse(readFileSync(r.outputs['report-file']!, 'utf8'));

describe('a pull request with more findings than GitHub shows', () => {
  it('ranks and caps annotations, counts the rest, batches the check run and posts one comment', async () => {
    const workspace = writeRepo({ '.github/workflows/agents.yml': yoloJobs(jobNames(12)) });
    const r = await run({ workspace });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);

    const full = report(r);
    expect(full.findings).toHaveLength(60);
    // Stamped from the run's context, so fleet reports merge into one inventory.
    expect(full).toMatchObject({ repository: 'octo/repo', commit: HEAD });
    expect(r.outputs).toMatchObject({ result: 'fail', deployments: '12', errors: '24', warnings: '36' });

    // At most 10 per level, including the verdict error from setFailed, worst first.
    expect(count(r, 'error')).toBe(10);
    expect(count(r, 'warning')).toBeLessThanOrEqual(10);
    expect(count(r, 'notice')).toBeLessThanOrEqual(10);
    expect(r.annotations.at(-1)).toMatchObject({
      name: 'error',
      message: 'agent-sandbox-guard: 12 of 12 agent deployments fail the sandbox policy (24 errors).',
    });
    const shownErrors = fromFiles(r).filter((a) => a.name === 'error');
    const firstErrors = full.findings
      .filter((f: { severity: string }) => f.severity === 'error')
      .slice(0, shownErrors.length);
    expect(shownErrors.map((a) => Number(a.properties['line']))).toEqual(
      firstErrors.map((f: { line: number }) => f.line),
    );
    const hidden = 60 - fromFiles(r).length;
    const overflow = r.annotations.find((a) => a.properties['title'] === 'more findings than GitHub shows');
    expect(overflow?.message).toMatch(
      new RegExp(
        `^${hidden} more annotations \\(\\d+ errors, \\d+ warnings\\) did not fit GitHub's limit of 10 per level; every finding is listed in the job summary`,
      ),
    );

    // Check run on the PR head (not the merge sha) with all 60 annotations, 50 per request.
    expect(suite.api.checkRuns).toHaveLength(1);
    const check = suite.api.checkRuns[0]!;
    expect(check.created).toMatchObject({ name: 'agent-sandbox-guard', head_sha: HEAD, status: 'in_progress' });
    expect([check.created, ...check.updates].map((b) => b.output.annotations.length)).toEqual([50, 10]);
    expect(check.updates.at(-1)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: '12 of 12 agent deployments fail the sandbox policy (24 errors).' },
    });
    expect(
      [check.created, ...check.updates]
        .flatMap((b) => b.output.annotations)
        .filter((a: { annotation_level: string }) => a.annotation_level === 'failure'),
    ).toHaveLength(24);

    // One sticky comment with the verdict, the inventory and links at the head sha.
    const comments = suite.api.comments.get(7)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(MARKER)).toBe(true);
    expect(comments[0]!.body).toContain('#### Failing deployments (12)');
    expect(comments[0]!.body).toContain('All 24 failing findings');
    expect(comments[0]!.body).toContain(`https://github.com/octo/repo/blob/${HEAD}/.github/workflows/agents.yml#L`);

    expect(r.summary).toContain('### Findings by deployment');
    expect(r.summary).toContain('### Agent deployments (12)');
    expect(suite.api.requests.every((q) => q.headers.authorization === 'token ghs_faketoken')).toBe(true);
    // The full listing is in the log, where commands are stopped.
    expect(r.stdout).toMatch(
      /::stop-commands::[0-9a-f-]{36}\n[\s\S]*job11 \(workflow job, gemini-cli\)[\s\S]*::[0-9a-f-]{36}::/,
    );
  });
});

describe('two runs on the same pull request', () => {
  it('creates the comment once and updates it in place; an unchanged result writes nothing', async () => {
    const workspace = writeRepo({ '.github/workflows/agents.yml': yoloJobs(jobNames(3)) });
    const first = await run({ workspace });
    expect(first.code).toBe(1);
    const id = suite.api.comments.get(7)![0]!.id;

    writeRepo({ '.github/workflows/agents.yml': SAFE_WORKFLOW }, workspace);
    const second = await run({ workspace });
    expect(second.code).toBe(0);
    const comments = suite.api.comments.get(7)!;
    expect(comments.map((c) => c.id)).toEqual([id]);
    expect(comments[0]!.body).toContain('✅ agent-sandbox-guard: No agent deployments');
    expect(
      suite.api.requests.filter((q) => q.method === 'PATCH' && q.path.endsWith(`/issues/comments/${id}`)),
    ).toHaveLength(1);

    const before = suite.api.writes().filter((q) => q.path.includes('/issues/')).length;
    await run({ workspace });
    expect(suite.api.writes().filter((q) => q.path.includes('/issues/')).length).toBe(before);
  });
});

describe('a fork pull request with a read-only token', () => {
  it('warns once which permissions are missing, still annotates and summarises, and exits by the findings', async () => {
    suite.api.readOnly = true;
    const workspace = writeRepo({ '.github/workflows/agents.yml': yoloJobs(jobNames(2)) });
    const r = await run({ workspace, event: pullRequestEvent({ fork: true }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const warnings = r.annotations.filter((a) => a.name === 'warning' && !a.properties['file']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('`checks: write`');
    expect(warnings[0]!.message).toContain('`pull-requests: write`');
    expect(warnings[0]!.message).toContain('forks');
    expect(fromFiles(r).length).toBeGreaterThan(0);
    expect(r.summary).toContain('the annotations and the job summary');
    expect(r.outputs['result']).toBe('fail');
    expect(suite.api.checkRuns).toHaveLength(0);
  });

  it('with reads of pull request files refused too, says why scope fell back, and still gates', async () => {
    suite.api.readOnly = true;
    suite.api.failures.push({
      path: /\/pulls\/7\/files$/,
      status: 403,
      times: 10,
      message: 'Resource not accessible by integration',
    });
    const workspace = writeRepo({ '.github/workflows/agents.yml': yoloJobs(['a']) });
    const r = await run({ workspace, event: pullRequestEvent({ fork: true }), inputs: { scope: 'changed' } });
    expect(r.code).toBe(1);
    const warnings = r.annotations.filter((a) => a.name === 'warning' && !a.properties['file']).map((a) => a.message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /fell back to the whole repository: the token cannot list the pull request files \(it needs `pull-requests: read`\)/,
    );
    expect(warnings[1]).toMatch(/^The token cannot create the check run/);
    expect(r.outputs['errors']).toBe('2');
  });

  it('exits 0 when nothing fails, even though every write is refused', async () => {
    suite.api.readOnly = true;
    const r = await run({
      workspace: writeRepo({ '.github/workflows/ci.yml': SAFE_WORKFLOW }),
      event: pullRequestEvent({ fork: true }),
      inputs: { comment: 'always' },
    });
    expect(r.code).toBe(0);
    expect(r.annotations.filter((a) => a.name === 'warning')).toHaveLength(1);
  });
});

describe('server errors', () => {
  it('retries a 500 and a 502 and then succeeds', async () => {
    suite.api.failures.push(
      { method: 'POST', path: /\/check-runs$/, status: 500, times: 1 },
      { method: 'GET', path: /\/issues\/7\/comments$/, status: 502, times: 1 },
    );
    const r = await run({ workspace: writeRepo({ '.github/workflows/agents.yml': yoloJobs(['a']) }) });
    expect(r.code).toBe(1);
    expect(suite.api.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/check-runs'))).toHaveLength(2);
    expect(suite.api.checkRuns).toHaveLength(1);
    expect(suite.api.comments.get(7)).toHaveLength(1);
    expect(r.stdout).toMatch(/answered 500; retry 1 of 3/);
    expect(r.annotations.filter((a) => a.name === 'warning' && !a.properties['file'])).toEqual([]);
  }, 30_000);
});

describe('a pull request that edits the policy', () => {
  it('is judged by the base policy and is told what its edit would change', async () => {
    suite.api.contents.set(`.github/agent-sandbox.yml@${BASE}`, 'fail-on: error\n');
    const workspace = writeRepo({
      '.github/agent-sandbox.yml': 'fail-on: never\nrules:\n  sandbox-required: off\n',
      '.github/workflows/agents.yml': yoloJobs(['a']),
    });
    const r = await run({ workspace });
    expect(r.code).toBe(1);
    expect(
      suite.api.requests.some(
        (q) => q.path === '/repos/octo/repo/contents/.github/agent-sandbox.yml' && q.query.get('ref') === BASE,
      ),
    ).toBe(true);
    const notice = r.annotations.find((a) => a.properties['title'] === 'policy changed in this pull request');
    expect(notice).toMatchObject({ name: 'notice', properties: { file: '.github/agent-sandbox.yml', line: '1' } });
    expect(notice!.message).toContain('judged by the policy at the base commit basesha');
    expect(notice!.message).toContain('`fail-on` "error" → "never"');
    expect(notice!.message).toContain('`rules.sandbox-required`');
    expect(notice!.message).toMatch(
      /Under it this run would pass with 1 error and 3 warnings \(now: fail, 2 errors, 3 warnings\)/,
    );
    expect(r.summary).toContain('This pull request changes the policy');
    expect(suite.api.comments.get(7)![0]!.body).toContain('This pull request changes the policy');
  });

  it('uses the built-in preset when the base has no policy, so adding a lax one does not help', async () => {
    const workspace = writeRepo({
      '.github/agent-sandbox.yml': 'fail-on: never\n',
      '.github/workflows/agents.yml': yoloJobs(['a']),
    });
    const r = await run({ workspace });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Judged by the built-in `recommended` preset, as the base commit basesha has no policy file (built-in:recommended)',
    );
  });

  it('reads the policy from the checkout with policy-source: head', async () => {
    const workspace = writeRepo({
      '.github/agent-sandbox.yml': 'fail-on: never\n',
      '.github/workflows/agents.yml': yoloJobs(['a']),
    });
    const r = await run({ workspace, inputs: { 'policy-source': 'head' } });
    expect(r.code).toBe(0);
    expect(suite.api.requests.some((q) => q.path.includes('/contents/'))).toBe(false);
  });

  it('reads a policy kept in another repository, with its extends, from policy-source OWNER/REPO/PATH@REF', async () => {
    // `extends` files are repository-relative, in the policy's repository.
    suite.api.contents.set('agents/policy.yml@v2', 'extends: [recommended, agents/shared.yml]\n');
    suite.api.contents.set('agents/shared.yml@v2', 'rules:\n  sandbox-required: off\n  approval-bypassed: warning\n');
    // The checkout's own lax policy must not be the one that judges.
    const workspace = writeRepo({
      '.github/agent-sandbox.yml': 'fail-on: never\n',
      '.github/workflows/agents.yml': yoloJobs(['a']),
    });
    const r = await run({ workspace, inputs: { 'policy-source': 'acme/policies/agents/policy.yml@v2' } });
    expect(
      suite.api.requests.some(
        (q) => q.path === '/repos/acme/policies/contents/agents/policy.yml' && q.query.get('ref') === 'v2',
      ),
    ).toBe(true);
    expect(
      suite.api.requests.some(
        (q) => q.path === '/repos/acme/policies/contents/agents/shared.yml' && q.query.get('ref') === 'v2',
      ),
    ).toBe(true);
    const full = report(r);
    expect(full.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('sandbox-required');
    expect(full.findings.find((f: { ruleId: string }) => f.ruleId === 'approval-bypassed')?.severity).toBe('warning');
    expect(r.code).toBe(0);
  });

  it('fails closed with a clear message when the base policy cannot be read', async () => {
    suite.api.failures.push({
      path: /\/contents\//,
      status: 403,
      times: 10,
      message: 'Resource not accessible by integration',
    });
    const r = await run({ workspace: writeRepo({ '.github/workflows/agents.yml': SAFE_WORKFLOW }) });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.name === 'error')?.message).toMatch(
      /cannot read the policy file \.github\/agent-sandbox\.yml at the base commit basesha.*contents: read/,
    );
  });
});

describe('scope: changed', () => {
  // The Gemini CLI of a changed job loads .gemini/settings.json, so a changed-scope run reads it too.
  const files = {
    '.github/workflows/a.yml': yoloJobs(['in-change']),
    '.github/workflows/b.yml': yoloJobs(['elsewhere']),
    '.gemini/settings.json': '{ "tools": { "sandbox": false } }\n',
  };

  it('gates only on deployments in the changed files, reading only them and the files that feed them', async () => {
    suite.api.pullFiles.set(7, ['.github/workflows/a.yml', 'README.md']);
    const r = await run({ workspace: writeRepo(files), inputs: { scope: 'changed' } });
    expect(r.code).toBe(1);
    expect(new Set(fromFiles(r).map((a) => a.properties['file']))).toEqual(new Set(['.github/workflows/a.yml']));
    expect(r.summary).toContain('⚪ outside the change');
    expect(r.summary).toContain('.gemini/settings.json');
    expect(r.summary).not.toMatch(/elsewhere/);
    // The summary says what a changed-scope run did not read, and how to get the full inventory.
    expect(r.summary).toMatch(
      /Scope: 2 files changed by pull request #\S+\. Only these files and the files that feed them facts were read/,
    );
    expect(r.summary).toContain('for the full inventory');
    expect(r.outputs['errors']).toBe('2');
  });

  it('passes when the change touches no agent deployment', async () => {
    suite.api.pullFiles.set(7, ['README.md']);
    const r = await run({ workspace: writeRepo(files), inputs: { scope: 'changed' } });
    expect(r.code).toBe(0);
    expect(r.summary).toContain('No agent deployments in the changed files');
  });

  it('falls back to the whole repository past the API ceiling and says so', async () => {
    suite.api.pullFiles.set(7, ['README.md']);
    const r = await run({
      workspace: writeRepo(files),
      inputs: { scope: 'changed' },
      event: pullRequestEvent({ changedFiles: 4000 }),
    });
    expect(r.code).toBe(1);
    const warning = r.annotations.find((a) => a.name === 'warning' && !a.properties['file']);
    expect(warning?.message).toMatch(
      /fell back to the whole repository: the pull request changes more files than the API lists \(3000\)/,
    );
  });
});

describe('hostile names', () => {
  it('keeps job and file names from forging commands, HTML or mentions in any sink', async () => {
    const hostileFile = '.github/workflows/a,b:c%25 ::x.yml';
    const workspace = writeRepo({
      [hostileFile]: yoloJobs([
        '<img src=x onerror=alert(1)> @octocat',
        'ok\n::error::forged-by-newline',
        '::warning file=x::forged-key',
      ]),
    });
    const r = await run({ workspace, inputs: { 'annotate-passing': 'true' } });
    expect(r.code).toBe(1);
    expect(r.commands.filter((c) => c.message.startsWith('forged'))).toEqual([]);
    expect(r.commands.every((c) => ['error', 'warning', 'notice', 'stop-commands'].includes(c.name))).toBe(true);
    expect(fromFiles(r).every((a) => a.properties['file'] === hostileFile)).toBe(true);

    const comment = suite.api.comments.get(7)![0]!.body;
    const checkSummary =
      suite.api.checkRuns[0]!.updates.at(-1)?.output.summary ?? suite.api.checkRuns[0]!.created.output.summary;
    for (const markdown of [r.summary, comment, checkSummary]) {
      expect(markdown).not.toContain('<img');
      expect(markdown).toContain('&lt;img src=x onerror=alert&#40;1&#41;&gt;');
      expect(markdown).not.toMatch(/@octocat/);
    }
  });
});

describe('events', () => {
  const workspace = () => writeRepo({ '.github/workflows/agents.yml': yoloJobs(['a']) });

  it('push: a check run on the pushed commit, no comment', async () => {
    const r = await run({
      workspace: workspace(),
      eventName: 'push',
      event: {
        after: 'pushsha0',
        before: '0000000000000000000000000000000000000000',
        repository: { full_name: 'octo/repo' },
      },
    });
    expect(r.code).toBe(1);
    expect(suite.api.checkRuns[0]!.created.head_sha).toBe('pushsha0');
    expect(suite.api.requests.some((q) => q.path.includes('/issues/'))).toBe(false);
  });

  it('merge_group: a check run on the queue head, the policy from the queue base', async () => {
    suite.api.contents.set('.github/agent-sandbox.yml@mgbase', 'fail-on: never\n');
    const r = await run({
      workspace: workspace(),
      eventName: 'merge_group',
      event: { merge_group: { head_sha: 'mghead', base_sha: 'mgbase' }, repository: { full_name: 'octo/repo' } },
    });
    expect(r.code).toBe(0);
    expect(suite.api.checkRuns[0]!.created.head_sha).toBe('mghead');
  });

  it.each(['schedule', 'workflow_dispatch'])(
    '%s: a check run on GITHUB_SHA, no comment, policy from the checkout',
    async (eventName) => {
      const r = await run({
        workspace: workspace(),
        eventName,
        event: { repository: { full_name: 'octo/repo' } },
        sha: 'mainsha1',
      });
      expect(r.code).toBe(1);
      expect(suite.api.checkRuns[0]!.created.head_sha).toBe('mainsha1');
      expect(suite.api.requests.some((q) => q.path.includes('/issues/') || q.path.includes('/contents/'))).toBe(false);
    },
  );

  it('pull_request_target: the comment and the check run go to the PR head', async () => {
    const r = await run({ workspace: workspace(), eventName: 'pull_request_target' });
    expect(r.code).toBe(1);
    expect(suite.api.checkRuns[0]!.created.head_sha).toBe(HEAD);
    expect(suite.api.comments.get(7)).toHaveLength(1);
  });
});

describe('files and inputs', () => {
  it('writes SARIF where asked and reports both files as outputs', async () => {
    const workspace = workspace1();
    const r = await run({
      workspace,
      inputs: { 'sarif-file': 'out/results.sarif', comment: 'never', 'check-run': 'false' },
    });
    expect(r.outputs['sarif-file']).toBe(path.join(workspace, 'out/results.sarif'));
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file']!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(report(r).findings.length);
    expect(sarif.runs[0].results).toHaveLength(5);
    expect(suite.api.writes()).toEqual([]);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('rejects an invalid input before scanning, naming it', async () => {
    const r = await run({ workspace: workspace1(), inputs: { scope: 'everything' } });
    expect(r.code).toBe(1);
    expect(r.annotations[0]!.message).toMatch(/input `scope`: expected one of all, changed; got "everything"/);
    expect(suite.api.requests).toEqual([]);
  });

  it('fail-on from the input overrides the policy', async () => {
    const r = await run({ workspace: workspace1(), inputs: { 'fail-on': 'never' } });
    expect(r.code).toBe(0);
    expect(suite.api.checkRuns[0]!.created.conclusion).toBe('success');
  });

  it('reports an invalid policy with its position and does not scan', async () => {
    const workspace = workspace1();
    writeFileSync(path.join(workspace, 'policy.yml'), 'fail-on: sometimes\n');
    const r = await run({ workspace, inputs: { policy: 'policy.yml', 'policy-source': 'head' } });
    expect(r.code).toBe(1);
    expect(r.annotations[0]!.message).toMatch(/policy\.yml:1:\d+/);
    expect(suite.api.checkRuns).toEqual([]);
  });
});

function workspace1(): string {
  return writeRepo({ '.github/workflows/agents.yml': yoloJobs(['a']) });
}
