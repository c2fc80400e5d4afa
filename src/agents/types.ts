/**
 * The shape of one agent's entry in the catalogue: everything the project knows about that agent,
 * as data and small pure functions. Adapters ask the catalogue (./index.ts); they name no agent.
 */
import type { LoadedSettings } from '../model/details/workflow-job.js';
import type { Approval, Filesystem, Isolation, Network } from '../model/levels.js';
import type { ActionReader } from './action-reading.js';
import type { FlagReader } from './flags.js';
import type { McpCallTimeout, McpClientFile } from './mcp-files.js';
import type { InlineSettingsReader } from './inline-settings.js';
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
  /**
   * Variables whose value, a JSON array of strings, a driver that is handed the program starts it
   * with as more arguments (gh-aw's Copilot SDK driver: `GH_AW_COPILOT_SDK_SERVER_ARGS`).
   */
  argvEnv?: readonly string[];
}

/**
 * A remote action that installs scripts of its own: `uses: <action>@ref` copies them into the
 * directory its `input` names (`default` when the step does not give it, as the action.yml says).
 */
export interface ScriptInstaller {
  /** The normalised action name: `owner/repo` or `owner/repo/path`, lower case, without `@ref`. */
  action: string;
  input: string;
  default: string;
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

/**
 * A library that runs the agent from code (the Claude Agent SDK and the Codex SDK start its CLI;
 * aider's scripting API runs it in-process): the modules an import names it by, and the CLI words
 * each option becomes or means, so a script that uses it is judged as that command line.
 */
export interface AgentSdk {
  /** Module names, per language (`claude_agent_sdk`; `@openai/codex-sdk`, also its subpaths). */
  modules: { python?: readonly string[]; javascript?: readonly string[] };
  /** Words the SDK always passes (`--print`: the SDK runs Claude Code headless; `exec` for Codex). */
  fixed: readonly string[];
  /**
   * Options by their camelCase name (Python's snake_case spelling is read too) and the CLI words a
   * value becomes: the first word points at the option's name, the rest at its value.
   */
  options: Readonly<Record<string, (value: string) => readonly string[]>>;
}

export interface AgentDefinition {
  id: string;
  /** The agent's name as a reviewer knows it. */
  title: string;
  /** Programs it installs, first the main one (used for a wrapper action's args). */
  programs?: readonly AgentProgram[];
  /** Its SDK for code that runs it (`sdk-launches.ts` reads the imports and options). */
  sdk?: AgentSdk;
  /** Packages that install a program (`@anthropic-ai/claude-code` → `claude`), npm and PyPI alike. */
  packages?: Readonly<Record<string, string>>;
  /** GitHub actions that run it; `gate`: the action refuses actors without write access. */
  actions?: readonly { repo: string; gate: boolean }[];
  /** What its actions' inputs say, by normalised action name (action-reading.ts has the contract). */
  actionReaders?: Readonly<Record<string, ActionReader>>;
  /**
   * Remote actions of the agent's own toolchain that copy scripts of theirs into a directory for a
   * job's later steps to run (gh-aw's setup action): those scripts are the pinned action's code.
   */
  scriptInstallers?: readonly ScriptInstaller[];
  /** Third-party action repositories recognised as running it by their name. */
  wrapperName?: RegExp;
  /** A run loads the repository's settings files of this kind by default (the workflows adapter links them). */
  repositorySettings?: LoadedSettings['agent'];
  /**
   * The repository files a run that loads its settings (`LoadedSettings`) reads, and whether their
   * protective facts may be adopted by the job (not when the agent reads them only for trusted projects).
   */
  loadedSettingsFiles?(loads: LoadedSettings): readonly { file: string; adopt: boolean }[];
  /** The project MCP file whose servers a run that loads its settings may start (`.mcp.json`). */
  projectMcpFile?: string;
  /** A key of those settings files that refuses the agent's approval-bypass switch (see BypassRefusal). */
  bypassRefusal?: BypassRefusal;
  /** Reads what the agent's own flags and environment variables say (flags.ts has the contract). */
  flagReader?: FlagReader;
  /**
   * Reads settings a workflow hands the agent: an action's `settings` input or a settings flag, inline
   * JSON or a repository file either names (inline-settings.ts has the contract).
   */
  workflowSettings?: InlineSettingsReader;
  /** Flags whose presence alone sets a fact, applied after `flagReader`. */
  flagFacts?: readonly FlagFact[];
  /**
   * Sub-commands of its program that run another command in the agent's own OS sandbox
   * (`codex sandbox -- cmd`); options come before `--`, the command after it.
   */
  sandboxCommands?: readonly { program: string; verb: string }[];
  /** Switches, as written on a container command line, that turn every approval prompt off. */
  bypassSwitches?: readonly string[];
  /**
   * A workflow job that prepares the agent, which then runs in that job after its steps (Copilot's
   * `copilot-setup-steps`): the job id, the workflow file it must be in, and the run's step name and signal.
   */
  setupJob?: { job: string; file: RegExp; stepName: string; signal: string };
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
  /** Python modules that run the agent on a task under `python -m` (its main program parses their arguments). */
  pythonModules?: RegExp;
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
  /**
   * Where those files are, as checkout globs (an adapter's `paths`), when the MCP adapter's shared
   * globs (`*mcp*.json`, `*settings*.json`, `config.toml`, …) do not already cover them.
   */
  mcpPaths?: readonly string[];
  /** Its own per-call timeout for MCP tools, when it has one. */
  mcpCallTimeout?: McpCallTimeout;
  /** Host directories that hold the agent's own configuration (`~/.claude`). */
  configDir?: RegExp;
  /**
   * Environment variables that, set to true, let every sender on a chat platform instruct the agent
   * (`GATEWAY_ALLOW_ALL_USERS`); `{PLATFORM}` stands for the platform in upper case (`SLACK`).
   */
  chatOpenToAll?: readonly string[];
  /** Other backend names its chat gateway is deployed under (`nemoclaw` runs OpenClaw). */
  chatAliases?: readonly string[];
  /**
   * How its gateway treats senders on one chat channel of a harness, when it decides by the channel's
   * own settings: `closed`, or `open` with why and the path (inside the channel) that says so.
   * Undefined leaves the channel to `chatOpenToAll` and an allowlist at `chatAllowlist`.
   */
  chatChannel?(platform: string, settings: Readonly<Record<string, unknown>>): ChatChannelVerdict | undefined;
  /** What `fix` proposes for it. */
  fixes?: AgentFixes;
  /** Where a channel lists the senders it lets in, inside the channel (default `[platform, 'allowedUserIDs']`). */
  chatAllowlist?(platform: string): readonly string[];
}

/** What `agent-sandbox-guard fix` proposes for this agent (src/fix/producers asks the catalogue). */
export interface AgentFixes {
  /** A settings file (by name) that declares no sandbox: the key to set, its value, and why. */
  readonly settingsSandbox?: {
    readonly file: RegExp;
    readonly path: readonly string[];
    readonly value: unknown;
    readonly message: string;
  };
  /** Bypass switches of its command line that another option replaces (codex: its workspace sandbox). */
  readonly bypassReplacement?: { readonly flags: RegExp; readonly replacement: string; readonly message: string };
  /** How to turn its own sandbox on, in a few words, for advice when no edit can be written (`codex --sandbox workspace-write`). */
  readonly sandboxHint?: string;
  /** Its sandbox turned on through its own action's input, when the job's steps set none. */
  readonly actionSandbox?: { readonly input: string; readonly value: string; readonly message: string };
}

export type ChatChannelVerdict =
  { readonly open: false } | { readonly open: true; readonly reason: string; readonly at: readonly string[] };
/**
 * A key of the repository settings file an agent loads that turns its approval-bypass switch off
 * (`--yolo`, `--dangerously-skip-permissions`): the agent refuses the switch instead of running every
 * tool unasked. Listed only where the agent's documentation or source shows it honours the key from
 * that file, not only from system or managed settings.
 */
/** A key of the settings files a run loads (`loadedSettingsFiles`) that refuses the bypass switch. */
export interface BypassRefusal {
  key: readonly string[];
  value: string | boolean;
  /** How the agent treats the switch then (`Gemini CLI exits instead of starting in YOLO mode`). */
  effect: string;
  /** Variables that point the agent at settings that take precedence over the file (a system settings path). */
  overriddenBy?: readonly string[];
}
