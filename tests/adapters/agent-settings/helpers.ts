/** Scans an in-memory repository with only the agent-settings adapter and every registered rule. */
import { agentSettingsAdapter } from '../../../src/adapters/agent-settings/index.js';
import type { Deployment, Finding, Location, SourceRef } from '../../../src/model.js';
import { locateRef, scanInMemory } from '../../helpers/memory-scan.js';

export interface Scanned {
  deployments: Deployment[];
  findings: Finding[];
  /** Resolves a fact's source to a line and column for assertions. */
  locate(at: SourceRef | null): Omit<Location, 'file'> | null;
}

export function scanFiles(files: Record<string, string>): Scanned {
  const { report, deployments } = scanInMemory(files, [agentSettingsAdapter]);
  const locate = (at: SourceRef | null): Omit<Location, 'file'> | null => locateRef(files, at);
  return { deployments, findings: report.findings, locate };
}

/** The only deployment of a scan; fails loudly when there is not exactly one. */
export function only(scanned: Scanned): Deployment {
  if (scanned.deployments.length !== 1) throw new Error(`expected one deployment, got ${scanned.deployments.length}`);
  return scanned.deployments[0]!;
}

export const lineOf = (scanned: Scanned, at: SourceRef | null): number | null => scanned.locate(at)?.line ?? null;
