/**
 * What the run posts through the API: a check run on the commit under review and the sticky pull
 * request comment. Neither may fail the run: a token without the permission (every fork pull
 * request) yields one warning naming what is missing, other errors a warning each; the findings
 * still decide the exit status.
 */
import type { ScanReport } from '../model/report.js';
import { errorMessage } from '../errors.js';
import { publishCheckRun } from '../github/checks.js';
import { isPermissionDenied, type GitHubClient } from '../github/client.js';
import { upsertStickyComment } from '../github/comments.js';
import type { AnnotationPlan } from '../report/annotations.js';
import { commentMarker, renderComment } from '../report/comment.js';
import { oneLine } from '../report/escape.js';
import { verdict, type RenderContext } from '../report/view.js';
import type { RunContext } from './context.js';
import type { Inputs } from './inputs.js';
import type { Notes } from './notes.js';
import { postSuggestions, suggestionsWanted } from './suggest.js';

export const CHECK_NAME = 'agent-sandbox-guard';

export interface ApiPublication {
  octokit: GitHubClient;
  run: RunContext;
  inputs: Inputs;
  report: ScanReport;
  render: RenderContext;
  plan: AnnotationPlan;
  notes: Notes;
  log(message: string): void;
}

export async function publishToApi(p: ApiPublication): Promise<void> {
  const denied: { action: string; permission: string }[] = [];
  const attempt = async (action: string, permission: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      if (isPermissionDenied(error)) denied.push({ action, permission });
      else p.notes.warn(`Could not ${action}: ${oneLine(errorMessage(error))}`);
    }
  };

  const base = { owner: p.run.owner, repo: p.run.repo };
  if (p.inputs['check-run'] && p.run.sha) {
    await attempt('create the check run', 'checks: write', async () => {
      const { requests } = await publishCheckRun(p.octokit, {
        ...base,
        name: CHECK_NAME,
        headSha: p.run.sha,
        conclusion: p.report.result === 'fail' ? 'failure' : 'success',
        title: verdict(p.report, p.render),
        summary: renderComment(p.report, p.render, { marker: '', notes: p.notes.markdown() }),
        annotations: p.plan.all,
        ...(p.render.runUrl ? { detailsUrl: p.render.runUrl } : {}),
      });
      p.log(
        `Check run "${CHECK_NAME}" on ${p.run.sha.slice(0, 7)}: ${p.plan.all.length} annotations in ${requests} requests.`,
      );
    });
  }

  const pull = p.run.pull;
  if (pull && p.inputs.comment !== 'never') {
    await attempt('write the pull request comment', 'pull-requests: write', async () => {
      const result = await upsertStickyComment(p.octokit, {
        ...base,
        issueNumber: pull.number,
        marker: commentMarker(),
        body: renderComment(p.report, p.render, { notes: p.notes.markdown() }),
        create: p.inputs.comment === 'always' || p.report.result === 'fail',
      });
      p.log(`Pull request comment: ${result.action}.`);
    });
  }

  if (pull && suggestionsWanted(p)) {
    await attempt('post suggested fixes', 'pull-requests: write', () => postSuggestions(p));
  }

  if (denied.length > 0) {
    const what = denied.map((d) => `${d.action} (it needs \`${d.permission}\`)`).join(' or ');
    const fork = pull?.fromFork ? ' Pull requests from forks always get a read-only token.' : '';
    p.notes.warn(
      `The token cannot ${what}.${fork} The results are in the annotations and the job summary; the exit status still follows the findings.`,
    );
  }
}
