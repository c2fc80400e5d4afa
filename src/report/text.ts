/**
 * The `text` format, for people at a terminal: findings grouped by file like ESLint's "stylish",
 * then the agent deployments with their sandbox facts, then a verdict line and what was not read.
 */
import type { DeploymentReport, ScanReport } from '../engine/report.js';
import type { Finding } from '../model.js';
import { neutraliseCommands, terminalText } from './escape.js';
import {
  activeFindings,
  countBySeverity,
  describeCounts,
  KIND_LABELS,
  plural,
  scopeOf,
  verdict,
  type RenderContext,
} from './view.js';

/** Skipped files listed before the rest is only counted. */
const MAX_SKIPPED_LISTED = 20;

export function renderText(report: ScanReport, context: RenderContext = {}): string {
  const scope = scopeOf(report, context);
  const active = activeFindings(report, context);
  const out: string[] = [];

  for (const [file, findings] of groupByFile(active)) {
    out.push(terminalText(file), ...findingRows(findings), '');
  }

  if (report.deployments.length > 0) {
    out.push(`Agent deployments (${report.deployments.length})`);
    for (const d of report.deployments) out.push(...deploymentRows(d, scope));
    out.push('');
  }

  const counts = countBySeverity(active);
  const total = counts.error + counts.warning + counts.notice;
  const mark = report.result === 'fail' ? '✖' : '✔';
  out.push(
    total > 0
      ? `${mark} ${plural(total, 'problem')} (${describeCounts(counts)}). ${verdict(report, context)}`
      : `${mark} ${verdict(report, context)}`,
  );
  out.push(`  ${details(report, scope)}`);

  const suppressed = report.findings.filter((f) => f.suppressed).length;
  const outside = report.findings.filter((f) => !f.suppressed).length - active.length;
  if (suppressed > 0) out.push(`  ${plural(suppressed, 'suppressed finding')} not shown.`);
  if (outside > 0) out.push(`  ${plural(outside, 'finding')} outside the changed files not shown.`);
  out.push(...skippedRows(report));
  return `${neutraliseCommands(out.join('\n'))}\n`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.file) ?? [];
    list.push(f);
    groups.set(f.file, list);
  }
  return groups; // findings arrive sorted by file, line and column
}

function findingRows(findings: readonly Finding[]): string[] {
  const positions = findings.map((f) => `${f.line}:${f.column}`);
  const posWidth = Math.max(...positions.map((p) => p.length));
  const sevWidth = Math.max(...findings.map((f) => f.severity.length));
  return findings.flatMap((f, i) => [
    `  ${positions[i]!.padEnd(posWidth)}  ${f.severity.padEnd(sevWidth)}  ${terminalText(f.message)}  ${f.ruleId}`,
    ...(f.fix ? [`  ${' '.repeat(posWidth + sevWidth + 2)}  fix: ${terminalText(f.fix.description)}${fixTag(f)}`] : []),
  ]);
}

/** Whether `fix` writes it: `[fix]`, `[fix --unsafe]`, or nothing for advice. */
function fixTag(f: Finding): string {
  if (!f.fix || f.fix.edits.length === 0) return '';
  return f.fix.safety === 'safe' ? '  [fix]' : '  [fix --unsafe]';
}

function deploymentRows(d: DeploymentReport, scope: ReadonlySet<string> | undefined): string[] {
  const s = d.sandbox;
  const where = scope && d.inScope === false ? '  (outside the changed files)' : '';
  const facts = `isolation ${s.isolation.value} · network ${s.network.value} · filesystem ${s.filesystem.value} · approval ${s.approval.value} · credentials ${s.credentials.value} · limits ${s.limits.value}`;
  return [
    `  ${d.result}  ${terminalText(`${d.file}:${d.line}:${d.column}`)}  ${terminalText(d.name)} (${KIND_LABELS[d.kind]}, ${terminalText(d.agent)})${where}`,
    `        ${facts}`,
  ];
}

function details(report: ScanReport, scope: ReadonlySet<string> | undefined): string {
  const { coverage } = report;
  const parts = [
    `Policy ${terminalText(report.policy.source)}, fail-on ${report.failOn}.`,
    `${plural(coverage.filesConsidered, 'file')} considered, ${coverage.filesParsed} parsed, ${coverage.skipped.length} skipped or not evaluated.`,
  ];
  if (scope) parts.push(`Scope: ${plural(scope.size, 'changed file')}.`);
  return parts.join(' ');
}

function skippedRows(report: ScanReport): string[] {
  const skipped = report.coverage.skipped;
  if (skipped.length === 0) return [];
  const rows = skipped.slice(0, MAX_SKIPPED_LISTED).map((s) => {
    const at = s.line !== undefined ? `:${s.line}:${s.column ?? 1}` : '';
    return `    ${terminalText(`${s.file}${at}`)}  ${s.status}: ${terminalText(s.reason)}`;
  });
  if (skipped.length > MAX_SKIPPED_LISTED)
    rows.push(`    … and ${skipped.length - MAX_SKIPPED_LISTED} more (see --format json)`);
  return ['  Not judged:', ...rows];
}
