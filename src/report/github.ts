/**
 * The `github` format: workflow commands (`::error file=…,line=…::message`) that the runner turns
 * into annotations, ranked and capped like the action's own (see annotations.ts). Every property
 * and message is escaped the way the runner unescapes it, and each command is one line, so nothing
 * from a scanned file can start a command of its own.
 */
import type { ScanReport } from '../model/report.js';
import { planAnnotations, type Annotation, type AnnotationOptions } from './annotations.js';
import { commandData, commandProperty } from './escape.js';
import type { RenderContext } from './view.js';

const COMMAND: Record<Annotation['level'], string> = { error: 'error', warning: 'warning', notice: 'notice' };

/** One workflow command line (without the trailing newline). */
export function workflowCommand(annotation: Annotation): string {
  const properties: [string, string | number | undefined][] = [
    ['file', annotation.file],
    ['line', annotation.line],
    ['endLine', annotation.endLine],
    ['col', annotation.column],
    ['endColumn', annotation.endColumn],
    ['title', annotation.title],
  ];
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${commandProperty(String(value))}`)
    .join(',');
  return `::${COMMAND[annotation.level]}${props ? ` ${props}` : ''}::${commandData(annotation.message)}`;
}

export function renderGithub(report: ScanReport, context: RenderContext = {}, options: AnnotationOptions = {}): string {
  const plan = planAnnotations(report, context, {
    readMore: 'in the output of `agent-sandbox-guard scan --format text`',
    ...options,
  });
  const lines = plan.shown.map(workflowCommand);
  if (plan.overflow) lines.push(workflowCommand(plan.overflow));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
