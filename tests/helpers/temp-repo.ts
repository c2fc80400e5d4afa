/** Writes a small repository of files into a fresh temporary folder (or `root`) and returns its path. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function writeRepo(
  files: Record<string, string | Uint8Array>,
  root = mkdtempSync(path.join(tmpdir(), 'asg-repo-')),
): string {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}
