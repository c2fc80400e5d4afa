/**
 * What the run is about, read from the runner's environment and the event payload: the repository,
 * the commit to report on (a pull request's head, not its merge commit), the base commit the policy
 * and the diff come from, and the pull request, if any.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { get } from '../util/json.js';

export interface PullRequest {
  number: number;
  headSha: string;
  baseSha: string;
  /** The head lives in another repository: its token is read-only. */
  fromFork: boolean;
  /** How many files GitHub says the pull request changes. */
  changedFiles?: number;
  /** Who opened it: never an approver of its own suppressions. */
  author?: string;
}

export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  /** The commit findings are reported on (check run, links). */
  sha: string;
  /** The commit the policy is read from and changes are measured against, when the event has one. */
  baseSha: string | null;
  pull: PullRequest | null;
  workspace: string;
  runnerTemp: string;
  runUrl: string | undefined;
}

/** Events about a pull request; `pull_request_review` re-runs the check when an approver approves. */
export const PULL_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);
const NULL_SHA = /^0+$/;

export function readRunContext(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunContext {
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? str(get(payload, ['repository', 'full_name'])) ?? '').split('/');
  if (!owner || !repo)
    throw new UserError(
      'GITHUB_REPOSITORY is not set; run this action inside GitHub Actions (or set it to owner/repo)',
    );
  const serverUrl = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');

  const pull = PULL_EVENTS.has(eventName) ? pullRequest(payload) : null;
  const mergeGroup = eventName === 'merge_group' ? get(payload, ['merge_group']) : undefined;
  const sha =
    pull?.headSha ??
    str(get(mergeGroup, ['head_sha'])) ??
    (eventName === 'push' ? str(get(payload, ['after'])) : undefined) ??
    env['GITHUB_SHA'] ??
    '';
  const before = eventName === 'push' ? str(get(payload, ['before'])) : undefined;
  const baseSha =
    pull?.baseSha ?? str(get(mergeGroup, ['base_sha'])) ?? (before && !NULL_SHA.test(before) ? before : null);
  const runId = env['GITHUB_RUN_ID'];

  return {
    eventName,
    owner,
    repo,
    serverUrl,
    apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
    sha,
    baseSha: baseSha ?? null,
    pull,
    workspace: path.resolve(env['GITHUB_WORKSPACE'] ?? cwd),
    runnerTemp: env['RUNNER_TEMP'] ?? tmpdir(),
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
  };
}

function pullRequest(payload: unknown): PullRequest | null {
  const pr = get(payload, ['pull_request']);
  const number = get(pr, ['number']) ?? get(payload, ['number']);
  const headSha = str(get(pr, ['head', 'sha']));
  const baseSha = str(get(pr, ['base', 'sha']));
  if (typeof number !== 'number' || !headSha || !baseSha) return null;
  const headRepo = str(get(pr, ['head', 'repo', 'full_name']));
  const baseRepo = str(get(pr, ['base', 'repo', 'full_name'])) ?? str(get(payload, ['repository', 'full_name']));
  const changed = get(pr, ['changed_files']);
  const author = str(get(pr, ['user', 'login']));
  return {
    number,
    headSha,
    baseSha,
    fromFork: !headRepo || headRepo !== baseRepo,
    ...(typeof changed === 'number' ? { changedFiles: changed } : {}),
    ...(author ? { author } : {}),
  };
}

function readPayload(file: string | undefined): unknown {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return {};
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
