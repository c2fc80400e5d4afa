/**
 * The `text` format, for people at a terminal: findings grouped by file like ESLint's "stylish",
 * errors first, the rule id in a fixed column and the message (and its fix) wrapped beside it to
 * the terminal's width; then the agent deployments with their sandbox facts; then one summary line
 * and what was not read. Colour only when the context says the terminal takes it (a TTY or
 * FORCE_COLOR, never NO_COLOR); untrusted text is made inert before any colour is added.
 */
import type { DeploymentReport, ScanReport } from '../model/report.js';
import { SANDBOX_FACTS, type Finding, type Severity } from '../model.js';
import { neutraliseCommands, terminalText } from './escape.js';
import {
  activeFindings,
  countBySeverity,
  describeCounts,
  fixOf,
  isWeak,
  KIND_LABELS,
  plural,
  scopeOf,
  severityRank,
  verdict,
  type RenderContext,
} from './view.js';
import { append, maxOf } from '../util/arrays.js';

/** Skipped files listed before the rest is only counted. */
const MAX_SKIPPED_LISTED = 20;
/** The rule column is as wide as the longest rule id shown, up to this. */
const MAX_RULE_COLUMN = 28;
/** Below this many columns for the message, wrapping would make it harder to read, not easier. */
const MIN_MESSAGE_WIDTH = 30;

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'blue' | 'green' | 'underline';
const SGR: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
};
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', notice: 'blue' };

interface Painter {
  paint(style: Style, text: string): string;
  width: number | undefined;
}

export function renderText(report: ScanReport, context: RenderContext = {}): string {
  const color = context.terminal?.color === true;
  const out: Painter = {
    paint: (style, text) => (color && text ? `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m` : text),
    width: context.terminal?.width,
  };
  const scope = scopeOf(report, context);
  const active = activeFindings(report, context);
  const lines: string[] = [];

  const groups = groupByFile(active);
  const ruleWidth = Math.min(MAX_RULE_COLUMN, Math.max(0, ...active.map((f) => f.ruleId.length)));
  for (const [file, findings] of groups) {
    lines.push(out.paint('underline', terminalText(file)), ...findingRows(findings, ruleWidth, out), '');
  }

  if (report.deployments.length > 0) {
    lines.push(out.paint('bold', `Agent deployments (${report.deployments.length})`));
    for (const d of report.deployments) append(lines, deploymentRows(d, scope, out));
    lines.push('');
  }

  lines.push(summaryLine(report, context, active, out));
  const suppressed = report.findings.filter((f) => f.suppressed).length;
  const outside = report.findings.filter((f) => !f.suppressed).length - active.length;
  if (suppressed > 0) lines.push(`  ${plural(suppressed, 'suppressed finding')} not shown.`);
  if (outside > 0) lines.push(`  ${plural(outside, 'finding')} outside the changed files not shown.`);
  append(lines, skippedRows(report));
  return `${neutraliseCommands(lines.join('\n'))}\n`;
}

/** Files holding errors first, then warnings, then notices; inside a file, errors first, then by line. */
function groupByFile(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  const worst = (list: readonly Finding[]): number => Math.min(...list.map((f) => severityRank(f.severity)));
  for (const list of groups.values())
    list.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.line - b.line || a.column - b.column);
  // Map order is the report's file order; the sort is stable, so files keep it within a severity.
  return [...groups.entries()].sort((a, b) => worst(a[1]) - worst(b[1]));
}

function findingRows(findings: readonly Finding[], ruleWidth: number, out: Painter): string[] {
  const positions = findings.map((f) => `${f.line}:${f.column}`);
  const posWidth = maxOf(positions.map((p) => p.length));
  const sevWidth = maxOf(findings.map((f) => f.severity.length));
  const column = 2 + posWidth + 2 + sevWidth + 2 + ruleWidth + 2;
  // On a narrow terminal the message goes under the row, not into a sliver beside it.
  const narrow = out.width !== undefined && out.width - column < MIN_MESSAGE_WIDTH;
  const indent = narrow ? 6 : column;
  return findings.flatMap((f, i) => {
    const rule = f.ruleId.padEnd(ruleWidth);
    const head = `  ${out.paint('dim', positions[i]!.padEnd(posWidth))}  ${out.paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(sevWidth))}  ${out.paint('dim', rule)}  `;
    // A rule id longer than its column pushes the message to the next line, so the column holds.
    const first = narrow || f.ruleId.length > ruleWidth ? [head.trimEnd()] : [];
    const body = wrap(terminalText(f.message), indent, out.width);
    const fix = fixOf(f);
    const fixLines = fix
      ? wrap(`fix: ${terminalText(fix)}${fixTag(f)}`, indent, out.width).map((l) => paintFix(l, out))
      : [];
    const [firstBody, ...rest] = body;
    return first.length
      ? [...first, ...body.map((l) => `${' '.repeat(indent)}${l}`), ...fixLines.map((l) => `${' '.repeat(indent)}${l}`)]
      : [`${head}${firstBody}`, ...[...rest, ...fixLines].map((l) => `${' '.repeat(indent)}${l}`)];
  });
}

/** Whether `fix` writes it: `[fix]`, `[fix --unsafe]`, or nothing for advice. */
function fixTag(f: Finding): string {
  if (!f.fix || f.fix.edits.length === 0) return '';
  return f.fix.safety === 'safe' ? '  [fix]' : '  [fix --unsafe]';
}

const paintFix = (line: string, out: Painter): string =>
  line.startsWith('fix: ') ? `${out.paint('green', 'fix:')}${line.slice(4)}` : line;

/**
 * Words of `text` in lines that fit `width` after `indent` columns; a word longer than a whole line
 * (a JSON value in a fix) is cut at the line's end, as the terminal would, but inside the message
 * column. Without a width (not a terminal) the text is one line, as pipes and tools expect.
 */
export function wrap(text: string, indent: number, width: number | undefined): string[] {
  const room = width === undefined ? Number.POSITIVE_INFINITY : width - indent;
  if (text.length <= room || room < MIN_MESSAGE_WIDTH) return [text];
  const lines: string[] = [];
  let line = '';
  const words = text.split(' ').flatMap((word) => {
    if (word.length <= room) return [word];
    const pieces: string[] = [];
    for (let i = 0; i < word.length; i += room) pieces.push(word.slice(i, i + room));
    return pieces;
  });
  for (const word of words) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Indexes of `parts` in consecutive groups whose joined text fits `room`. */
function groupsThatFit(parts: readonly string[], separator: string, room: number): number[][] {
  const groups: number[][] = [];
  let length = 0;
  parts.forEach((part, i) => {
    const group = groups.at(-1);
    if (group && length + separator.length + part.length <= room) {
      group.push(i);
      length += separator.length + part.length;
    } else {
      groups.push([i]);
      length = part.length;
    }
  });
  return groups;
}

function deploymentRows(d: DeploymentReport, scope: ReadonlySet<string> | undefined, out: Painter): string[] {
  const where = scope && d.inScope === false ? '  (outside the changed files)' : '';
  const result = d.result === 'fail' ? out.paint('red', 'fail') : out.paint('green', 'pass');
  const facts = SANDBOX_FACTS.map((name) => {
    const fact = d.sandbox[name];
    const text = `${name} ${terminalText(fact.value)}`;
    return isWeak(name, fact) ? out.paint('bold', text) : text;
  });
  // Facts are wrapped whole (measured unpainted), so a line never splits `credentials read`.
  const painted = groupsThatFit(
    SANDBOX_FACTS.map((name) => `${name} ${terminalText(d.sandbox[name].value)}`),
    ' · ',
    out.width === undefined ? Number.POSITIVE_INFINITY : out.width - 8,
  ).map((group) => group.map((i) => facts[i]).join(' · '));
  const [head, ...more] = wrap(
    `${terminalText(`${d.file}:${d.line}:${d.column}`)}  ${terminalText(d.name)} (${KIND_LABELS[d.kind]}, ${terminalText(d.agent)})${where}`,
    8,
    out.width,
  );
  return [`  ${result}  ${head}`, ...more.map((l) => `        ${l}`), ...painted.map((l) => `        ${l}`)];
}

/** One line: the verdict, the problem counts, the policy and what was read. */
function summaryLine(report: ScanReport, context: RenderContext, active: readonly Finding[], out: Painter): string {
  const counts = countBySeverity(active);
  const total = counts.error + counts.warning + counts.notice;
  const mark = report.result === 'fail' ? out.paint('red', '✖') : out.paint('green', '✔');
  // The verdict leads; on a terminal it wraps under itself.
  const { coverage } = report;
  const scope = scopeOf(report, context);
  const parts = [
    total > 0 ? `${plural(total, 'problem')} (${describeCounts(counts)})` : '',
    `policy ${terminalText(report.policy.source)}, fail-on ${report.failOn}`,
    `${plural(coverage.filesConsidered, 'file')} considered, ${coverage.filesParsed} parsed, ${coverage.skipped.length} skipped or not evaluated`,
    scope && !context.scopeName ? plural(scope.size, 'changed file') : '',
  ].filter(Boolean);
  const [first, ...rest] = wrap(`${verdict(report, context)} ${parts.join(' · ')}.`, 2, out.width);
  return [`${mark} ${first}`, ...rest.map((l) => `  ${l}`)].join('\n');
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
