/** Helpers for the workflows adapter tests: extract one file, or scan a small repository on disk. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { workflowsAdapter } from '../../../src/adapters/workflows/index.js';
import type { AdapterContext } from '../../../src/adapters/types.js';
import { parseDocument } from '../../../src/documents/index.js';
import type { ParsedFile } from '../../../src/documents/types.js';
import { scanDirectory } from '../../../src/engine/index.js';
import type { Deployment } from '../../../src/model.js';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { detectSettings } from '../../../src/policy/schema.js';
import { listFiles } from '../../helpers/golden.js';

/** Deployments the adapter extracts from `files[main]`; the other files are loadable (settings, composite actions). */
export function extract(
  files: Record<string, string>,
  main = Object.keys(files)[0]!,
  detect: Partial<AdapterContext['settings']> = {},
  onText?: (file: string) => void,
): Deployment[] {
  const parsed = new Map<string, ParsedFile>();
  const load = (file: string): ParsedFile | null => {
    if (!(file in files)) return null;
    if (!parsed.has(file)) parsed.set(file, parseDocument(file, files[file]!));
    return parsed.get(file)!;
  };
  const context: AdapterContext = {
    settings: { ...detectSettings.parse(undefined), ...detect },
    load,
    text: (file) => {
      onText?.(file);
      return Object.hasOwn(files, file) ? files[file]! : null;
    },
    files: Object.keys(files).sort(),
  };
  const doc = load(main)!;
  if (doc.problems.length > 0) throw new Error(`fixture does not parse: ${doc.problems[0]!.message}`);
  return workflowsAdapter.extract(doc, context).deployments;
}

/** The only deployment of a workflow. */
export function only(files: Record<string, string>, main?: string): Deployment {
  const deployments = extract(files, main);
  if (deployments.length !== 1)
    throw new Error(`expected one deployment, got ${deployments.map((d) => d.id).join(', ') || 'none'}`);
  return deployments[0]!;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes a repository to a temporary directory and scans it with every adapter and rule. */
export function scanFiles(files: Record<string, string>) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'asg-workflows-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return scanDirectory({ root, policy: defaultPolicy(), listing: listFiles(root) }).report;
}

/** Scans a directory that already exists (fixtures checked into this folder). */
export function scanDir(root: string) {
  return scanDirectory({ root, policy: defaultPolicy(), listing: listFiles(root) }).report;
}

/** Trims the common indentation of a template literal, so fixtures can be written inline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
