/**
 * Claude Code settings (`.claude/settings.json`, `.claude/settings.local.json`, managed settings and
 * sample settings files). Field meanings: docs/rules and the research catalogue (agent-configs.md) §2.
 * The Bash sandbox (`sandbox.*`) is the only OS boundary Claude Code declares; `permissions` decide
 * what runs unasked.
 */
import { collectInlineValues } from '../secrets.js';
import type { Fact, Isolation, Network, Filesystem, Approval, SourceRef } from '../model.js';
import { claudeShellGrant, isUnscoped } from './claude-code-tools.js';
import { collectPlugins } from './claude-code-plugins.js';
import {
  type AgentSettingsDetails,
  collectHookCommands,
  derivedFact,
  emptyDetails,
  fact,
  factFrom,
  get,
  hostOf,
  isBroadPath,
  isRecord,
  type Json,
  launcherCredentials,
  launcherLimits,
  type ReaderInput,
  ref,
  type SettingsReading,
  type SettingsFile,
  type SettingsScope,
  shortValue,
  stringItems,
} from './settings-reading.js';
import { append } from '../util/arrays.js';

/** How Claude Code wants a secret referenced instead of written into its settings. */
export const CLAUDE_SECRET_REFERENCE = 'an environment variable set outside the repository, or `apiKeyHelper`';

/**
 * Keys only Claude Code settings use, or `defaultMode` with one of its permission modes; a JSON file
 * outside `.claude/` must have one to be read as Claude settings.
 */
const CLAUDE_ONLY_KEYS =
  /"(?:disableBypassPermissionsMode|allowUnsandboxedCommands|autoAllowBashIfSandboxed|enableAllProjectMcpServers|enabledMcpjsonServers|disabledMcpjsonServers|apiKeyHelper|skipDangerousModePermissionPrompt|allowManagedPermissionRulesOnly|allowManagedHooksOnly|enableWeakerNestedSandbox)"\s*:|"defaultMode"\s*:\s*"(?:bypassPermissions|acceptEdits|dontAsk|plan)"|claude-code-settings\.json/;

export function claudeScope(file: string): SettingsScope | null {
  if (/(^|\/)\.claude\/settings\.json$/.test(file)) return 'project';
  if (/(^|\/)\.claude\/settings\.local\.json$/.test(file)) return 'local';
  if (/(^|\/)managed-settings\.json$/.test(file)) return 'managed';
  return null;
}

/** Other JSON files named like settings (`examples/settings/settings-lax.json`) are read when their content says Claude. */
export const claudeCandidate = (file: string): boolean =>
  /(^|\/)[^/]*settings[^/]*\.json$/i.test(file) && !/(^|\/)\.(vscode|gemini|cursor|zed|devcontainer)\//.test(file);

export const claudeSniff = (text: string): boolean => CLAUDE_ONLY_KEYS.test(text);

/** A document is Claude settings when its root is an object with a Claude-only key (for files outside `.claude/`). */
export function hasClaudeKeys(value: Json): boolean {
  return isRecord(value) && claudeSniff(JSON.stringify(value));
}

const ANTHROPIC_ENDPOINT_VARS = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'ANTHROPIC_VERTEX_BASE_URL',
  'ANTHROPIC_FOUNDRY_BASE_URL',
];
const COMMAND_KEYS = ['apiKeyHelper', 'awsAuthRefresh', 'awsCredentialExport', 'otelHeadersHelper', 'gcpAuthRefresh'];
/** Directories holding an agent's own user settings: writing there changes hooks and permission modes. */
const AGENT_CONFIG_DIR = /(^|\/)\.(claude|codex|gemini|cursor)(\/|$)/;

export function readClaude({ file, value }: ReaderInput, scope: SettingsScope): SettingsReading {
  const details = emptyDetails('claude-settings', scope, CLAUDE_SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const at = (...path: (string | number)[]): SourceRef => ref(file, path);
  const sandboxOn = get(s, ['sandbox', 'enabled']) === true;

  const isolation = claudeIsolation(s, at, sandboxOn, details);
  const network = claudeNetwork(s, at, sandboxOn);
  const filesystem = claudeFilesystem(s, at, sandboxOn);
  const approval = claudeApproval(s, at);

  collectToolGrants(s, file, details);
  collectCommands(s, file, details);
  collectMcpApproval(s, at, details);
  collectEnv(s, file, details);
  collectWidening(s, at, details);
  collectPlugins(s, file, details);

  const label =
    scope === 'sample' ? 'Claude Code settings keys in a sample settings file' : `Claude Code ${scope} settings file`;
  return {
    agent: 'claude-code',
    signals: [label],
    sandbox: {
      isolation,
      network,
      filesystem,
      approval,
      credentials: launcherCredentials('Claude Code'),
      limits: launcherLimits('Claude Code'),
    },
    details,
  };
}

function claudeIsolation(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  sandboxOn: boolean,
  details: AgentSettingsDetails,
): Fact<Isolation> {
  const enabled = get(s, ['sandbox', 'enabled']);
  if (enabled === false)
    return fact('none', '`sandbox.enabled` is false, so Bash commands run on the host', at('sandbox', 'enabled'));
  if (!sandboxOn) {
    return fact(
      'none',
      'no `sandbox.enabled: true` is set, and Claude Code runs Bash commands on the host without a sandbox by default',
      null,
    );
  }
  // Escapes: each of these hands the sandboxed command the host on its own.
  const escapes: { reason: string; source: SourceRef }[] = [];
  if (get(s, ['sandbox', 'enableWeakerNestedSandbox']) === true) {
    escapes.push({
      reason:
        '`sandbox.enableWeakerNestedSandbox` is true, which drops most of the sandbox for running inside unprivileged Docker',
      source: at('sandbox', 'enableWeakerNestedSandbox'),
    });
  }
  for (const { item, index } of stringItems(get(s, ['sandbox', 'excludedCommands']))) {
    if (/(^|\s|\/)(docker|podman|nerdctl)(\s|\*|$|:)/.test(item)) {
      escapes.push({
        reason: `\`sandbox.excludedCommands\` runs \`${shortValue(item)}\` outside the sandbox, and a container engine can mount the host`,
        source: at('sandbox', 'excludedCommands', index),
      });
    }
  }
  if (get(s, ['sandbox', 'network', 'allowAllUnixSockets']) === true) {
    escapes.push({
      reason:
        '`sandbox.network.allowAllUnixSockets` is true, so sandboxed commands can reach the Docker socket and other host daemons',
      source: at('sandbox', 'network', 'allowAllUnixSockets'),
    });
  }
  for (const { item, index } of stringItems(get(s, ['sandbox', 'network', 'allowUnixSockets']))) {
    if (/docker\.sock|podman\.sock|containerd\.sock/.test(item)) {
      escapes.push({
        reason: `\`sandbox.network.allowUnixSockets\` opens \`${shortValue(item)}\`, and the container engine's socket controls the host`,
        source: at('sandbox', 'network', 'allowUnixSockets', index),
      });
    }
  }
  if (escapes.length > 0) return factFrom('none', escapes);

  collectSandboxGaps(s, at, details);
  const unsandboxed = get(s, ['sandbox', 'allowUnsandboxedCommands']);
  const hatch =
    unsandboxed === false ? '' : ', though `allowUnsandboxedCommands` lets the model ask to run a command outside it';
  return fact(
    'process',
    `\`sandbox.enabled\` is true, so Bash commands run in the OS sandbox (bubblewrap or Seatbelt)${hatch}`,
    at('sandbox', 'enabled'),
  );
}

function collectSandboxGaps(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  details: AgentSettingsDetails,
): void {
  const gaps = details.sandboxGaps;
  const unsandboxed = get(s, ['sandbox', 'allowUnsandboxedCommands']);
  const failIfUnavailable = get(s, ['sandbox', 'failIfUnavailable']);
  if (unsandboxed === true) {
    gaps.push({
      key: 'sandbox.allowUnsandboxedCommands',
      value: 'true',
      level: 'weak',
      why: 'the model may run any command outside the sandbox by setting `dangerouslyDisableSandbox`',
      source: at('sandbox', 'allowUnsandboxedCommands'),
    });
  }
  if (failIfUnavailable === false) {
    gaps.push({
      key: 'sandbox.failIfUnavailable',
      value: 'false',
      level: 'note',
      why: 'when bubblewrap or Seatbelt is missing, commands run unsandboxed with only a warning',
      source: at('sandbox', 'failIfUnavailable'),
    });
  }
  // Defaults left in place: one note at the line that turns the sandbox on.
  const defaults: string[] = [];
  if (unsandboxed === undefined)
    defaults.push('`allowUnsandboxedCommands` (default true) lets the model ask to run a command outside the sandbox');
  if (failIfUnavailable === undefined)
    defaults.push(
      '`failIfUnavailable` (default false) runs commands unsandboxed when bubblewrap or Seatbelt is missing',
    );
  if (defaults.length > 0) {
    gaps.push({
      key: 'sandbox',
      value: 'defaults',
      level: 'note',
      why: defaults.join('; '),
      source: at('sandbox', 'enabled'),
    });
  }
  for (const { item, index } of stringItems(get(s, ['sandbox', 'excludedCommands']))) {
    gaps.push({
      key: 'sandbox.excludedCommands',
      value: item,
      level: 'weak',
      why: 'that command always runs outside the sandbox',
      source: at('sandbox', 'excludedCommands', index),
    });
  }
  for (const { item, index } of stringItems(get(s, ['sandbox', 'network', 'allowUnixSockets']))) {
    gaps.push({
      key: 'sandbox.network.allowUnixSockets',
      value: item,
      level: 'weak',
      why: 'sandboxed commands can talk to the host service behind that socket',
      source: at('sandbox', 'network', 'allowUnixSockets', index),
    });
  }
  if (get(s, ['sandbox', 'enableWeakerNetworkIsolation']) === true) {
    gaps.push({
      key: 'sandbox.enableWeakerNetworkIsolation',
      value: 'true',
      level: 'weak',
      why: 'it opens the macOS trust service to sandboxed commands',
      source: at('sandbox', 'enableWeakerNetworkIsolation'),
    });
  }
}

/**
 * The network a session with these settings has. `mode` is the permission mode in force when it is not
 * the settings' own `defaultMode` (a subagent's `permissionMode`), with the line that sets it.
 */
export function claudeNetwork(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  sandboxOn: boolean,
  mode: { value: Json; source: SourceRef; key: string } = {
    value: get(s, ['permissions', 'defaultMode']),
    source: at('permissions', 'defaultMode'),
    key: 'permissions.defaultMode',
  },
): Fact<Network> {
  const open: { reason: string; source: SourceRef }[] = [];
  for (const list of ['allow'] as const) {
    for (const { item, index } of stringItems(get(s, ['permissions', list]))) {
      if (isUnscoped(item, 'WebFetch') && !deniedOutright(s, 'WebFetch'))
        open.push({
          reason: `\`permissions.allow\` has \`${item}\`, so the agent fetches any URL without asking`,
          source: at('permissions', list, index),
        });
    }
  }
  if (!sandboxOn) {
    if (open.length > 0) return factFrom('open', open);
    return derivedFact('open', 'Bash commands run without the sandbox, so they can connect to any host');
  }
  const domains = stringItems(get(s, ['sandbox', 'network', 'allowedDomains']));
  for (const { item, index } of domains) {
    if (/^\*\.?$|^\*\.\*$/.test(item.trim()))
      open.push({
        reason: `\`sandbox.network.allowedDomains\` has \`${item}\`, which lets sandboxed commands reach every host`,
        source: at('sandbox', 'network', 'allowedDomains', index),
      });
  }
  if (
    (mode.value === 'bypassPermissions' || mode.value === 'auto') &&
    get(s, ['sandbox', 'network', 'strictAllowlist']) !== true
  )
    open.push({
      reason: `\`${mode.key}\` is \`${mode.value}\`, which approves the sandbox's network prompts by itself (Claude Code 2.1.97 on), so only \`sandbox.network.strictAllowlist: true\` would keep commands to the allowed domains`,
      source: mode.source,
    });
  if (open.length > 0) return factFrom('open', open);
  if (domains.length > 0) {
    return fact(
      'allowlist',
      `sandboxed commands reach only the ${domains.length} host pattern(s) in \`sandbox.network.allowedDomains\``,
      at('sandbox', 'network', 'allowedDomains'),
    );
  }
  return fact(
    'allowlist',
    'the sandbox lets commands reach only approved hosts, and `sandbox.network.allowedDomains` approves none in advance',
    at('sandbox', 'enabled'),
  );
}

function claudeFilesystem(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  sandboxOn: boolean,
): Fact<Filesystem> {
  const broad: { reason: string; source: SourceRef }[] = [];
  for (const { item, index } of stringItems(get(s, ['permissions', 'additionalDirectories']))) {
    if (isBroadPath(item))
      broad.push({
        reason: `\`permissions.additionalDirectories\` adds \`${item}\`, so file tools may write there`,
        source: at('permissions', 'additionalDirectories', index),
      });
  }
  if (sandboxOn) {
    for (const { item, index } of stringItems(get(s, ['sandbox', 'filesystem', 'allowWrite']))) {
      if (isBroadPath(item))
        broad.push({
          reason: `\`sandbox.filesystem.allowWrite\` has \`${item}\`, so sandboxed commands may write there`,
          source: at('sandbox', 'filesystem', 'allowWrite', index),
        });
    }
  }
  if (sandboxOn && get(s, ['sandbox', 'filesystem', 'disabled']) === true)
    broad.push({
      reason:
        '`sandbox.filesystem.disabled` is true, so the sandbox controls only the network and Bash commands can write anywhere the user can',
      source: at('sandbox', 'filesystem', 'disabled'),
    });
  if (broad.length > 0) return factFrom('full', broad);
  if (sandboxOn)
    return fact(
      'workspace',
      'the sandbox lets Bash commands write only inside the project and its allowed paths',
      at('sandbox', 'enabled'),
    );
  return derivedFact('full', 'Bash commands run without the sandbox, so they can write anywhere the user can');
}

function claudeApproval(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Approval> {
  return claudeModeApproval(
    get(s, ['permissions', 'defaultMode']),
    at('permissions', 'defaultMode'),
    'permissions.defaultMode',
    bypassDisabledAt(s, at),
  );
}

/** The `disableBypassPermissionsMode: "disable"` line of these settings, or null. */
export function bypassDisabledAt(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
): SourceRef | null {
  return get(s, ['permissions', 'disableBypassPermissionsMode']) === 'disable'
    ? at('permissions', 'disableBypassPermissionsMode')
    : null;
}

/**
 * What a permission mode approves: the settings' `defaultMode`, or a subagent's `permissionMode` (`key`
 * names which). `bypassDisabled` is the line that makes `bypassPermissions` impossible, if any.
 */
export function claudeModeApproval(
  mode: Json,
  source: SourceRef,
  key: string,
  bypassDisabled: SourceRef | null,
): Fact<Approval> {
  if (mode === 'bypassPermissions' && bypassDisabled)
    return fact(
      'unrestricted',
      `\`permissions.disableBypassPermissionsMode\` is \`disable\`, so \`${key}: bypassPermissions\` cannot take effect and tools outside \`permissions.allow\` prompt`,
      bypassDisabled,
    );
  switch (mode) {
    case 'bypassPermissions':
      return fact('bypassed', `\`${key}\` is \`bypassPermissions\`, which turns every permission prompt off`, source);
    case 'dontAsk':
      return fact('restricted', `\`${key}\` is \`dontAsk\`, so only tools in \`permissions.allow\` run`, source);
    case 'plan':
      return fact('restricted', `\`${key}\` is \`plan\`, so the agent only reads and plans`, source);
    case 'auto':
      return fact('unrestricted', `\`${key}\` is \`auto\`, so a classifier, not the user, approves tool calls`, source);
    case 'acceptEdits':
      return fact('unrestricted', `\`${key}\` is \`acceptEdits\`: edits run unasked and other tools prompt`, source);
    case undefined:
      return fact(
        'unrestricted',
        'Claude Code asks before running tools that are not in `permissions.allow`, and any of them may be approved',
        null,
      );
    default:
      return fact(
        'unrestricted',
        `\`${key}\` is \`${shortValue(mode)}\`: tools outside \`permissions.allow\` prompt`,
        source,
      );
  }
}

/** A tool that `permissions.deny` refuses outright (`Bash`, `Bash(*)`): deny rules win over allow rules. */
export const deniedOutright = (s: Record<string, Json>, tool: string): boolean =>
  stringItems(get(s, ['permissions', 'deny'])).some(({ item }) => isUnscoped(item, tool));

function collectToolGrants(s: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  for (const { item, index } of stringItems(get(s, ['permissions', 'allow']))) {
    if (deniedOutright(s, item.trim().split('(')[0]!)) continue;
    const grant = claudeShellGrant(item);
    if (!grant || grant.reach === 'limited') continue;
    details.toolGrants.push({
      pattern: item,
      reach: grant.reach,
      list: 'permissions.allow',
      source: ref(file, ['permissions', 'allow', index]),
    });
  }
}

function collectCommands(s: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  collectHookCommands(s['hooks'], file, ['hooks'], details);
  for (const key of COMMAND_KEYS) {
    const command = s[key];
    if (typeof command === 'string' && command.trim())
      details.commands.push({ key, command, source: ref(file, [key]) });
  }
  const statusLine = s['statusLine'];
  if (isRecord(statusLine) && typeof statusLine['command'] === 'string') {
    details.commands.push({
      key: 'statusLine',
      command: statusLine['command'],
      source: ref(file, ['statusLine', 'command']),
    });
  }
}

function collectMcpApproval(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  details: AgentSettingsDetails,
): void {
  if (s['enableAllProjectMcpServers'] === true) {
    details.mcpAutoApproval.push({
      key: 'enableAllProjectMcpServers',
      servers: 'all',
      source: at('enableAllProjectMcpServers'),
    });
  }
  const listed = stringItems(s['enabledMcpjsonServers']).map((e) => e.item);
  if (listed.length > 0)
    details.mcpAutoApproval.push({
      key: 'enabledMcpjsonServers',
      servers: listed,
      source: at('enabledMcpjsonServers'),
    });
}

function collectEnv(s: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  const env = s['env'];
  if (!isRecord(env)) return;
  append(details.inlineValues, collectInlineValues(env, ref(file, ['env']), 'env'));
  for (const variable of [...ANTHROPIC_ENDPOINT_VARS, 'OPENAI_BASE_URL']) {
    const url = env[variable];
    if (typeof url === 'string' && url.trim())
      details.endpoints.push({ variable, url, host: hostOf(url), source: ref(file, ['env', variable]) });
  }
}

function collectWidening(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  details: AgentSettingsDetails,
): void {
  if (s['skipDangerousModePermissionPrompt'] === true) {
    details.widening.push({
      key: 'skipDangerousModePermissionPrompt',
      value: 'true',
      why: 'bypass mode starts without its warning dialog',
      source: at('skipDangerousModePermissionPrompt'),
    });
  }
  for (const { item, index } of stringItems(get(s, ['permissions', 'additionalDirectories']))) {
    if (AGENT_CONFIG_DIR.test(item.replace(/\\/g, '/')) && /^(~|\$HOME|\/)/.test(item.trim())) {
      details.widening.push({
        key: 'permissions.additionalDirectories',
        value: item,
        why: 'the agent can edit its own user settings there, which load hooks and permission modes',
        source: at('permissions', 'additionalDirectories', index),
      });
    }
  }
}

/** A settings file in a dotfiles folder for Claude (`dot_claude/`, `claude/`) is a user's; any other, a sample. */
const sampleScope = (file: string): 'user' | 'sample' =>
  /(^|\/)(dot_claude|claude|\.claude[^/]*)\//i.test(file) ? 'user' : 'sample';

export const CLAUDE_SETTINGS_FILES: readonly SettingsFile[] = [
  {
    order: 10,
    paths: ['*settings*.json'],
    match: (f) => claudeScope(f) !== null,
    read: (i) => readClaude(i, claudeScope(i.file)!),
  },
  // Last of every agent's files: any other JSON named like settings, when its keys say Claude.
  {
    order: 1000,
    paths: ['*settings*.json'],
    match: claudeCandidate,
    sniff: claudeSniff,
    accepts: hasClaudeKeys,
    read: (i) => readClaude(i, sampleScope(i.file)),
  },
];
