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
 * A comment that starts with the marker and was written by the token's own identity. Anyone can
 * paste the marker into a comment, and any bot that echoes user text can too; such a comment is
 * never taken over.
 */
async function findOurs(
  octokit: GitHubClient,
  comments: readonly IssueComment[],
  marker: string,
): Promise<IssueComment | undefined> {
  const marked = comments.filter((c) => (c.body ?? '').startsWith(marker));
  if (marked.length === 0) return undefined;
  const login = (await tokenIdentity(octokit)).toLowerCase();
  return marked.find((c) => c.user?.login?.toLowerCase() === login);
}

/** The workflow token's bot, when the API will not say who the token is. */
export const WORKFLOW_BOT = 'github-actions[bot]';

/**
 * Who the token is: the user behind a personal token (`GET /user`), else GraphQL's `viewer`, which
 * also answers for app installation tokens (`my-app[bot]`), else the workflow token's bot.
 */
export async function tokenIdentity(octokit: GitHubClient): Promise<string> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    // installation tokens may not call GET /user
  }
  try {
    const answer: { viewer?: { login?: unknown } } = await octokit.graphql('query { viewer { login } }');
    if (typeof answer.viewer?.login === 'string' && answer.viewer.login) return answer.viewer.login;
  } catch {
    // no GraphQL access either
  }
  return WORKFLOW_BOT;
}
