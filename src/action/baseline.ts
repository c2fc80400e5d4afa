/**
 * The pull request's base, for telling its own suppressions and exceptions from the repository's:
 * file texts at the base commit (from git when the checkout has it, else the contents API, read as
 * data), the exceptions its edit to the policy adds, and the approvers who approved its head commit.
 * Anything that cannot be read counts as the pull request's own: it fails closed.
 */
import { addedExceptions, type ChangeBaseline } from '../engine/index.js';
import type { ScanReport } from '../model/report.js';
import { errorMessage } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { readContent } from '../github/contents.js';
import { approvalsAtHead } from '../github/reviews.js';
import type { PolicyException, ResolvedPolicy } from '../policy/schema.js';
import type { RunContext } from './context.js';
import { hasCommit, showFile } from '../github/git.js';

export class PullBaseline implements ChangeBaseline {
  readonly name = 'this pull request';
  approvedBy: string[] = [];
  readonly addedExceptions: readonly PolicyException[];
  private readonly texts = new Map<string, string | null>();
  private readonly missing = new Set<string>();
  private readonly local: boolean;

  constructor(
    private readonly context: RunContext & { baseSha: string },
    private readonly octokit: GitHubClient | null,
    judging: ResolvedPolicy,
    proposed: ResolvedPolicy | null,
  ) {
    this.local = hasCommit(context.workspace, context.baseSha);
    this.addedExceptions = proposed ? addedExceptions(judging.exceptions, proposed.exceptions) : [];
  }

  text(file: string): string | null {
    if (this.texts.has(file)) return this.texts.get(file)!;
    if (this.local) {
      const text = showFile(this.context.workspace, this.context.baseSha, file);
      this.texts.set(file, text);
      return text;
    }
    if (this.octokit) this.missing.add(file);
    return null;
  }

  /** Reads through the API the base files the last scan asked for; true when there were any (scan again). */
  async fetchMissing(warn: (message: string) => void): Promise<boolean> {
    if (this.missing.size === 0 || !this.octokit) return false;
    const { owner, repo, baseSha } = this.context;
    for (const file of this.missing) {
      try {
        this.texts.set(file, await readContent(this.octokit, { owner, repo, ref: baseSha, path: file }));
      } catch (error) {
        this.texts.set(file, null);
        warn(
          `Cannot read ${file} at the base commit ${baseSha.slice(0, 7)} (${errorMessage(error)}); its suppressions count as this pull request's own.`,
        );
      }
    }
    this.missing.clear();
    return true;
  }

  /** Asks who approved the head commit, when the report holds suppressions waiting for it; true when someone did. */
  async fetchApprovals(report: ScanReport, policy: ResolvedPolicy, warn: (message: string) => void): Promise<boolean> {
    const pull = this.context.pull;
    const waiting = report.findings.some((f) => f.suppression && !f.suppression.applied);
    const approvers = policy.suppressions.approvers;
    if (!waiting || !pull || !this.octokit || approvers.length === 0) return false;
    try {
      const found = await approvalsAtHead(this.octokit, {
        owner: this.context.owner,
        repo: this.context.repo,
        pullNumber: pull.number,
        headSha: pull.headSha,
        ...(pull.author ? { author: pull.author } : {}),
        approvers,
      });
      for (const problem of found.problems) warn(`Approvals: ${problem}.`);
      this.approvedBy = found.approvedBy;
      return found.approvedBy.length > 0;
    } catch (error) {
      warn(
        `Cannot read the pull request's reviews (${errorMessage(error)}); its own suppressions count as unapproved. The token needs \`pull-requests: read\`.`,
      );
      return false;
    }
  }
}
