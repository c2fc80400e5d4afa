/** The `details` of a `workflow-job` deployment: what the workflow rules and the adapter's `link` read. */
import type { PluginMarketplace } from './agent-config.js';
import type { InlineValuesDetails } from './inline-values.js';
import type { AgentId, SourceRef } from '../source.js';

export interface WorkflowJobDetails extends InlineValuesDetails {
  /** Discriminator so rules can tell these details from another adapter's. */
  type: 'workflow-job';
  jobId: string;
  /** Every trigger of the workflow (`on:`), each at its key. */
  triggers: { name: string; at: SourceRef }[];
  /** The steps that run an agent, in order. */
  agentSteps: { index: number; at: SourceRef; agent: AgentId; label: string; via: 'action' | 'cli' }[];
  /** `actions/checkout` steps and PR checkouts in `run:` that come before an agent step. */
  checkouts: Checkout[];
  /** Allowlist entries that let an agent run any command, for agents whose approvals are not bypassed anyway. */
  toolGrants: ToolGrant[];
  /** Untrusted event text reaching an agent. */
  injections: Injection[];
  actorGate: ActorGate;
  /** Agent settings the job's agents load from the repository (for link()). */
  settings: LoadedSettings[];
  /** Facts that come from what an action always does rather than from a declaration; link() may narrow them. */
  implied: ('approval' | 'isolation' | 'network' | 'filesystem')[];
  /** Repository settings files whose facts the job adopted or noted (filled in by link()). */
  linked: { file: string; adopted: string[]; noted: string[] }[];
  /** Observations that change no fact. */
  notes: string[];
  /**
   * The job's `container:`, when the job runs in one. Every step runs inside it, so the job's token,
   * its secrets and the credentials checkout stores sit in the same container as the agent.
   */
  jobContainer?: SourceRef;
  /**
   * Values that can weaken the sandbox but rest on what the repository does not hold (`vars.*`,
   * `secrets.*`, an input without a default, a matrix key not listed); present only when there are some.
   */
  undetermined?: Undetermined[];
  /**
   * Commands of the job's steps that run something from the repository the scanner could not read
   * (a missing script, a path known only at run time, a bound reached): what runs there was not judged.
   */
  unfollowed?: Unfollowed[];
  /**
   * Commands that run a script an earlier step's remote action installed for the job (gh-aw's setup
   * action copies its scripts into a directory): that action's code, not followed, as no remote
   * action is, and not reported as unfollowed; present only when there are some.
   */
  actionCode?: ActionCode[];
  /**
   * Plugin marketplaces the job's agent steps add (claude-code-action's `plugin_marketplaces`): each
   * plugin from them brings hooks and MCP servers that run in the job; present only when there are some.
   */
  marketplaces?: PluginMarketplace[];
}

export interface Undetermined {
  /** What the value decides (`codex-action's \`sandbox:\``, `the flags in \`claude_args\``). */
  what: string;
  /** The references whose value is not known (`vars.CODEX_SANDBOX`). */
  unknown: string[];
  /** The expression, where it is written. */
  at: SourceRef;
}

/** A command the scanner did not follow into the repository. */
export interface Unfollowed {
  /** Why: the file, package script or make target is absent, its name is unknown, or a bound was reached. */
  kind: 'depth' | 'readings' | 'missing-file' | 'missing-script' | 'missing-target' | 'unknown-target' | 'not-shell';
  /** The command that runs it: in the workflow, an action file, or a file followed on the way. */
  at: SourceRef;
  /** The path, script name or target that was not read. */
  target: string;
  message: string;
  /** How the command is reached: `step "Run agent" → ./ci/agent.sh → make review`. */
  trace: string;
}

/** A command that runs a script of a remote action, installed by an earlier step of the job. */
export interface ActionCode {
  /** The command that runs it. */
  at: SourceRef;
  /** The script, as written. */
  target: string;
  /** The installing step's `uses:`, as written, and where it is. */
  action: string;
  installedAt: SourceRef;
  /** How the command is reached: `step "Validate secret" → bash "${RUNNER_TEMP}/…/validate.sh"`. */
  trace: string;
}

export interface Checkout {
  index: number;
  step: string;
  /** The checkout's `uses:` line, or the command in `run:`. */
  at: SourceRef;
  /** Where the pull request's head is named (`ref:` input, `gh pr checkout`), or null for the base. */
  prHead: SourceRef | null;
  /** The ref or command, as written. */
  what: string | null;
  /** actions/checkout leaves its token in the workspace (persist-credentials is not false). */
  persists: boolean;
  /** The explicit `persist-credentials` line, if any. */
  persistAt: SourceRef | null;
  /** The `token:` input when it is not the job's own token (shown, never a secret value). */
  customToken: string | null;
}

export interface Injection {
  /** The expression that carries the text, where it is written. */
  at: SourceRef;
  /** The untrusted context (`github.event.issue.body`). */
  context: string;
  /** How it travels when not written directly: `$ISSUE_BODY`, `the outputs of step "x"`. */
  via: string | null;
  /** The input or command that reaches the agent (`prompt`, `the agent command`). */
  sink: string;
  agent: AgentId;
}

export interface ActorGate {
  /** Inputs that open an action's built-in write-access check (`allowed_non_write_users: '*'`). */
  openings: { reason: string; at: SourceRef }[];
  /** Agents in the job with no write-access check of their own. */
  exposedAgents: AgentId[];
  /** The job or step `if:`, or a permission-check step, lets only trusted actors through. */
  gated: boolean;
  /** Triggers any GitHub user can fire. */
  outsiderTriggers: { name: string; at: SourceRef }[];
}

export interface ToolGrant {
  entry: string;
  /** `any-command` for a bare shell or wildcard, `interpreter` for a command that runs what it is given. */
  reach: 'any-command' | 'interpreter';
  reason: string;
  /** The allowlist it belongs to (`--allowedTools` in `claude_args`). */
  list: string;
  at: SourceRef;
}

export interface LoadedSettings {
  agent: 'claude-code' | 'codex' | 'gemini-cli';
  /** Setting sources the run reads (`--setting-sources`); null for the tool's default. */
  sources: string[] | null;
  /** The job itself replaces the project file (run-gemini-cli writes its `settings` input there). */
  replaced: boolean;
}
