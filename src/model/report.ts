/** The machine report (JSON contract version 1). Renderers read this and nothing else. */
import type {
  AgentId,
  AttestationRef,
  SandboxFactName,
  DeploymentKind,
  Finding,
  Isolation,
  Network,
  Filesystem,
  Approval,
  Credentials,
  Limits,
  Location,
  Severity,
} from '../model.js';
import { SEVERITIES } from '../model.js';

export const REPORT_VERSION = 1;

export interface FactReport<T extends string> {
  value: T;
  reason: string;
  /** The line that established the fact, or null when it is the tool's default. */
  source: Location | null;
  /** Present when the fact rests on a policy attestation (`source` is then its line in the policy). */
  attestation?: AttestationRef;
  /** The control outside the repository the value rests on, which an attestation can back. */
  outside?: string;
}

export interface SandboxReport {
  isolation: FactReport<Isolation>;
  network: FactReport<Network>;
  filesystem: FactReport<Filesystem>;
  approval: FactReport<Approval>;
  credentials: FactReport<Credentials>;
  limits: FactReport<Limits>;
}

export interface DeploymentReport {
  id: string;
  kind: DeploymentKind;
  name: string;
  agent: AgentId;
  file: string;
  line: number;
  column: number;
  signals: string[];
  sandbox: SandboxReport;
  result: 'pass' | 'fail';
  /** False when the deployment lies outside the changed files of a `scope: changed` run. */
  inScope?: boolean;
  /** Packages and images it launches, models it names, tools it may call (for the inventory and CycloneDX). */
  components?: ComponentReport[];
}

export const COMPONENT_KINDS = ['package', 'image', 'model', 'tool'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface ComponentReport {
  kind: ComponentKind;
  /** As written (`@modelcontextprotocol/server-github`, `ghcr.io/org/img`, `claude-sonnet-4-5`, `Bash(git:*)`). */
  name: string;
  /** Version, tag or digest as written, or null when none is named. */
  version: string | null;
  /** Package URL for packages, images and Hugging Face models; null when the thing has none. */
  purl: string | null;
  /** Where it is named. */
  file: string;
  line: number;
  column: number;
}

export type SkipReason = 'too-large' | 'binary' | 'unreadable' | 'symlink-outside' | 'not-evaluated' | 'unparsable';

export interface CoverageEntry {
  file: string;
  status: SkipReason;
  reason: string;
  /** Where the parser stopped, for unparsable files. */
  line?: number;
  column?: number;
}

export interface Coverage {
  /** Files discovered after include/exclude. */
  filesConsidered: number;
  /** Files an adapter read and parsed. */
  filesParsed: number;
  /** Every file skipped, not evaluated or unparsable, with the reason. */
  skipped: CoverageEntry[];
}

export interface RuleDescriptor {
  id: string;
  title: string;
  defaultSeverity: Finding['severity'];
  /** The rule's documentation page; absent for a policy's custom rules, which have no page. */
  helpUri?: string;
  /** Built-in rules: Markdown on why it matters and what to do (the rule page's "Why"). */
  rationale?: string;
  /** Built-in rules: Markdown snippets of a failing and a passing example. */
  examples?: { fail: string; pass: string };
  /** Built-in rules: 0.0–10.0, SARIF's `security-severity`. */
  securitySeverity?: number;
  /** Built-in rules: the standards it maps to, as SARIF tags (`external/owasp-asi/ASI02`, `external/cwe/cwe-250`). */
  tags?: string[];
}

export interface AttestationReport extends Location {
  id: string;
  owner: string;
  expires: string;
  evidence: string;
  /** `proposed`: not in the base commit's policy and not approved, so not applied. */
  status: 'active' | 'expiring' | 'expired' | 'proposed';
  facts: Partial<Record<SandboxFactName, string>>;
  /** Deployments whose facts it raised. */
  deployments: string[];
  /** Facts it could not raise because the deployment's own files weaken them. */
  blocked: { deployment: string; fact: SandboxFactName; reason: string }[];
}

export interface AttestationsReport {
  entries: AttestationReport[];
  /** Facts of deployments that rest on an attestation rather than on the repository's files. */
  attestedFacts: number;
  /** Workflow jobs on self-hosted runners (or runners an expression picks) that no attestation covers. */
  unattestedRunners: { deployment: string; labels: string[] | null; group: string | null }[];
}

/** The change under review and who may accept the suppressions it adds (present when a base was given). */
export interface ChangeReport {
  /** "this pull request", "this change". */
  name: string;
  fromPullRequest: 'honour' | 'govern';
  /** `suppressions.approvers` of the judging (base) policy. */
  approvers: string[];
  /** Approvers whose review approves the head commit. */
  approvedBy: string[];
}

export interface ScanReport {
  version: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  /** The scanned repository (`owner/name`), when the run says (`scan --repo-name`, the action's context). */
  repository?: string;
  /** The scanned commit, when the run says (`scan --commit`, the action's context). */
  commit?: string;
  policy: { source: string };
  result: 'pass' | 'fail';
  failOn: Finding['severity'] | 'never';
  coverage: Coverage;
  deployments: DeploymentReport[];
  findings: Finding[];
  /** Metadata of the rules that produced findings, for SARIF and docs links. */
  rules: RuleDescriptor[];
  /** The change under review, when the scan was measured against a base. */
  change?: ChangeReport;
  /** The policy's attestations and the self-hosted runners without one; absent when there are neither. */
  attestations?: AttestationsReport;
}

/** Whether a finding of this severity fails a run whose `fail-on` is `failOn`. */
export function meetsThreshold(severity: Severity, failOn: ScanReport['failOn']): boolean {
  if (failOn === 'never') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}
