/**
 * Which findings become annotations. GitHub shows at most 10 errors, 10 warnings and 10 notices
 * per step and silently drops the rest, so findings are ranked (severity, then file and line),
 * each level's budget is spent on its worst findings, and one notice counts what did not fit and
 * says where to read it all.
 */
import type { DeploymentReport, ScanReport } from '../model/report.js';
import { SEVERITIES, type Severity } from '../model.js';
import { oneLine } from './escape.js';
import {
  activeFindings,
  bySeverity,
  KIND_LABELS,
  plural,
  scopeOf,
  inScope,
  type Counts,
  type RenderContext,
} from './view.js';

export interface Annotation {
  level: Severity;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
}

export interface AnnotationOptions {
  /** Annotations GitHub shows per level and step. */
  perLevel?: number;
  /** Slots per level the caller needs for its own messages (the verdict, a permission warning). */
  reserved?: Partial<Counts>;
  /** A notice on each passing deployment. */
  annotatePassing?: boolean;
  /** Where the complete list is, finishing the overflow notice ("in the job summary"). */
  readMore?: string;
}

export interface AnnotationPlan {
  shown: Annotation[];
  /** Findings (and passing notices) that did not fit, per level. */
  hidden: Counts & { passing: number };
  /** The notice that counts the hidden ones, when any are hidden. */
  overflow: Annotation | null;
  /** Every annotation before capping, ranked: what a check run receives. */
  all: Annotation[];
}

export const ANNOTATIONS_PER_LEVEL = 10;

export function planAnnotations(
  report: ScanReport,
  context: RenderContext = {},
  options: AnnotationOptions = {},
): AnnotationPlan {
  const perLevel = options.perLevel ?? ANNOTATIONS_PER_LEVEL;
  const findings = once(activeFindings(report, context).sort(bySeverity).map(findingAnnotation));
  const passing = options.annotatePassing ? passingDeployments(report, context).map(passingAnnotation) : [];
  const all = [...findings, ...passing];

  const budget = (level: Severity): number => Math.max(0, perLevel - (options.reserved?.[level] ?? 0));
  const want = (level: Severity): number =>
    findings.filter((a) => a.level === level).length + (level === 'notice' ? passing.length : 0);
  const overflowing = SEVERITIES.some((level) => want(level) > budget(level));
  // The overflow notice itself takes a notice slot.
  const room: Counts = {
    error: budget('error'),
    warning: budget('warning'),
    notice: Math.max(0, budget('notice') - (overflowing ? 1 : 0)),
  };

  const shown: Annotation[] = [];
  const hidden = { error: 0, warning: 0, notice: 0, passing: 0 };
  for (const annotation of findings) {
    if (room[annotation.level] > 0) {
      room[annotation.level] -= 1;
      shown.push(annotation);
    } else hidden[annotation.level] += 1;
  }
  for (const annotation of passing) {
    if (room.notice > 0) {
      room.notice -= 1;
      shown.push(annotation);
    } else hidden.passing += 1;
  }
  const overflow = overflowing ? overflowNotice(hidden, options.readMore) : null;
  return { shown, hidden, overflow, all };
}

/**
 * One annotation per place and message: the same finding of several deployments (a composite
 * action every release job uses) is one line to fix, and GitHub's ten per level are not spent on copies.
 */
function once(annotations: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return annotations.filter((a) => {
    const key = [a.level, a.title, a.file, a.line, a.column, a.endLine, a.endColumn, a.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function findingAnnotation(f: ScanReport['findings'][number]): Annotation {
  return {
    level: f.severity,
    message: oneLine(f.fix ? `${f.message} Fix: ${f.fix.description}` : f.message),
    title: f.ruleId,
    file: f.file,
    line: f.line,
    endLine: f.endLine,
    column: f.column,
    endColumn: f.endColumn,
  };
}

function passingDeployments(report: ScanReport, context: RenderContext): DeploymentReport[] {
  const scope = scopeOf(report, context);
  return report.deployments.filter((d) => d.result === 'pass' && inScope(d.file, scope));
}

function passingAnnotation(d: DeploymentReport): Annotation {
  const s = d.sandbox;
  const facts = `isolation ${s.isolation.value}, network ${s.network.value}, filesystem ${s.filesystem.value}, approval ${s.approval.value}, credentials ${s.credentials.value}, limits ${s.limits.value}`;
  return {
    level: 'notice',
    title: 'agent deployment passes',
    message: oneLine(`${KIND_LABELS[d.kind]} "${d.name}" (${d.agent}) passes the sandbox policy: ${facts}.`),
    file: d.file,
    line: d.line,
    column: d.column,
  };
}

function overflowNotice(hidden: AnnotationPlan['hidden'], readMore = 'in the job summary'): Annotation {
  const parts = SEVERITIES.filter((l) => hidden[l] > 0).map((l) => plural(hidden[l], l));
  if (hidden.passing > 0) parts.push(plural(hidden.passing, 'passing deployment'));
  const total = hidden.error + hidden.warning + hidden.notice + hidden.passing;
  const what = parts.length > 0 ? parts.join(', ') : 'nothing';
  return {
    level: 'notice',
    title: 'more findings than GitHub shows',
    message: `${plural(total, 'more annotation')} (${what}) did not fit GitHub's limit of 10 per level; every finding is listed ${readMore}.`,
  };
}
