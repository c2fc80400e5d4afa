/**
 * A check run on the commit under review with every annotation. The Checks API takes at most 50
 * annotations per request and appends those of each update, so the run is created with the
 * first 50 and updated with the rest; the last request sets the conclusion.
 */
import type { Annotation } from '../report/annotations.js';
import type { GitHubClient } from './client.js';

export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limits for check run output fields. */
const MAX_TEXT = 65_535;
const MAX_TITLE = 255;

export interface CheckRunInput {
  owner: string;
  repo: string;
  name: string;
  /** The pull request head, not the merge commit: a check on the merge sha never shows on the PR. */
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** Markdown. */
  summary: string;
  annotations: readonly Annotation[];
  detailsUrl?: string;
}

interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const;

/** Only annotations with a file can go on a check run; columns only when the range is on one line. */
export function toCheckAnnotation(a: Annotation): CheckAnnotation | null {
  if (!a.file || a.line === undefined) return null;
  const start = Math.max(1, a.line);
  const end = Math.max(start, a.endLine ?? start);
  const out: CheckAnnotation = {
    path: a.file,
    start_line: start,
    end_line: end,
    annotation_level: LEVEL[a.level],
    message: clip(a.message, MAX_TEXT),
  };
  if (a.title) out.title = clip(a.title, MAX_TITLE);
  if (start === end && a.column !== undefined) {
    out.start_column = a.column;
    out.end_column = Math.max(a.column, a.endColumn ?? a.column);
  }
  return out;
}

export async function publishCheckRun(
  octokit: GitHubClient,
  input: CheckRunInput,
): Promise<{ id: number; requests: number }> {
  const annotations = input.annotations.map(toCheckAnnotation).filter((a): a is CheckAnnotation => a !== null);
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);

  const output = (batch: CheckAnnotation[]) => ({
    title: clip(input.title, MAX_TITLE),
    summary: clip(input.summary, MAX_TEXT),
    annotations: batch,
  });
  const done = { status: 'completed' as const, conclusion: input.conclusion, completed_at: new Date().toISOString() };
  const base = { owner: input.owner, repo: input.repo };
  const last = batches.length - 1;

  const created = await octokit.rest.checks.create({
    ...base,
    name: input.name,
    head_sha: input.headSha,
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(last === 0 ? done : { status: 'in_progress' as const }),
    output: output(batches[0]!),
  });
  const id = created.data.id;
  for (let i = 1; i <= last; i += 1) {
    await octokit.rest.checks.update({
      ...base,
      check_run_id: id,
      ...(i === last ? done : {}),
      output: output(batches[i]!),
    });
  }
  return { id, requests: batches.length };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
