/**
 * The sticky pull-request comment: found by its hidden marker across every page of comments,
 * created once, then edited in place (and left alone when nothing changed).
 */
import type { GitHubClient } from './client.js';

export interface StickyCommentInput {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Our comments start with it. */
  marker: string;
  body: string;
  /** False: only update an existing comment (e.g. `comment: on-failure` on a passing run). */
  create: boolean;
}

export type StickyResult =
  { action: 'created' | 'updated' | 'unchanged'; id: number } | { action: 'skipped'; id: null };

interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

export async function upsertStickyComment(octokit: GitHubClient, input: StickyCommentInput): Promise<StickyResult> {
  const base = { owner: input.owner, repo: input.repo };
  const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, {
    ...base,
    issue_number: input.issueNumber,
    per_page: 100,
  });
  const existing = await findOurs(octokit, comments, input.marker);
  if (existing) {
    if (existing.body === input.body) return { action: 'unchanged', id: existing.id };
    await octokit.rest.issues.updateComment({ ...base, comment_id: existing.id, body: input.body });
    return { action: 'updated', id: existing.id };
  }
  if (!input.create) return { action: 'skipped', id: null };
  const created = await octokit.rest.issues.createComment({
    ...base,
    issue_number: input.issueNumber,
    body: input.body,
  });
  return { action: 'created', id: created.data.id };
}

/**
 * A comment that starts with the marker and was written by us: a bot (GITHUB_TOKEN, an app token),
 * or, for a personal token, the token's own user. Anyone can paste the marker into a comment; such
 * a comment is never taken over.
 */
async function findOurs(
  octokit: GitHubClient,
  comments: readonly IssueComment[],
  marker: string,
): Promise<IssueComment | undefined> {
  const marked = comments.filter((c) => (c.body ?? '').startsWith(marker));
  const byBot = marked.find((c) => c.user?.type === 'Bot');
  if (byBot || marked.length === 0) return byBot;
  const login = await viewerLogin(octokit);
  return login ? marked.find((c) => c.user?.login === login) : undefined;
}

/** The user behind a personal token; app and workflow tokens cannot ask, and get null. */
async function viewerLogin(octokit: GitHubClient): Promise<string | null> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return null;
  }
}
