/** Turns raw findings and deployments into the positioned, sorted, deterministic JSON report. */
import type { ParsedFile } from '../documents/types.js';
import { compareCodeUnits } from '../util/order.js';
import {
  SANDBOX_FACTS,
  type Deployment,
  type Finding,
  type Fix,
  type Location,
  type RawFinding,
  type SourceRef,
} from '../model.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import { findRule } from '../rules/index.js';
import { ruleDocsUrl, type Rule } from '../rules/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { ENGINE_RULES } from '../rules/scanner/index.js';
import type { AttestationOutcome } from './attestations.js';
import { fileLevelFix } from '../fix/producers/index.js';
import { resolveFix } from '../fix/resolve.js';
import { applySuppressions } from './suppress.js';
import type { ChangeBaseline } from './govern.js';
import { todayUtc } from '../util/dates.js';
import { deploymentComponents } from './components.js';
import { taxonomyTags } from '../rules/owasp.js';
import {
  meetsThreshold,
  REPORT_VERSION,
  type AttestationsReport,
  type ChangeReport,
  type ComponentReport,
  type RuleDescriptor,
  type CoverageEntry,
  type DeploymentReport,
  type SandboxReport,
  type ScanReport,
} from '../model/report.js';

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
  /** What the policy's attestations did (see engine/attestations.ts). */
  attestations?: AttestationOutcome;
  /** The base of the change under review, to tell the change's own suppressions. */
  baseline?: ChangeBaseline;
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
    ...(input.baseline ? { baseline: input.baseline } : {}),
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
        components: componentsReport(d, input.load, locate),
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
    .map(ruleDescriptor)
    .sort((a, b) => compareCodeUnits(a.id, b.id));

  const skipped = dedupeCoverage(input.skipped).sort(
    (a, b) => compareCodeUnits(a.file, b.file) || compareCodeUnits(a.status, b.status),
  );
  const attestations = input.attestations ? attestationsReport(input.attestations, deployments) : null;
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
    ...(attestations ? { attestations } : {}),
    ...(input.baseline ? { change: changeReport(input.policy, input.baseline) } : {}),
  };
}

function changeReport(policy: ResolvedPolicy, baseline: ChangeBaseline): ChangeReport {
  return {
    name: baseline.name,
    fromPullRequest: policy.suppressions.fromPullRequest,
    approvers: [...policy.suppressions.approvers],
    approvedBy: [...(baseline.approvedBy ?? [])],
  };
}

function attestationsReport(
  outcome: AttestationOutcome,
  deployments: readonly DeploymentReport[],
): AttestationsReport | null {
  if (outcome.uses.length === 0 && outcome.unattestedRunners.length === 0) return null;
  const attestedFacts = deployments.reduce(
    (n, d) => n + SANDBOX_FACTS.filter((name) => d.sandbox[name].attestation).length,
    0,
  );
  return {
    entries: outcome.uses.map(({ attestation: a, status, raised, blocked }) => ({
      id: a.id,
      owner: a.owner,
      expires: a.expires,
      evidence: a.evidence,
      status,
      file: a.at.file,
      ...a.at.range,
      facts: { ...a.facts },
      deployments: [...new Set(raised.map((r) => r.deployment))].sort(compareCodeUnits),
      blocked: blocked.map((b) => ({ ...b })),
    })),
    attestedFacts,
    unattestedRunners: outcome.unattestedRunners
      .map(({ deployment, runner }) => ({ deployment, labels: runner.labels, group: runner.group }))
      .sort((a, b) => compareCodeUnits(a.deployment, b.deployment)),
  };
}

/** Where a report comes from, for reports of many repositories merged into one inventory. */
export interface ReportOrigin {
  /** `owner/name`, or any name the organisation uses. */
  repository?: string | undefined;
  commit?: string | undefined;
}

/** The report with its repository and commit, placed after `tool` so they lead the JSON. */
export function stampReport(report: ScanReport, origin: ReportOrigin): ScanReport {
  const { version, tool, repository, commit, ...rest } = report;
  const name = origin.repository ?? repository;
  const sha = origin.commit ?? commit;
  return { version, tool, ...(name ? { repository: name } : {}), ...(sha ? { commit: sha } : {}), ...rest };
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
    out[name] = {
      value: fact.value,
      reason: fact.reason,
      source: fact.source ? locate(fact.source) : null,
      ...(fact.attestation ? { attestation: { ...fact.attestation } } : {}),
      ...(fact.outside && !fact.attestation ? { outside: fact.outside } : {}),
    };
  }
  return out as unknown as SandboxReport;
}

function componentsReport(d: Deployment, load: BuildInput['load'], locate: Locate): ComponentReport[] {
  return deploymentComponents(d, load)
    .map(({ at, ...c }) => {
      const { file, line, column } = locate(at);
      return { ...c, file, line, column };
    })
    .sort(
      (a, b) =>
        compareCodeUnits(a.kind, b.kind) ||
        compareCodeUnits(a.name, b.name) ||
        compareCodeUnits(a.version ?? '', b.version ?? '') ||
        compareCodeUnits(a.file, b.file) ||
        a.line - b.line,
    );
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

/** What the report says of a rule; built-in rules carry their docs, examples and standards, a policy's custom rules only a title. */
export function ruleDescriptor(r: Rule): RuleDescriptor {
  return {
    id: r.meta.id,
    title: r.meta.title,
    defaultSeverity: r.meta.defaultSeverity,
    ...(findRule(r.meta.id) === r
      ? {
          helpUri: ruleDocsUrl(r.meta.id),
          rationale: r.meta.rationale,
          examples: { ...r.meta.examples },
          securitySeverity: r.meta.securitySeverity,
          tags: taxonomyTags(r.meta),
        }
      : {}),
  };
}
