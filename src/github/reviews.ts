/**
 * Who approved a pull request at its head commit, among the approvers a policy names. Read through
 * the pull request reviews API (every page): a reviewer's latest decisive review counts, and only
 * when it approves the exact head commit, so a push after the approval needs a fresh one. An
 * approver written `org/team` counts through team membership, which needs a token that can read
 * the organisation's teams (`members: read`); the default GITHUB_TOKEN cannot.
 */
import type { GitHubClient } from './client.js';
import { statusOf } from './client.js';

export interface ApprovalQuery {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /** The pull request's author, who can never approve their own change. */
  author?: string;
  /** Logins or `org/team` slugs from the base policy. */
  approvers: readonly string[];
}

export interface Approvals {
  /** Approvers (as logins) whose latest review approves the head commit. */
  approvedBy: string[];
  /** Team lookups that could not be answered, to say so. */
  problems: string[];
}

interface Review {
  user?: { login?: string } | null;
  state?: string;
  commit_id?: string | null;
}

const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

export async function approvalsAtHead(octokit: GitHubClient, query: ApprovalQuery): Promise<Approvals> {
  const reviews: Review[] = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: query.owner,
    repo: query.repo,
    pull_number: query.pullNumber,
    per_page: 100,
  });
  const approving = approvingLogins(reviews, query.headSha, query.author);
  const logins = new Set(query.approvers.filter((a) => !a.includes('/')).map((a) => normalise(a)));
  const teams = query.approvers.filter((a) => a.includes('/'));
  const approvedBy: string[] = [];
  const problems: string[] = [];
  for (const login of approving) {
    if (logins.has(normalise(login))) {
      approvedBy.push(login);
      continue;
    }
    for (const team of teams) {
      const [org, slug] = team.replace(/^@/, '').split('/', 2);
      if (!org || !slug) continue;
      try {
        const membership = await octokit.rest.teams.getMembershipForUserInOrg({
          org,
          team_slug: slug,
          username: login,
        });
        if (membership.data.state === 'active') {
          approvedBy.push(login);
          break;
        }
      } catch (error) {
        if (statusOf(error) === 404) continue; // not a member
        problems.push(
          `cannot read the members of \`${team}\` (${statusOf(error) ?? 'no response'}); the token needs \`members: read\` on the organisation`,
        );
      }
    }
  }
  return { approvedBy: approvedBy.sort(), problems: [...new Set(problems)] };
}

/** Logins whose latest decisive review (approve, request changes, dismissed) approves `headSha`. */
export function approvingLogins(reviews: readonly Review[], headSha: string, author?: string): string[] {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || !DECISIVE.has(review.state ?? '')) continue;
    latest.set(login, review); // the API lists reviews oldest first
  }
  const out: string[] = [];
  for (const [login, review] of latest) {
    if (review.state !== 'APPROVED' || review.commit_id !== headSha) continue;
    if (author && normalise(login) === normalise(author)) continue;
    out.push(login);
  }
  return out.sort();
}

const normalise = (login: string): string => login.replace(/^@/, '').toLowerCase();
