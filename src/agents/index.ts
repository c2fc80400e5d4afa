/**
 * The agent catalogue: every agent the project knows, one module each, and the lookups adapters use.
 * Adapters ask here (`programNamed`, `agentOfImage`, …) and name no agent themselves. The order of
 * AGENTS is the order in which table-wide matches are tried and reported (installs, invocations).
 */
import aider from './aider.js';
import amazonQ from './amazon-q.js';
import amp from './amp.js';
import claudeCode from './claude-code.js';
import claudeDesktop from './claude-desktop.js';
import cline from './cline.js';
import codex from './codex.js';
import continueAgent from './continue.js';
import copilot from './copilot.js';
import crush from './crush.js';
import cursor from './cursor.js';
import geminiCli from './gemini-cli.js';
import geminiCodeAssist from './gemini-code-assist.js';
import ghAw from './gh-aw.js';
import goose from './goose.js';
import k8sgpt from './k8sgpt.js';
import kiloCode from './kilo-code.js';
import kiro from './kiro.js';
import mcp from './mcp.js';
import openclaw from './openclaw.js';
import hermes from './hermes.js';
import opencode from './opencode.js';
import openhands from './openhands.js';
import qwenCode from './qwen-code.js';
import rooCode from './roo-code.js';
import sweAgent from './swe-agent.js';
import type { ActionReader } from './action-reading.js';
import type { FlagReader } from './flags.js';
import type { InlineSettingsReader } from './inline-settings.js';
import type { LoadedSettings } from '../model/details/workflow-job.js';
import type {
  AgentDefinition,
  AgentImage,
  AgentProgram,
  AgentResource,
  AgentSdk,
  FlagFact,
  ScriptInstaller,
} from './types.js';
import unknown from './unknown.js';
import windsurf from './windsurf.js';
import zed from './zed.js';
import type { McpCallTimeout, McpClientFile } from './mcp-files.js';
import type { SettingsFile } from './settings-reading.js';

export const AGENTS = [
  claudeCode,
  codex,
  geminiCli,
  qwenCode,
  opencode,
  amp,
  copilot,
  aider,
  goose,
  cline,
  continueAgent,
  cursor,
  openhands,
  ghAw,
  crush,
  rooCode,
  kiloCode,
  geminiCodeAssist,
  openclaw,
  hermes,
  sweAgent,
  k8sgpt,
  // MCP clients the project knows only by their MCP files.
  claudeDesktop,
  windsurf,
  zed,
  kiro,
  amazonQ,
  // The generic MCP file shape comes after every client's own files.
  mcp,
  unknown,
] as const satisfies readonly AgentDefinition[];

/**
 * An agent id from the catalogue. Open-ended, because a policy's custom rules and older reports
 * may name agents the catalogue does not (yet) hold.
 */
export type AgentId = (typeof AGENTS)[number]['id'] | (string & {});
export type {
  AgentDefinition,
  AgentImage,
  AgentSdk,
  AgentProgram,
  AgentResource,
  ArgSpec,
  CliArgs,
  DefaultSandbox,
  FlagFact,
  ScriptInstaller,
} from './types.js';
export type { FlagReader, FlagReading, PathPlace, RepositoryFile, ToolDialect } from './flags.js';
export type { ActionReader, ActionReading } from './action-reading.js';
export type { McpClientFile } from './mcp-files.js';
export type { SettingsFile, SettingsReading } from './settings-reading.js';
export type { InlineSettingsReader, InlineSettingsReading } from './inline-settings.js';
export { judgeTool, noExecTools, type ToolVerdict } from './tool-lists.js';
export type { ShellReach } from './claude-code-tools.js';

const ALL: readonly AgentDefinition[] = AGENTS;
const own = <T>(table: ReadonlyMap<string, T>, key: string): T | undefined => table.get(key);
const index = <T>(entries: Iterable<[string, T]>): ReadonlyMap<string, T> => {
  const map = new Map<string, T>();
  for (const [key, value] of entries) if (!map.has(key)) map.set(key, value);
  return map;
};

const BY_ID = index(ALL.map((a) => [a.id, a]));
export const agentById = (id: string): AgentDefinition | undefined => own(BY_ID, id);

/** Every agent SDK of the catalogue, with its agent and the program the SDK starts. */
export const agentSdks = (): readonly (AgentSdk & { agent: AgentId; program: string })[] =>
  ALL.flatMap((a) => (a.sdk && a.programs?.[0] ? [{ ...a.sdk, agent: a.id, program: a.programs[0].name }] : []));

export interface ProgramMatch {
  agent: AgentId;
  program: AgentProgram;
}
const PROGRAMS = index(
  ALL.flatMap((a) => (a.programs ?? []).map((p): [string, ProgramMatch] => [p.name, { agent: a.id, program: p }])),
);
/** The agent program called `name` (`claude`, `cursor-agent`), if any. */
export const programNamed = (name: string): ProgramMatch | undefined => own(PROGRAMS, name);
/** An agent's main program (the first it lists). */
export const mainProgram = (id: string): AgentProgram | undefined => agentById(id)?.programs?.[0];

const PACKAGES = index(ALL.flatMap((a) => Object.entries(a.packages ?? {})));
/** The program a package installs (`@openai/codex` → `codex`), for `npx`, `uvx` and friends. */
export const programOfPackage = (pkg: string): string | undefined => own(PACKAGES, pkg);

/** Program and package names that run an agent (`claude`, `@anthropic-ai/claude-code`), for container commands. */
const COMMANDS = index(
  ALL.flatMap((a) => [
    ...(a.programs ?? []).filter((p) => !p.ambiguous).map((p): [string, AgentId] => [p.name, a.id]),
    ...Object.entries(a.packages ?? {}).flatMap(([pkg, program]): [string, AgentId][] => [
      [program, a.id],
      [pkg, a.id],
    ]),
  ]),
);
export const agentOfCommand = (name: string): AgentId | undefined => own(COMMANDS, name);

const ACTIONS = index(
  ALL.flatMap((a) =>
    (a.actions ?? []).map((x): [string, { agent: AgentId; gate: boolean }] => [x.repo, { agent: a.id, gate: x.gate }]),
  ),
);
/** The agent a GitHub action runs (`anthropics/claude-code-action`), and whether it gates actors. */
export const agentOfAction = (name: string): { agent: AgentId; gate: boolean } | undefined => own(ACTIONS, name);
const ACTION_READERS = index(ALL.flatMap((a) => Object.entries(a.actionReaders ?? {})));
/** What a known action's inputs say (`anthropics/claude-code-action`), from the agent that owns it. */
export const actionReaderOf = (name: string): ActionReader | undefined => own(ACTION_READERS, name);
/** The agent that runs after the steps of job `job` in workflow `file` (a setup job), if any. */
export function agentOfSetupJob(
  file: string,
  job: string,
): { agent: AgentId; stepName: string; signal: string } | undefined {
  const owner = ALL.find((a) => a.setupJob?.job === job && a.setupJob.file.test(file));
  return owner?.setupJob && { agent: owner.id, stepName: owner.setupJob.stepName, signal: owner.setupJob.signal };
}
/** A third-party action that names an agent in its repository (`acme/claude-review`). */
export const agentOfWrapperRepo = (repo: string): AgentDefinition | undefined =>
  ALL.find((a) => a.wrapperName?.test(repo));

/** `program verb` when it runs a command in an agent's own OS sandbox (`codex sandbox`), else undefined. */
export function agentSandboxCommand(program: string, verb: string | undefined): string | undefined {
  const found = ALL.some((a) => a.sandboxCommands?.some((c) => c.program === program && c.verb === verb));
  return found ? `${program} ${verb}` : undefined;
}

/** Every agent's approval-bypass switches, in catalogue order (`--dangerously-skip-permissions`). */
export const bypassSwitches = (): readonly string[] => ALL.flatMap((a) => a.bypassSwitches ?? []);

/** Which repository settings a run of the agent loads by default (`.claude/settings.json`, …), if any. */
export const repositorySettingsOf = (id: string): AgentDefinition['repositorySettings'] =>
  agentById(id)?.repositorySettings;

/**
 * Every repository file some workflow run of an agent may load from the checkout (with every setting
 * source it reads by default): a change to one of them re-judges the workflow jobs.
 */
export const workflowLoadedFiles = (): readonly string[] => [
  ...new Set(
    ALL.flatMap((a) =>
      a.repositorySettings && a.loadedSettingsFiles
        ? a.loadedSettingsFiles({ agent: a.repositorySettings, sources: null, replaced: false }).map((f) => f.file)
        : [],
    ),
  ),
];
/** The repository files a run that loads an agent's settings reads, and whether their facts may be adopted. */
export const loadedSettingsFilesOf = (loads: LoadedSettings): readonly { file: string; adopt: boolean }[] =>
  agentById(loads.agent)?.loadedSettingsFiles?.(loads) ?? [];

/** The project MCP file whose servers a run of the agent may start, with the agent's title. */
export function projectMcpFileOf(id: string): { file: string; title: string } | undefined {
  const agent = agentById(id);
  return agent?.projectMcpFile ? { file: agent.projectMcpFile, title: agent.title } : undefined;
}
/** Every project MCP file some agent's run may start servers from. */
export const projectMcpFiles = (): readonly string[] => ALL.flatMap((a) => a.projectMcpFile ?? []);
/** The settings key that refuses the agent's bypass switch, if it has one. */
export const bypassRefusalOf = (id: string): AgentDefinition['bypassRefusal'] => agentById(id)?.bypassRefusal;

/** The reader of an agent's own flags and environment, if it has one. */
export const flagReaderOf = (id: string): FlagReader | undefined => agentById(id)?.flagReader;

/** The reader of settings a workflow hands the agent (`settings` input, `--settings`), if it has one. */
export const workflowSettingsOf = (id: string): InlineSettingsReader | undefined => agentById(id)?.workflowSettings;

/** Flags whose presence alone sets a fact, for one agent. */
export const flagFactsOf = (id: string): readonly FlagFact[] => agentById(id)?.flagFacts ?? [];

export const agentImages = (): readonly (AgentImage & { agent: AgentId })[] =>
  ALL.flatMap((a) => (a.images ?? []).map((i) => ({ ...i, agent: a.id })));
export const imageNameTokens = (): readonly { token: RegExp; what: string; agent: AgentId }[] =>
  ALL.flatMap((a) => (a.imageName ? [{ ...a.imageName, agent: a.id }] : []));
/** The agent a `docker/sandbox-templates` tag names, or `unknown`. */
export const agentOfSandboxTemplate = (tag: string): AgentId =>
  ALL.find((a) => a.sandboxTemplateTag && tag.includes(a.sandboxTemplateTag))?.id ?? 'unknown';

const FEATURES = index(ALL.flatMap((a) => (a.features ?? []).map((f): [string, AgentId] => [f, a.id])));
export const agentOfFeature = (name: string): AgentId | undefined => own(FEATURES, name);
const EXTENSIONS = index(ALL.flatMap((a) => (a.extensions ?? []).map((e): [string, AgentId] => [e, a.id])));
export const agentOfExtension = (id: string): AgentId | undefined => own(EXTENSIONS, id);

/** The agent a `python -m` module runs on a task (`openhands.resolver.resolve_issue`). */
export const agentOfPythonModule = (module: string): AgentId | undefined =>
  ALL.find((a) => a.pythonModules?.test(module))?.id;

/** Every agent whose install appears in `text`, in catalogue order. */
export const agentsInstalledIn = (text: string): AgentId[] =>
  ALL.filter((a) => a.installs?.test(text)).map((a) => a.id);
/** Every agent `text` runs on a task, in catalogue order. */
export const agentsInvokedIn = (text: string): AgentId[] =>
  ALL.filter((a) => a.invocations?.test(text)).map((a) => a.id);
/** The first agent a command line runs on a task, with the text that says so. */
export function invokedAgent(command: string): { agent: AgentId; match: string } | null {
  for (const a of ALL) {
    const m = a.invocations?.exec(command);
    if (m) return { agent: a.id, match: m[0] };
  }
  return null;
}

const ENV = index(ALL.flatMap((a) => (a.env ?? []).map((e): [string, AgentId] => [e, a.id])));
/** The agent that alone reads variable `name` (`CLAUDE_CODE_OAUTH_TOKEN`). */
export const agentOfEnv = (name: string): AgentId | undefined =>
  own(ENV, name) ?? ALL.find((a) => a.envPrefixes?.some((p) => name.startsWith(p) && name.length > p.length))?.id;
/** Variables that switch on an agent's own dev-container firewall, with the agent (`CODEX_ENABLE_FIREWALL`). */
export const firewallSwitches = (): readonly { env: string; agent: AgentId }[] =>
  ALL.flatMap((a) => (a.firewallEnv ?? []).map((env) => ({ env, agent: a.id })));

export interface AgentResourceMatch {
  agent: AgentId;
  resource: AgentResource;
}
const RESOURCES = index(
  ALL.flatMap((a) =>
    (a.resources ?? []).map((r): [string, AgentResourceMatch] => [
      `${r.group}/${r.kind}`,
      { agent: a.id, resource: r },
    ]),
  ),
);
/** The agent whose operator runs custom resources of this API group and kind (`core.k8sgpt.ai`, `K8sGPT`). */
export const agentResourceOf = (group: string, kind: string): AgentResourceMatch | undefined =>
  own(RESOURCES, `${group}/${kind}`);

const MCP_FILES = ALL.flatMap((a) => (a.mcpFiles ?? []).map((file) => ({ ...file, agent: a.id as AgentId })));
/** The MCP client whose file `path` (lower case) is, in catalogue order; `base` is its last segment. */
export const mcpClientOf = (path: string, base: string): (McpClientFile & { agent: AgentId }) | undefined =>
  MCP_FILES.find((file) => file.test(path, base));

/** Checkout globs of the MCP client files the shared globs do not cover, in catalogue order. */
export const mcpClientPaths = (): readonly string[] => ALL.flatMap((a) => a.mcpPaths ?? []);

/** An MCP client's own per-call tool timeout, if it has one. */
export const mcpCallTimeoutOf = (id: string): McpCallTimeout | undefined => agentById(id)?.mcpCallTimeout;

/**
 * Settings files in the order they are tried (`SettingsFile.order`, lowest first; the first match
 * wins). Two kinds with one `order` would leave the winner to catalogue order: refused.
 */
export function inSettingsOrder(files: readonly SettingsFile[]): readonly SettingsFile[] {
  const sorted = [...files].sort((x, y) => x.order - y.order);
  const tie = sorted.find((f, i) => i > 0 && sorted[i - 1]!.order === f.order);
  if (tie) throw new Error(`two settings-file kinds share order ${tie.order}`);
  return sorted;
}
const SETTINGS_FILES = inSettingsOrder(ALL.flatMap((a) => a.settingsFiles ?? []));
/** Every agent's settings, hooks, rules and subagent files, in the order they are tried. */
export const settingsFiles = (): readonly SettingsFile[] => SETTINGS_FILES;

/** The agent whose own configuration directory `path` is (`~/.codex`). */
export const agentOfConfigDir = (path: string): AgentId | undefined => ALL.find((a) => a.configDir?.test(path))?.id;

/** The variables that open the agent's chat gateway on `platform` (`slack`) to every sender; empty when none are known. */
/** What `fix` proposes for the agent (`AgentFixes`); none for an agent the catalogue does not know. */
export const fixesOf = (id: string): AgentDefinition['fixes'] => agentById(id)?.fixes;

/** The catalogue entry whose chat gateway runs as the harness backend `name` (its id or a `chatAliases` name). */
export const chatBackend = (name: string): AgentDefinition | undefined =>
  agentById(name) ?? ALL.find((a) => a.chatAliases?.includes(name));
export const chatOpenToAllOf = (id: string, platform: string): string[] =>
  (agentById(id)?.chatOpenToAll ?? []).map((v) => v.replace('{PLATFORM}', platform.toUpperCase()));

export { compiledSourceOf } from './gh-aw.js';

const SCRIPT_INSTALLERS = index(
  ALL.flatMap((a) => (a.scriptInstallers ?? []).map((i): [string, ScriptInstaller] => [i.action, i])),
);
/** What a remote action (normalised name) installs for later steps to run, if it is one that does. */
export const scriptInstallerOf = (action: string): ScriptInstaller | undefined => own(SCRIPT_INSTALLERS, action);

/** The generic entry: what is assumed of an agent the catalogue cannot name. */
export const GENERIC_AGENT = unknown;
