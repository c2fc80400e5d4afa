/** Scans an in-memory repository with the given adapters and every registered rule, keeping each deployment the adapters produced. */
import type { Adapter } from '../../src/adapters/types.js';
import { parseDocument } from '../../src/documents/index.js';
import type { Range } from '../../src/documents/types.js';
import type { ScanReport } from '../../src/model/report.js';
import { scan } from '../../src/engine/scan.js';
import type { Deployment, SourceRef } from '../../src/model.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { RULES } from '../../src/rules/index.js';

export function scanInMemory(
  files: Record<string, string>,
  adapters: readonly Adapter[],
): { report: ScanReport; deployments: Deployment[] } {
  // The adapters' own output, before the engine drops or reorders anything, for fact assertions.
  const deployments: Deployment[] = [];
  const spied = adapters.map((a) => ({
    ...a,
    extract: (...args: Parameters<Adapter['extract']>) => {
      const out = a.extract(...args);
      deployments.push(...out.deployments);
      return out;
    },
  }));
  const { report } = scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) =>
      file in files ? { ok: true, text: files[file]! } : { ok: false, status: 'unreadable', reason: 'missing' },
    policy: defaultPolicy(),
    adapters: spied,
    rules: RULES,
  });
  return { report, deployments };
}

/** The range a source reference points at in one of the in-memory files, or null without a reference. */
export function locateRef(files: Record<string, string>, ref: SourceRef | null): Range | null {
  if (!ref) return null;
  const doc = parseDocument(ref.file, files[ref.file]!).documents[ref.doc ?? 0]!;
  return ref.text !== undefined ? doc.locateText(ref.path, ref.text) : doc.locate(ref.path);
}
