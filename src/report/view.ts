/**
 * What every renderer needs to read the same report the same way: which findings gate the result,
 * which lie outside a `scope: changed` run, counts, ordering, the verdict and links to lines.
 */
import { compareCodeUnits } from '../util/order.js';
import { meetsThreshold } from '../model/report.js';
import type { DeploymentReport, ScanReport } from '../model/report.js';
import { SEVERITIES, type Finding, type Severity } from '../model.js';
import { encodePath } from './escape.js';

/** Where the run happens, for links and pointers. Every field is optional: renderers degrade to plain text. */
export interface RenderContext {
  /** The changed files of a `scope: changed` run; only they gate the result. */
  scope?: ReadonlySet<string>;
  /** Link files at this commit: `${serverUrl}/${repository}/blob/${sha}/${file}#L${line}`. */
  links?: { serverUrl: string; repository: string; sha: string };
  /** Where the complete report can be read (the workflow run page). */
  runUrl?: string;
}

export interface Counts {
  error: number;
  warning: number;
  notice: number;
}

/** The files that gate the result: given, or inferred from deployments a scoped engine marked. */
export function scopeOf(report: ScanReport, context: RenderContext = {}): ReadonlySet<string> | undefined {
  if (context.scope) return context.scope;
  if (!report.deployments.some((d) => d.inScope !== undefined)) return undefined;
  return new Set(report.deployments.filter((d) => d.inScope).map((d) => d.file));
}

export function inScope(file: string, scope: ReadonlySet<string> | undefined): boolean {
  return !scope || scope.has(file);
}

/** Findings that are shown as problems: not suppressed and inside the scope. */
export function activeFindings(report: ScanReport, context: RenderContext = {}): Finding[] {
  const scope = scopeOf(report, context);
  return report.findings.filter((f) => !f.suppressed && inScope(f.file, scope));
}

export function isGating(finding: Finding, report: ScanReport): boolean {
  return meetsThreshold(finding.severity, report.failOn);
}

export function countBySeverity(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** Worst first, then file, line and column: the order in which a limited budget is spent. */
export function bySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareCodeUnits(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareCodeUnits(a.ruleId, b.ruleId)
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeCounts(counts: Counts): string {
  return [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.notice, 'notice')].join(', ');
}

/** One sentence stating the verdict, the same in every sink. */
export function verdict(report: ScanReport, context: RenderContext = {}): string {
  const scope = scopeOf(report, context);
  const deployments = scope ? report.deployments.filter((d) => d.inScope !== false) : report.deployments;
  const failing = deployments.filter((d) => d.result === 'fail').length;
  const where = scope ? ' in the changed files' : '';
  const gating = activeFindings(report, context).filter((f) => isGating(f, report));
  if (report.result === 'pass') {
    const waived = suppressedPhrase(report, scope);
    if (deployments.length === 0) return `No agent deployments${where}; nothing fails the policy${waived}.`;
    return `${plural(deployments.length, 'agent deployment')}${where} ${deployments.length === 1 ? 'passes' : 'pass'} the sandbox policy${waived}.`;
  }
  const counts = describeNonZero(countBySeverity(gating));
  const pending = awaitingPhrase(report, gating);
  if (failing === 0)
    return `The sandbox policy fails${where}: ${counts} about files rather than deployments${pending}.`;
  return `${failing} of ${plural(deployments.length, 'agent deployment')}${where} ${failing === 1 ? 'fails' : 'fail'} the sandbox policy (${counts})${pending}.`;
}

/** A passing run never reads plain "passes" when suppressions made it pass: ` with N findings suppressed, M of them by this pull request`. */
function suppressedPhrase(report: ScanReport, scope: ReadonlySet<string> | undefined): string {
  const waived = report.findings.filter((f) => f.suppressed && isGating(f, report) && inScope(f.file, scope));
  if (waived.length === 0) return '';
  const byChange = waived.filter((f) => f.suppression?.source === 'pull-request').length;
  const change = report.change ? `, ${byChange} of them by ${report.change.name}` : '';
  return ` with ${plural(waived.length, 'finding')} suppressed${change}`;
}

/** Failing findings the change suppressed itself, which count once an approver approves. */
function awaitingPhrase(report: ScanReport, gating: readonly Finding[]): string {
  const own = gating.filter((f) => f.suppression && !f.suppression.applied).length;
  if (own === 0) return '';
  return `; ${own} of them ${own === 1 ? 'is' : 'are'} suppressed by ${report.change?.name ?? 'this change'}, which needs an approver's review`;
}

/** Who can accept the suppressions a change adds, as one sentence (plain text, logins in backticks). */
export function approvalHint(report: ScanReport): string | null {
  const change = report.change;
  if (!change) return null;
  const own = report.findings.filter((f) => f.suppression?.source === 'pull-request');
  if (own.length === 0) return null;
  const waiting = own.filter((f) => !f.suppression!.applied).length;
  if (waiting === 0) {
    const by = change.approvedBy.length ? ` approved by ${change.approvedBy.map(code).join(', ')}` : '';
    return `${plural(own.length, 'finding')} ${own.length === 1 ? 'is' : 'are'} suppressed by ${change.name} itself${by ? `,${by}` : ' (`suppressions.from-pull-request: honour`)'}.`;
  }
  const who = change.approvers.length
    ? `an approving review of the head commit by one of ${change.approvers.map(code).join(', ')} (\`suppressions.approvers\` in the base policy)`
    : 'an approving review by an approver, and the base policy names none: add `suppressions.approvers` to it, or fix the findings';
  return `${plural(waiting, 'finding')} ${waiting === 1 ? 'is' : 'are'} suppressed by ${change.name} itself and still ${waiting === 1 ? 'fails' : 'fail'}: a pull request cannot approve its own suppressions. ${waiting === 1 ? 'It counts' : 'They count'} after ${who}.`;
}

/** A login or team slug as code; backticks inside are dropped so it cannot close the span. */
const code = (name: string): string => `\`${name.replace(/`/g, '')}\``;

export function describeNonZero(counts: Counts): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** A link to a file (and line range) at the run's commit, or undefined without link context. */
export function lineUrl(context: RenderContext, file: string, line?: number, endLine?: number): string | undefined {
  const links = context.links;
  if (!links) return undefined;
  const anchor =
    line === undefined ? '' : endLine !== undefined && endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `${links.serverUrl.replace(/\/+$/, '')}/${links.repository}/blob/${links.sha}/${encodePath(file)}${anchor}`;
}

export function deploymentsInOrder(report: ScanReport): DeploymentReport[] {
  // Failing first, then the report's own (file, line) order.
  return [...report.deployments].sort((a, b) => (a.result === b.result ? 0 : a.result === 'fail' ? -1 : 1));
}

/** Human names for deployment kinds. */
export const KIND_LABELS: Record<DeploymentReport['kind'], string> = {
  'workflow-job': 'workflow job',
  'agent-config': 'agent settings',
  'mcp-server': 'MCP server',
  'k8s-workload': 'Kubernetes workload',
  'compose-service': 'Compose service',
  devcontainer: 'devcontainer',
};
