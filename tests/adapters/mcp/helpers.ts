/** Scans an in-memory repository with the MCP and devcontainer adapters and every registered rule. */
import { devcontainerAdapter } from '../../../src/adapters/devcontainer/index.js';
import { mcpAdapter } from '../../../src/adapters/mcp/index.js';
import type { Adapter } from '../../../src/adapters/types.js';
import type { ScanReport } from '../../../src/model/report.js';
import type { Deployment, Fact, Finding, SourceRef } from '../../../src/model.js';
import { locateRef, scanInMemory } from '../../helpers/memory-scan.js';

export interface Scanned {
  report: ScanReport;
  deployments: Deployment[];
  findings: Finding[];
  /** `line:column` of a source reference, or null. */
  at(ref: SourceRef | null): string | null;
  /** `value@line:column` (or `value@-` without a source) for compact fact assertions. */
  fact(d: Deployment, name: keyof Deployment['sandbox']): string;
  /** Findings of one rule as `line:column-endLine:endColumn`. */
  positions(ruleId: string): string[];
}

export function scanRepo(
  files: Record<string, string>,
  adapters: readonly Adapter[] = [mcpAdapter, devcontainerAdapter],
): Scanned {
  const { report, deployments } = scanInMemory(files, adapters);
  const at = (ref: SourceRef | null): string | null => {
    const r = locateRef(files, ref);
    return r ? `${r.line}:${r.column}` : null;
  };
  const fact = (d: Deployment, name: keyof Deployment['sandbox']): string => {
    const f: Fact<string> = d.sandbox[name];
    return `${f.value}@${at(f.source) ?? '-'}`;
  };
  const positions = (ruleId: string): string[] =>
    report.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
  return {
    report,
    deployments: deployments.sort((a, b) => a.id.localeCompare(b.id)),
    findings: report.findings,
    at,
    fact,
    positions,
  };
}

export function byName(scanned: Scanned, name: string): Deployment {
  const d = scanned.deployments.find((x) => x.name === name);
  if (!d) throw new Error(`no deployment named ${name}; have ${scanned.deployments.map((x) => x.name).join(', ')}`);
  return d;
}
