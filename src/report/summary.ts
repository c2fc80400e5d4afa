/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): the verdict, every agent deployment with its sandbox
 * facts and why each holds, every finding (suppressed and out-of-scope ones marked), and what was
 * not judged. GitHub rejects a step summary over 1 MiB, so sections shrink (row by row, least
 * important first) until it fits, and the cut is noted.
 */
import type { DeploymentReport, FactReport, ScanReport } from '../model/report.js';
import type { Finding } from '../model.js';
import { SANDBOX_FACTS } from '../model.js';
import { markdownCode, markdownMessage, markdownText } from './escape.js';
import {
  countLine,
  DEPLOYMENT_HEADER,
  deploymentRows,
  FINDING_HEADER,
  findingRow,
  fitRows,
  locationCell,
  table,
} from './markdown.js';
import {
  bySeverity,
  deploymentsInOrder,
  inScope,
  KIND_LABELS,
  plural,
  scopeOf,
  verdict,
  type RenderContext,
} from './view.js';

/** 1 MiB, less room for what GitHub or a caller appends. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

export interface SummaryOptions {
  limitBytes?: number;
  /** Where the complete report is, for truncation notes ("the report-file output"). */
  fullReport?: string;
  /** Extra Markdown lines placed under the verdict (policy-change notes, degraded publishing). */
  notes?: readonly string[];
}

interface Section {
  head: string[];
  rows: string[];
  tail: string[];
  what: string;
}

export function renderSummary(report: ScanReport, context: RenderContext = {}, options: SummaryOptions = {}): string {
  const limit = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const where =
    options.fullReport ?? (context.runUrl ? `the [workflow run](${context.runUrl}) log` : 'the JSON report');
  const icon = report.result === 'fail' ? '❌' : '✅';
  const top = [
    `## ${icon} agent-sandbox-guard: ${markdownText(verdict(report, context))}`,
    '',
    countLine(report, context),
    '',
  ];
  for (const note of options.notes ?? []) top.push(`> ${note}`, '');
  const footer = ['', `<sub>${markdownText(`${report.tool.name} ${report.tool.version}`)}</sub>`, ''];

  // In the order they are cut when the summary is too large: least important first.
  const sections: Section[] = [
    factsSection(report, context),
    coverageSection(report),
    suppressedSection(report, context),
    findingsSection(report, context),
    deploymentSection(report, context),
  ];
  const size = (text: string): number => Buffer.byteLength(text, 'utf8');
  const assemble = (): string =>
    [...top, ...[...sections].reverse().flatMap((s) => [...s.head, ...s.rows, ...s.tail]), ...footer].join('\n');

  for (const section of sections) {
    const total = size(assemble());
    if (total <= limit) break;
    const own = size([...section.head, ...section.rows, ...section.tail].join('\n'));
    const fitted = fitRows(
      section.head,
      section.rows,
      section.tail,
      Math.max(0, limit - (total - own)),
      size,
      (n) => `*${plural(n, section.what)} not shown: the summary is limited to 1 MiB. All are in ${where}.*`,
    );
    section.head = fitted.lines;
    section.rows = [];
    section.tail = [];
  }
  return `${assemble()}\n`;
}

function deploymentSection(report: ScanReport, context: RenderContext): Section {
  if (report.deployments.length === 0)
    return {
      head: ['### Agent deployments', '', 'No agent deployments were found.', ''],
      rows: [],
      tail: [],
      what: 'deployment',
    };
  const [header, separator, ...rows] = table(
    DEPLOYMENT_HEADER,
    deploymentRows(report, context, deploymentsInOrder(report)),
  );
  return { head: ['### Agent deployments', '', header!, separator!], rows, tail: [''], what: 'deployment' };
}

function findingsSection(report: ScanReport, context: RenderContext): Section {
  const scope = scopeOf(report, context);
  const findings = report.findings.filter((f) => !f.suppressed).sort(bySeverity);
  if (findings.length === 0)
    return { head: ['### Findings', '', 'No findings.', ''], rows: [], tail: [], what: 'finding' };
  const rowsOf = findings.map((f) => findingRow(context, f, inScope(f.file, scope) ? '' : ' (outside the change)'));
  const [header, separator, ...rows] = table(FINDING_HEADER, rowsOf);
  return { head: [`### Findings (${findings.length})`, '', header!, separator!], rows, tail: [''], what: 'finding' };
}

function suppressedSection(report: ScanReport, context: RenderContext): Section {
  const suppressed = report.findings.filter(
    (f): f is Finding & { suppressed: NonNullable<Finding['suppressed']> } => f.suppressed !== null,
  );
  if (suppressed.length === 0) return { head: [], rows: [], tail: [], what: 'suppressed finding' };
  const rowsOf = suppressed.map((f) => [
    ...findingRow(context, f),
    `${markdownText(f.suppressed.reason)} (${f.suppressed.kind}, ${markdownCode(f.suppressed.source)}${f.suppressed.expires ? `, expires ${markdownText(f.suppressed.expires)}` : ''})`,
  ]);
  const [header, separator, ...rows] = table([...FINDING_HEADER, 'Suppressed because'], rowsOf);
  return {
    head: [`### Suppressed findings (${suppressed.length})`, '', header!, separator!],
    rows,
    tail: [''],
    what: 'suppressed finding',
  };
}

function coverageSection(report: ScanReport): Section {
  const { coverage } = report;
  const head = [
    '### Coverage',
    '',
    `${plural(coverage.filesConsidered, 'file')} considered, ${coverage.filesParsed} parsed by an adapter, ${coverage.skipped.length} not judged.`,
    '',
  ];
  if (coverage.skipped.length === 0) return { head, rows: [], tail: [], what: 'skipped file' };
  const rowsOf = coverage.skipped.map((s) => [
    markdownCode(s.line !== undefined ? `${s.file}:${s.line}` : s.file),
    s.status,
    markdownText(s.reason),
  ]);
  const [header, separator, ...rows] = table(['File', 'Status', 'Reason'], rowsOf);
  return { head: [...head, header!, separator!], rows, tail: [''], what: 'skipped file' };
}

/** Per deployment, why each fact holds and which line says so: what a reviewer checks. */
function factsSection(report: ScanReport, context: RenderContext): Section {
  if (report.deployments.length === 0) return { head: [], rows: [], tail: [], what: 'deployment detail' };
  const rows = report.deployments.map((d) => factsDetails(d, context));
  return { head: ['### Why each fact holds', ''], rows, tail: [''], what: 'deployment detail' };
}

function factsDetails(d: DeploymentReport, context: RenderContext): string {
  const facts = SANDBOX_FACTS.map((name) => {
    const fact = d.sandbox[name] as FactReport<string>;
    const source = fact.source
      ? locationCell(context, fact.source.file, fact.source.line, fact.source.endLine)
      : 'default';
    return [name, markdownText(fact.value), markdownMessage(fact.reason), source];
  });
  const signals = d.signals.length > 0 ? `Agent because: ${d.signals.map((s) => markdownMessage(s)).join('; ')}.` : '';
  return [
    // markdownText is valid HTML text too, and also breaks the mentions GitHub links after rendering.
    `<details><summary>${markdownText(d.name)} — ${KIND_LABELS[d.kind]} in ${markdownText(`${d.file}:${d.line}`)}</summary>`,
    '',
    ...(signals ? [signals, ''] : []),
    ...table(['Fact', 'Value', 'Because', 'Where'], facts),
    '',
    '</details>',
  ].join('\n');
}
