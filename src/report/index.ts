/** Picks the renderer for an output format. Each renderer is a pure function of the report. */
import type { ScanReport } from '../engine/report.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { RenderContext } from './view.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'cyclonedx'] as const;
export type Format = (typeof FORMATS)[number];

export function render(format: Format, report: ScanReport, context: RenderContext = {}): string {
  switch (format) {
    case 'text':
      return renderText(report, context);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'github':
      return renderGithub(report, context);
    case 'cyclonedx':
      return renderCycloneDx(report);
  }
}

export { renderComment, commentMarker } from './comment.js';
export { planAnnotations, type Annotation, type AnnotationPlan } from './annotations.js';
export { renderSummary } from './summary.js';
export { workflowCommand } from './github.js';
export { buildSarif } from './sarif.js';
export type { RenderContext } from './view.js';
