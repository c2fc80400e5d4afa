/**
 * The suggestion review: one pull request review holding every new suggestion, and on re-runs the
 * suggestion comments we posted before edited in place or deleted when their fix is gone. Only
 * comments that start with our marker and were written by a bot (or the token's own user) count.
 */
import type { GitHubClient } from './client.js';

export interface ReviewDraft {
  key: string;
  path: string;
  startLine: number;
  line: number;
  body: string;
}

export interface ReviewInput {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The head commit the comments are placed on. */
  commitId: string;
  body: string;
  drafts: readonly ReviewDraft[];
  /** The key of one of our comments, or null for anyone else's. */
  keyOf(body: string): string | null;
}

export interface ReviewResult {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** The review posted for the new suggestions, or null when none were new. */
  reviewId: number | null;
}

interface ReviewComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

export async function syncSuggestionReview(octokit: GitHubClient, input: ReviewInput): Promise<ReviewResult> {
  const base = { owner: input.owner, repo: input.repo };
  const comments: ReviewComment[] = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    ...base,
    pull_number: input.pullNumber,
    per_page: 100,
  });
  const ours = comments.filter((c) => input.keyOf(c.body ?? '') !== null && c.user?.type === 'Bot');
  const byKey = new Map(ours.map((c) => [input.keyOf(c.body ?? '')!, c]));
  const result: ReviewResult = { created: 0, updated: 0, unchanged: 0, deleted: 0, reviewId: null };
  const fresh: ReviewDraft[] = [];
  for (const draft of input.drafts) {
    const existing = byKey.get(draft.key);
    if (!existing) {
      fresh.push(draft);
      continue;
    }
    byKey.delete(draft.key);
    if (existing.body === draft.body) result.unchanged++;
    else {
      await octokit.rest.pulls.updateReviewComment({ ...base, comment_id: existing.id, body: draft.body });
      result.updated++;
    }
  }
  for (const stale of byKey.values()) {
    await octokit.rest.pulls.deleteReviewComment({ ...base, comment_id: stale.id });
    result.deleted++;
  }
  if (fresh.length > 0) {
    const review = await octokit.rest.pulls.createReview({
      ...base,
      pull_number: input.pullNumber,
      commit_id: input.commitId,
      event: 'COMMENT',
      body: input.body,
      comments: fresh.map((d) => ({
        path: d.path,
        line: d.line,
        side: 'RIGHT' as const,
        ...(d.startLine < d.line ? { start_line: d.startLine, start_side: 'RIGHT' as const } : {}),
        body: d.body,
      })),
    });
    result.created = fresh.length;
    result.reviewId = review.data.id;
  }
  return result;
}

/** Lines each file's patch adds, for placing suggestions; files without a patch (binary, too large) are left out. */
export async function listPatches(
  octokit: GitHubClient,
  pull: { owner: string; repo: string; pullNumber: number },
): Promise<Map<string, string>> {
  const entries = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100,
  });
  const patches = new Map<string, string>();
  for (const entry of entries) if (entry.patch) patches.set(entry.filename, entry.patch);
  return patches;
}
