/**
 * The sticky pull-request comment, in the style of dependency-review and code scanning: a hidden
 * marker (so later runs find and update it), the verdict, counts by rule, then one row per failing
 * deployment (not per finding) with only its weak facts and its first fix, the findings themselves
 * collapsed. Rows are capped ("and N more in the job summary") so a repository with hundreds of
 * failing agents still gets a comment a reviewer can read; every table has at most four columns of
 * short cells so it fits GitHub's 1,012 px column. GitHub refuses comments over 65,536 characters,
 * so the collapsed findings, then the deployment rows, are cut further if they must be.
 */
import type { DeploymentReport, ScanReport } from '../model/report.js';
import type { Finding } from '../model.js';
import { markdownText } from './escape.js';
import {
  countLine,
  deploymentCell,
  factsCell,
  FINDING_HEADER,
  findingRow,
  firstFixCell,
  fitRows,
  locationCell,
  RULE_COUNT_ALIGN,
  RULE_COUNT_HEADER,
  ruleCountRows,
  ruleIndex,
  ruleReferences,
  table,
  weakFactsCell,
  type RuleIndex,
} from './markdown.js';
import {
  activeFindings,
  bySeverity,
  countBySeverity,
  deploymentsInOrder,
  describeNonZero,
  isGating,
  plural,
  scopeOf,
  verdict,
  type RenderContext,
} from './view.js';

/** GitHub's limit is 65,536 characters; keep room for the marker and a safety margin. */
export const COMMENT_LIMIT = 65_000;
/** Row caps: what a reviewer reads on a pull request; everything is in the job summary. */
export const MAX_RULE_ROWS = 10;
export const MAX_DEPLOYMENT_ROWS = 15;
export const MAX_FINDING_ROWS = 15;
/** Messages in the comment are cut shorter than in the summary; the full text is one click away. */
const COMMENT_MESSAGE_CHARS = 140;

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

/** One failing deployment, or the findings of one file that belong to no deployment. */
interface FailingGroup {
  deployment: DeploymentReport | null;
  file: string;
  findings: Finding[];
}

export function renderComment(report: ScanReport, context: RenderContext = {}, options: CommentOptions = {}): string {
  const marker = options.marker ?? commentMarker();
  const limit = options.limit ?? COMMENT_LIMIT;
  const summary = context.runUrl ? `the [job summary](${context.runUrl})` : 'the job summary';
  const more = (n: number, what: string): string => `*… and ${plural(n, what)} more in ${summary}.*`;
  const rules = ruleIndex(report, { references: true });
  const icon = report.result === 'fail' ? '❌' : '✅';

  const top = [
    marker,
    `### ${icon} agent-sandbox-guard: ${markdownText(verdict(report, context))}`,
    '',
    countLine(report, context),
    '',
  ];
  for (const note of options.notes ?? []) top.push(`> ${note}`, '');

  const active = activeFindings(report, context);
  const failing = active.filter((f) => isGating(f, report)).sort(bySeverity);
  const others = active.filter((f) => !isGating(f, report));
  const belowThreshold =
    others.length > 0
      ? [`Also ${describeNonZero(countBySeverity(others))} below \`fail-on\`, listed in ${summary}.`, '']
      : [];
  // Rule links are reference links; their targets close the comment (after every row is built).
  const footer = (): string[] => [
    `<sub>${markdownText(`${report.tool.name} ${report.tool.version}`)} · every finding and why each sandbox fact holds: ${summary}</sub>`,
    ...(rules.references?.size ? ['', ...ruleReferences(rules)] : []),
  ];

  if (failing.length === 0) {
    const body = [...top, ...belowThreshold, ...inventory(report, context, more), ...footer()];
    return `${fit(body, limit).join('\n')}\n`;
  }

  const ruleRows = ruleCountRows(rules, failing);
  const byRule = [
    '#### By rule',
    '',
    ...table(RULE_COUNT_HEADER, ruleRows.slice(0, MAX_RULE_ROWS), RULE_COUNT_ALIGN),
    ...(ruleRows.length > MAX_RULE_ROWS ? ['', more(ruleRows.length - MAX_RULE_ROWS, 'rule')] : []),
    '',
  ];

  const groups = failingGroups(report, failing);
  const groupRows = groups.slice(0, MAX_DEPLOYMENT_ROWS).map((g) => groupRow(rules, context, g));
  const shownGroups = Math.min(groupRows.length, MAX_DEPLOYMENT_ROWS);
  const deploymentHead = [
    `#### Failing deployments (${groups.length})`,
    '',
    ...table(['Deployment', 'Weak facts', 'Failing', 'First fix'], []),
  ];
  const deploymentTail = [
    ...(groups.length > shownGroups ? ['', more(groups.length - shownGroups, 'failing deployment')] : []),
    '',
  ];

  const findingRows = failing
    .slice(0, MAX_FINDING_ROWS)
    .map((f) => tableRow(findingRow(rules, context, f, { maxMessage: COMMENT_MESSAGE_CHARS })));
  const shownFindings = findingRows.length;
  const findingsHead = [
    `<details><summary>All ${plural(failing.length, 'failing finding')}</summary>`,
    '',
    ...table(FINDING_HEADER, []),
  ];
  const findingsTail = [
    ...(failing.length > shownFindings ? ['', more(failing.length - shownFindings, 'finding')] : []),
    '',
    '</details>',
    '',
  ];

  const size = (text: string): number => text.length;
  const cut = (what: string) => (n: number) =>
    `*${plural(n, what)} not shown: a comment holds at most 65,536 characters. All are in ${summary}.*`;
  const head = [...top, ...byRule];
  const deploymentBlock = [...deploymentHead, ...groupRows.slice(0, shownGroups), ...deploymentTail];
  // The collapsed findings are cut first (they are all in the summary), then the deployment rows.
  const findings = fitRows(
    [...head, ...deploymentBlock, ...findingsHead],
    findingRows.slice(0, shownFindings),
    [...findingsTail, ...belowThreshold, ...footer()],
    limit,
    size,
    cut('failing finding'),
  );
  if (findings.dropped < shownFindings || size(findings.lines.join('\n')) <= limit)
    return `${findings.lines.join('\n')}\n`;
  const deployments = fitRows(
    [...head, ...deploymentHead],
    groupRows.slice(0, shownGroups),
    [...deploymentTail, cut('failing finding')(failing.length), '', ...belowThreshold, ...footer()],
    limit,
    size,
    cut('failing deployment'),
  );
  return `${fit(deployments.lines, limit).join('\n')}\n`;
}

const tableRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** Failing deployments, worst first (severity, then how many findings), then files with findings of their own. */
function failingGroups(report: ScanReport, failing: readonly Finding[]): FailingGroup[] {
  const byId = new Map(report.deployments.map((d) => [d.id, d]));
  const groups = new Map<string, FailingGroup>();
  for (const f of failing) {
    const deployment = f.deployment !== null ? (byId.get(f.deployment) ?? null) : null;
    const key = deployment ? deployment.id : `file:${f.file}`;
    const group = groups.get(key) ?? { deployment, file: deployment?.file ?? f.file, findings: [] };
    group.findings.push(f);
    groups.set(key, group);
  }
  const order = new Map(report.deployments.map((d, i) => [d.id, i]));
  return [...groups.values()].sort(
    (a, b) =>
      bySeverity(a.findings[0]!, b.findings[0]!) ||
      b.findings.length - a.findings.length ||
      (order.get(a.deployment?.id ?? '') ?? 0) - (order.get(b.deployment?.id ?? '') ?? 0),
  );
}

function groupRow(rules: RuleIndex, context: RenderContext, group: FailingGroup): string {
  const first = group.findings[0]!;
  const counts = countBySeverity(group.findings);
  const name = group.deployment
    ? deploymentCell(context, group.deployment)
    : `**${markdownText(group.file.slice(group.file.lastIndexOf('/') + 1))}** · file<br>${locationCell(context, group.file)}`;
  return tableRow([
    name,
    group.deployment ? weakFactsCell(group.deployment) : '—',
    describeNonZero(counts),
    firstFixCell(rules, first, COMMENT_MESSAGE_CHARS),
  ]);
}

/** A passing run: the deployments and their facts, collapsed and capped. */
function inventory(report: ScanReport, context: RenderContext, more: (n: number, what: string) => string): string[] {
  if (report.deployments.length === 0) return [];
  const scope = scopeOf(report, context);
  const deployments = deploymentsInOrder(report);
  const rows = deployments
    .slice(0, MAX_DEPLOYMENT_ROWS)
    .map((d) => [
      `${deploymentCell(context, d)}${scope && d.inScope === false ? ' (outside the change)' : ''}`,
      factsCell(d),
    ]);
  return [
    `<details><summary>${plural(deployments.length, 'agent deployment')} and their sandboxes</summary>`,
    '',
    ...table(['Deployment', 'Sandbox facts'], rows),
    ...(deployments.length > MAX_DEPLOYMENT_ROWS
      ? ['', more(deployments.length - MAX_DEPLOYMENT_ROWS, 'deployment')]
      : []),
    '',
    '</details>',
    '',
  ];
}

/** Last resort for a comment still too long (a huge verdict note): cut whole lines from the end. */
function fit(lines: string[], limit: number): string[] {
  const out = [...lines];
  while (out.length > 3 && out.join('\n').length > limit) out.splice(out.length - 2, 1);
  return out;
}
