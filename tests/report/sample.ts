/** Builders for plain ScanReports, so each renderer is tested without running a scan. */
import type { DeploymentReport, FactReport, ScanReport } from '../../src/model/report.js';
import type { Finding, Severity } from '../../src/model.js';
import { findRule } from '../../src/rules/index.js';
import { ruleDocsUrl } from '../../src/rules/types.js';

const fact = <T extends string>(value: T, reason = `because ${value}`): FactReport<T> => ({
  value,
  reason,
  source: null,
});

export function deployment(overrides: Partial<DeploymentReport> = {}): DeploymentReport {
  const file = overrides.file ?? '.github/workflows/review.yml';
  const name = overrides.name ?? 'review';
  return {
    id: `workflow-job:${file}#${name}`,
    kind: 'workflow-job',
    name,
    agent: 'claude-code',
    file,
    line: 5,
    column: 3,
    signals: ['uses anthropics/claude-code-action'],
    sandbox: {
      isolation: fact('none', 'the agent runs directly on the runner'),
      network: fact('open'),
      filesystem: fact('full'),
      approval: fact('bypassed', '`--dangerously-skip-permissions` in `claude_args`'),
      credentials: fact('write'),
      limits: fact('unbounded'),
    },
    result: 'fail',
    ...overrides,
  };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'sandbox-required',
    severity: 'error',
    message: 'No sandbox is declared for this agent: the agent runs directly on the runner.',
    file: '.github/workflows/review.yml',
    line: 5,
    column: 3,
    endLine: 5,
    endColumn: 9,
    deployment: 'workflow-job:.github/workflows/review.yml#review',
    suppressed: null,
    ...overrides,
  };
}

export function report(overrides: Partial<ScanReport> = {}): ScanReport {
  const findings = overrides.findings ?? [];
  return {
    version: 1,
    tool: { name: 'agent-sandbox-guard', version: '0.1.0' },
    policy: { source: 'built-in:recommended' },
    result: findings.some((f) => !f.suppressed && f.severity === 'error') ? 'fail' : 'pass',
    failOn: 'error',
    coverage: { filesConsidered: 3, filesParsed: 2, skipped: [] },
    deployments: [],
    findings,
    // As the engine describes them: built-in rules with their metadata, others with a title alone.
    rules: [...new Set(findings.map((f) => f.ruleId))].sort().map((id) => {
      const meta = findRule(id)?.meta;
      return meta
        ? {
            id,
            title: meta.title,
            defaultSeverity: meta.defaultSeverity,
            helpUri: ruleDocsUrl(id),
            rationale: meta.rationale,
            examples: { ...meta.examples },
            securitySeverity: meta.securitySeverity,
          }
        : { id, title: `Title of ${id}`, defaultSeverity: 'error' as Severity };
    }),
    ...overrides,
  };
}

/** `n` findings of one severity spread over files and lines, in no particular order. */
export function many(
  n: number,
  severity: Severity,
  file = (i: number) => `.github/workflows/w${i % 3}.yml`,
): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    finding({ severity, file: file(i), line: 100 - i, endLine: 100 - i, message: `${severity} number ${i}` }),
  );
}

/** A job name an attacker controls, as it would reach every sink. */
export const HOSTILE_NAME =
  '<img src=x onerror=alert(1)> | [pwn](https://evil.example) @octocat #1 `x` **b** ::error::forged\n::warning::second';
export const HOSTILE_FILE = '.github/workflows/a,b:c%25 ::x (1).yml';
