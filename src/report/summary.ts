/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): the verdict, counts by rule, every agent deployment with
 * its sandbox facts, then per deployment (failing first) a collapsed block with its findings and why
 * each fact holds, the findings that belong to no deployment, suppressed findings and what was not
 * judged. GitHub rejects a step summary over 1 MiB, so sections shrink (row by row, least important
 * first) until it fits, and the cut is noted.
 */
import type { DeploymentReport, FactReport, ScanReport } from '../model/report.js';
import type { Finding } from '../model.js';
import { SANDBOX_FACTS } from '../model.js';
import { markdownCode, markdownMessage, markdownText } from './escape.js';
import {
  byDeployment,
  countLine,
  deploymentCell,
  factsCell,
  FINDING_HEADER,
  findingRow,
  fitRows,
  locationCell,
  RULE_COUNT_ALIGN,
  RULE_COUNT_HEADER,
  ruleCountRows,
  ruleIndex,
  table,
  type RuleIndex,
} from './markdown.js';
import {
  bySeverity,
  countBySeverity,
  deploymentsInOrder,
  describeNonZero,
  inScope,
  KIND_LABELS,
  plural,
  scopeOf,
  verdict,
  type RenderContext,
} from './view.js';

/** A message and its fix each fit one table cell; the JSON, SARIF and annotations keep them whole. */
const SUMMARY_MESSAGE_CHARS = 190;

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

const EMPTY = (what: string): Section => ({ head: [], rows: [], tail: [], what });

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

  const rules = ruleIndex(report);
  // In the order they are cut when the summary is too large: least important first. They are
  // shown in the reverse order.
  const sections: Section[] = [
    coverageSection(report),
    suppressedSection(rules, report, context),
    perDeploymentSection(rules, report, context),
    fileFindingsSection(rules, report, context),
    deploymentSection(report, context),
    ruleSection(rules, report),
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

function ruleSection(rules: RuleIndex, report: ScanReport): Section {
  const open = report.findings.filter((f) => !f.suppressed);
  if (open.length === 0) return EMPTY('rule');
  const [header, separator, ...rows] = table(RULE_COUNT_HEADER, ruleCountRows(rules, open), RULE_COUNT_ALIGN);
  return { head: ['### Findings by rule', '', header!, separator!], rows, tail: [''], what: 'rule' };
}

function deploymentSection(report: ScanReport, context: RenderContext): Section {
  if (report.deployments.length === 0)
    return {
      head: ['### Agent deployments', '', 'No agent deployments were found.', ''],
      rows: [],
      tail: [],
      what: 'deployment',
    };
  const scope = scopeOf(report, context);
  const open = byDeployment(report.findings.filter((f) => !f.suppressed));
  const [header, separator, ...rows] = table(
    ['Deployment', 'Result', 'Sandbox facts', 'Findings'],
    deploymentsInOrder(report).map((d) => {
      const own = open.get(d.id) ?? [];
      const outside = scope !== undefined && d.inScope === false;
      return [
        deploymentCell(context, d),
        outside ? '⚪ outside the change' : d.result === 'fail' ? '❌ fail' : '✅ pass',
        factsCell(d),
        own.length ? describeNonZero(countBySeverity(own)) : 'none',
      ];
    }),
  );
  return {
    head: [`### Agent deployments (${report.deployments.length})`, '', header!, separator!],
    rows,
    tail: [''],
    what: 'deployment',
  };
}

/** Per deployment, failing first: its findings, then why each fact holds and which line says so. */
function perDeploymentSection(rules: RuleIndex, report: ScanReport, context: RenderContext): Section {
  if (report.deployments.length === 0) return EMPTY('deployment detail');
  const scope = scopeOf(report, context);
  const open = byDeployment(report.findings.filter((f) => !f.suppressed).sort(bySeverity));
  const rows = deploymentsInOrder(report).map((d) => deploymentDetails(rules, d, open.get(d.id) ?? [], context, scope));
  return { head: ['### Findings by deployment', ''], rows, tail: [''], what: 'deployment detail' };
}

function deploymentDetails(
  rules: RuleIndex,
  d: DeploymentReport,
  findings: readonly Finding[],
  context: RenderContext,
  scope: ReadonlySet<string> | undefined,
): string {
  const facts = SANDBOX_FACTS.map((name) => {
    const fact = d.sandbox[name] as FactReport<string>;
    const source = fact.source
      ? locationCell(context, fact.source.file, fact.source.line, fact.source.endLine)
      : 'default';
    return [name, markdownText(fact.value), markdownMessage(fact.reason), source];
  });
  const signals = d.signals.length > 0 ? `Agent because: ${d.signals.map((s) => markdownMessage(s)).join('; ')}.` : '';
  const icon = d.result === 'fail' ? '❌' : '✅';
  const count = findings.length ? describeNonZero(countBySeverity(findings)) : 'no findings';
  const note = (f: Finding): string => (inScope(f.file, scope) ? '' : ' (outside the change)');
  return [
    // markdownText is valid HTML text too, and also breaks the mentions GitHub links after rendering.
    `<details><summary>${icon} ${markdownText(d.name)} — ${KIND_LABELS[d.kind]} in ${markdownText(`${d.file}:${d.line}`)} · ${count}</summary>`,
    '',
    ...(findings.length
      ? [
          ...table(
            FINDING_HEADER,
            findings.map((f) => findingRow(rules, context, f, { note: note(f), maxMessage: SUMMARY_MESSAGE_CHARS })),
          ),
          '',
        ]
      : []),
    ...(signals ? [signals, ''] : []),
    ...table(['Fact', 'Value', 'Because', 'Where'], facts),
    '',
    '</details>',
  ].join('\n');
}

/** Findings that belong to no deployment (a file that could not be read, an inline secret). */
function fileFindingsSection(rules: RuleIndex, report: ScanReport, context: RenderContext): Section {
  const scope = scopeOf(report, context);
  const ids = new Set(report.deployments.map((d) => d.id));
  const findings = report.findings
    .filter((f) => !f.suppressed && (f.deployment === null || !ids.has(f.deployment)))
    .sort(bySeverity);
  if (findings.length === 0) return EMPTY('finding');
  const [header, separator, ...rows] = table(
    FINDING_HEADER,
    findings.map((f) =>
      findingRow(rules, context, f, {
        note: inScope(f.file, scope) ? '' : ' (outside the change)',
        maxMessage: SUMMARY_MESSAGE_CHARS,
      }),
    ),
  );
  return {
    head: [`### Findings about files (${findings.length})`, '', header!, separator!],
    rows,
    tail: [''],
    what: 'finding',
  };
}

function suppressedSection(rules: RuleIndex, report: ScanReport, context: RenderContext): Section {
  const suppressed = report.findings.filter(
    (f): f is Finding & { suppressed: NonNullable<Finding['suppressed']> } => f.suppressed !== null,
  );
  if (suppressed.length === 0) return EMPTY('suppressed finding');
  const rowsOf = suppressed.map((f) =>
    findingRow(rules, context, f, {
      extra: [
        `**Suppressed:** ${markdownText(f.suppressed.reason)} (${f.suppressed.kind}, ${markdownCode(f.suppressed.source)}${f.suppressed.expires ? `, expires ${markdownText(f.suppressed.expires)}` : ''})`,
      ],
    }),
  );
  const [header, separator, ...rows] = table(FINDING_HEADER, rowsOf);
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
