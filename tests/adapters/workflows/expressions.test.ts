/** workflows/expressions: untrusted contexts, PR-head refs, never-run conditions and actor gates. */
import { describe, expect, it } from 'vitest';
import {
  expressionsIn,
  gatesActor,
  namesPullRequestHead,
  neverRuns,
  prCheckoutCommand,
  untrustedContext,
} from '../../../src/adapters/workflows/expressions.js';

describe('untrusted contexts', () => {
  it('names text an outsider writes and leaves numbers, logins and SHAs alone', () => {
    for (const body of [
      'github.event.issue.body',
      'github.event.pull_request.title',
      'github.event.comment.body',
      'github.head_ref',
      'github.event.review.body',
      'github.event.head_commit.message',
      'github.event.workflow_run.head_branch',
      'toJSON(github.event.commits.*.message)',
    ]) {
      expect(untrustedContext(body), body).not.toBeNull();
    }
    for (const body of [
      'github.event.issue.number',
      'github.event.pull_request.head.sha',
      'github.actor',
      'github.event.comment.user.login',
      'github.repository',
    ]) {
      expect(untrustedContext(body), body).toBeNull();
    }
  });

  it('finds every expression with its offset', () => {
    const text = 'a ${{ github.event.issue.title }} b ${{github.sha}}';
    expect(expressionsIn(text).map((e) => [e.body, e.start])).toEqual([
      ['github.event.issue.title', 2],
      ['github.sha', 36],
    ]);
  });
});

describe('pull-request code', () => {
  it('recognises head refs and PR checkout commands', () => {
    for (const ref of [
      '${{ github.event.pull_request.head.sha }}',
      '${{ github.head_ref }}',
      'refs/pull/${{ github.event.number }}/merge',
      '${{ steps.meta.outputs.head_sha }}',
      '${{ github.event.pull_request.head.repo.full_name }}',
    ]) {
      expect(namesPullRequestHead(ref), ref).toBe(true);
    }
    expect(namesPullRequestHead('${{ github.event.pull_request.base.sha }}')).toBe(false);
    expect(prCheckoutCommand('gh pr checkout 12')).toBe('gh pr checkout');
    expect(prCheckoutCommand('git checkout "$GITHUB_HEAD_REF"')).not.toBeNull();
    expect(prCheckoutCommand('git fetch origin +refs/pull/1/head')).toBeNull();
  });
});

describe('neverRuns', () => {
  it('accepts the spellings of false only', () => {
    expect([false, 'false', '${{ false }}', ' false ', '${{false}}'].map(neverRuns)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['always()', true, undefined, 'github.event_name == false'].map(neverRuns)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('runs a condition with text around its expression, which is a non-empty string', () => {
    // A quoted trailing space or the newline a block scalar keeps makes the condition a truthy string.
    expect(['${{ false }} ', ' ${{false}}', '${{ false }}\n', '${{ false }} && ${{ false }}'].map(neverRuns)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('gatesActor', () => {
  const outsiders = new Set(['issues', 'issue_comment']);
  const gated = (condition: string): boolean => gatesActor(condition, outsiders);

  it('accepts association, actor, permission and trusted-event checks', () => {
    expect(gated('contains(fromJSON(\'["OWNER","MEMBER"]\'), github.event.comment.author_association)')).toBe(true);
    expect(gated("github.actor == 'alice'")).toBe(true);
    expect(gated("contains(format(',{0},', inputs.users), format(',{0},', github.actor))")).toBe(true);
    expect(
      gated("github.event_name == 'workflow_dispatch' || github.event.comment.author_association == 'OWNER'"),
    ).toBe(true);
    expect(gated("${{ github.event.label.name == 'agent' }}")).toBe(true);
    expect(gated('contains(fromJSON(vars.AGENT_USERS), github.actor)')).toBe(true);
    expect(gated("contains('OWNER,MEMBER,COLLABORATOR', github.event.comment.author_association)")).toBe(true);
    expect(gated("contains(fromJSON('[\"OWNER\"]'), github.event['comment']['author_association'])")).toBe(true);
  });

  it('refuses checks that let outsiders through', () => {
    expect(gated('contains(github.event.comment.body, github.actor)')).toBe(false);
    expect(gated('contains(steps.meta.outputs.text, github.actor)')).toBe(false);
    expect(gated('github.event.comment.author_association')).toBe(false);
    expect(gated("github.event.comment.author_association == 'NONE'")).toBe(false);
    // A list that also names people without write access lets them through.
    expect(
      gated('contains(fromJSON(\'["OWNER","MEMBER","CONTRIBUTOR"]\'), github.event.comment.author_association)'),
    ).toBe(false);
    expect(gated("contains('OWNER,FIRST_TIME_CONTRIBUTOR', github.event.comment.author_association)")).toBe(false);
    expect(gated("${{ github.event.comment.author_association == 'OWNER' }} ")).toBe(false);
    expect(gated("${{ github.event.comment.author_association == 'OWNER' }}\n")).toBe(false);
  });

  it('needs every way through an || to be gated, and one side of an &&', () => {
    expect(gated("github.event_name == 'issues' || github.event.comment.author_association == 'MEMBER'")).toBe(false);
    expect(
      gated("contains(github.event.comment.body, '@bot') && github.event.comment.author_association == 'MEMBER'"),
    ).toBe(true);
    expect(
      gated(
        "(github.event_name == 'issue_comment' && contains(github.event.comment.body, '/fix')) || github.event_name == 'push'",
      ),
    ).toBe(false);
  });

  it('rejects negations, bot names and mentions', () => {
    expect(gated("github.event.comment.user.login != 'github-actions[bot]'")).toBe(false);
    expect(gated("github.actor == 'dependabot[bot]'")).toBe(false);
    expect(gated("!contains(github.event.comment.author_association, 'NONE')")).toBe(false);
    expect(gated("contains(github.event.comment.body, '@claude')")).toBe(false);
    expect(gatesActor(undefined, outsiders)).toBe(false);
  });

  it('judges a condition for one event: a branch that needs another event does not let it through', () => {
    // google-gemini/gemini-cli gemini-automated-issue-dedup.yml: issue_comment is gated, issues is not.
    const condition =
      "github.event_name == 'issues' || (github.event_name == 'issue_comment' && github.event.comment.author_association == 'OWNER')";
    expect(gatesActor(condition, outsiders)).toBe(false);
    expect(gatesActor(condition, outsiders, 'issue_comment')).toBe(true);
    expect(gatesActor(condition, outsiders, 'issues')).toBe(false);
  });
});

describe('untrustedContext in other spellings', () => {
  it('reads bracket properties and whole event objects', () => {
    expect(untrustedContext("github.event['issue']['body']")).toBe('github.event.issue.body');
    expect(untrustedContext('github.event["comment"]["body"]')).toBe('github.event.comment.body');
    expect(untrustedContext('toJSON(github.event)')).toBe('github.event');
    expect(untrustedContext('toJSON( github.event.pull_request )')).toBe('github.event.pull_request');
    expect(untrustedContext('github.event.issue')).toBe('github.event.issue');
    expect(untrustedContext("github.repository == 'github/docs'")).toBeNull();
    expect(untrustedContext('toJSON(github.event.issue.number)')).toBeNull();
  });
});
