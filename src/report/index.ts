/** Picks the renderer for an output format. Each renderer is a pure function of the report. */
import type { ScanReport } from '../engine/report.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function render(format: Format, report: ScanReport): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    default:
      return `${JSON.stringify(report, null, 2)}\n`; // replaced by the text, sarif and github renderers
  }
}
