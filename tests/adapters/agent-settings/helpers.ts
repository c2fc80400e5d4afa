/** Scans an in-memory repository with only the agent-settings adapter and every registered rule. */
import { agentSettingsAdapter } from '../../../src/adapters/agent-settings/index.js';
import { scan } from '../../../src/engine/scan.js';
import type { Deployment, Finding, Location, SourceRef } from '../../../src/model.js';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { RULES } from '../../../src/rules/index.js';
import { parseDocument } from '../../../src/documents/index.js';

export interface Scanned {
  deployments: Deployment[];
  findings: Finding[];
  /** Resolves a fact's source to a line and column for assertions. */
  locate(at: SourceRef | null): Omit<Location, 'file'> | null;
}

export function scanFiles(files: Record<string, string>): Scanned {
  const deployments: Deployment[] = [];
  const adapter = {
    ...agentSettingsAdapter,
    extract: (...args: Parameters<typeof agentSettingsAdapter.extract>) => {
      const out = agentSettingsAdapter.extract(...args);
      deployments.push(...out.deployments);
      return out;
    },
  };
  const { report } = scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) => (file in files ? { ok: true, text: files[file]! } : { ok: false, status: 'unreadable', reason: 'missing' }),
    policy: defaultPolicy(),
    adapters: [adapter],
    rules: RULES,
  });
  const locate = (at: SourceRef | null): Omit<Location, 'file'> | null => {
    if (!at) return null;
    const doc = parseDocument(at.file, files[at.file]!).documents[at.doc ?? 0]!;
    const r = at.text ? doc.locateText(at.path, at.text) : doc.locate(at.path);
    return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
  };
  return { deployments, findings: report.findings, locate };
}

/** The only deployment of a scan; fails loudly when there is not exactly one. */
export function only(scanned: Scanned): Deployment {
  if (scanned.deployments.length !== 1) throw new Error(`expected one deployment, got ${scanned.deployments.length}`);
  return scanned.deployments[0]!;
}

export const lineOf = (scanned: Scanned, at: SourceRef | null): number | null => scanned.locate(at)?.line ?? null;
