/**
 * Picks the renderer for an output format. Every renderer has one signature, (report, context) =>
 * string, and reads only the report: a new format is one entry in `RENDERERS` and one in FORMATS.
 */
import type { ScanReport } from '../model/report.js';
import { FORMATS, type Format } from './formats.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { RenderContext } from './view.js';

export type Renderer = (report: ScanReport, context: RenderContext) => string;

export const RENDERERS: Record<Format, Renderer> = {
  text: renderText,
  json: (report) => renderJson(report),
  sarif: (report) => renderSarif(report),
  github: (report, context) => renderGithub(report, context),
  cyclonedx: (report) => renderCycloneDx(report),
};

export function render(format: Format, report: ScanReport, context: RenderContext = {}): string {
  return RENDERERS[format](report, context);
}

export { FORMATS, type Format };
export { renderComment, commentMarker } from './comment.js';
export { planAnnotations, type Annotation, type AnnotationPlan } from './annotations.js';
export { renderSummary } from './summary.js';
export { workflowCommand } from './github.js';
export { buildSarif } from './sarif.js';
export type { RenderContext } from './view.js';
