/** The deployment model: what adapters produce and what rules judge. Plain data only. */

export const DEPLOYMENT_KINDS = [
  'workflow-job',
  'agent-config',
  'mcp-server',
  'k8s-workload',
  'compose-service',
  'devcontainer',
] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export * from './model/source.js';
import type { AgentId, Severity, SourceRef } from './model/source.js';
import type { AgentSettingsDetails } from './model/details/agent-config.js';
import type { ComposeDetails } from './model/details/compose-service.js';
import type { DevcontainerDetails } from './model/details/devcontainer.js';
import type { K8sDetails } from './model/details/k8s-workload.js';
import type { McpServerDetails } from './model/details/mcp-server.js';
import type { WorkflowJobDetails } from './model/details/workflow-job.js';
export * from './model/levels.js';
import * as levels from './model/levels.js';
import type { Isolation, Network, Filesystem, Approval, Credentials, Limits, SandboxFactName } from './model/levels.js';

export interface Fact<T extends string> {
  value: T;
  /** Why the value holds, in a short sentence a reviewer can check ("`sandbox.enabled` is false"). */
  reason: string;
  /** The line that established it, or null when nothing declares it and the tool's default applies. */
  source: SourceRef | null;
  /** Further lines that each establish the same value on their own (a privileged flag and a docker socket mount). */
  more?: { reason: string; source: SourceRef }[];
  /**
   * True when the value only follows from another weak fact (tools write anywhere *because* there is
   * no sandbox): the generic rules then report the root cause alone, not each consequence.
   */
  derived?: boolean;
  /**
   * The value rests on a control outside the repository that no file shows (a firewall set in
   * repository settings): says which, so a policy owner knows what an attestation must back.
   */
  outside?: string;
  /** Set when the value is attested in the policy rather than read from the repository. */
  attestation?: AttestationRef;
  /**
   * On approval: the agent's tools include no shell and no web tool (an allowlist without them, or a
   * denylist that removes them), so there is no command for an OS sandbox to contain.
   */
  noExec?: { reason: string; source: SourceRef };
}

/** The policy attestation a fact rests on. */
export interface AttestationRef {
  id: string;
  owner: string;
  expires: string;
  evidence: string;
}

export interface Sandbox {
  isolation: Fact<Isolation>;
  network: Fact<Network>;
  filesystem: Fact<Filesystem>;
  approval: Fact<Approval>;
  credentials: Fact<Credentials>;
  limits: Fact<Limits>;
}

/** Levels of each fact, weakest first. */
export const FACT_LEVELS: Record<SandboxFactName, readonly string[]> = {
  isolation: levels.ISOLATION_LEVELS,
  network: levels.NETWORK_LEVELS,
  filesystem: levels.FILESYSTEM_LEVELS,
  approval: levels.APPROVAL_LEVELS,
  credentials: levels.CREDENTIAL_LEVELS,
  limits: levels.LIMIT_LEVELS,
};
export const SANDBOX_FACTS: readonly SandboxFactName[] = [
  'isolation',
  'network',
  'filesystem',
  'approval',
  'credentials',
  'limits',
];

/** What every deployment has, whatever its kind. */
export interface DeploymentBase {
  /** Stable across runs: derived from kind, file and name. */
  id: string;
  name: string;
  agent: AgentId;
  file: string;
  /** The key that declares the deployment (job id, server key, metadata.name, service key). */
  at: SourceRef;
  sandbox: Sandbox;
  /** Why this was judged an agent deployment ("uses anthropics/claude-code-action"). */
  signals: string[];
  /** Labels for policy selection (k8s labels, compose labels). */
  labels: Record<string, string>;
  /** Key path of the deployment's own node in its document, for custom rules reading raw fields. */
  root: SourceRef;
}

/**
 * The ecosystem-specific facts of each kind, extracted by its adapter for the rules. The types live
 * in src/model/details/<kind>.ts, so adapters and rules import them without importing each other.
 */
export interface DeploymentDetailsByKind {
  'workflow-job': WorkflowJobDetails;
  'agent-config': AgentSettingsDetails;
  'mcp-server': McpServerDetails;
  'k8s-workload': K8sDetails;
  'compose-service': ComposeDetails;
  devcontainer: DevcontainerDetails;
}

/** A deployment of one kind, with that kind's typed `details`. */
export type DeploymentOf<K extends DeploymentKind> = {
  [Kind in K]: DeploymentBase & { kind: Kind; details: DeploymentDetailsByKind[Kind] };
}[K];

/** Any deployment: a union discriminated by `kind`, so checking `kind` narrows `details`. */
export type Deployment = DeploymentOf<DeploymentKind>;
export type DeploymentDetails = Deployment['details'];

/** What a rule or adapter reports, before positions are resolved. */
export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  at: SourceRef;
  deployment: string | null;
  /** Extra related locations (for example the file that supplied a cross-file fact). */
  related?: { message: string; at: SourceRef }[];
  /** The fix, with edits still as key paths; the report turns them into text edits. */
  fix?: FixProposal;
}

/** A change a fix asks for, by key path; the fix layer turns it into text edits that keep the file's format. */
export type FixChange =
  /**
   * Set the value at `at.path`, creating missing keys; an object value merges into an existing map.
   * With `ifAbsent`, keys already written keep their values.
   */
  | { kind: 'set'; at: SourceRef; value: unknown; ifAbsent?: boolean }
  /** Remove the key or item at `at.path` (a map left empty goes with it). */
  | { kind: 'remove'; at: SourceRef }
  /** Replace `at.text` inside the scalar at `at.path`; an empty replacement also drops one adjacent space. */
  | { kind: 'replace-text'; at: SourceRef & { text: string | RegExp }; replacement: string }
  /** Insert `text` (a YAML expression) as the job-level `if:` or AND it with the existing one. */
  | { kind: 'add-condition'; at: SourceRef; condition: string }
  /** A new file; nothing happens when it already exists. */
  | { kind: 'create-file'; file: string; content: string };

export interface FixProposal {
  description: string;
  safety: FixSafety;
  changes: FixChange[];
}

export interface Suppression {
  kind: 'inline' | 'policy' | 'annotation';
  reason: string;
  /** Where the suppression is written (policy file or the comment). */
  source: string;
  expires?: string;
}

/** Who wrote the suppression that matched a finding, and whether it counts (JSON contract: `finding.suppression`). */
export interface SuppressionRecord {
  kind: Suppression['kind'];
  reason: string;
  /** Where the suppression is written (`file:line`). */
  by: string;
  /** On the base commit, or added by the change under review (a pull request, `scan --base`). */
  source: 'base' | 'pull-request';
  /** Approvers whose review at the head commit accepted a suppression the change added. */
  approvedBy?: string[];
  /** False when it does not count: the change added it and no approver has approved the head commit. */
  applied: boolean;
  /** Why text on the base still counts as the change's own ("covered by exception `legacy-*` written for other files"). */
  note?: string;
}

export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  message: string;
  deployment: string | null;
  suppressed: Suppression | null;
  /** The suppression that matched, applied or not; absent when none did. */
  suppression?: SuppressionRecord;
  related?: ({ message: string } & Location)[];
  /** How to fix it: always a description; edits where the tool can write the change itself. */
  fix?: Fix;
}

/**
 * One text replacement: 1-based positions, `endColumn` exclusive (like `Location`), columns in UTF-16
 * code units of the file's text without a byte-order mark. The replacement uses the file's own line
 * breaks. A range of 1:1-1:1 in a file that does not exist creates it.
 */
export interface FixEdit {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  replacement: string;
}

/** `safe` narrows what the agent can do without changing what the job is for; `unsafe` may change behaviour. */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  /** One line a reviewer can act on, even when `edits` is empty. */
  description: string;
  safety: FixSafety;
  edits: FixEdit[];
}

/** A deployment id readable by people and stable across runs: kind, file and name. */
export const deploymentId = (kind: DeploymentKind, file: string, name: string): string => `${kind}:${file}#${name}`;

// Contracts that live in src/model/ and import nothing from this file (so no import cycle), re-exported here.
export { detectSettings, type AdapterSettings } from './model/detect-settings.js';
