/** The deployment model: what adapters produce and what rules judge. Plain data only. */
import type { KeyPath, Range } from './documents/types.js';

export const SEVERITIES = ['error', 'warning', 'notice'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DEPLOYMENT_KINDS = [
  'workflow-job',
  'agent-config',
  'mcp-server',
  'k8s-workload',
  'compose-service',
  'devcontainer',
] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

/** Known agents; adapters use `unknown` when a deployment is an agent but which one cannot be told. */
export type AgentId =
  | 'claude-code'
  | 'codex'
  | 'gemini-cli'
  | 'copilot'
  | 'aider'
  | 'goose'
  | 'cline'
  | 'continue'
  | 'cursor'
  | 'openhands'
  | 'gh-aw'
  | 'mcp'
  | 'unknown'
  | (string & {});

/** Where in the repository something is said: a document and a key path inside it. */
export interface SourceRef {
  file: string;
  /** Index of the document in a multi-document YAML file. */
  doc?: number;
  path: KeyPath;
  /** Point at this text inside the scalar at `path` (a flag inside a `run:` block). */
  text?: string | RegExp;
  /** An exact range, only for what the engine itself positions (parse errors, comments). */
  range?: Range;
}

/** Normalised sandbox facts, ordered from weakest to strongest where an order exists. */
export const ISOLATION_LEVELS = ['none', 'process', 'container', 'gvisor', 'microvm', 'vm'] as const;
export type Isolation = (typeof ISOLATION_LEVELS)[number];
export const NETWORK_LEVELS = ['open', 'allowlist', 'none'] as const;
export type Network = (typeof NETWORK_LEVELS)[number];
export const FILESYSTEM_LEVELS = ['full', 'workspace', 'read-only'] as const;
export type Filesystem = (typeof FILESYSTEM_LEVELS)[number];
export const APPROVAL_LEVELS = ['bypassed', 'unrestricted', 'restricted'] as const;
export type Approval = (typeof APPROVAL_LEVELS)[number];
export const CREDENTIAL_LEVELS = ['write', 'read', 'none'] as const;
export type Credentials = (typeof CREDENTIAL_LEVELS)[number];
export const LIMIT_LEVELS = ['unbounded', 'bounded'] as const;
export type Limits = (typeof LIMIT_LEVELS)[number];

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
}

export interface Sandbox {
  isolation: Fact<Isolation>;
  network: Fact<Network>;
  filesystem: Fact<Filesystem>;
  approval: Fact<Approval>;
  credentials: Fact<Credentials>;
  limits: Fact<Limits>;
}
export type SandboxFactName = keyof Sandbox;

/** Levels of each fact, weakest first. */
export const FACT_LEVELS: Record<SandboxFactName, readonly string[]> = {
  isolation: ISOLATION_LEVELS,
  network: NETWORK_LEVELS,
  filesystem: FILESYSTEM_LEVELS,
  approval: APPROVAL_LEVELS,
  credentials: CREDENTIAL_LEVELS,
  limits: LIMIT_LEVELS,
};
export const SANDBOX_FACTS: readonly SandboxFactName[] = [
  'isolation',
  'network',
  'filesystem',
  'approval',
  'credentials',
  'limits',
];

/**
 * Ecosystem-specific facts an adapter extracted for its own rules. Each adapter owns the shape of
 * its `details`; rules of that ecosystem read them through the adapter's exported type.
 */
export type DeploymentDetails = Record<string, unknown>;

export interface Deployment {
  /** Stable across runs: derived from kind, file and name. */
  id: string;
  kind: DeploymentKind;
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
  details: DeploymentDetails;
}

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
