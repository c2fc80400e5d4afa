/**
 * What every renderer needs to read the same report the same way: which findings gate the result,
 * which lie outside a `scope: changed` run, counts, ordering, the verdict and links to lines.
 */
import { compareCodeUnits } from '../discovery/discover.js';
import { meetsThreshold } from '../engine/build-report.js';
import type { DeploymentReport, FactReport, ScanReport } from '../engine/report.js';
import { FACT_LEVELS, SEVERITIES, type Finding, type SandboxFactName, type Severity } from '../model.js';
import { encodePath } from './escape.js';

/** Where the run happens, for links and pointers. Every field is optional: renderers degrade to plain text. */
export interface RenderContext {
  /** The changed files of a `scope: changed` run; only they gate the result. */
  scope?: ReadonlySet<string>;
  /** Link files at this commit: `${serverUrl}/${repository}/blob/${sha}/${file}#L${line}`. */
  links?: { serverUrl: string; repository: string; sha: string };
  /** Where the complete report can be read (the workflow run page). */
  runUrl?: string;
  /** What a scan of one file was limited to (`.mcp.json`): the verdict says "in .mcp.json". */
  scopeName?: string;
  /** The terminal the text report goes to; absent: plain text, not wrapped. */
  terminal?: TerminalContext;
}

export interface TerminalContext {
  /** ANSI colours (a TTY, or FORCE_COLOR). */
  color: boolean;
  /** Columns to wrap to; absent: lines are not wrapped. */
  width?: number;
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
  const where = context.scopeName ? ` in ${context.scopeName}` : scope ? ' in the changed files' : '';
  const gating = activeFindings(report, context).filter((f) => isGating(f, report));
  if (report.result === 'pass') {
    if (deployments.length === 0) return `No agent deployments${where}; nothing fails the policy.`;
    return `${plural(deployments.length, 'agent deployment')}${where} ${deployments.length === 1 ? 'passes' : 'pass'} the sandbox policy.`;
  }
  const counts = describeNonZero(countBySeverity(gating));
  if (failing === 0) return `The sandbox policy fails${where}: ${counts} about files rather than deployments.`;
  return `${failing} of ${plural(deployments.length, 'agent deployment')}${where} ${failing === 1 ? 'fails' : 'fail'} the sandbox policy (${counts}).`;
}

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

/** A fact at its weakest level: no sandbox, open network, full file system, bypassed approvals, write credentials, no limits. */
export function isWeak(name: SandboxFactName, fact: FactReport<string>): boolean {
  return FACT_LEVELS[name][0] === fact.value;
}

/** What a finding says to do: its own fix when the report carries one. */
export function fixOf(f: Finding): string | undefined {
  const fix = (f as Finding & { fix?: { description?: unknown } | null }).fix;
  return fix && typeof fix.description === 'string' && fix.description.trim() ? fix.description : undefined;
}
