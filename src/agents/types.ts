/**
 * The shape of one agent's entry in the catalogue: everything the project knows about that agent,
 * as data and small pure functions. Adapters ask the catalogue (./index.ts); they name no agent.
 */
import type { LoadedSettings } from '../model/details/workflow-job.js';
import type { Approval, Filesystem, Isolation, Network } from '../model/levels.js';
import type { ActionReader } from './action-reading.js';
import type { FlagReader } from './flags.js';
import type { McpCallTimeout, McpClientFile } from './mcp-files.js';
import type { SettingsFile } from './settings-reading.js';

/** How an agent's own command line takes its options (a launcher's words after the program name). */
export interface ArgSpec {
  /** Options that take one value (`--model x`, `--model=x`). */
  valued: ReadonlySet<string>;
  /** Options that take every following word up to the next option. */
  variadic?: ReadonlySet<string>;
  /** For variadic options, which words still count as values. */
  isVariadicValue?: (text: string) => boolean;
  /**
   * Short options as clap and yargs read them: a value attached (`-sVALUE`, `-s=VALUE`,
   * `-cKEY=VALUE`) and booleans combined (`-yp x` is `-y -p x`).
   */
  attachedShort?: boolean;
  /** Boolean options that take a following literal `true`/`false` as their value (yargs: `--sandbox false`). */
  optionalBooleans?: ReadonlySet<string>;
}

/** The parsed command line an agent's `runsTask` judges (any parser's result with these fields). */
export interface CliArgs {
  readonly flags: readonly { readonly name: string }[];
  readonly positionals: readonly { readonly text: string }[];
}

/** One program the agent installs (`claude`, `cursor-agent`). */
export interface AgentProgram {
  name: string;
  args: ArgSpec;
  /** Whether this invocation runs the agent on a task (not `claude mcp add`, `codex login`). */
  runsTask(args: CliArgs): boolean;
  /**
   * The name alone does not identify the agent (Cursor's `agent`; Datadog's container command is also
   * `agent`): never matched by name only; only a task in its arguments says it is this agent.
   */
  ambiguous?: true;
}

/** A flag whose presence alone sets a sandbox fact (`amp --dangerously-allow-all`: approval bypassed). */
export type FlagFact = {
  flags: readonly string[];
  /** For a valued flag: the values that set the fact (`--sandbox disabled`); without it, presence alone does. */
  values?: RegExp;
  /** Why, in a sentence; `{flag}` is replaced by the flag as written (with its value when `values` is set). */
  reason: string;
} & (
  | { fact: 'isolation'; value: Isolation }
  | { fact: 'network'; value: Network }
  | { fact: 'filesystem'; value: Filesystem }
  | { fact: 'approval'; value: Approval }
  | { fact: 'limits'; value: 'bounded' }
);

export interface DefaultFact<T extends string> {
  value: T;
  reason: string;
  source: null;
  /** The value is an enforced boundary (a sandbox's), not only an absence of grants. */
  boundary?: true;
}

/** What the agent does when nothing is declared: its documented defaults. */
export interface DefaultSandbox {
  isolation: DefaultFact<Isolation>;
  network: DefaultFact<Network>;
  filesystem: DefaultFact<Filesystem>;
  approval: DefaultFact<Approval>;
}

/** What a workflow run's defaults depend on. */
export interface WorkflowRunView {
  agent: string;
  /** The normalised action name of a `uses:` step, null for a command. */
  action: string | null;
  via: 'action' | 'cli';
  signal: string;
}

/** A known container image of the agent (repository without tag; globs as in the Kubernetes adapter's `globMatch`). */
export interface AgentImage {
  glob: string;
  /** What the image is, for signals ("the OpenHands runtime"). */
  what: string;
}

/**
 * A Kubernetes custom resource the agent's operator turns into a running agent (the operator builds
 * the pod), found by its API group and kind.
 */
export interface AgentResource {
  group: string;
  kind: string;
  /** What the object is, for signals ("K8sGPT, an LLM cluster analyser"). */
  what: string;
  /**
   * The object runs an agent only when this path holds `true` (K8sGPT only analyses unless auto-remediation
   * is on); then the operator acts on the cluster without asking, as `acting` says.
   */
  actsWhen?: { path: readonly string[]; acting: string };
}

export interface AgentDefinition {
  id: string;
  /** The agent's name as a reviewer knows it. */
  title: string;
  /** Programs it installs, first the main one (used for a wrapper action's args). */
  programs?: readonly AgentProgram[];
  /** Packages that install a program (`@anthropic-ai/claude-code` → `claude`), npm and PyPI alike. */
  packages?: Readonly<Record<string, string>>;
  /** GitHub actions that run it; `gate`: the action refuses actors without write access. */
  actions?: readonly { repo: string; gate: boolean }[];
  /** What its actions' inputs say, by normalised action name (action-reading.ts has the contract). */
  actionReaders?: Readonly<Record<string, ActionReader>>;
  /** Third-party action repositories recognised as running it by their name. */
  wrapperName?: RegExp;
  /** A run loads the repository's settings files of this kind by default (the workflows adapter links them). */
  repositorySettings?: LoadedSettings['agent'];
  /** Reads what the agent's own flags and environment variables say (flags.ts has the contract). */
  flagReader?: FlagReader;
  /** Flags whose presence alone sets a fact, applied after `flagReader`. */
  flagFacts?: readonly FlagFact[];
  /** Switches, as written on a container command line, that turn every approval prompt off. */
  bypassSwitches?: readonly string[];
  /** Documented defaults of a workflow run; null for a run it does not know (a third-party wrapper). */
  workflowDefaults?(run: WorkflowRunView, runner: string): DefaultSandbox | null;
  images?: readonly AgentImage[];
  /** An image whose last segment names the agent (`acme/claude-code-runner`), and what it is said to be. */
  imageName?: { token: RegExp; what: string };
  /** A `docker/sandbox-templates` tag word that names the agent. */
  sandboxTemplateTag?: string;
  /** Devcontainer feature names (last segment of the feature id, lower case). */
  features?: readonly string[];
  /** VS Code extension ids (lower case). */
  extensions?: readonly string[];
  /** Text that installs the agent in a script or Dockerfile. */
  installs?: RegExp;
  /** Text that runs the agent on a task in a script. */
  invocations?: RegExp;
  /** Environment variables only this agent reads. */
  env?: readonly string[];
  /** Prefixes of variable families only this agent reads (`CODEX_`), matched after `env`. */
  envPrefixes?: readonly string[];
  /**
   * Container variables that turn on the agent's own egress firewall when its dev container starts
   * (`CODEX_ENABLE_FIREWALL=1`); credited only with NET_ADMIN, as the reference `init-firewall.sh` is.
   */
  firewallEnv?: readonly string[];
  /** Kubernetes custom resources its operator runs (`core.k8sgpt.ai` `K8sGPT`). */
  resources?: readonly AgentResource[];
  /** Settings, hooks, rules and subagent files it reads from a repository (settings-reading.ts). */
  settingsFiles?: readonly SettingsFile[];
  /** MCP client files it reads servers from (mcp-files.ts). */
  mcpFiles?: readonly McpClientFile[];
  /** Its own per-call timeout for MCP tools, when it has one. */
  mcpCallTimeout?: McpCallTimeout;
  /** Host directories that hold the agent's own configuration (`~/.claude`). */
  configDir?: RegExp;
  /**
   * Environment variables that, set to true, let every sender on a chat platform instruct the agent
   * (`GATEWAY_ALLOW_ALL_USERS`); `{PLATFORM}` stands for the platform in upper case (`SLACK`).
   */
  chatOpenToAll?: readonly string[];
}
