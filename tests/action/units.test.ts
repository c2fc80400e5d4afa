/** action/*: inputs, run context, git plumbing, base-policy resolution, changed-file scope and policy diffs, without the bundle. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunContext, type RunContext } from '../../src/action/context.js';
import { changedBetween, hasCommit, showFile } from '../../src/github/git.js';
import { readInputs, type Inputs } from '../../src/action/inputs.js';
import { describeProposal, diffPolicies } from '../../src/action/policy-diff.js';
import { policySource, resolvePolicy } from '../../src/action/policy.js';
import { changedScope } from '../../src/action/scope.js';
import { UserError } from '../../src/errors.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { pullRequestEvent, writeRepo } from './harness.js';

const inputs = (values: Record<string, string> = {}): Inputs => readInputs((name) => values[name] ?? '');

describe('inputs', () => {
  it('applies defaults for empty inputs and leaves fail-on to the policy', () => {
    expect(inputs({ 'github-token': 't' })).toEqual({
      'github-token': 't',
      policy: '',
      'policy-source': null,
      'fail-on': null,
      scope: 'all',
      comment: 'on-failure',
      'check-run': true,
      'sarif-file': '',
      'annotate-passing': false,
      suggestions: null,
    });
  });

  it('accepts any case and parses a remote policy source', () => {
    const parsed = inputs({
      scope: 'Changed',
      'check-run': 'FALSE',
      'fail-on': 'Warning',
      'policy-source': 'acme/policies/agents/strict.yml@v2',
    });
    expect(parsed).toMatchObject({
      scope: 'changed',
      'check-run': false,
      'fail-on': 'warning',
      'policy-source': { kind: 'remote', owner: 'acme', repo: 'policies', path: 'agents/strict.yml', ref: 'v2' },
    });
    expect(inputs({ 'policy-source': ' HEAD ' })['policy-source']).toEqual({ kind: 'head' });
  });

  it('names every invalid input at once', () => {
    try {
      inputs({ scope: 'some', comment: 'loud', 'policy-source': 'elsewhere' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const messages = (error as UserError).details.map((d) => d.message);
      expect(messages).toEqual([
        'input `policy-source`: expected base, head, or OWNER/REPO/PATH@REF; got "elsewhere"',
        'input `scope`: expected one of all, changed; got "some"',
        'input `comment`: expected one of always, on-failure, never; got "loud"',
      ]);
    }
  });
});

function context(event: unknown, eventName: string, extra: NodeJS.ProcessEnv = {}): RunContext {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'asg-ctx-')), 'event.json');
  writeFileSync(file, JSON.stringify(event));
  return readRunContext(
    {
      GITHUB_EVENT_PATH: file,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_REPOSITORY: 'octo/repo',
      GITHUB_SHA: 'envsha',
      GITHUB_RUN_ID: '9',
      ...extra,
    },
    '/work',
  );
}

describe('run context', () => {
  it('reports a pull request on its head, not the merge commit, and knows a fork', () => {
    const ctx = context(pullRequestEvent({ fork: true, changedFiles: 3 }), 'pull_request');
    expect(ctx).toMatchObject({
      sha: 'headsha00000000000000000000000000000000',
      baseSha: 'basesha00000000000000000000000000000000',
      pull: { number: 7, fromFork: true, changedFiles: 3 },
    });
    expect(ctx.runUrl).toBe('https://github.com/octo/repo/actions/runs/9');
    expect(context(pullRequestEvent(), 'pull_request').pull?.fromFork).toBe(false);
  });

  it('takes the queue head and base for merge_group, before/after for push, GITHUB_SHA otherwise', () => {
    expect(context({ merge_group: { head_sha: 'h', base_sha: 'b' } }, 'merge_group')).toMatchObject({
      sha: 'h',
      baseSha: 'b',
      pull: null,
    });
    expect(context({ after: 'a1', before: 'b1' }, 'push')).toMatchObject({ sha: 'a1', baseSha: 'b1' });
    expect(context({ after: 'a1', before: '0000000000000000000000000000000000000000' }, 'push').baseSha).toBeNull();
    expect(context({}, 'schedule')).toMatchObject({ sha: 'envsha', baseSha: null, pull: null });
  });

  it('refuses to run without a repository', () => {
    expect(() => readRunContext({}, '/w')).toThrow(UserError);
  });

  it('reads the policy from the base on pull requests and merge queues, the checkout elsewhere', () => {
    expect(policySource(inputs(), context(pullRequestEvent(), 'pull_request'))).toEqual({ kind: 'base' });
    expect(policySource(inputs(), context({ merge_group: { head_sha: 'h', base_sha: 'b' } }, 'merge_group'))).toEqual({
      kind: 'base',
    });
    expect(policySource(inputs(), context({ after: 'a', before: 'b' }, 'push'))).toEqual({ kind: 'head' });
    expect(policySource(inputs({ 'policy-source': 'head' }), context(pullRequestEvent(), 'pull_request'))).toEqual({
      kind: 'head',
    });
  });
});

/** A git repository whose base commit holds `base` files and whose head commit holds `head` files. */
function gitRepo(
  base: Record<string, string>,
  head: Record<string, string>,
): { root: string; baseSha: string; headSha: string } {
  const root = writeRepo(base);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  const baseSha = git('rev-parse', 'HEAD');
  writeRepo(head, root);
  git('add', '-A');
  git('commit', '-qm', 'head');
  return { root, baseSha, headSha: git('rev-parse', 'HEAD') };
}

describe('git plumbing and the base policy from git', () => {
  const repo = gitRepo(
    { '.github/agent-sandbox.yml': 'fail-on: warning\n', 'a.yml': 'a: 1\n' },
    {
      '.github/agent-sandbox.yml': 'fail-on: never\nextends: ./extra.yml\n',
      'extra.yml': 'rules:\n  sandbox-required: off\n',
      'b.yml': 'b: 1\n',
    },
  );

  it('shows files at a commit and lists what changed since the merge base', () => {
    expect(hasCommit(repo.root, repo.baseSha)).toBe(true);
    expect(hasCommit(repo.root, 'deadbeef')).toBe(false);
    expect(showFile(repo.root, repo.baseSha, '.github/agent-sandbox.yml')).toBe('fail-on: warning\n');
    expect(showFile(repo.root, repo.baseSha, 'b.yml')).toBeNull();
    expect(changedBetween(repo.root, repo.baseSha, repo.headSha)?.sort()).toEqual([
      '.github/agent-sandbox.yml',
      'b.yml',
      'extra.yml',
    ]);
  });

  it('judges by the base policy read from git and describes the head edit', async () => {
    const ctx: RunContext = {
      ...context(pullRequestEvent({ base: repo.baseSha, head: repo.headSha }), 'pull_request'),
      workspace: repo.root,
    };
    const resolved = await resolvePolicy(inputs(), ctx, null);
    expect(resolved.policy.failOn).toBe('warning');
    expect(resolved.policy.source).toBe(`.github/agent-sandbox.yml at ${repo.baseSha.slice(0, 7)}`);
    expect(resolved.proposed?.file).toBe('.github/agent-sandbox.yml');
    expect(resolved.proposed?.policy?.failOn).toBe('never');
    expect(resolved.proposed?.policy?.rules['sandbox-required']).toEqual(expect.objectContaining({ severity: 'off' }));
  });

  it('scopes to the files changed since the base when the API is not available', async () => {
    const ctx: RunContext = {
      ...context(pullRequestEvent({ base: repo.baseSha, head: repo.headSha }), 'pull_request'),
      workspace: repo.root,
    };
    const scope = await changedScope(ctx, null);
    expect(scope.fellBack).toBe(false);
    expect([...scope.files!].sort()).toEqual(['.github/agent-sandbox.yml', 'b.yml', 'extra.yml']);
    expect(scope.note).toMatch(/git diff, because there is no token/);
  });

  it('falls back to everything, saying why, when neither the API nor git can answer', async () => {
    const scope = await changedScope({ ...context({}, 'schedule'), workspace: repo.root }, null);
    expect(scope).toMatchObject({ files: undefined, fellBack: true });
    expect(scope.note).toMatch(/a schedule run has no base commit/);
  });
});

describe('policy diff', () => {
  it('lists changed settings by their policy-file names', () => {
    const base = defaultPolicy();
    const head = {
      ...base,
      failOn: 'never' as const,
      exclude: ['vendor/**'],
      rules: { ...base.rules, 'limits-required': 'off' as const },
    };
    expect(diffPolicies(base, head)).toEqual([
      { setting: 'exclude', before: '[]', after: '["vendor/**"]' },
      { setting: 'fail-on', before: '"error"', after: '"never"' },
      { setting: 'rules.limits-required', before: '(unset)', after: '"off"' },
    ]);
    expect(diffPolicies(base, { ...base, source: 'elsewhere' })).toEqual([]);
  });

  it('words the notice: what judged, what would change, what the verdict would be', () => {
    const text = describeProposal({
      file: 'p.yml',
      origin: 'the policy at the base commit abc1234',
      changes: [{ setting: 'fail-on', before: '"error"', after: '"never"' }],
      error: null,
      wouldBe: { result: 'pass', errors: 0, warnings: 1 },
      actual: { result: 'fail', errors: 3, warnings: 1 },
    });
    expect(text).toBe(
      'This pull request changes the policy `p.yml`; it is judged by the policy at the base commit abc1234, and the change applies once merged. The change would set `fail-on` "error" → "never". Under it this run would pass with 0 errors and 1 warning (now: fail, 3 errors, 1 warning).',
    );
    expect(
      describeProposal({
        file: 'p.yml',
        origin: 'x',
        changes: null,
        error: 'p.yml:1:1: bad',
        wouldBe: null,
        actual: { result: 'fail', errors: 1, warnings: 0 },
      }),
    ).toContain('The proposed policy does not load: p.yml:1:1: bad');
  });
});

describe('policy files the pull request controls', () => {
  it('refuses a policy that links out of the checkout, and never shows what it points at', async () => {
    const outside = writeRepo({ 'secret.txt': 'fail-on: never\nTOKEN-FROM-OUTSIDE\n' });
    const root = writeRepo({ 'a.yml': 'a: 1\n' });
    mkdirSync(path.join(root, '.github'), { recursive: true });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, '.github/agent-sandbox.yml'));
    const ctx: RunContext = { ...context({}, 'schedule'), workspace: root };
    const error = await resolvePolicy(inputs(), ctx, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(String((error as Error).message)).toMatch(/cannot read the policy file/);
    expect(JSON.stringify(error)).not.toContain('TOKEN-FROM-OUTSIDE');
  });

  it('reports a proposed policy that links out as not loading, judged by the base meanwhile', async () => {
    const repo = gitRepo({ '.github/agent-sandbox.yml': 'fail-on: warning\n' }, { 'b.yml': 'b: 1\n' });
    const outside = writeRepo({ 'p.yml': 'fail-on: never\n' });
    rmSync(path.join(repo.root, '.github/agent-sandbox.yml'));
    symlinkSync(path.join(outside, 'p.yml'), path.join(repo.root, '.github/agent-sandbox.yml'));
    const ctx: RunContext = {
      ...context(pullRequestEvent({ base: repo.baseSha, head: repo.headSha }), 'pull_request'),
      workspace: repo.root,
    };
    const resolved = await resolvePolicy(inputs(), ctx, null);
    expect(resolved.policy.failOn).toBe('warning');
    expect(resolved.proposed).toMatchObject({
      file: '.github/agent-sandbox.yml',
      policy: null,
      error: expect.stringMatching(/cannot read the policy file/),
    });
  });
});
