/**
 * The six sandbox facts of one MCP server entry, from what launches it: a host process, a
 * container (`docker run` flags), an OS sandbox (`srt`, VS Code `sandboxEnabled`), or a remote URL.
 */
import { mcpCallTimeoutOf } from '../../agents/index.js';
import type { ParsedFile } from '../../documents/types.js';
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
import { derived, fact, tick } from '../../model/fact.js';
import { classifyHostPath, judgeContainer, type ContainerJudgement } from '../../containers/judge.js';
import type { Arg } from '../../containers/docker-run.js';
import type { ServerEntry } from './entries.js';
import { innermost, type Analysis, type Launch } from './launch.js';
import type { PackageRef } from './packages.js';
import { isRecord } from '../../util/json.js';
import { hostOf, isPlaintextUrl } from '../../util/urls.js';

export interface FactInput {
  entry: ServerEntry;
  file: string;
  agent: string;
  settings: AdapterSettings;
  load(file: string): ParsedFile | null;
}

export { hostOf, isLocalUrl } from '../../util/urls.js';

export function remoteSandbox(input: FactInput, url: Arg): Sandbox {
  const host = tick(hostOf(url.value));
  const plain = isPlaintextUrl(url.value);
  return {
    isolation: fact<Isolation>(
      'vm',
      `the server runs on a remote host (${host}); nothing starts on this machine`,
      url.ref,
    ),
    network: plain
      ? fact<Network>(
          'open',
          `the client talks to ${host} over plain ${tick(url.value.slice(0, url.value.indexOf(':')))}: anyone on the path can read and change the tool calls and results, and any credential sent`,
          url.ref,
        )
      : fact<Network>(
          'allowlist',
          `the client connects only to ${host}; the remote server's own egress is outside this repository`,
          url.ref,
        ),
    filesystem: fact<Filesystem>('read-only', 'a remote server cannot write local files', url.ref),
    approval: approvalFact(input),
    credentials: remoteCredentials(input),
    limits: fact<Limits>('bounded', 'a remote server uses no resources of this machine', url.ref),
  };
}

/**
 * A server at a loopback URL runs on this machine, started by something this file does not show:
 * nothing bounds it, so each fact takes its weakest value (credentials and approval as written).
 */
export function loopbackSandbox(input: FactInput, url: Arg): Sandbox {
  const host = tick(hostOf(url.value));
  const why = `the server at ${host} runs on this machine, started outside this file with no sandbox shown`;
  return {
    isolation: fact<Isolation>('none', why, url.ref),
    network: fact<Network>('open', `${why}; its egress is not restricted here`, url.ref),
    filesystem: fact<Filesystem>('full', `${why}; it can reach every file its user can`, url.ref),
    approval: approvalFact(input),
    credentials: remoteCredentials(input),
    limits: fact<Limits>('unbounded', `${why}; no limit is set`, url.ref),
  };
}

export function localSandbox(input: FactInput, analysis: Analysis, packages: readonly PackageRef[]): Sandbox {
  const inner = innermost(analysis.launch);
  const vscodeSandbox = input.entry.value['sandboxEnabled'] === true && inner.kind === 'host';
  if (vscodeSandbox) return vscodeSandboxFacts(input, inner, packages, analysis);
  if (inner.kind === 'container') return containerFacts(input, inner, analysis);
  if (analysis.launch.kind === 'sandbox') return osSandboxFacts(input, analysis.launch, packages, analysis);
  return hostFacts(input, inner, packages, analysis);
}

/** The command and its first three arguments, at most 80 characters, ending in `…` when anything was left out. */
function shortCommand(name: string, args: readonly string[]): string {
  const shown = [name, ...args.slice(0, 3)].join(' ');
  if (shown.length > 80) return `${shown.slice(0, 79)}…`;
  return args.length > 3 ? `${shown} …` : shown;
}

/** "`npx -y pkg`", or "`bash scripts/x.sh` (inside `bash -lc`)" when wrappers were unwrapped. */
function describe(launch: Launch, analysis: Analysis): string {
  const what =
    launch.kind === 'host'
      ? tick(
          shortCommand(
            launch.name,
            launch.args.map((a) => a.value),
          ),
        )
      : tick(launch.name);
  const shells = analysis.wrappers.filter((w) => w !== 'sudo' && w !== 'doas');
  return shells.length > 0 ? `${what} (inside ${shells.map(tick).join(' and ')})` : what;
}

function hostFacts(input: FactInput, launch: Launch, packages: readonly PackageRef[], analysis: Analysis): Sandbox {
  const root = analysis.wrappers.some((w) => w === 'sudo' || w === 'doas') ? ' as root' : '';
  return {
    isolation: fact<Isolation>(
      'none',
      `${describe(launch, analysis)} starts the server as a host process${root} with the user's files, network and credentials`,
      null,
    ),
    // Consequences of running on the host: sandbox-required reports the cause once.
    network: derived(fact<Network>('open', 'a host process can connect to any host', null)),
    filesystem:
      filesystemServerFact(launch, packages) ??
      derived(fact<Filesystem>('full', 'a host process can write wherever the user can', null)),
    approval: approvalFact(input),
    credentials: derived(
      fact<Credentials>(
        'write',
        "a host process runs as the user, with the user's credential files (SSH keys, cloud and git credentials) in reach",
        null,
      ),
    ),
    limits:
      timeoutFact(analysis, input) ??
      derived(fact<Limits>('unbounded', "nothing bounds the server's CPU, memory or run time", null)),
  };
}

function containerFacts(input: FactInput, launch: Extract<Launch, { kind: 'container' }>, analysis: Analysis): Sandbox {
  const j: ContainerJudgement | null = launch.run ? judgeContainer(launch.run.options, input.settings) : null;
  const start = launch.program.ref;
  let isolation: Fact<Isolation>;
  if (j && j.escapes.length > 0) {
    const [first, ...rest] = j.escapes;
    isolation = fact<Isolation>(
      'none',
      first!.reason,
      first!.source,
      rest.map((e) => ({ reason: e.reason, source: e.source })),
    );
  } else if (j?.runtime) isolation = fact<Isolation>(j.runtime.value, j.runtime.reason, j.runtime.source);
  else
    isolation = fact<Isolation>(
      'container',
      /gateway/.test(launch.how)
        ? `${launch.how} starts each tool server in its own container`
        : `${launch.how} starts the server in a container`,
      start,
    );

  const gatewayNoNetwork =
    launch.run === null && analysis.launch.kind === 'container' && /gateway/.test(launch.how)
      ? blockNetworkFlag(input.entry)
      : null;
  const network = j?.network
    ? fact<Network>(j.network.value, j.network.reason, j.network.source)
    : gatewayNoNetwork
      ? fact<Network>('none', '`--block-network` keeps the tool containers off the network', gatewayNoNetwork)
      : fact<Network>(
          'open',
          launch.run
            ? `${launch.how} uses the default bridge network, which reaches any host`
            : `the network of the containers ${launch.how} starts is not declared here`,
          null,
        );

  let filesystem: Fact<Filesystem>;
  const broad = j?.writableMounts.filter((m) => m.kind === 'root' || m.kind === 'home') ?? [];
  if (broad.length > 0) {
    filesystem = fact<Filesystem>(
      'full',
      `the writable mount of ${tick(broad[0]!.mount.source)} lets the server write across the host`,
      broad[0]!.source,
      broad.slice(1).map((m) => ({
        reason: `the writable mount of ${tick(m.mount.source)} lets the server write across the host`,
        source: m.source,
      })),
    );
  } else if (j && j.writableMounts.length > 0) {
    const m = j.writableMounts[0]!;
    filesystem = fact<Filesystem>(
      'workspace',
      `the server can write to the mounted host folder ${tick(m.mount.source)}`,
      m.source,
    );
  } else if (j?.readOnlyRoot)
    filesystem = fact<Filesystem>(
      'read-only',
      '`--read-only` makes the container file system read-only and no host folder is mounted writable',
      j.readOnlyRoot,
    );
  else
    filesystem = fact<Filesystem>(
      'workspace',
      'the server writes only inside its own container; no host folder is mounted writable',
      null,
    );

  const write = j?.credentials.find((c) => c.value === 'write');
  const read = j?.credentials.find((c) => c.value === 'read');
  const credentials = write
    ? fact<Credentials>('write', write.reason, write.source)
    : read
      ? fact<Credentials>('read', read.reason, read.source)
      : fact<Credentials>(
          'none',
          launch.run
            ? 'no credential is passed into the container'
            : `no credential for the container is declared here`,
          null,
        );

  const limit = j?.limits[0];
  const limits = limit
    ? fact<Limits>('bounded', limit.reason, limit.source)
    : (timeoutFact(analysis, input) ??
      fact<Limits>('unbounded', 'no `--memory`, `--cpus` or `--pids-limit` bounds the container', null));
  return { isolation, network, filesystem, approval: approvalFact(input), credentials, limits };
}

function osSandboxFacts(
  input: FactInput,
  launch: Extract<Launch, { kind: 'sandbox' }>,
  packages: readonly PackageRef[],
  analysis: Analysis,
): Sandbox {
  const inner = launch.inner ? ` around ${describe(innermost(launch), { ...analysis, wrappers: [] })}` : '';
  const isolation = fact<Isolation>(
    launch.isolation,
    `${tick(launch.name)} runs the server in an OS sandbox${inner}`,
    launch.program.ref,
  );
  const settings = launch.name === 'srt' ? srtSettings(input, launch.settings) : null;
  let network: Fact<Network>;
  let filesystem: Fact<Filesystem>;
  if (launch.name === 'srt') {
    network =
      settings?.network ??
      fact<Network>(
        'allowlist',
        '`srt` allows only the domains its settings list (the user-level `~/.srt-settings.json` unless `--settings` names a file)',
        null,
      );
    filesystem =
      settings?.filesystem ??
      fact<Filesystem>('workspace', '`srt` allows writes only to the paths its settings list', null);
  } else {
    const isolated = launch.options.find((w) => /^--(?:unshare-net|unshare-all|net=none)$/.test(w.value));
    network = isolated
      ? fact<Network>('none', `${tick(isolated.value)} gives the sandbox no network`, isolated.ref)
      : fact<Network>('open', `${tick(launch.name)} is not told to cut the network here`, null);
    filesystem =
      filesystemServerFact(innermost(launch), packages) ??
      fact<Filesystem>(
        'workspace',
        `${tick(launch.name)} decides which paths are writable; its profile is not judged here`,
        null,
      );
  }
  return {
    isolation,
    network,
    filesystem,
    approval: approvalFact(input),
    credentials: fact<Credentials>(
      'write',
      `${tick(launch.name)} still lets the server read the user's files, credential files included, unless its settings deny them`,
      null,
    ),
    limits:
      timeoutFact(analysis, input) ??
      fact<Limits>('unbounded', "nothing bounds the server's CPU, memory or run time", null),
  };
}

function vscodeSandboxFacts(
  input: FactInput,
  launch: Launch,
  packages: readonly PackageRef[],
  analysis: Analysis,
): Sandbox {
  const base = input.entry.path;
  const at = (...sub: (string | number)[]): SourceRef => ({ file: input.file, path: [...base, ...sub] });
  const sandbox = isRecord(input.entry.value['sandbox']) ? input.entry.value['sandbox'] : {};
  const net = isRecord(sandbox['network']) ? sandbox['network'] : {};
  const fs = isRecord(sandbox['filesystem']) ? sandbox['filesystem'] : {};
  const domains = Array.isArray(net['allowedDomains']) ? (net['allowedDomains'] as unknown[]) : [];
  const writes = Array.isArray(fs['allowWrite']) ? (fs['allowWrite'] as unknown[]) : [];

  const star = domains.findIndex((d) => d === '*');
  const network =
    star >= 0
      ? fact<Network>(
          'open',
          '`allowedDomains` lists `*`, so the sandboxed server may reach any host',
          at('sandbox', 'network', 'allowedDomains', star),
        )
      : domains.length > 0
        ? fact<Network>(
            'allowlist',
            `VS Code's sandbox lets the server reach only ${domains.length} listed domain${domains.length === 1 ? '' : 's'}`,
            at('sandbox', 'network', 'allowedDomains'),
          )
        : fact<Network>(
            'none',
            "VS Code's sandbox allows no network unless `sandbox.network.allowedDomains` lists it",
            at('sandboxEnabled'),
          );

  const broad = writes
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => typeof w === 'string' && ['root', 'home'].includes(classifyHostPath(w)));
  const filesystem =
    broad.length > 0
      ? fact<Filesystem>(
          'full',
          `\`allowWrite\` lists ${tick(String(broad[0]!.w))}`,
          at('sandbox', 'filesystem', 'allowWrite', broad[0]!.i),
          broad.slice(1).map(({ w, i }) => ({
            reason: `\`allowWrite\` lists ${tick(String(w))}`,
            source: at('sandbox', 'filesystem', 'allowWrite', i),
          })),
        )
      : writes.length > 0
        ? fact<Filesystem>(
            'workspace',
            "VS Code's sandbox lets the server write only to the paths in `allowWrite`",
            at('sandbox', 'filesystem', 'allowWrite'),
          )
        : (filesystemServerFact(launch, packages) ??
          fact<Filesystem>(
            'read-only',
            "VS Code's sandbox allows no writes unless `sandbox.filesystem.allowWrite` lists a path",
            at('sandboxEnabled'),
          ));

  return {
    isolation: fact<Isolation>(
      'process',
      `\`sandboxEnabled: true\` runs ${describe(launch, analysis)} in VS Code's OS sandbox`,
      at('sandboxEnabled'),
    ),
    network,
    filesystem,
    approval: fact<Approval>(
      'restricted',
      "VS Code auto-approves a sandboxed server's tool calls, so the sandbox's write and domain lists are what restrict them",
      at('sandboxEnabled'),
    ),
    credentials: fact<Credentials>(
      'write',
      "the sandbox still lets the server read the user's credential files unless `sandbox.filesystem.denyRead` lists them",
      null,
    ),
    limits:
      timeoutFact(analysis, input) ??
      fact<Limits>('unbounded', "nothing bounds the server's CPU, memory or run time", null),
  };
}

/** The filesystem MCP server's allowed directories: every positional argument after the package. */
function filesystemServerFact(launch: Launch, packages: readonly PackageRef[]): Fact<Filesystem> | null {
  if (launch.kind !== 'host') return null;
  const pkg = packages.find((p) =>
    /(?:^|[/-])(?:server-)?filesystem(?:-mcp|-server)?$|^mcp-server-filesystem$|filesystem-mcp/.test(p.name),
  );
  const isFsBinary = /^(?:mcp-server-filesystem|server-filesystem)$/.test(launch.name);
  if (!pkg && !isFsBinary) return null;
  const after = pkg
    ? launch.args.findIndex((a) => a.ref.path.join('\u0000') === pkg.at.path.join('\u0000') && a.value === pkg.spec) + 1
    : 0;
  const roots = launch.args.slice(after).filter((a) => !a.value.startsWith('-'));
  const broad = roots.filter((r) => ['root', 'home'].includes(classifyHostPath(r.value)));
  if (broad.length > 0) {
    const reason = (r: Arg): string =>
      `the filesystem server is given ${tick(r.value)}, ${classifyHostPath(r.value) === 'root' ? "the host's whole file system" : "the user's whole home folder"}`;
    return fact<Filesystem>(
      'full',
      reason(broad[0]!),
      broad[0]!.ref,
      broad.slice(1).map((r) => ({ reason: reason(r), source: r.ref })),
    );
  }
  if (roots.length > 0)
    return fact<Filesystem>(
      'workspace',
      `the filesystem server may only touch ${roots.map((r) => tick(r.value)).join(', ')}`,
      roots[0]!.ref,
    );
  return fact<Filesystem>(
    'workspace',
    'the filesystem server is limited to the roots the client grants (the workspace)',
    null,
  );
}

function approvalFact(input: FactInput): Fact<Approval> {
  const v = input.entry.value;
  const at = (key: string): SourceRef => ({ file: input.file, path: [...input.entry.path, key] });
  if (v['trust'] === true)
    return fact<Approval>('bypassed', '`trust: true` runs every tool of this server without asking', at('trust'));
  for (const key of ['includeTools', 'enabled_tools']) {
    if (Array.isArray(v[key]) && (v[key] as unknown[]).length > 0)
      return fact<Approval>('restricted', `${tick(key)} limits the server to the listed tools`, at(key));
  }
  for (const key of ['autoApprove', 'alwaysAllow']) {
    const list = v[key];
    if (Array.isArray(list) && list.length > 0) {
      const names = list
        .slice(0, 3)
        .map((t) => tick(String(t)))
        .join(', ');
      return fact<Approval>(
        'unrestricted',
        `${tick(key)} runs ${names}${list.length > 3 ? ' and more' : ''} without asking; other tools prompt`,
        at(key),
      );
    }
  }
  return fact<Approval>(
    'unrestricted',
    `${tick(input.agent)} asks before each tool call of this server, and any tool may be approved`,
    null,
  );
}

function remoteCredentials(input: FactInput): Fact<Credentials> {
  const v = input.entry.value;
  const at = (...sub: string[]): SourceRef => ({ file: input.file, path: [...input.entry.path, ...sub] });
  for (const key of ['headers', 'http_headers', 'requestInit']) {
    const headers = isRecord(v[key]) ? v[key] : null;
    const name = headers && Object.keys(headers).find((h) => /^authorization$|api[-_]?key|token|secret/i.test(h));
    if (name)
      return fact<Credentials>(
        'read',
        `${tick(`${key}.${name}`)} sends a credential to the server; its scope is not visible here`,
        at(key, name),
      );
  }
  for (const key of ['bearer_token_env_var', 'bearer_token', 'env_http_headers', 'oauth', 'authProviderType']) {
    if (v[key] !== undefined)
      return fact<Credentials>(
        'read',
        `${tick(key)} sends a credential to the server; its scope is not visible here`,
        at(key),
      );
  }
  const env = isRecord(v['env']) ? v['env'] : null;
  const envName = env && Object.keys(env).find((e) => /token|api[-_]?key|secret|password|credential/i.test(e));
  if (envName)
    return fact<Credentials>(
      'read',
      `${tick(`env.${envName}`)} hands a credential to the server's connection; its scope is not visible here`,
      at('env', envName),
    );
  if (/[?&][a-z_]{0,64}(?:key|token|secret)=/i.test(String(v['url'] ?? v['httpUrl'] ?? v['serverUrl'] ?? ''))) {
    const urlKey = ['url', 'httpUrl', 'serverUrl'].find((k) => typeof v[k] === 'string')!;
    return fact<Credentials>(
      'read',
      'the URL carries a credential in its query; its scope is not visible here',
      at(urlKey),
    );
  }
  return fact<Credentials>('none', 'no credential for this server is set in the repository', null);
}

/** A `timeout` wrapper, or the client's own per-call timeout (set, or documented as a default). */
function timeoutFact(analysis: Analysis, input?: FactInput): Fact<Limits> | null {
  if (analysis.timeout)
    return fact<Limits>(
      'bounded',
      `\`timeout ${analysis.timeout.value}\` bounds the server's run time`,
      analysis.timeout.ref,
    );
  if (!input) return null;
  const at = (key: string): SourceRef => ({ file: input.file, path: [...input.entry.path, key] });
  const v = input.entry.value;
  const own = mcpCallTimeoutOf(input.agent);
  if (!own) return null;
  const value = v[own.key];
  return typeof value === 'number'
    ? fact<Limits>('bounded', own.written(value), at(own.key))
    : fact<Limits>('bounded', own.otherwise, null);
}

function blockNetworkFlag(entry: ServerEntry): SourceRef | null {
  return entry.argv?.find((a) => a.value === '--block-network')?.ref ?? null;
}

/** Reads `srt --settings <file>` when the file is in the repository. */
function srtSettings(
  input: FactInput,
  settings: Arg | null,
): { network: Fact<Network>; filesystem: Fact<Filesystem> } | null {
  if (!settings || /^(?:~|\$|\/)/.test(settings.value)) return null;
  const dir = input.file.includes('/') ? input.file.slice(0, input.file.lastIndexOf('/') + 1) : '';
  const clean = settings.value.replace(/^\.\//, '');
  const parsed = input.load(clean) ?? (dir ? input.load(dir + clean) : null);
  const doc = parsed?.documents[0];
  if (!doc || !isRecord(doc.value)) return null;
  const file = parsed.file;
  const value = doc.value;
  const net = isRecord(value['network']) ? value['network'] : {};
  const fs = isRecord(value['filesystem']) ? value['filesystem'] : {};
  const domains = Array.isArray(net['allowedDomains']) ? (net['allowedDomains'] as unknown[]) : [];
  const writes = Array.isArray(fs['allowWrite']) ? (fs['allowWrite'] as unknown[]) : [];
  const star = domains.indexOf('*');
  const network =
    star >= 0
      ? fact<Network>('open', `${tick(file)} allows every domain (\`*\`)`, {
          file,
          path: ['network', 'allowedDomains', star],
        })
      : domains.length > 0
        ? fact<Network>('allowlist', `${tick(file)} allows only the listed domains`, {
            file,
            path: ['network', 'allowedDomains'],
          })
        : fact<Network>('none', `${tick(file)} allows no domain`, {
            file,
            path: domains.length === 0 && net['allowedDomains'] ? ['network', 'allowedDomains'] : [],
          });
  const broad = writes.findIndex((w) => typeof w === 'string' && ['root', 'home'].includes(classifyHostPath(w)));
  const filesystem =
    broad >= 0
      ? fact<Filesystem>('full', `${tick(file)} allows writes to ${tick(String(writes[broad]))}`, {
          file,
          path: ['filesystem', 'allowWrite', broad],
        })
      : writes.length > 0
        ? fact<Filesystem>('workspace', `${tick(file)} allows writes only to the listed paths`, {
            file,
            path: ['filesystem', 'allowWrite'],
          })
        : fact<Filesystem>('read-only', `${tick(file)} allows no writes`, { file, path: [] });
  return { network, filesystem };
}
