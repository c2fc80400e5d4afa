/**
 * The `json` format: the machine report (contract in src/model/report.ts), pretty-printed, with
 * secrets masked in every string. Control characters need no help: JSON escapes them.
 */
import type { ScanReport } from '../model/report.js';
import { redactSecrets } from '../secrets.js';

export function renderJson(report: ScanReport): string {
  // A report repeats its strings (files, rule ids, severities, messages): each distinct one is masked once.
  const masked = new Map<string, string>();
  const mask = (text: string): string => {
    let out = masked.get(text);
    if (out === undefined) {
      out = redactSecrets(text);
      masked.set(text, out);
    }
    return out;
  };
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? mask(value) : value), 2)}\n`;
}
