/**
 * Markdown building blocks shared by the job summary, the PR comment and the check run summary:
 * the deployment inventory, finding tables and a size guard. Untrusted text is escaped here.
 */
import type { DeploymentReport, ScanReport } from '../model/report.js';
import type { Finding, Severity } from '../model.js';
import { findRule } from '../rules/index.js';
import { ruleDocsUrl } from '../rules/types.js';
import { markdownCode, markdownLink, markdownMessage, markdownText } from './escape.js';
import { KIND_LABELS, lineUrl, plural, scopeOf, type RenderContext } from './view.js';

export const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

export function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** `file:line` as code, linked to the line at the run's commit when links are known. */
export function locationCell(context: RenderContext, file: string, line?: number, endLine?: number): string {
  const label = markdownCode(line === undefined ? file : `${file}:${line}`);
  const url = lineUrl(context, file, line, endLine);
  return url ? markdownLink(label, url) : label;
}

/** A built-in rule links to its page; a policy's custom rule has none. */
export function ruleCell(ruleId: string): string {
  return findRule(ruleId) ? markdownLink(markdownCode(ruleId), ruleDocsUrl(ruleId)) : markdownCode(ruleId);
}

export const DEPLOYMENT_HEADER = [
  '',
  'Agent deployment',
  'Kind',
  'Agent',
  'Isolation',
  'Network',
  'Filesystem',
  'Approval',
  'Credentials',
  'Limits',
];

/** One inventory row per deployment: result, name and place, then the six sandbox facts. */
export function deploymentRows(
  report: ScanReport,
  context: RenderContext,
  deployments: readonly DeploymentReport[],
): string[][] {
  const scope = scopeOf(report, context);
  return deployments.map((d) => {
    const outside = scope !== undefined && d.inScope === false;
    const status = outside ? '⚪ outside the change' : d.result === 'fail' ? '❌ fail' : '✅ pass';
    const s = d.sandbox;
    return [
      status,
      `${markdownText(d.name)}<br>${locationCell(context, d.file, d.line)}`,
      KIND_LABELS[d.kind],
      markdownText(d.agent),
      ...[s.isolation, s.network, s.filesystem, s.approval, s.credentials, s.limits].map((fact) =>
        markdownText(fact.value),
      ),
    ];
  });
}

export const FINDING_HEADER = ['Severity', 'Location', 'Rule', 'Message'];

export function findingRow(context: RenderContext, f: Finding, note = ''): string[] {
  const own = f.suppression?.source === 'pull-request' ? ownSuppressionNote(f) : '';
  return [
    `${SEVERITY_ICON[f.severity]} ${f.severity}${note}${own}`,
    locationCell(context, f.file, f.line, f.endLine),
    ruleCell(f.ruleId),
    markdownMessage(f.message),
  ];
}

/** The mark on a finding this pull request suppressed itself: awaiting approval, or approved by whom. */
function ownSuppressionNote(f: Finding): string {
  const s = f.suppression!;
  const why = s.note ? `, ${markdownMessage(s.note)}` : '';
  if (!s.applied) return `<br>suppressed by this pull request${why}, not yet approved`;
  const by = s.approvedBy?.length ? `, approved by ${s.approvedBy.map((a) => markdownCode(a)).join(', ')}` : '';
  return `<br>suppressed by this pull request${why}${by}`;
}

/**
 * Fits `rows` between `head` and `tail` under `limit` (measured by `size`): keeps as many rows as
 * fit and replaces the rest with a line made by `note(hidden)`. Returns the lines and how many were dropped.
 */
export function fitRows(
  head: readonly string[],
  rows: readonly string[],
  tail: readonly string[],
  limit: number,
  size: (text: string) => number,
  note: (hidden: number) => string,
): { lines: string[]; dropped: number } {
  const render = (n: number): string[] =>
    n === rows.length
      ? [...head, ...rows, ...tail]
      : [...head, ...rows.slice(0, n), '', note(rows.length - n), ...tail];
  const fits = (n: number): boolean => size(render(n).join('\n')) <= limit;
  if (fits(rows.length)) return { lines: render(rows.length), dropped: 0 };
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return { lines: render(low), dropped: rows.length - low };
}

export function countLine(report: ScanReport, context: RenderContext): string {
  const scope = scopeOf(report, context);
  const inside = scope ? report.deployments.filter((d) => d.inScope !== false).length : report.deployments.length;
  const parts = [plural(report.deployments.length, 'agent deployment')];
  if (scope) parts.push(`${inside} in the changed files`);
  parts.push(`policy ${markdownCode(report.policy.source)}`, `fail-on ${markdownCode(report.failOn)}`);
  return parts.join(' · ');
}
