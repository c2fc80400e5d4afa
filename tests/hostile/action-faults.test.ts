/**
 * The action against a failing GitHub API and failing sinks, in process (no bundle needed): 403,
 * 404, 422, 500/502 with bounded backoff, secondary rate limits with retry-after, connection resets,
 * an unwritable SARIF path or job summary. No finding may be lost: each one still reaches the
 * annotations, the summary, the JSON report or the SARIF, whichever can be written; a secret in a
 * scanned file reaches none of them. Retry waits are recorded instead of slept.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeGitHub } from '../github/fake-api.js';
import { parseCommands, pullRequestEvent, type Command } from '../action/harness.js';
import { tempDir, tempRepo } from './helpers.js';

const recorded = vi.hoisted(() => ({ delays: [] as number[] }));
vi.mock('../../src/github/client.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/github/client.js')>();
  return {
    ...mod,
    createClient: (
      token: string,
      baseUrl: string,
      retry: Partial<import('../../src/github/client.js').RetrySettings> = {},
    ) => mod.createClient(token, baseUrl, { ...retry, sleep: async (ms: number) => void recorded.delays.push(ms) }),
  };
});
const { run } = await import('../../src/action/main.js');

const SECRET = 'sk-ant-api03-' + 'Hx7Kq2Lm9Np4Rs6Tv8Wy1Za3Bc5De7Fg9Hj2Kl4Mn6';
/** Two agent jobs with --yolo on the runner and a literal API key: errors and warnings in every run. */
const WORKFLOW = `on: pull_request
jobs:
  first:
    runs-on: ubuntu-latest
    env:
      ANTHROPIC_API_KEY: ${SECRET}
    steps:
      - run: gemini --yolo -p "fix the bug"
  second:
    runs-on: ubuntu-latest
    steps:
      - run: gemini --yolo -p "fix the tests"
`;

interface InProcessRun {
  code: number;
  stdout: string;
  commands: Command[];
  summary: string;
  outputs: string;
  report: { findings: unknown[] } | null;
  sarif: string | null;
}

const SUMMARY = path.join(tempDir(), 'summary.md'); // @actions/core caches the summary path per process

async function runInProcess(
  apiUrl: string,
  options: { inputs?: Record<string, string>; env?: Record<string, string>; workspace?: string } = {},
): Promise<InProcessRun> {
  const temp = tempDir();
  const workspace = options.workspace ?? tempRepo({ '.github/workflows/agents.yml': WORKFLOW });
  writeFileSync(path.join(temp, 'event.json'), JSON.stringify(pullRequestEvent()));
  writeFileSync(path.join(temp, 'output'), '');
  writeFileSync(SUMMARY, '');
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (/^(INPUT_|GITHUB_|RUNNER_)/.test(key)) delete process.env[key];
  const inputs = { 'github-token': 'ghs_faketoken', 'sarif-file': 'out/results.sarif', ...options.inputs };
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(temp, 'event.json'),
    GITHUB_REPOSITORY: 'octo/repo',
    GITHUB_SHA: 'mergesha0000000000000000000000000000000',
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: SUMMARY,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...options.env,
  });
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  process.exitCode = 0;
  try {
    await run();
  } finally {
    spy.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  const reportFile = path.join(temp, 'agent-sandbox-guard/report.json');
  const sarifFile = path.join(workspace, inputs['sarif-file']);
  return {
    code,
    stdout,
    commands: parseCommands(stdout),
    summary: existsSync(SUMMARY) ? readFileSync(SUMMARY, 'utf8') : '',
    outputs: readFileSync(path.join(temp, 'output'), 'utf8'),
    report: existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : null,
    sarif: existsSync(sarifFile) && statSync(sarifFile).isFile() ? readFileSync(sarifFile, 'utf8') : null,
  };
}

let api: FakeGitHub;
let baseline: InProcessRun;
beforeEach(async () => {
  recorded.delays.length = 0;
  api = await new FakeGitHub().start();
  if (!baseline) {
    const healthy = await new FakeGitHub().start();
    baseline = await runInProcess(healthy.url);
    await healthy.stop();
    recorded.delays.length = 0;
  }
});
afterEach(() => api.stop());

const fileAnnotations = (r: InProcessRun) =>
  r.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.name) && c.properties['file']);
const actionWarnings = (r: InProcessRun) =>
  r.commands.filter((c) => c.name === 'warning' && !c.properties['file']).map((c) => c.message);

/** Every finding reached the sinks that could be written, the run failed on them, and nothing leaked. */
function expectNothingLost(r: InProcessRun, sinks: { sarif?: boolean; summary?: boolean } = {}): void {
  expect(r.code).toBe(1);
  expect(r.stdout).not.toMatch(/internal error/i);
  const findings = baseline.report!.findings;
  expect(findings.length).toBeGreaterThan(3);
  expect(r.report?.findings).toEqual(findings);
  // The action's own warnings take annotation slots; what no longer fits is counted in the overflow notice.
  const shown = fileAnnotations(r).length;
  expect(shown).toBeGreaterThanOrEqual(fileAnnotations(baseline).length - actionWarnings(r).length);
  if (shown < findings.length)
    expect(r.commands.some((c) => c.name === 'notice' && /more/.test(c.message) && !c.properties['file'])).toBe(true);
  if (sinks.sarif !== false) expect(JSON.parse(r.sarif!).runs[0].results).toHaveLength(findings.length);
  if (sinks.summary !== false) expect(r.summary).toMatch(/agent-sandbox-guard/);
  // The runner consumes `::add-mask::` lines (they never reach the log); everything else must not show the secret.
  const logged = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  for (const text of [
    logged,
    r.summary,
    r.outputs,
    JSON.stringify(r.report),
    r.sarif ?? '',
    JSON.stringify(api.requests.map((q) => q.body)),
  ]) {
    expect(text).not.toContain(SECRET.slice(13));
  }
}

describe('the GitHub API fails', () => {
  it('healthy baseline: a check run, a comment, every sink written', () => {
    expect(baseline.code).toBe(1);
    expect(actionWarnings(baseline)).toEqual([]);
    expect(baseline.sarif).not.toBeNull();
  });

  it('403 on every write (a read-only token): one warning naming the permissions', async () => {
    api.readOnly = true;
    const r = await runInProcess(api.url);
    expectNothingLost(r);
    expect(actionWarnings(r)).toEqual([expect.stringMatching(/checks: write.*pull-requests: write/)]);
  });

  it('404 on the check run and the comments', async () => {
    api.failures.push(
      { path: /\/check-runs/, status: 404, times: 99, message: 'Not Found' },
      { path: /\/comments$/, status: 404, times: 99, message: 'Not Found' },
    );
    const r = await runInProcess(api.url);
    expectNothingLost(r);
    expect(actionWarnings(r).join('\n')).toMatch(/check run.*Not Found[\s\S]*comment.*Not Found/);
    expect(recorded.delays).toEqual([]);
  });

  it('422 on the check run (annotations rejected): the comment still goes out', async () => {
    api.failures.push({ method: 'POST', path: /\/check-runs$/, status: 422, times: 99, message: 'Validation Failed' });
    const r = await runInProcess(api.url);
    expectNothingLost(r);
    expect(actionWarnings(r)).toEqual([expect.stringMatching(/check run.*Validation Failed/)]);
    expect(api.comments.get(7)).toHaveLength(1);
  });

  const PUBLISHING = /\/check-runs|\/comments/;

  for (const status of [500, 502]) {
    it(`${status} on every check-run and comment request: bounded retries with doubling backoff, then warnings`, async () => {
      api.failures.push({ path: PUBLISHING, status, times: 999 });
      const r = await runInProcess(api.url);
      expectNothingLost(r);
      const perRequest = [1000, 2000, 4000];
      expect(recorded.delays.length % 3).toBe(0);
      for (let i = 0; i < recorded.delays.length; i += 3) expect(recorded.delays.slice(i, i + 3)).toEqual(perRequest);
      const byRoute = new Map<string, number>();
      for (const q of api.requests)
        byRoute.set(`${q.method} ${q.path}`, (byRoute.get(`${q.method} ${q.path}`) ?? 0) + 1);
      expect(Math.max(...byRoute.values())).toBe(4);
      expect(actionWarnings(r).length).toBeGreaterThan(0);
    });
  }

  it('500 on reading the base policy: fails closed with a clear message, never a pass', async () => {
    api.failures.push({ path: /\/contents\//, status: 500, times: 999 });
    const r = await runInProcess(api.url);
    expect(r.code).toBe(1);
    expect(r.commands.find((c) => c.name === 'error')?.message).toMatch(/cannot read the policy file/);
    expect(recorded.delays).toEqual([1000, 2000, 4000]);
  });

  it('a secondary rate limit: waits as retry-after says, then succeeds', async () => {
    api.failures.push({
      method: 'POST',
      path: /\/check-runs$/,
      status: 403,
      times: 1,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '7' },
    });
    const r = await runInProcess(api.url);
    expectNothingLost(r);
    expect(recorded.delays).toEqual([7000]);
    expect(api.checkRuns).toHaveLength(1);
    expect(actionWarnings(r)).toEqual([]);
  });

  it('a rate limit asking for an hour is not waited out', async () => {
    api.failures.push({
      method: 'POST',
      path: /\/check-runs$/,
      status: 403,
      times: 9,
      message: 'API rate limit exceeded',
      headers: { 'retry-after': '3600' },
    });
    const r = await runInProcess(api.url);
    expectNothingLost(r);
    expect(recorded.delays).toEqual([]);
    expect(actionWarnings(r).length).toBe(1);
  });

  it('connection resets: retried with backoff; a reset that persists ends in a warning', async () => {
    const once = await resettingProxy(api.url, 1);
    const r1 = await runInProcess(once.url);
    await once.close();
    expectNothingLost(r1);
    expect(once.resets).toBe(1);
    expect(recorded.delays).toEqual([1000]);
    expect(actionWarnings(r1)).toEqual([]);

    recorded.delays.length = 0;
    const always = await resettingProxy(api.url, Infinity, PUBLISHING);
    const r2 = await runInProcess(always.url);
    await always.close();
    expectNothingLost(r2);
    expect(actionWarnings(r2).length).toBeGreaterThan(0);
    expect(recorded.delays.slice(0, 3)).toEqual([1000, 2000, 4000]);
  });
});

describe('a sink cannot be written', () => {
  it('the SARIF path is unwritable: annotations, summary, JSON and the API still get every finding', async () => {
    const workspace = tempRepo({
      '.github/workflows/agents.yml': WORKFLOW,
      'out/results.sarif/blocker': 'a folder where the file should go',
    });
    const r = await runInProcess(api.url, { workspace });
    expectNothingLost(r, { sarif: false });
    expect(api.checkRuns).toHaveLength(1);
  });

  it('the job summary is unwritable: annotations, JSON and SARIF still get every finding', async () => {
    mkdirSync(SUMMARY + '.dir', { recursive: true });
    const r = await runInProcess(api.url, { env: { GITHUB_STEP_SUMMARY: SUMMARY + '.dir' } });
    expectNothingLost(r, { summary: false });
  });
});

describe('secrets in scanned files', () => {
  it('are masked for the runner with ::add-mask:: before anything else is printed', async () => {
    const r = await runInProcess(api.url);
    const masks = r.commands.filter((c) => c.name === 'add-mask').map((c) => c.message);
    expect(masks).toContain(SECRET);
    expect(r.stdout.indexOf('::add-mask::')).toBe(r.stdout.search(/::[a-z-]+/));
  });

  it('are never steered into blanking the workflow’s path, a rule id or the tool’s name', async () => {
    // Values under secret-looking names that are not credentials, each of them text the tool prints.
    const steered = WORKFLOW.replace(
      `      ANTHROPIC_API_KEY: ${SECRET}\n`,
      [
        `      ANTHROPIC_API_KEY: ${SECRET}`,
        '      PATH_TOKEN: .github/workflows/agents.yml',
        '      RULE_TOKEN: approval-bypassed',
        '      NAME_SECRET: agent-sandbox-guard',
        '      JOB_PASSWORD: first-job-0001',
        '',
      ].join('\n'),
    );
    const r = await runInProcess(api.url, { workspace: tempRepo({ '.github/workflows/agents.yml': steered }) });
    const masks = r.commands.filter((c) => c.name === 'add-mask').map((c) => c.message);
    expect(masks).toEqual([SECRET]);
    expect(r.stdout).toContain('.github/workflows/agents.yml');
  });
});

/** A proxy to `target` that drops the connection of the first `resets` requests whose path matches `only`. */
async function resettingProxy(
  target: string,
  resets: number,
  only = /./,
): Promise<{ url: string; resets: number; close(): Promise<void> }> {
  const state = { url: '', resets: 0, close: async () => undefined as void };
  const server: Server = createServer((req, res) => {
    if (state.resets < resets && only.test(req.url ?? '')) {
      state.resets += 1;
      req.socket.destroy();
      return;
    }
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

describe('hostile names through the whole action', () => {
  it('forge no command in the log, no HTML, link or mention in the summary, comment or check run', async () => {
    const jobs = [
      '<img src=x onerror=alert(1)> @octocat',
      'ok\n::error::forged-by-newline',
      '::set-env name=NODE_OPTIONS::--require=/tmp/x',
      '[x](https://evil.example) `code` | pipe |',
    ];
    const file = '.github/workflows/a,b:c%25 ::x.yml';
    const workflow = `on: pull_request\njobs:\n${jobs.map((j) => `  ${JSON.stringify(j)}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "x"\n`).join('')}`;
    const r = await runInProcess(api.url, {
      workspace: tempRepo({ [file]: workflow }),
      inputs: { comment: 'always', 'annotate-passing': 'true' },
    });
    expect(r.code).toBe(1);
    expect(
      r.commands.map((c) => c.name).every((n) => ['error', 'warning', 'notice', 'add-mask', 'set-output'].includes(n)),
    ).toBe(true);
    expect(r.commands.filter((c) => /forged|NODE_OPTIONS/.test(c.message) && !c.properties['file'])).toEqual([]);
    expect(fileAnnotations(r).length).toBeGreaterThan(0);
    expect(fileAnnotations(r).every((a) => a.properties['file'] === file)).toBe(true);
    const checkRun = api.checkRuns[0]!;
    const markdown = [
      r.summary,
      api.comments.get(7)![0]!.body,
      checkRun.updates.at(-1)?.output?.summary ?? checkRun.created.output.summary,
    ];
    for (const md of markdown) {
      expect(md).toContain('&lt;img src=x onerror=alert&#40;1&#41;&gt;');
      expect(md).not.toMatch(/<img|\]\(https:\/\/evil|(^|[^\u200b])@octocat/);
    }
  });
});
