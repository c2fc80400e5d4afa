/**
 * The `json` format: the machine report (contract in src/model/report.ts), pretty-printed, with
 * secrets masked in every string. Control characters need no help: JSON escapes them.
 */
import type { ScanReport } from '../model/report.js';
import { redactSecrets } from '../secrets.js';

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value), 2)}\n`;
}
