/** Shapes shared inside the workflows adapter: fact candidates, located text and agent runs. */
import type { LineIndex } from '../../documents/positions.js';
import type { KeyPath } from '../../documents/types.js';
import type { AgentId, Approval, Credentials, Filesystem, Isolation, Limits, Network, SourceRef } from '../../model.js';
import type { PluginMarketplace } from '../../model/details/agent-config.js';
import type { Step } from './workflow.js';
import type { LoadedSettings, ToolGrant, Undetermined } from '../../model/details/workflow-job.js';

export type { LoadedSettings, ToolGrant };

/** One piece of evidence for a fact; the adapter combines candidates into the fact. */
export interface Candidate<T extends string> {
  value: T;
  reason: string;
  source: SourceRef | null;
  /**
   * Set by a sandbox or container: for network and filesystem, boundary candidates decide the
   * value and tool-level candidates only count when no boundary exists.
   */
  boundary?: boolean;
  /**
   * Set by a sandbox wrapper around the agent's command (`awf`, `srt`, `docker run`): it encloses the
   * agent, so the agent's own flags (`--dangerously-bypass-approvals-and-sandbox`) cannot weaken it.
   */
  wrapper?: boolean;
  /** The control outside the repository the value rests on (see `Fact.outside`). */
  outside?: string;
}

/** A string scalar and where it is written, so positions inside it can be pointed at. */
export interface TextAt {
  file: string;
  path: KeyPath;
  value: string;
  /**
   * Set when `value` is a whole repository file read as text (a script a step runs, a package.json,
   * a Makefile): references into it are exact ranges from these line starts, not key paths.
   */
  lines?: LineIndex;
}

/** Evidence gathered for one agent invocation (one step, or one command inside a `run:` block). */
export interface AgentRun {
  agent: AgentId;
  step: Step;
  /** File of the step: the workflow, or a local composite action the step uses. */
  file: string;
  /** The `uses:` line, or the agent command inside `run:`. */
  at: SourceRef;
  signal: string;
  via: 'action' | 'cli';
  /** Normalised action name for `uses:` runs. */
  action: string | null;
  isolation: Candidate<Isolation>[];
  network: Candidate<Network>[];
  filesystem: Candidate<Filesystem>[];
  approval: Candidate<Approval>[];
  limits: Candidate<Limits>[];
  /** Token scopes the agent gets beyond the job's `permissions:` (an action's extra scopes). */
  credentials: Candidate<Credentials>[];
  /** Plugin marketplaces the step adds. */
  marketplaces: PluginMarketplace[];
  /** The action itself refuses actors without write access (claude-code-action, codex-action). */
  builtinActorGate: boolean;
  /** Inputs that open that built-in gate (`allowed_non_write_users: '*'`). */
  gateOpenings: { reason: string; at: SourceRef }[];
  /** Text the agent reads as its task or arguments, scanned for untrusted event text. */
  prompts: PromptSink[];
  /** Environment variable names the agent's command line reads (`"$ISSUE_BODY"`). */
  envReads: string[];
  /** Repository settings files the agent loads, for the cross-file phase. */
  loads: LoadedSettings | null;
  /** Facts set by what the action always does (run-gemini-cli's --yolo), not by a declaration: settings files may still narrow them. */
  implied: ('approval' | 'isolation' | 'network' | 'filesystem')[];
  /** Allowlist entries that let the agent run any command (`Bash`, `Bash(npx:*)`). */
  toolGrants: ToolGrant[];
  /** Things worth telling a reviewer that change no fact ("settings.env sets …"). */
  notes: string[];
  /** Values that can weaken the sandbox whose value the repository does not hold. */
  undetermined: Undetermined[];
  /** A tool list that leaves the agent no shell and no web tool, and which kind of list says so. */
  noExec: { reason: string; source: SourceRef; by: 'allowlist' | 'removed' } | null;
}

/** A span of a scalar that reaches the agent: a whole input, or the agent's command line. */
export interface PromptSink {
  text: TextAt;
  start: number;
  end: number;
}

export const emptyRun = (
  partial: Pick<AgentRun, 'agent' | 'step' | 'file' | 'at' | 'signal' | 'via' | 'action'>,
): AgentRun => ({
  ...partial,
  isolation: [],
  network: [],
  filesystem: [],
  approval: [],
  limits: [],
  credentials: [],
  marketplaces: [],
  builtinActorGate: false,
  gateOpenings: [],
  prompts: [],
  envReads: [],
  loads: null,
  implied: [],
  toolGrants: [],
  notes: [],
  undetermined: [],
  noExec: null,
});
