/**
 * The `json` format: the machine report (contract in src/engine/report.ts), pretty-printed, with
 * secrets masked in every string. Control characters need no help: JSON escapes them.
 */
import type { ScanReport } from '../engine/report.js';
import { redactSecrets } from '../secrets.js';

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value), 2)}\n`;
}
