/**
 * The sticky pull-request comment: a hidden marker (so later runs find and update it), the
 * verdict, the agent deployments with their sandbox facts, and the failing findings linked to
 * their lines at the head commit. GitHub refuses comments over 65,536 characters, so findings,
 * then deployments, are cut to fit, with a pointer to the full report.
 */
import type { ScanReport } from '../model/report.js';
import { markdownText } from './escape.js';
import {
  countLine,
  DEPLOYMENT_HEADER,
  deploymentRows,
  FINDING_HEADER,
  findingRow,
  fitRows,
  table,
} from './markdown.js';
import {
  activeFindings,
  bySeverity,
  deploymentsInOrder,
  describeNonZero,
  countBySeverity,
  isGating,
  plural,
  verdict,
  type RenderContext,
} from './view.js';

/** GitHub's limit is 65,536 characters; keep room for the marker and a safety margin. */
export const COMMENT_LIMIT = 65_000;

/** Identifies our comment among a pull request's comments. `key` separates several jobs or configs. */
export function commentMarker(key = ''): string {
  const suffix = key.replace(/[^A-Za-z0-9._/-]/g, '-');
  return `<!-- agent-sandbox-guard:sticky-comment${suffix ? `:${suffix}` : ''} -->`;
}

export interface CommentOptions {
  marker?: string;
  limit?: number;
  /** Extra Markdown lines under the verdict (e.g. a policy-change note). */
  notes?: readonly string[];
}

export function renderComment(report: ScanReport, context: RenderContext = {}, options: CommentOptions = {}): string {
  const marker = options.marker ?? commentMarker();
  const limit = options.limit ?? COMMENT_LIMIT;
  const full = context.runUrl ? `the [job summary](${context.runUrl})` : 'the job summary';
  const icon = report.result === 'fail' ? '❌' : '✅';

  const top = [
    marker,
    `### ${icon} agent-sandbox-guard: ${markdownText(verdict(report, context))}`,
    '',
    countLine(report, context),
    '',
  ];
  for (const note of options.notes ?? []) top.push(`> ${note}`, '');

  const failing = activeFindings(report, context)
    .filter((f) => isGating(f, report))
    .sort(bySeverity);
  const others = activeFindings(report, context).filter((f) => !isGating(f, report));
  const findingLines = table(
    FINDING_HEADER,
    failing.map((f) => findingRow(context, f)),
  );
  const findingsHead =
    failing.length > 0 ? [`#### Failing findings (${failing.length})`, '', ...findingLines.slice(0, 2)] : [];
  const findingsRows = failing.length > 0 ? findingLines.slice(2) : [];
  const belowThreshold =
    others.length > 0
      ? [`Also ${describeNonZero(countBySeverity(others))} below \`fail-on\`, listed in ${full}.`, '']
      : [];

  const deploymentLines =
    report.deployments.length > 0
      ? table(DEPLOYMENT_HEADER, deploymentRows(report, context, deploymentsInOrder(report)))
      : [];
  const deploymentsHead =
    deploymentLines.length > 0 ? ['#### Agent deployments', '', ...deploymentLines.slice(0, 2)] : [];
  const deploymentsRows = deploymentLines.slice(2);
  const footer = [
    '',
    `<sub>${markdownText(`${report.tool.name} ${report.tool.version}`)} · every finding and why each sandbox fact holds: ${full}</sub>`,
  ];

  const cut = (what: string) => (n: number) =>
    `*${plural(n, what)} not shown: a comment holds at most 65,536 characters. All are in ${full}.*`;
  const size = (text: string): number => text.length;
  // Findings are cut first (they are all in the summary), then deployments.
  const deploymentsBlock = [...deploymentsHead, ...deploymentsRows, ...(deploymentsHead.length ? [''] : [])];
  const findings = fitRows(
    [...top, ...findingsHead],
    findingsRows,
    [...(findingsHead.length ? [''] : []), ...belowThreshold, ...deploymentsBlock, ...footer],
    limit,
    size,
    cut('failing finding'),
  );
  if (findings.dropped < findingsRows.length || size(findings.lines.join('\n')) <= limit)
    return `${findings.lines.join('\n')}\n`;
  const withoutFindings = [
    ...top,
    ...findingsHead.slice(0, 1),
    '',
    cut('failing finding')(findingsRows.length),
    '',
    ...belowThreshold,
  ];
  const deployments = fitRows(
    [...withoutFindings, ...deploymentsHead],
    deploymentsRows,
    ['', ...footer],
    limit,
    size,
    cut('deployment'),
  );
  return `${deployments.lines.join('\n')}\n`;
}
