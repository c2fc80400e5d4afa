/**
 * Markdown building blocks shared by the job summary, the PR comment and the check run summary:
 * cells for deployments, facts, rules and findings, tables, and a size guard. Untrusted text is
 * escaped here. Everything about a rule comes from the report's own `rules`, never the registry.
 */
import type { DeploymentReport, FactReport, RuleDescriptor, ScanReport } from '../model/report.js';
import { SANDBOX_FACTS, type Finding, type Severity } from '../model.js';
import { markdownCode, markdownLink, markdownMessage, markdownText } from './escape.js';
import { fixOf, isWeak, KIND_LABELS, lineUrl, plural, scopeOf, severityRank, type RenderContext } from './view.js';

export { fixOf, isWeak };

export const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** GitHub's comment column is 1,012 px wide: cells are kept short enough that no table overflows it. */
export const MAX_MESSAGE_CHARS = 220;
export const MAX_PATH_CHARS = 48;
export const MAX_NAME_CHARS = 60;

export function table(header: readonly string[], rows: readonly string[][], align?: readonly ('l' | 'r')[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** Shortens `text` to `max` characters at a word boundary, with an ellipsis; code spans stay closed. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max / 2) cut = cut.slice(0, space);
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut += '`';
  return `${cut.replace(/[\s,;:]+$/, '')}…`;
}

/** A long path keeps its start and its file name: `.github/workflows/…/agent.yml`. */
export function shortPath(file: string, max = MAX_PATH_CHARS): string {
  if (file.length <= max) return file;
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (name.length >= max - 2) return `…${name.slice(name.length - (max - 1))}`;
  return `${file.slice(0, max - name.length - 2)}…/${name}`;
}

/** `file:line` as code (long paths shortened), linked to the line at the run's commit when links are known. */
export function locationCell(context: RenderContext, file: string, line?: number, endLine?: number): string {
  const shown = shortPath(file);
  const label = markdownCode(line === undefined ? shown : `${shown}:${line}`);
  const url = lineUrl(context, file, line, endLine);
  return url ? markdownLink(label, url) : label;
}

/**
 * The report's rules by id. With `references`, rule links are Markdown reference links
 * (`[x][rule-id]`) whose targets `ruleReferences` lists once at the end: a long comment then
 * does not repeat the same URL in every row.
 */
export interface RuleIndex {
  get(id: string): RuleDescriptor | undefined;
  references?: Set<string>;
}

export function ruleIndex(report: ScanReport, options: { references?: boolean } = {}): RuleIndex {
  const byId = new Map(report.rules.map((r) => [r.id, r]));
  return { get: (id) => byId.get(id), ...(options.references ? { references: new Set<string>() } : {}) };
}

/** Reference ids must be plain: only built-in rules (kebab-case ids) are linked that way. */
const REFERENCE_SAFE = /^[a-z0-9][a-z0-9-]*$/;

/** A rule with a page links to it; a policy's custom rule has none. */
export function ruleCell(rules: RuleIndex, ruleId: string): string {
  const url = rules.get(ruleId)?.helpUri;
  if (!url) return markdownCode(ruleId);
  if (rules.references && REFERENCE_SAFE.test(ruleId)) {
    rules.references.add(ruleId);
    return `[${markdownCode(ruleId)}][${ruleId}]`;
  }
  return markdownLink(markdownCode(ruleId), url);
}

/** The link definitions for every rule `ruleCell` referenced, to end the document with. */
export function ruleReferences(rules: RuleIndex): string[] {
  return [...(rules.references ?? [])]
    .sort()
    .map((id) => `[${id}]: ${markdownLink('', rules.get(id)!.helpUri!).slice(3, -1)}`);
}

/** Name in bold, then kind and agent, then where: one cell instead of three columns. */
export function deploymentCell(context: RenderContext, d: DeploymentReport): string {
  return `**${markdownText(clip(d.name, MAX_NAME_CHARS))}** · ${KIND_LABELS[d.kind]} · ${markdownText(d.agent)}<br>${locationCell(context, d.file, d.line)}`;
}

/** Only the facts at their weakest level, as `isolation none · network open`. */
export function weakFactsCell(d: DeploymentReport): string {
  const weak = SANDBOX_FACTS.filter((name) => isWeak(name, d.sandbox[name] as FactReport<string>));
  return weak.length ? weak.map((name) => `${name} ${markdownText(d.sandbox[name].value)}`).join(' · ') : '—';
}

/** All six facts in one cell, the weak ones in bold. */
export function factsCell(d: DeploymentReport): string {
  return SANDBOX_FACTS.map((name) => {
    const fact = d.sandbox[name] as FactReport<string>;
    const value = markdownText(fact.value);
    return `${name} ${isWeak(name, fact) ? `**${value}**` : value}`;
  }).join(' · ');
}

/** The first thing to do about a finding: its fix, else the rule's title linked to the rule's page. */
export function firstFixCell(rules: RuleIndex, f: Finding, max = MAX_MESSAGE_CHARS): string {
  // The rule's page says how to fix what it finds; its id links there.
  return `${ruleCell(rules, f.ruleId)}: ${markdownMessage(clip(fixOf(f) ?? f.message, max))}`;
}

export const FINDING_HEADER = ['Severity', 'Location', 'Rule', 'Message'];

/**
 * One finding as a table row. The message cell ends with the finding's fix when it has one; other
 * lines about a finding (suppression, ownership) belong in `extra`, so every table shows them alike.
 */
export function findingRow(
  rules: RuleIndex,
  context: RenderContext,
  f: Finding,
  options: { note?: string; extra?: readonly string[]; maxMessage?: number } = {},
): string[] {
  const fix = fixOf(f);
  const max = options.maxMessage ?? Number.POSITIVE_INFINITY;
  const message = [
    markdownMessage(clip(f.message, max)),
    ...(fix ? [`**Fix:** ${markdownMessage(clip(fix, max))}`] : []),
    ...(f.suppression?.source === 'pull-request' ? [ownSuppressionNote(f)] : []),
    ...(options.extra ?? []),
  ].join('<br>');
  return [
    `${SEVERITY_ICON[f.severity]} ${f.severity}${options.note ?? ''}`,
    locationCell(context, f.file, f.line, f.endLine),
    ruleCell(rules, f.ruleId),
    message,
  ];
}

/** The mark on a finding this pull request suppressed itself: awaiting approval, or approved by whom. */
function ownSuppressionNote(f: Finding): string {
  const s = f.suppression!;
  const why = s.note ? `, ${markdownMessage(s.note)}` : '';
  if (!s.applied) return `suppressed by this pull request${why}, not yet approved`;
  const by = s.approvedBy?.length ? `, approved by ${s.approvedBy.map((a) => markdownCode(a)).join(', ')}` : '';
  return `suppressed by this pull request${why}${by}`;
}

/** Rows of findings per rule, worst rule first: severity, then how many deployments it hits. */
export function ruleCountRows(rules: RuleIndex, findings: readonly Finding[]): string[][] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const worst = (list: readonly Finding[]): number => Math.min(...list.map((f) => severityRank(f.severity)));
  return [...byRule.entries()]
    .map(([id, list]) => ({ id, list, deployments: new Set(list.map((f) => f.deployment ?? `file:${f.file}`)).size }))
    .sort((a, b) => worst(a.list) - worst(b.list) || b.list.length - a.list.length || (a.id < b.id ? -1 : 1))
    .map(({ id, list, deployments }) => {
      const severity = list.find((f) => severityRank(f.severity) === worst(list))!.severity;
      return [
        `${ruleCell(rules, id)}<br>${markdownText(clip(rules.get(id)?.title ?? '', 90))}`,
        `${SEVERITY_ICON[severity]} ${severity}`,
        String(list.length),
        String(deployments),
      ];
    });
}

export const RULE_COUNT_HEADER = ['Rule', 'Worst', 'Findings', 'Deployments'];
export const RULE_COUNT_ALIGN = ['l', 'l', 'r', 'r'] as const;

/** Findings by deployment id (`null` for those about files), each list in the input order. */
export function byDeployment(findings: readonly Finding[]): Map<string | null, Finding[]> {
  const out = new Map<string | null, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.deployment);
    if (list) list.push(f);
    else out.set(f.deployment, [f]);
  }
  return out;
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
