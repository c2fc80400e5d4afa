/**
 * The REST client: `@actions/github`'s Octokit (proxy-aware) pointed at GITHUB_API_URL, with a
 * bounded retry for server errors and rate limits. Built once in main() and passed down.
 */
import { getOctokit } from '@actions/github';
import { errorMessage } from '../errors.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RetrySettings {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubles each retry. */
  baseDelayMs: number;
  /** Never wait longer than this for one retry; a longer `retry-after` is not waited for. */
  maxDelayMs: number;
  sleep(ms: number): Promise<void>;
  /** Told before each wait; says nothing from the response body. */
  onRetry?(message: string): void;
}

export const DEFAULT_RETRY: RetrySettings = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function createClient(token: string, baseUrl: string, retry: Partial<RetrySettings> = {}): GitHubClient {
  const settings = { ...DEFAULT_RETRY, ...retry };
  const octokit = getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, '') });
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(options);
      } catch (error) {
        const delay = retryDelay(error, attempt, settings);
        if (delay === null) throw error;
        settings.onRetry?.(
          `${String(options.method)} ${String(options.url)} answered ${statusOf(error) ?? 'no response'}; retry ${attempt + 1} of ${settings.retries} in ${Math.round(delay / 100) / 10}s`,
        );
        await settings.sleep(delay);
      }
    }
  });
  return octokit;
}

/** How long to wait before retrying, or null when the error is final. */
export function retryDelay(
  error: unknown,
  attempt: number,
  settings: Pick<RetrySettings, 'retries' | 'baseDelayMs' | 'maxDelayMs'>,
  now = Date.now(),
): number | null {
  if (attempt >= settings.retries) return null;
  const status = statusOf(error);
  const headers = headersOf(error);
  const backoff = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
  if (status === 429 || (status === 403 && isRateLimited(error))) {
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && headers['retry-after'] !== undefined)
      return retryAfter * 1000 <= settings.maxDelayMs ? retryAfter * 1000 : null;
    if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
      const wait = Number(headers['x-ratelimit-reset']) * 1000 - now;
      return wait <= settings.maxDelayMs ? Math.max(wait, 0) : null;
    }
    return backoff;
  }
  if (status === undefined || status >= 500) return backoff;
  return null;
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function headersOf(error: unknown): Record<string, string | undefined> {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers ?? {};
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v === undefined ? undefined : String(v)]),
  );
}

/** A 403 that is a rate limit (primary or secondary), not a missing permission. */
export function isRateLimited(error: unknown): boolean {
  const headers = headersOf(error);
  if (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0') return true;
  return /rate limit|abuse detection/i.test(messageOf(error));
}

/** The token lacks a permission (or the event's token is read-only, as on fork pull requests). */
export function isPermissionDenied(error: unknown): boolean {
  const status = statusOf(error);
  return (status === 403 && !isRateLimited(error)) || status === 401;
}

export function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  if (data && typeof data.message === 'string') return data.message;
  return errorMessage(error);
}
