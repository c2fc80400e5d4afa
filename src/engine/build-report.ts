/** Turns raw findings and deployments into the positioned, sorted, deterministic JSON report. */
import type { ParsedFile } from '../documents/types.js';
import { compareCodeUnits } from '../discovery/discover.js';
import {
  SANDBOX_FACTS,
  SEVERITIES,
  type Deployment,
  type Finding,
  type Fix,
  type Location,
  type RawFinding,
  type Severity,
  type SourceRef,
} from '../model.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import { findRule } from '../rules/index.js';
import { ruleDocsUrl, type Rule } from '../rules/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { ENGINE_RULES } from './engine-rules.js';
import { fileLevelFix } from '../fix/producers/index.js';
import { resolveFix } from '../fix/resolve.js';
import { applySuppressions } from './suppress.js';
import { todayUtc } from '../policy/inline.js';
import {
  REPORT_VERSION,
  type CoverageEntry,
  type DeploymentReport,
  type SandboxReport,
  type ScanReport,
} from './report.js';

export interface BuildInput {
  policy: ResolvedPolicy;
  rules: readonly Rule[];
  deployments: readonly Deployment[];
  findings: readonly RawFinding[];
  files: number;
  filesParsed: number;
  skipped: readonly CoverageEntry[];
  load(file: string): ParsedFile | null;
  scope?: ReadonlySet<string> | undefined;
  /** `YYYY-MM-DD` (UTC) for suppression expiry; defaults to the current date. */
  today?: string;
  /** Parsed files and their text, for inline suppressions; without them only policy exceptions apply. */
  sources?: { files: readonly ParsedFile[]; text(file: string): string | null };
}

export function buildReport(input: BuildInput): ScanReport {
  const locate = locator(input.load);
  const fixOf = fixer(input);
  const positioned = dedupe(input.findings.map((f) => positionFinding(f, locate, fixOf)));
  const findings = applySuppressions(positioned, {
    policy: input.policy,
    deployments: input.deployments,
    files: input.sources?.files ?? [],
    text: (file) => input.sources?.text(file) ?? null,
    knownRules: new Set([...input.rules, ...ENGINE_RULES].map((r) => r.meta.id)),
    today: input.today ?? todayUtc(),
  }).sort(compareFindings);
  const failing = (f: Finding): boolean =>
    !f.suppressed && meetsThreshold(f.severity, input.policy.failOn) && inScope(f.file, input.scope);
  const failedDeployments = new Set(findings.filter(failing).map((f) => f.deployment));

  const deployments: DeploymentReport[] = input.deployments
    .map((d) => {
      const at = locate(d.at);
      const report: DeploymentReport = {
        id: d.id,
        kind: d.kind,
        name: d.name,
        agent: d.agent,
        file: d.file,
        line: at.line,
        column: at.column,
        signals: [...d.signals],
        sandbox: sandboxReport(d, locate),
        result: failedDeployments.has(d.id) ? 'fail' : 'pass',
      };
      if (input.scope) report.inScope = input.scope.has(d.file);
      return report;
    })
    .sort(
      (a, b) =>
        compareCodeUnits(a.file, b.file) || a.line - b.line || a.column - b.column || compareCodeUnits(a.id, b.id),
    );

  const usedRuleIds = new Set(findings.map((f) => f.ruleId));
  const rules = [...input.rules, ...ENGINE_RULES]
    .filter((r) => usedRuleIds.has(r.meta.id))
    .map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      defaultSeverity: r.meta.defaultSeverity,
      ...(findRule(r.meta.id) === r ? { helpUri: ruleDocsUrl(r.meta.id) } : {}),
    }))
    .sort((a, b) => compareCodeUnits(a.id, b.id));

  const skipped = dedupeCoverage(input.skipped).sort(
    (a, b) => compareCodeUnits(a.file, b.file) || compareCodeUnits(a.status, b.status),
  );
  return {
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    policy: { source: input.policy.source },
    result: findings.some(failing) ? 'fail' : 'pass',
    failOn: input.policy.failOn,
    coverage: { filesConsidered: input.files, filesParsed: input.filesParsed, skipped },
    deployments,
    findings,
    rules,
  };
}

export function meetsThreshold(severity: Severity, failOn: ResolvedPolicy['failOn']): boolean {
  if (failOn === 'never') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}

const inScope = (file: string, scope: ReadonlySet<string> | undefined): boolean => !scope || scope.has(file);

type Locate = (ref: SourceRef) => Location;

/** Resolves a key path to a position through the file's parsed document; falls back to 1:1. */
function locator(load: (file: string) => ParsedFile | null): Locate {
  return (ref) => {
    const base = { file: ref.file };
    if (ref.range) return { ...base, ...ref.range };
    const parsed = load(ref.file);
    const doc = parsed?.documents.find((d) => d.index === (ref.doc ?? 0)) ?? parsed?.documents[0];
    if (!doc) return { ...base, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const range = ref.text !== undefined ? doc.locateText(ref.path, ref.text) : doc.locate(ref.path);
    return { ...base, ...range };
  };
}

type FixOf = (raw: RawFinding) => Fix | null;

/** Text edits for a finding's fix, from the files as the scan read them; advice alone for file-level findings. */
function fixer(input: BuildInput): FixOf {
  const text = (file: string): string | null => input.sources?.text(file) ?? null;
  return (raw) => {
    const proposal = raw.fix ?? (raw.deployment === null ? fileLevelFix(raw.ruleId) : null);
    return proposal ? resolveFix(proposal, text).fix : null;
  };
}

function positionFinding(raw: RawFinding, locate: Locate, fixOf: FixOf): Finding {
  const finding: Finding = {
    ruleId: raw.ruleId,
    severity: raw.severity,
    message: raw.message,
    ...locate(raw.at),
    deployment: raw.deployment,
    suppressed: null,
  };
  if (raw.related?.length) finding.related = raw.related.map((r) => ({ message: r.message, ...locate(r.at) }));
  const fix = fixOf(raw);
  if (fix) finding.fix = fix;
  return finding;
}

function sandboxReport(d: Deployment, locate: Locate): SandboxReport {
  const out = {} as Record<string, unknown>;
  for (const name of SANDBOX_FACTS) {
    const fact = d.sandbox[name];
    out[name] = { value: fact.value, reason: fact.reason, source: fact.source ? locate(fact.source) : null };
  }
  return out as unknown as SandboxReport;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareCodeUnits(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareCodeUnits(a.ruleId, b.ruleId) ||
    compareCodeUnits(a.deployment ?? '', b.deployment ?? '') ||
    compareCodeUnits(a.message, b.message)
  );
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = [f.ruleId, f.file, f.line, f.column, f.deployment, f.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeCoverage(entries: readonly CoverageEntry[]): CoverageEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.file}\u0000${e.status}\u0000${e.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
