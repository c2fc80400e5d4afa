/**
 * Codex CLI configuration (`.codex/config.toml`, a user config kept in a repository, subagent files
 * `.codex/agents/*.toml`). Two sandbox systems exist: `sandbox_mode` + `[sandbox_workspace_write]`,
 * and the newer permission profiles (`default_permissions` + `[permissions.<name>]`); `sandbox_mode`
 * wins when both are present. `[profiles.<name>]` overlay the top level when `profile` selects one.
 */
import { collectInlineValues } from '../secrets.js';
import type { Approval, Fact, Filesystem, Isolation, Network, SourceRef } from '../model.js';
import {
  collectHookCommands,
  emptyDetails,
  fact,
  factFrom,
  get,
  hostOf,
  isBroadPath,
  isRecord,
  launcherCredentials,
  launcherLimits,
  pickKeys,
  ref,
  shortValue,
  stringItems,
  type AgentSettingsDetails,
  type Json,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
  type SettingsScope,
} from './settings-reading.js';

const SECRET_REFERENCE = 'environment variables named in `env_vars` or `env_http_headers`';
const OUTSIDE = 'environment variables set outside the repository';

export function codexScope(file: string): { scope: SettingsScope; format: 'codex-config' | 'codex-agent' } | null {
  if (/(^|\/)\.codex\/agents\/[^/]+\.toml$/.test(file)) return { scope: 'subagent', format: 'codex-agent' };
  if (/(^|\/)\.codex\/config\.toml$/.test(file)) return { scope: 'project', format: 'codex-config' };
  // A user config kept in a dotfiles or config repository (`config/codex/config.toml`, `dot_codex/config.toml`).
  if (/(^|\/)(codex|dot_codex|\.codex-home)\/config\.toml$/.test(file))
    return { scope: 'user', format: 'codex-config' };
  return null;
}

/** Keys that only a Codex config has; required for files outside `.codex/`. */
export const codexSniff = (text: string): boolean =>
  /^[ \t]*(sandbox_mode|approval_policy|default_permissions|model_reasoning_effort|\[sandbox_workspace_write\]|\[mcp_servers\.|\[profiles\.)/m.test(
    text,
  );

interface Picked {
  value: Json;
  path: (string | number)[];
}

const SANDBOXED = 'commands run in the Codex sandbox (Seatbelt, or bubblewrap and Landlock)';

export function readCodex(
  { file, value }: ReaderInput,
  scope: SettingsScope,
  format: 'codex-config' | 'codex-agent',
): SettingsReading {
  const details = emptyDetails(format, scope, SECRET_REFERENCE);
  const v = isRecord(value) ? value : {};
  const selected =
    typeof v['profile'] === 'string' && isRecord(get(v, ['profiles', v['profile']])) ? (v['profile'] as string) : null;
  const pick = (...path: string[]): Picked | undefined => {
    if (selected) {
      const inProfile = get(v, ['profiles', selected, ...path]);
      if (inProfile !== undefined) return { value: inProfile, path: ['profiles', selected, ...path] };
    }
    const top = get(v, path);
    return top === undefined ? undefined : { value: top, path };
  };
  const at = (p: Picked): SourceRef => ref(file, p.path);

  const mode = pick('sandbox_mode');
  const permissions = mode ? undefined : pick('default_permissions');
  let sandbox: Pick<SettingsReading['sandbox'], 'isolation' | 'network' | 'filesystem'>;
  if (mode) sandbox = fromSandboxMode(v, mode, pick, at, file);
  else if (permissions && typeof permissions.value === 'string')
    sandbox = fromPermissionProfile(v, permissions.value, at(permissions), file);
  else sandbox = fromDefaults(v, pick, at, file);

  const approval = withReviewer(
    codexApproval(pick('approval_policy'), sandbox.isolation, at),
    pick('approvals_reviewer'),
    at,
  );
  collectProfileRisks(v, selected, file, details);
  collectPermissionProfileRisks(
    v,
    permissions && typeof permissions.value === 'string' ? permissions.value : null,
    file,
    details,
  );
  collectTrust(v, file, details);
  collectCommandsAndValues(v, file, details);

  const signals = [format === 'codex-agent' ? 'Codex subagent definition' : `Codex ${scope} configuration`];
  if (selected) signals.push(`profile \`${selected}\` is selected`);
  return {
    agent: 'codex',
    signals,
    sandbox: {
      ...sandbox,
      approval,
      credentials: launcherCredentials('Codex'),
      limits: agentLimits(v, file) ?? launcherLimits('Codex'),
    },
    details,
  };
}

type Pick3 = Pick<SettingsReading['sandbox'], 'isolation' | 'network' | 'filesystem'>;
type PickFn = (...path: string[]) => Picked | undefined;

function fromSandboxMode(
  v: Record<string, Json>,
  mode: Picked,
  pick: PickFn,
  at: (p: Picked) => SourceRef,
  file: string,
): Pick3 {
  const source = at(mode);
  // A scanned value may be an object with its own `toString` key: String() would throw on it.
  const name = typeof mode.value === 'string' ? mode.value : shortValue(mode.value);
  if (name === 'danger-full-access') {
    const reason = '`sandbox_mode` is `danger-full-access`, so commands run on the host without the sandbox';
    return {
      isolation: fact('none', reason, source),
      network: fact('open', reason, source),
      filesystem: fact('full', reason, source),
    };
  }
  if (name === 'read-only') {
    return {
      isolation: fact('process', `\`sandbox_mode\` is \`read-only\`: ${SANDBOXED}`, source),
      network: fact('none', '`sandbox_mode` is `read-only`, which gives commands no network', source),
      filesystem: fact('read-only', '`sandbox_mode` is `read-only`, so commands cannot write', source),
    };
  }
  const known = name === 'workspace-write';
  return {
    isolation: fact(
      'process',
      known
        ? `\`sandbox_mode\` is \`workspace-write\`: ${SANDBOXED}`
        : `\`sandbox_mode\` is \`${shortValue(name)}\`, which Codex does not document; assuming its sandbox`,
      source,
    ),
    network: workspaceNetwork(v, pick, at, file, source),
    filesystem: workspaceFilesystem(
      pick,
      at,
      file,
      fact('workspace', '`sandbox_mode` is `workspace-write`, so commands write only inside the workspace', source),
    ),
  };
}

function fromDefaults(v: Record<string, Json>, pick: PickFn, at: (p: Picked) => SourceRef, file: string): Pick3 {
  return {
    isolation: fact(
      'process',
      `no \`sandbox_mode\` is set, and Codex's default still runs commands in its sandbox (read-only until the project is trusted, then workspace-write)`,
      null,
    ),
    network: workspaceNetwork(v, pick, at, file, null),
    filesystem: workspaceFilesystem(
      pick,
      at,
      file,
      fact('workspace', 'no `sandbox_mode` is set; a trusted project defaults to `workspace-write`', null),
    ),
  };
}

function workspaceNetwork(
  v: Record<string, Json>,
  pick: PickFn,
  at: (p: Picked) => SourceRef,
  file: string,
  modeSource: SourceRef | null,
): Fact<Network> {
  const access = pick('sandbox_workspace_write', 'network_access');
  if (access && access.value === true) {
    const proxied =
      get(v, ['features', 'network_proxy', 'enabled']) === true
        ? get(v, ['features', 'network_proxy', 'domains'])
        : undefined;
    const allowed = isRecord(proxied)
      ? Object.entries(proxied)
          .filter(([, d]) => d === 'allow')
          .map(([host]) => host)
      : [];
    if (allowed.length > 0 && !allowed.some((h) => /^\*+$/.test(h))) {
      return fact(
        'allowlist',
        `\`network_access\` is true but \`features.network_proxy\` lets commands reach only ${allowed.length} listed domain(s)`,
        ref(file, ['features', 'network_proxy', 'domains']),
      );
    }
    return fact(
      'open',
      '`[sandbox_workspace_write] network_access` is true, so sandboxed commands can connect to any host',
      at(access),
    );
  }
  if (access) return fact('none', '`[sandbox_workspace_write] network_access` is false', at(access));
  return fact('none', 'Codex gives sandboxed commands no network unless `network_access` is true', modeSource);
}

function workspaceFilesystem(
  pick: PickFn,
  at: (p: Picked) => SourceRef,
  file: string,
  fallback: Fact<Filesystem>,
): Fact<Filesystem> {
  const roots = pick('sandbox_workspace_write', 'writable_roots');
  if (!roots) return fallback;
  const broad = stringItems(roots.value)
    .filter(({ item }) => isBroadPath(item))
    .map(({ item, index }) => ({
      reason: `\`writable_roots\` has \`${item}\`, so sandboxed commands may write there`,
      source: ref(file, [...roots.path, index]),
    }));
  return broad.length > 0 ? factFrom('full', broad) : fallback;
}

/** What a permission profile grants: `:read-only`, `:workspace`, `:danger-full-access` or a `[permissions.<name>]` table. */
function fromPermissionProfile(v: Record<string, Json>, name: string, source: SourceRef, file: string): Pick3 {
  const said = `\`default_permissions\` is \`${shortValue(name)}\``;
  const base = resolveProfileBase(v, name);
  if (base === ':danger-full-access') {
    const reason = `${said}, which removes the local sandbox`;
    return {
      isolation: fact('none', reason, source),
      network: fact('open', reason, source),
      filesystem: fact('full', reason, source),
    };
  }
  const table = get(v, ['permissions', name]);
  const isolation = fact<Isolation>('process', `${said}: ${SANDBOXED}`, source);
  const fs = isRecord(table) ? profileFilesystem(table, ['permissions', name], file) : null;
  const net = isRecord(table) ? profileNetwork(table, ['permissions', name], file) : null;
  const filesystem =
    fs ??
    (base === ':read-only'
      ? fact<Filesystem>('read-only', `${said}, so commands cannot write`, source)
      : fact<Filesystem>('workspace', `${said}, so commands write only inside the workspace roots`, source));
  const network = net ?? fact<Network>('none', `${said}, and permission profiles start with the network off`, source);
  return { isolation, network, filesystem };
}

function resolveProfileBase(v: Record<string, Json>, name: string, depth = 0): string | null {
  if (name.startsWith(':')) return name;
  const extended = get(v, ['permissions', name, 'extends']);
  return typeof extended === 'string' && depth < 10 ? resolveProfileBase(v, extended, depth + 1) : null;
}

/** `:root`, `/` or the home directory with `write` access means the whole disk. */
function profileFilesystem(table: Record<string, Json>, path: string[], file: string): Fact<Filesystem> | null {
  const filesystem = table['filesystem'];
  if (!isRecord(filesystem)) return null;
  const broad: { reason: string; source: SourceRef }[] = [];
  for (const [root, access] of Object.entries(filesystem)) {
    if (access === 'write' && (root === ':root' || isBroadPath(root))) {
      broad.push({
        reason: `the permission profile grants \`write\` on \`${root}\``,
        source: ref(file, [...path, 'filesystem', root]),
      });
    }
  }
  return broad.length > 0 ? factFrom('full', broad) : null;
}

function profileNetwork(table: Record<string, Json>, path: string[], file: string): Fact<Network> | null {
  const network = table['network'];
  if (!isRecord(network) || network['enabled'] !== true) return null;
  const domains = isRecord(network['domains'])
    ? Object.entries(network['domains'])
        .filter(([, d]) => d === 'allow')
        .map(([h]) => h)
    : [];
  const wildcard = domains.find((h) => /^\*+$/.test(h));
  if (wildcard)
    return fact(
      'open',
      `the permission profile allows \`${wildcard}\`, every host`,
      ref(file, [...path, 'network', 'domains', wildcard]),
    );
  if (domains.length > 0)
    return fact(
      'allowlist',
      `the permission profile allows ${domains.length} listed domain(s)`,
      ref(file, [...path, 'network', 'domains']),
    );
  return fact(
    'open',
    'the permission profile turns the network on without a domain list',
    ref(file, [...path, 'network', 'enabled']),
  );
}

function codexApproval(
  policy: Picked | undefined,
  isolation: Fact<Isolation>,
  at: (p: Picked) => SourceRef,
): Fact<Approval> {
  if (!policy)
    return fact(
      'unrestricted',
      'no `approval_policy` is set; Codex asks only when the model requests it (`on-request`)',
      null,
    );
  const source = at(policy);
  if (policy.value === 'never' && isolation.value === 'none') {
    return fact(
      'bypassed',
      '`approval_policy` is `never` while the sandbox is off, the same as `--dangerously-bypass-approvals-and-sandbox`',
      source,
    );
  }
  if (policy.value === 'untrusted')
    return fact('restricted', '`approval_policy` is `untrusted`, so only known-safe commands run unasked', source);
  if (typeof policy.value === 'string')
    return fact(
      'unrestricted',
      `\`approval_policy\` is \`${shortValue(policy.value)}\`: the sandbox, not a tool allowlist, limits what runs`,
      source,
    );
  return fact(
    'unrestricted',
    '`approval_policy` sets granular approvals; the sandbox, not a tool allowlist, limits what runs',
    source,
  );
}

/**
 * `approvals_reviewer = "auto_review"` or `"guardian_subagent"`: a model, not the user, answers the
 * approval prompts, so a prompt is no human check (as Claude Code's `auto` mode).
 */
function withReviewer(
  approval: Fact<Approval>,
  reviewer: Picked | undefined,
  at: (p: Picked) => SourceRef,
): Fact<Approval> {
  if (!reviewer || reviewer.value === 'user' || approval.value !== 'unrestricted') return approval;
  return fact(
    'unrestricted',
    `\`approvals_reviewer\` is \`${shortValue(reviewer.value)}\`, so a model, not the user, answers the approval prompts (${approval.reason})`,
    at(reviewer),
  );
}

/** `[agents]` bounds: `job_max_runtime_seconds` stops a job; `max_threads` and `max_depth` bound how far subagents fan out. */
function agentLimits(v: Record<string, Json>, file: string): Fact<'bounded'> | null {
  const agents = v['agents'];
  if (!isRecord(agents)) return null;
  for (const [key, what] of [
    ['job_max_runtime_seconds', 'stops an agent job after that many seconds'],
    ['max_threads', 'bounds how many subagents run at once'],
    ['max_depth', 'bounds how deep subagents may spawn subagents'],
  ] as const) {
    const n = agents[key];
    if (typeof n === 'number' && n > 0)
      return fact('bounded', `\`[agents] ${key} = ${n}\` ${what}`, ref(file, ['agents', key]));
  }
  return null;
}

/** Dangerous settings in `[profiles.<name>]` that the file defines but does not select: one `-p` away. */
function collectProfileRisks(
  v: Record<string, Json>,
  selected: string | null,
  file: string,
  details: AgentSettingsDetails,
): void {
  const profiles = v['profiles'];
  if (!isRecord(profiles)) return;
  for (const [name, profile] of Object.entries(profiles)) {
    if (name === selected || !isRecord(profile)) continue;
    const base = ['profiles', name];
    if (profile['sandbox_mode'] === 'danger-full-access') {
      const never = profile['approval_policy'] === 'never' ? ', and its `approval_policy = "never"` never asks' : '';
      details.profiles.push({
        profile: name,
        key: 'sandbox_mode',
        value: 'danger-full-access',
        severity: 'warning',
        why: `runs commands on the host without the sandbox${never}`,
        source: ref(file, [...base, 'sandbox_mode']),
      });
    }
    if (get(profile, ['sandbox_workspace_write', 'network_access']) === true) {
      details.profiles.push({
        profile: name,
        key: 'sandbox_workspace_write.network_access',
        value: 'true',
        severity: 'notice',
        why: 'lets sandboxed commands connect to any host',
        source: ref(file, [...base, 'sandbox_workspace_write', 'network_access']),
      });
    }
    for (const { item, index } of stringItems(get(profile, ['sandbox_workspace_write', 'writable_roots']))) {
      if (isBroadPath(item))
        details.profiles.push({
          profile: name,
          key: 'sandbox_workspace_write.writable_roots',
          value: item,
          severity: 'warning',
          why: `lets sandboxed commands write to \`${item}\``,
          source: ref(file, [...base, 'sandbox_workspace_write', 'writable_roots', index]),
        });
    }
  }
}

function collectPermissionProfileRisks(
  v: Record<string, Json>,
  selected: string | null,
  file: string,
  details: AgentSettingsDetails,
): void {
  const tables = v['permissions'];
  if (!isRecord(tables)) return;
  for (const [name, table] of Object.entries(tables)) {
    if (name === selected || !isRecord(table)) continue;
    if (resolveProfileBase(v, name) === ':danger-full-access') {
      details.profiles.push({
        profile: name,
        key: 'extends',
        value: ':danger-full-access',
        severity: 'warning',
        why: 'removes the local sandbox',
        source: ref(file, ['permissions', name, 'extends']),
      });
    }
    const fs = profileFilesystem(table, ['permissions', name], file);
    if (fs?.source)
      details.profiles.push({
        profile: name,
        key: 'filesystem',
        value: 'write',
        severity: 'warning',
        why: fs.reason,
        source: fs.source,
      });
  }
}

/** `[projects."<dir>"] trust_level = "trusted"` on a home or root directory trusts every project below it. */
function collectTrust(v: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  const projects = v['projects'];
  if (!isRecord(projects)) return;
  for (const [dir, entry] of Object.entries(projects)) {
    if (isRecord(entry) && entry['trust_level'] === 'trusted' && isBroadPath(dir)) {
      details.widening.push({
        key: `projects."${dir}".trust_level`,
        value: 'trusted',
        why: 'every repository below it is trusted, so any cloned project can load its own `.codex/config.toml`',
        source: ref(file, ['projects', dir, 'trust_level']),
      });
    }
  }
}

function collectCommandsAndValues(v: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  const notify = v['notify'];
  if (Array.isArray(notify) && notify.length > 0) {
    details.commands.push({
      key: 'notify',
      command: stringItems(notify)
        .map((e) => e.item)
        .join(' '),
      source: ref(file, ['notify']),
    });
  }
  for (const key of ['openai_base_url', 'chatgpt_base_url']) {
    const url = v[key];
    if (typeof url === 'string' && url.trim())
      details.endpoints.push({ variable: key, url, host: hostOf(url), source: ref(file, [key]) });
  }
  const set = get(v, ['shell_environment_policy', 'set']);
  if (isRecord(set))
    details.inlineValues.push(
      ...collectInlineValues(set, ref(file, ['shell_environment_policy', 'set']), 'shell_environment_policy.set'),
    );
  collectEnvironmentPolicy(v, file, details);
  if (hooksOn(v)) collectHookCommands(v['hooks'], file, ['hooks'], details);
  const providers = v['model_providers'];
  if (isRecord(providers)) {
    for (const [name, provider] of Object.entries(providers)) {
      if (!isRecord(provider)) continue;
      const url = provider['base_url'];
      if (typeof url === 'string' && url.trim())
        details.endpoints.push({
          variable: `model_providers.${name}.base_url`,
          url,
          host: hostOf(url),
          provider: true,
          source: ref(file, ['model_providers', name, 'base_url']),
        });
      details.inlineValues.push(
        ...collectInlineValues(
          pickKeys(provider, ['experimental_bearer_token', 'api_key']),
          ref(file, ['model_providers', name]),
          `model_providers.${name}`,
        ),
      );
      if (isRecord(provider['http_headers'])) {
        details.inlineValues.push(
          ...collectInlineValues(
            provider['http_headers'],
            ref(file, ['model_providers', name, 'http_headers']),
            `model_providers.${name}.http_headers`,
          ),
        );
      }
    }
  }
}

/**
 * Hooks in `config.toml` (`[[hooks.PreToolUse]]` … `[[hooks.PreToolUse.hooks]]`) run from Codex 0.124.0 on
 * unless `[features] hooks = false` (or the older `codex_hooks = false`) turns them off.
 */
export function hooksOn(v: Record<string, Json>): boolean {
  const features = v['features'];
  if (!isRecord(features)) return true;
  const flag = features['hooks'] ?? features['codex_hooks'];
  return flag !== false;
}

/** `.codex/hooks.json`: the same hook tables as `[hooks]` in `config.toml`, in the Claude Code JSON shape. */
export const codexHooksPath = (file: string): boolean => /(^|\/)\.codex\/hooks\.json$/.test(file);

export function readCodexHooks(input: ReaderInput): SettingsReading {
  // A hooks file changes no sandbox setting: its facts are the Codex defaults the session keeps.
  const defaults = readCodex({ ...input, value: {} }, 'project', 'codex-config');
  const details = emptyDetails('codex-hooks', 'project', OUTSIDE);
  collectHookCommands(get(input.value, ['hooks']), input.file, ['hooks'], details);
  return { ...defaults, signals: ['Codex hooks file'], details };
}

/**
 * `shell_environment_policy`: `inherit = "all"` hands commands the session's whole environment; only
 * the default filter (names with KEY, SECRET or TOKEN) stands between them and the secrets, and
 * `ignore_default_excludes = true` removes it.
 */
function collectEnvironmentPolicy(v: Record<string, Json>, file: string, details: AgentSettingsDetails): void {
  const policy = v['shell_environment_policy'];
  if (!isRecord(policy) || policy['inherit'] !== 'all') return;
  const unfiltered = policy['ignore_default_excludes'] === true;
  details.widening.push({
    key: 'shell_environment_policy.inherit',
    value: 'all',
    why: unfiltered
      ? 'every command the agent runs gets the whole environment, secrets included, because `ignore_default_excludes` is true'
      : 'every command the agent runs gets the whole environment; only names with KEY, SECRET or TOKEN are filtered out',
    source: ref(file, ['shell_environment_policy', 'inherit']),
  });
}

const isUserConfig = (file: string): boolean => codexScope(file)?.scope === 'user';

export const CODEX_SETTINGS_FILES: readonly SettingsFile[] = [
  {
    order: 20,
    paths: ['.codex/', 'config.toml'],
    match: (f) => codexScope(f) !== null && !isUserConfig(f),
    read: (i) => readCodex(i, codexScope(i.file)!.scope, codexScope(i.file)!.format),
  },
  { order: 30, paths: ['.codex/'], match: codexHooksPath, read: readCodexHooks },
  // A user config in a dotfiles repository: after every agent's own folder, and only with Codex's keys.
  {
    order: 70,
    paths: ['config.toml'],
    match: isUserConfig,
    sniff: codexSniff,
    read: (i) => readCodex(i, 'user', 'codex-config'),
  },
];
