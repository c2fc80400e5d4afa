/** The `details` of an `agent-config` deployment (an agent's settings file): what the agent-config rules read. */
import type { Severity, SourceRef } from '../source.js';
import type { InlineValuesDetails } from './inline-values.js';

/** Where the tool reads this file from; decides how much of it takes effect. */
export type SettingsScope = 'project' | 'local' | 'user' | 'managed' | 'sample' | 'subagent' | 'workflow';

export type SettingsFormat =
  | 'claude-settings'
  | 'codex-config'
  | 'codex-agent'
  | 'codex-hooks'
  | 'gemini-settings'
  | 'cursor-sandbox'
  | 'cursor-environment'
  | 'aider-config'
  | 'continue-config'
  | 'continue-permissions'
  | 'goose-config'
  | 'goose-permissions'
  | 'openhands-config'
  | 'gh-aw-workflow'
  | 'opencode-config'
  | 'agent-hooks'
  | 'copilot-agent'
  | 'cursor-cli'
  | 'cursor-permissions'
  | 'claude-subagent'
  | 'claude-skill'
  | 'codex-rules';

/** A tool permission that lets the agent run shell commands unasked. */
export interface ToolGrant {
  /** The entry as written (`Bash(*)`, `run_shell_command`, `:*`). */
  pattern: string;
  /** `any-command`: every shell command; `interpreter`: a shell, interpreter or wrapper that runs anything. */
  reach: 'any-command' | 'interpreter';
  /** The list the entry is in (`permissions.allow`, `tools.allowed`). */
  list: string;
  source: SourceRef;
}

/** A command the settings themselves run (hooks, credential helpers), outside any agent sandbox. */
export interface SettingsCommand {
  /** Dotted key (`hooks.PreToolUse`, `apiKeyHelper`). */
  key: string;
  command: string;
  source: SourceRef;
}

/** A setting that starts MCP servers from the repository without asking. */
export interface McpAutoApproval {
  key: string;
  /** `all`, or the server names listed. */
  servers: 'all' | string[];
  source: SourceRef;
}

/** A hole in a sandbox that is on: still a sandbox, but something can leave it. */
export interface SandboxGap {
  key: string;
  value: string;
  why: string;
  /** `weak` leaves a path out of the sandbox; `note` is a default worth hardening. */
  level: 'weak' | 'note';
  source: SourceRef;
}

/** A model API endpoint redirected by the settings. */
export interface EndpointOverride {
  variable: string;
  url: string;
  host: string | null;
  /** A provider the user picks by name (Codex `[model_providers]`): its host is the vendor, only plain http is judged. */
  provider?: true;
  source: SourceRef;
}

/** A dangerous setting in a profile the file defines but does not select. */
export interface ProfileRisk {
  profile: string;
  key: string;
  value: string;
  why: string;
  severity: Severity;
  source: SourceRef;
}

/** A setting that widens what the agent trusts or may touch outside the sandbox facts. */
export interface Widening {
  key: string;
  value: string;
  why: string;
  source: SourceRef;
}

export interface AgentSettingsDetails extends InlineValuesDetails {
  adapter: 'agent-settings';
  format: SettingsFormat;
  scope: SettingsScope;
  toolGrants: ToolGrant[];
  commands: SettingsCommand[];
  mcpAutoApproval: McpAutoApproval[];
  sandboxGaps: SandboxGap[];
  endpoints: EndpointOverride[];
  profiles: ProfileRisk[];
  widening: Widening[];
  marketplaces: PluginMarketplace[];
}

/** A plugin marketplace the settings add: its plugins bring hooks, MCP servers, subagents and skills. */
export interface PluginMarketplace {
  name: string;
  /** Where it is fetched from, as written (`github:owner/repo`, a git or https URL, `npm:package`). */
  origin: string;
  /** The GitHub owner, or the host, that controls it; null when the source cannot be read. */
  owner: string | null;
  /** A path inside the checkout: the repository's own code. */
  local: boolean;
  /** Plugins the same file enables from it. */
  enabled: string[];
  source: SourceRef;
}
