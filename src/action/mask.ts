/**
 * Secrets written in scanned files (a literal API key in a workflow's `env`) are registered with the
 * runner (`::add-mask::`) before anything about the scan is printed, so no log line can show them even
 * if some text slipped past redaction. Only values the secret detector flags are masked.
 */
import type { ParsedFile } from '../documents/types.js';
import { findNamedSecrets } from '../secrets.js';

/** Every secret in the string values of the parsed files, each once, in a stable order. */
export function secretsIn(parsed: ReadonlyMap<string, ParsedFile>): string[] {
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
  return [...found].sort();
}
