/**
 * `scopeOnly` against a full scan on a generated monorepo (Kubernetes, Compose, workflows, MCP and
 * agent settings, with an ignored node_modules/): for many changes, the changed files must be
 * judged exactly alike, and the run must pass or fail alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/gen-monorepo.mjs';
import { scanDirectory } from '../../src/engine/index.js';
import type { ScanReport } from '../../src/model/report.js';
import { defaultPolicy } from '../../src/policy/defaults.js';

const base = mkdtempSync(path.join(os.tmpdir(), 'asg-scope-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const dir = path.join(base, 'repo');
const manifest = generate({ seed: 7, count: 1200, dir });
const policy = defaultPolicy();
const scanned = scanDirectory({ root: dir, policy, today: '2026-01-01' });
const full = scanned.report;
const parsedFiles = [...scanned.parsed.keys()].sort();

function about(report: ScanReport, scope: ReadonlySet<string>): unknown {
  return {
    result: report.result,
    deployments: report.deployments.filter((d) => scope.has(d.file)),
    findings: report.findings.filter((f) => scope.has(f.file)),
  };
}

/** Changes worth trying: each agent file alone, every config next to one, and mixed pull requests. */
function changes(): string[][] {
  const judged = full.deployments.map((d) => d.file).concat(full.findings.map((f) => f.file));
  // Parsed configs without a deployment too: NetworkPolicies, kustomizations, plain workflows.
  const providers = parsedFiles.filter((f) => /^(deploy|charts)\/|compose|^\.github\//.test(f)).slice(0, 40);
  const files = [...new Set([...judged, ...providers])].sort();
  const agentFiles = manifest.agents.map((a) => a.file);
  const out: string[][] = files.map((f) => [f]);
  for (let i = 0; i + 3 < files.length; i += 3) out.push(files.slice(i, i + 3));
  out.push(manifest.changed, agentFiles.slice(0, 5), ['README.md', 'package.json']);
  return out;
}

describe('scopeOnly on a generated monorepo', () => {
  it('has agent deployments, cross-file facts and nothing from node_modules/', () => {
    expect(full.deployments.length).toBeGreaterThan(5);
    expect(full.deployments.some((d) => d.file.startsWith('node_modules/'))).toBe(false);
  });

  it('judges every change as the full scan gated on it does', () => {
    let checked = 0;
    for (const change of changes()) {
      const scope = new Set(change);
      const gated = scanDirectory({ root: dir, policy, scope, today: '2026-01-01' }).report;
      const limited = scanDirectory({ root: dir, policy, scope, scopeOnly: true, today: '2026-01-01' }).report;
      expect({ change, ...(about(limited, scope) as object) }).toEqual({ change, ...(about(gated, scope) as object) });
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
