/** github/*: the REST client's retries, check runs, the sticky comment, changed files and contents, against the fake API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_REQUEST, publishCheckRun, toCheckAnnotation } from '../../src/github/checks.js';
import { listChangedFiles } from '../../src/github/changed-files.js';
import { createClient, isPermissionDenied, retryDelay, type GitHubClient } from '../../src/github/client.js';
import { upsertStickyComment } from '../../src/github/comments.js';
import { readContent } from '../../src/github/contents.js';
import type { Annotation } from '../../src/report/annotations.js';
import { FakeGitHub } from './fake-api.js';

let api: FakeGitHub;
let client: GitHubClient;
const waits: number[] = [];
const repo = { owner: 'o', repo: 'r' };

beforeEach(async () => {
  api = await new FakeGitHub().start();
  waits.length = 0;
  client = createClient('test-token', api.url, { baseDelayMs: 10, sleep: async (ms) => void waits.push(ms) });
});
afterEach(() => api.stop());

const annotation = (i: number): Annotation => ({
  level: i % 2 ? 'warning' : 'error',
  message: `finding ${i}`,
  title: 'rule',
  file: 'a.yml',
  line: i + 1,
  endLine: i + 1,
  column: 2,
  endColumn: 5,
});

describe('client', () => {
  it('sends the token and retries a 500 with backoff, then succeeds', async () => {
    api.failures.push({ path: /check-runs$/, status: 500, times: 2 });
    await publishCheckRun(client, {
      ...repo,
      name: 'n',
      headSha: 'abc',
      conclusion: 'success',
      title: 't',
      summary: 's',
      annotations: [],
    });
    expect(api.requests.filter((r) => r.path.endsWith('/check-runs'))).toHaveLength(3);
    expect(api.requests[0]!.headers.authorization).toBe('token test-token');
    expect(waits).toEqual([10, 20]);
  });

  it('gives up after the bounded number of retries', async () => {
    api.failures.push({ path: /check-runs$/, status: 502, times: 10 });
    await expect(
      publishCheckRun(client, {
        ...repo,
        name: 'n',
        headSha: 'abc',
        conclusion: 'success',
        title: 't',
        summary: 's',
        annotations: [],
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(api.requests).toHaveLength(4);
  });

  it('waits out a secondary rate limit as retry-after says, and does not retry a permission error', async () => {
    api.failures.push({
      path: /comments$/,
      method: 'POST',
      status: 403,
      times: 1,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '2' },
    });
    await upsertStickyComment(client, {
      ...repo,
      issueNumber: 1,
      marker: '<!-- m -->',
      body: '<!-- m -->\nx',
      create: true,
    });
    expect(waits).toEqual([2000]);

    api.readOnly = true;
    const error = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 2,
      marker: '<!-- m -->',
      body: '<!-- m -->\ny',
      create: true,
    }).catch((e: unknown) => e);
    expect(isPermissionDenied(error)).toBe(true);
    expect(waits).toEqual([2000]);
  });

  it('computes delays: backoff for 5xx, retry-after and reset for rate limits, none past the cap', () => {
    const settings = { retries: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };
    const err = (status: number, headers: Record<string, string> = {}, message = '') => ({
      status,
      response: { headers, data: { message } },
    });
    expect(retryDelay(err(503), 0, settings)).toBe(1000);
    expect(retryDelay(err(503), 2, settings)).toBe(4000);
    expect(retryDelay(err(503), 3, settings)).toBeNull();
    expect(retryDelay(err(404), 0, settings)).toBeNull();
    expect(retryDelay(err(403, {}, 'Resource not accessible by integration'), 0, settings)).toBeNull();
    expect(retryDelay(err(429, { 'retry-after': '5' }), 0, settings)).toBe(5000);
    expect(retryDelay(err(403, { 'retry-after': '3600' }), 0, settings)).toBeNull();
    expect(
      retryDelay(err(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1010' }), 0, settings, 1_000_000),
    ).toBe(10_000);
  });
});

describe('check runs', () => {
  it('creates the run with the first 50 annotations, appends the rest 50 at a time, and concludes last', async () => {
    const annotations = Array.from({ length: 120 }, (_, i) => annotation(i));
    const { requests } = await publishCheckRun(client, {
      ...repo,
      name: 'agent-sandbox-guard',
      headSha: 'headsha',
      conclusion: 'failure',
      title: 'T',
      summary: 'S',
      annotations,
    });
    expect(requests).toBe(3);
    const [run] = api.checkRuns;
    expect(run!.created).toMatchObject({ name: 'agent-sandbox-guard', head_sha: 'headsha', status: 'in_progress' });
    expect(run!.created.output.annotations).toHaveLength(ANNOTATIONS_PER_REQUEST);
    expect(run!.updates.map((u) => u.output.annotations.length)).toEqual([50, 20]);
    expect(run!.updates[0].conclusion).toBeUndefined();
    expect(run!.updates[1]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const all = [run!.created, ...run!.updates].flatMap((b) => b.output.annotations);
    expect(all.map((a: { message: string }) => a.message)).toEqual(annotations.map((a) => a.message));
  });

  it('concludes in one request when everything fits', async () => {
    await publishCheckRun(client, {
      ...repo,
      name: 'n',
      headSha: 'h',
      conclusion: 'success',
      title: 'All pass',
      summary: 'S',
      annotations: [annotation(0)],
    });
    expect(api.checkRuns[0]!.created).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'All pass' },
    });
    expect(api.checkRuns[0]!.updates).toEqual([]);
  });

  it('maps levels and drops columns on multi-line ranges', () => {
    expect(
      toCheckAnnotation({ level: 'error', message: 'm', file: 'f', line: 3, endLine: 4, column: 1, endColumn: 2 }),
    ).toEqual({ path: 'f', start_line: 3, end_line: 4, annotation_level: 'failure', message: 'm' });
    expect(
      toCheckAnnotation({
        level: 'notice',
        message: 'm',
        file: 'f',
        line: 3,
        endLine: 3,
        column: 4,
        endColumn: 9,
        title: 't',
      }),
    ).toMatchObject({ annotation_level: 'notice', start_column: 4, end_column: 9, title: 't' });
    expect(toCheckAnnotation({ level: 'notice', message: 'no file' })).toBeNull();
  });
});

describe('sticky comment', () => {
  const marker = '<!-- agent-sandbox-guard:sticky-comment -->';

  it('creates once, then finds it on a later page and updates it in place, and skips an unchanged body', async () => {
    api.comments.set(
      7,
      Array.from({ length: 230 }, (_, i) => ({
        id: i + 1,
        body: `chatter ${i}`,
        user: { login: 'someone', type: 'User' },
      })),
    );
    const first = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 7,
      marker,
      body: `${marker}\nrun 1`,
      create: true,
    });
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 7,
      marker,
      body: `${marker}\nrun 2`,
      create: true,
    });
    expect(second).toEqual({ action: 'updated', id: first.id });
    const third = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 7,
      marker,
      body: `${marker}\nrun 2`,
      create: true,
    });
    expect(third.action).toBe('unchanged');
    const ours = api.comments.get(7)!.filter((c) => c.body.startsWith(marker));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toBe(`${marker}\nrun 2`);
    // three listings of three pages each (230 earlier comments + ours)
    expect(api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'))).toHaveLength(9);
  });

  it('never takes over a user comment that quotes the marker', async () => {
    api.comments.set(3, [{ id: 1, body: `${marker}\nforged by a user`, user: { login: 'mallory', type: 'User' } }]);
    const result = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 3,
      marker,
      body: `${marker}\nreal`,
      create: true,
    });
    expect(result.action).toBe('created');
    expect(api.comments.get(3)![0]!.body).toBe(`${marker}\nforged by a user`);
  });

  it('never takes over a marked comment by another bot that echoes user text', async () => {
    api.bot = 'my-app[bot]';
    api.comments.set(6, [
      { id: 1, body: `${marker}\nechoed by another bot`, user: { login: 'echo-bot[bot]', type: 'Bot' } },
      { id: 2, body: `${marker}\nours`, user: { login: 'my-app[bot]', type: 'Bot' } },
    ]);
    const result = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 6,
      marker,
      body: `${marker}\nnew`,
      create: true,
    });
    expect(result).toEqual({ action: 'updated', id: 2 });
    expect(api.comments.get(6)![0]!.body).toBe(`${marker}\nechoed by another bot`);
    expect(api.requests.some((r) => r.path === '/graphql')).toBe(true);
  });

  it('without any way to ask who it is, takes only the workflow bot as itself', async () => {
    api.bot = null;
    api.comments.set(8, [{ id: 1, body: `${marker}\nechoed`, user: { login: 'echo-bot[bot]', type: 'Bot' } }]);
    const result = await upsertStickyComment(client, {
      ...repo,
      issueNumber: 8,
      marker,
      body: `${marker}\nx`,
      create: true,
    });
    expect(result.action).toBe('created');
    expect(api.comments.get(8)!.map((c) => c.user.login)).toEqual(['echo-bot[bot]', 'github-actions[bot]']);
  });

  it('recognises its own comment under a personal token', async () => {
    api.viewer = 'release-bot-user';
    api.comments.set(4, [{ id: 1, body: `${marker}\nold`, user: { login: 'release-bot-user', type: 'User' } }]);
    expect(
      await upsertStickyComment(client, { ...repo, issueNumber: 4, marker, body: `${marker}\nnew`, create: true }),
    ).toEqual({ action: 'updated', id: 1 });
  });

  it('only updates when asked not to create', async () => {
    expect(
      await upsertStickyComment(client, { ...repo, issueNumber: 5, marker, body: `${marker}\nx`, create: false }),
    ).toEqual({ action: 'skipped', id: null });
    expect(api.writes()).toEqual([]);
  });
});

describe('changed files and contents', () => {
  it('lists every page of changed files', async () => {
    api.pullFiles.set(
      9,
      Array.from({ length: 250 }, (_, i) => `f${String(i).padStart(3, '0')}.yml`),
    );
    const changed = await listChangedFiles(client, { ...repo, pullNumber: 9, changedFiles: 250 });
    expect(changed.files).toHaveLength(250);
    expect(changed.truncated).toBe(false);
    expect(api.requests.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
  });

  it('marks the list truncated at the 3,000-file ceiling or when the PR says it changes more', async () => {
    api.pullFiles.set(
      1,
      Array.from({ length: 3000 }, (_, i) => `f${i}`),
    );
    expect((await listChangedFiles(client, { ...repo, pullNumber: 1 })).truncated).toBe(true);
    api.pullFiles.set(2, ['a']);
    expect((await listChangedFiles(client, { ...repo, pullNumber: 2, changedFiles: 2 })).truncated).toBe(true);
  });

  it('reads a file at a ref, and null when it does not exist', async () => {
    api.contents.set('.github/agent-sandbox.yml@base1', 'fail-on: warning\n');
    expect(await readContent(client, { ...repo, path: '.github/agent-sandbox.yml', ref: 'base1' })).toBe(
      'fail-on: warning\n',
    );
    expect(await readContent(client, { ...repo, path: '.github/agent-sandbox.yml', ref: 'other' })).toBeNull();
  });
});
