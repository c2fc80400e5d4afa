/**
 * The six sandbox facts of an agent dev container. The container is the boundary; privileged
 * mode, the Docker socket, the host's root or home and escape capabilities void it. The reference
 * egress firewall (a lifecycle command running `init-firewall.sh` with NET_ADMIN/NET_RAW, as a
 * non-root user) counts as a network allowlist.
 */
import type {
  Approval,
  Credentials,
  Fact,
  Filesystem,
  Isolation,
  Limits,
  Network,
  Sandbox,
  SourceRef,
} from '../../model.js';
import type { AdapterSettings } from '../../model.js';
import { fact, tick } from '../../model/fact.js';
import { CREDENTIAL_NAME, judgeContainer } from '../../containers/judge.js';
import type { RunOption } from '../../containers/docker-run.js';
import { firewallSwitches, invokedAgent } from '../../agents/index.js';
import { agentsStartedBy, type CommandText } from './signals.js';
import { isRecord } from '../../util/json.js';
import { WRITE_TOKEN_NAME } from '../../secrets.js';
import { isRoot, type UserSetting } from '../../model/details/devcontainer.js';

export type { UserSetting };

/** Commands that set up an egress firewall: the reference `init-firewall.sh` and look-alikes. */
const FIREWALL = /firewall|egress|iptables|nftables|ipset|allowlist|whitelist/i;

/** The whole word (a script path) around the firewall keyword, found without backtracking. */
function firewallWord(command: string): string | null {
  const hit = FIREWALL.exec(command);
  if (!hit) return null;
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\w./-]/.test(c);
  let start = hit.index;
  let end = hit.index + hit[0].length;
  while (start > 0 && isWord(command[start - 1])) start--;
  while (isWord(command[end])) end++;
  return command.slice(start, end);
}
/** `script || true` (or `|| :`, `|| exit 0`, `|| echo …`): the container starts even when the firewall fails. */
function madeOptional(command: string, script: string): string | null {
  const after = command.slice(command.indexOf(script) + script.length);
  return /^[^;&|]*\|\|\s*(true\b|:|exit\s+0\b|echo\b)/.exec(after)?.[1] ?? null;
}

/**
 * A host credential forwarded into the container: a PAT, a GitHub or GitLab token, a service-account
 * token or key (`OP_SERVICE_ACCOUNT_TOKEN`, `GCP_SA_KEY`, `GOOGLE_APPLICATION_CREDENTIALS`), by name or
 * as the `${localEnv:…}` it reads.
 */
const FORWARDED_TOKEN = WRITE_TOKEN_NAME;
const LOCAL_ENV = /\$\{localEnv:([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}/g;

const BYPASS =
  /--dangerously-skip-permissions|--dangerously-bypass-approvals-and-sandbox|--yolo\b|--approval-mode[= ]yolo|--yes-always|--allow-all-tools|--permission-mode[= ]bypassPermissions/;

/** The effective user: `remoteUser` decides what the agent runs as; `containerUser` when it is absent. */
export function effectiveUser(file: string, value: Record<string, unknown>): UserSetting | null {
  for (const key of ['remoteUser', 'containerUser'] as const) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number') return { key, value: String(v), at: { file, path: [key] } };
  }
  return null;
}

export function devcontainerSandbox(
  file: string,
  value: Record<string, unknown>,
  options: readonly RunOption[],
  commands: readonly CommandText[],
  settings: AdapterSettings,
): Sandbox {
  const j = judgeContainer(options, settings);
  const ref = (path: (string | number)[], text?: string): SourceRef =>
    text === undefined ? { file, path } : { file, path, text };
  const user = effectiveUser(file, value);
  // A Compose dev container runs in its service: `runArgs` do not apply, the service's own limits do.
  const composeName =
    value['dockerComposeFile'] !== undefined && typeof value['service'] === 'string' ? value['service'] : null;

  let isolation: Fact<Isolation>;
  const onHost = commands.find((c) => c.key === 'initializeCommand' && invokedAgent(c.value));
  const startedOnHost = agentsStartedBy(value['initializeCommand'])[0];
  if (onHost || startedOnHost) {
    // `initializeCommand` runs on the host before the container exists: the container does not contain it.
    const match = onHost ? invokedAgent(onHost.value)!.match : startedOnHost!.name;
    isolation = fact<Isolation>(
      'none',
      `\`initializeCommand\` runs ${tick(match)} on the host, outside the container`,
      onHost
        ? ref([...onHost.path] as (string | number)[], match)
        : ref(['initializeCommand', ...startedOnHost!.path], startedOnHost!.path.length === 0 ? match : undefined),
      j.escapes.map((e) => ({ reason: e.reason, source: e.source })),
    );
  } else if (j.escapes.length > 0) {
    const [first, ...rest] = j.escapes;
    isolation = fact<Isolation>(
      'none',
      first!.reason,
      first!.source,
      rest.map((e) => ({ reason: e.reason, source: e.source })),
    );
  } else if (j.runtime) isolation = fact<Isolation>(j.runtime.value, j.runtime.reason, j.runtime.source);
  else {
    const key = ['image', 'build', 'dockerFile', 'dockerComposeFile'].find((k) => value[k] !== undefined);
    isolation = fact<Isolation>(
      'container',
      key
        ? `the agent runs inside the dev container that ${tick(key)} defines`
        : 'the agent runs inside the dev container',
      key ? ref([key]) : null,
    );
  }

  return {
    isolation,
    network: networkFact(j, value, commands, user, ref),
    filesystem: filesystemFact(j),
    approval: approvalFact(commands, ref),
    credentials: credentialsFact(file, value, j),
    limits: j.limits[0]
      ? fact<Limits>('bounded', j.limits[0].reason, j.limits[0].source)
      : fact<Limits>(
          'unbounded',
          composeName
            ? `no \`mem_limit\`, \`cpus\`, \`pids_limit\` or \`deploy.resources.limits\` in Compose service ${tick(composeName)} bounds the container`
            : 'no `--memory`, `--cpus` or `--pids-limit` in `runArgs` bounds the container',
          null,
        ),
  };
}

function networkFact(
  j: ReturnType<typeof judgeContainer>,
  value: Record<string, unknown>,
  commands: readonly CommandText[],
  user: UserSetting | null,
  ref: (path: (string | number)[], text?: string) => SourceRef,
): Fact<Network> {
  if (j.network) return fact<Network>(j.network.value, j.network.reason, j.network.source);
  const netAdmin = j.capabilities.some((c) => c.name === 'NET_ADMIN');
  const firewall = commands.find((c) => c.key !== 'initializeCommand' && FIREWALL.test(c.value));
  if (firewall && netAdmin) {
    const script = firewallWord(firewall.value)!;
    const optional = madeOptional(firewall.value, script);
    if (optional) {
      return fact<Network>(
        'open',
        `${tick(firewall.key)} runs ${tick(script)} with ${tick(`|| ${optional}`)}, so the container starts with open egress when the firewall fails`,
        ref([...firewall.path] as (string | number)[], script),
      );
    }
    if (user && isRoot(user.value)) {
      return fact<Network>(
        'open',
        `${tick(user.key)} is ${tick(user.value)} and the container has NET_ADMIN, so the agent can undo the firewall ${tick(script)} sets`,
        user.at,
      );
    }
    return fact<Network>(
      'allowlist',
      `${tick(firewall.key)} runs ${tick(script)} with NET_ADMIN to set an egress firewall at start (the script itself is not checked)`,
      ref([...firewall.path] as (string | number)[], script),
    );
  }
  const switched = netAdmin ? firewallSwitchOn(value) : null;
  if (switched) {
    if (user && isRoot(user.value))
      return fact<Network>(
        'open',
        `${tick(user.key)} is ${tick(user.value)} and the container has NET_ADMIN, so the agent can undo the firewall ${tick(switched.name)} turns on`,
        user.at,
      );
    return fact<Network>(
      'allowlist',
      `${tick(`${switched.key}.${switched.name}`)} turns on ${switched.agent}'s own egress firewall at start, with NET_ADMIN (the script that reads it is not checked)`,
      ref([switched.key, switched.name]),
    );
  }
  return fact<Network>('open', 'the dev container can reach any host; no egress firewall is set up at start', null);
}

/** An agent's own firewall switch set on (`CODEX_ENABLE_FIREWALL: "1"`) in `containerEnv` or `remoteEnv`. */
function firewallSwitchOn(value: Record<string, unknown>): { key: string; name: string; agent: string } | null {
  for (const key of ['containerEnv', 'remoteEnv'] as const) {
    const env = isRecord(value[key]) ? value[key] : {};
    for (const { env: name, agent } of firewallSwitches()) {
      const set = env[name];
      if (
        (typeof set === 'string' || typeof set === 'number' || typeof set === 'boolean') &&
        /^(1|true|yes|on)$/i.test(String(set))
      )
        return { key, name, agent };
    }
  }
  return null;
}

function filesystemFact(j: ReturnType<typeof judgeContainer>): Fact<Filesystem> {
  const broad = j.writableMounts.filter((m) => m.kind === 'root' || m.kind === 'home');
  if (broad.length > 0) {
    const reason = (source: string): string =>
      `the writable mount of ${tick(source)} lets the agent write across the host`;
    return fact<Filesystem>(
      'full',
      reason(broad[0]!.mount.source),
      broad[0]!.source,
      broad.slice(1).map((m) => ({ reason: reason(m.mount.source), source: m.source })),
    );
  }
  return fact<Filesystem>('workspace', 'the agent writes to the mounted workspace and inside its own container', null);
}

function approvalFact(
  commands: readonly CommandText[],
  ref: (path: (string | number)[], text?: string) => SourceRef,
): Fact<Approval> {
  for (const c of commands) {
    const flag = BYPASS.exec(c.value)?.[0];
    if (flag)
      return fact<Approval>(
        'bypassed',
        `${tick(c.key)} runs the agent with ${tick(flag)}`,
        ref([...c.path] as (string | number)[], flag),
      );
  }
  return fact<Approval>(
    'unrestricted',
    "the agent's own settings decide what it may run; this dev container does not change them",
    null,
  );
}

function credentialsFact(
  file: string,
  value: Record<string, unknown>,
  j: ReturnType<typeof judgeContainer>,
): Fact<Credentials> {
  const mounted = j.credentials.find((c) => c.value === 'write');
  if (mounted) return fact<Credentials>('write', mounted.reason, mounted.source);
  const codespaces = codespacesWrite(file, value);
  if (codespaces) return codespaces;
  for (const key of ['containerEnv', 'remoteEnv'] as const) {
    const env = isRecord(value[key]) ? value[key] : {};
    const forwarded = Object.entries(env).find(
      ([n, v]) =>
        FORWARDED_TOKEN.test(n) ||
        (typeof v === 'string' && [...v.matchAll(LOCAL_ENV)].some((m) => FORWARDED_TOKEN.test(m[1]!))),
    );
    if (forwarded)
      return fact<Credentials>(
        'write',
        `${tick(`${key}.${forwarded[0]}`)} forwards a host token into the container; its scope is not visible here, so it is taken as able to write`,
        { file, path: [key, forwarded[0]] },
      );
  }
  for (const key of ['containerEnv', 'remoteEnv'] as const) {
    const env = isRecord(value[key]) ? value[key] : {};
    const name = Object.keys(env).find((n) => CREDENTIAL_NAME.test(n));
    if (name)
      return fact<Credentials>(
        'read',
        `${tick(`${key}.${name}`)} passes a credential into the container; its scope is not visible here`,
        { file, path: [key, name] },
      );
  }
  const passed = j.credentials.find((c) => c.value === 'read');
  if (passed) return fact<Credentials>('read', passed.reason, passed.source);
  return fact<Credentials>(
    'write',
    "VS Code and Codespaces forward the user's git credentials into a dev container by default",
    null,
  );
}

/** `customizations.codespaces` permissions that grant write access to repositories. */
function codespacesWrite(file: string, value: Record<string, unknown>): Fact<Credentials> | null {
  const custom = isRecord(value['customizations']) ? value['customizations'] : {};
  const cs = isRecord(custom['codespaces']) ? custom['codespaces'] : null;
  if (!cs) return null;
  const candidates: { perms: unknown; path: (string | number)[] }[] = [
    { perms: cs['permissions'], path: ['customizations', 'codespaces', 'permissions'] },
  ];
  if (isRecord(cs['repositories'])) {
    for (const [repo, spec] of Object.entries(cs['repositories'])) {
      if (isRecord(spec))
        candidates.push({
          perms: spec['permissions'],
          path: ['customizations', 'codespaces', 'repositories', repo, 'permissions'],
        });
    }
  }
  for (const { perms, path } of candidates) {
    if (perms === 'write-all')
      return fact<Credentials>('write', '`permissions: write-all` gives the Codespaces token write access', {
        file,
        path,
      });
    if (isRecord(perms)) {
      const scope = Object.keys(perms).find((k) => perms[k] === 'write');
      if (scope)
        return fact<Credentials>('write', `Codespaces permission ${tick(`${scope}: write`)} lets the token write`, {
          file,
          path: [...path, scope],
        });
    }
  }
  return null;
}
