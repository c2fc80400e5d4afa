/** The machine report (JSON contract version 1). Renderers read this and nothing else. */
import type {
  AgentId,
  DeploymentKind,
  Finding,
  Isolation,
  Network,
  Filesystem,
  Approval,
  Credentials,
  Limits,
  Location,
} from '../model.js';

export const REPORT_VERSION = 1;

export interface FactReport<T extends string> {
  value: T;
  reason: string;
  /** The line that established the fact, or null when it is the tool's default. */
  source: Location | null;
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
}
