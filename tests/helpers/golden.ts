/**
 * Golden fixtures: tests/fixtures/rules/<rule-id>/pass/<case>/ is a small repository that must
 * stay silent for the rule; fail/<case>/ is one whose findings for the rule must equal
 * fail/<case>.expected.json exactly (positions and severity).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Finding } from '../../src/model.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/rules');

/** The date every golden scan runs on, so expiry (attestations, suppressions) never depends on the clock. */
export const GOLDEN_TODAY = '2026-06-01';

/**
 * A fixture's own `.github/agent-sandbox.yml` when it has one (attestations live there), else every
 * rule at its default settings.
 */
function fixturePolicy(root: string) {
  return existsSync(path.join(root, '.github/agent-sandbox.yml'))
    ? loadPolicy({ root, today: GOLDEN_TODAY })
    : defaultPolicy();
}

function scanFixture(root: string) {
  return scanDirectory({ root, policy: fixturePolicy(root), listing: listFiles(root), today: GOLDEN_TODAY }).report;
}

export interface ExpectedFinding {
  ruleId: string;
  severity: Finding['severity'];
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Optional: a substring the message must contain. */
  message?: string;
}

export function caseDirs(ruleId: string, kind: 'pass' | 'fail'): string[] {
  const dir = path.join(FIXTURES, ruleId, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => path.join(dir, name));
}

/** Lists every file of a fixture repository, so the scan never depends on git state. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** Findings of one rule over a fixture repository, under the fixture's policy or the defaults. */
export function findingsFor(ruleId: string, root: string): ExpectedFinding[] {
  return scanFixture(root)
    .findings.filter((f) => f.ruleId === ruleId)
    .map(({ ruleId: id, severity, file, line, column, endLine, endColumn }) => ({
      ruleId: id,
      severity,
      file,
      line,
      column,
      endLine,
      endColumn,
    }));
}

export function expectedFor(caseDir: string): ExpectedFinding[] {
  return JSON.parse(readFileSync(`${caseDir}.expected.json`, 'utf8')) as ExpectedFinding[];
}

/** Full findings (with messages) for message assertions. */
export function fullFindingsFor(ruleId: string, root: string): Finding[] {
  return scanFixture(root).findings.filter((f) => f.ruleId === ruleId);
}
