/**
 * Secrets written in scanned files (a literal API key in a workflow's `env`) are registered with the
 * runner (`::add-mask::`) before anything about the scan is printed, so no log line can show them even
 * if some text slipped past redaction. A pull request writes those files, so a mask is steerable: a
 * value registered as a mask blanks every occurrence in the job log. Only a value with a credential's
 * shape is masked, and never one that occurs in what the tool itself must print (a file path, a rule
 * id, a deployment's name, the tool's own name).
 */
import type { ParsedFile } from '../documents/types.js';
import type { ScanReport } from '../model/report.js';
import { findNamedSecrets, findSecrets, isPlaceholder } from '../secrets.js';
import { TOOL_NAME } from '../version.js';

/** Every credential-shaped secret in the string values of the parsed files, each once, in a stable order. */
export function secretsIn(parsed: ReadonlyMap<string, ParsedFile>, report?: ScanReport): string[] {
  const found = new Set<string>();
  for (const file of parsed.values()) {
    for (const doc of file.documents) {
      const stack: [unknown, string | null][] = [[doc.value, null]];
      while (stack.length > 0) {
        const [node, name] = stack.pop()!;
        if (typeof node === 'string') {
          for (const m of findNamedSecrets(name, node)) found.add(node.slice(m.start, m.end));
        } else if (Array.isArray(node)) {
          for (const item of node) stack.push([item, name]);
        } else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) stack.push([value, key]);
        }
      }
    }
  }
  const protectedText = report ? ownText(report) : [TOOL_NAME];
  return [...found].filter((s) => credentialShaped(s) && !protectedText.some((t) => t.includes(s))).sort();
}

/** A known token format, or a long random literal of the characters credentials use: no path, no words. */
export function credentialShaped(value: string): boolean {
  const tokens = findSecrets(value);
  if (tokens.length === 1 && tokens[0]!.start === 0 && tokens[0]!.end === value.length) return true;
  if (value.length < 16 || value.length > 4096 || isPlaceholder(value)) return false;
  if (!/^[A-Za-z0-9+=_~.-]+$/.test(value)) return false; // no separators: `/`, `\`, spaces, `:` are paths and text
  if (/\.(?:ya?ml|json|toml|md|sh|js|ts|py)$/i.test(value)) return false;
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** What the tool prints that a mask must never blank: paths, rule ids, names, its own name. */
function ownText(report: ScanReport): string[] {
  const out = new Set<string>([TOOL_NAME, report.tool.version, report.policy.source]);
  for (const d of report.deployments) for (const t of [d.id, d.name, d.file]) out.add(t);
  for (const f of report.findings) for (const t of [f.ruleId, f.file]) out.add(t);
  for (const s of report.coverage.skipped) out.add(s.file);
  for (const r of report.rules) out.add(r.id);
  return [...out];
}
