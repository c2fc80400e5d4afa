/** Sandbox facts of one Compose service, each with the line that establishes it. */
import type { Approval, Credentials, Fact, Filesystem, Isolation, Limits, Network, SourceRef } from '../../model.js';
import type { AdapterSettings } from '../../model.js';
import { bypassFlagIn } from '../../containers/commands.js';
import { fromLines } from '../../model/fact.js';
import { asText, isRecord, type Layered } from '../../containers/layers.js';
import { isEscapePath, normaliseHostPath } from '../../containers/host-paths.js';
import { configMountSignal, globMatch, isSecretName } from '../../containers/signals.js';
import { argvOf, envOf, volumesOf, type Volume } from './service.js';

type Line = { reason: string; source: SourceRef };

const hostPath = (source: string): string => normaliseHostPath(source.replace(/^\/\/+/, '/'));
export const isSocket = (v: Volume): boolean =>
  v.bind && (/\.sock$|docker_engine$/.test(v.source) || ['/run', '/var/run'].includes(hostPath(v.source)));

/** Host paths outside the project: absolute, or the user's home. */
const outsideProject = (source: string): boolean =>
  /^(\/|~|\$\{?HOME\}?|\$\{?USERPROFILE\}?|[A-Za-z]:[\\/])/.test(source);

/** Files and folders that hold a user's own credentials for git, registries and clouds. */
const CREDENTIAL_STORES =
  /(^|\/)(\.git-credentials|\.netrc|\.npmrc|\.pypirc|\.ssh|\.aws|\.azure|\.kube|\.docker\/config\.json|\.config\/gh|\.config\/gcloud|\.gnupg)(\/|$)/;

export function isolationOf(service: Layered, settings: AdapterSettings): Fact<Isolation> {
  const escapes: Line[] = [];
  const privileged = service.get(['privileged']);
  if (privileged?.value === true)
    escapes.push({
      reason: '`privileged: true` gives the container every device and capability of the host',
      source: privileged.ref,
    });
  for (const key of ['network_mode', 'pid', 'ipc'] as const) {
    const located = service.get([key]);
    if (asText(located?.value) === 'host') {
      const what =
        key === 'network_mode'
          ? "the host's network stack"
          : key === 'pid'
            ? "the host's processes"
            : "the host's shared memory";
      escapes.push({ reason: `\`${key}: host\` gives the container ${what}`, source: located!.ref });
    }
  }
  for (const cap of service.list(['cap_add'])) {
    const name = (asText(cap.value) ?? '').toUpperCase().replace(/^CAP_/, '');
    if (name === 'SYS_ADMIN' || name === 'ALL')
      escapes.push({ reason: `\`cap_add: ${name}\` lets the container escape to the host`, source: cap.ref });
  }
  for (const volume of volumesOf(service)) {
    if (!volume.bind) continue;
    if (isSocket(volume))
      escapes.push({
        reason: `the volume \`${volume.source}\` hands the container the container runtime's socket, which is root on the host`,
        source: volume.ref,
      });
    else if (isEscapePath(hostPath(volume.source)))
      escapes.push({
        reason: `the volume \`${volume.source}\` mounts the host's file system into the container`,
        source: volume.ref,
      });
  }
  if (escapes.length > 0) return fromLines('none', escapes);
  const runtime = service.get(['runtime']);
  const name = asText(runtime?.value);
  if (runtime && name) {
    // `io.containerd.runsc.v1` names the same runtime as `runsc`.
    const short = name.match(/^io\.containerd\.([\w-]+)\.v\d+$/)?.[1] ?? name;
    const matches = (globs: readonly string[]): boolean => globs.some((g) => globMatch(g, name) || globMatch(g, short));
    if (matches(settings['gvisor-runtime-classes']))
      return { value: 'gvisor', reason: `\`runtime: ${name}\` runs the container under gVisor`, source: runtime.ref };
    if (matches(settings['microvm-runtime-classes']))
      return { value: 'microvm', reason: `\`runtime: ${name}\` runs the container in a micro-VM`, source: runtime.ref };
  }
  return {
    value: 'container',
    reason: "a plain container shares the host's kernel (no `runtime: runsc` or Kata runtime)",
    source: null,
  };
}

export function networkOf(
  service: Layered,
  topNetworks: Record<string, unknown>,
  resolveService: (name: string) => Layered | undefined,
  depth = 0,
): Fact<Network> {
  const mode = service.get(['network_mode']);
  const modeText = asText(mode?.value);
  if (mode && modeText === 'none')
    return { value: 'none', reason: '`network_mode: none` gives the container no network', source: mode.ref };
  if (mode && modeText === 'host')
    return { value: 'open', reason: "`network_mode: host` puts the container on the host's network", source: mode.ref };
  if (mode && modeText?.startsWith('service:')) {
    const other = resolveService(modeText.slice('service:'.length));
    if (other && depth < 3) {
      const fact = networkOf(other, topNetworks, resolveService, depth + 1);
      return {
        value: fact.value,
        reason: `\`${modeText}\` shares that service's network, where ${fact.reason}`,
        source: mode.ref,
      };
    }
  }
  if (mode && modeText)
    return {
      value: 'open',
      reason: `\`network_mode: ${modeText}\` shares a network this file does not restrict`,
      source: mode.ref,
    };
  const networks = service.get(['networks']);
  const names: { name: string; ref: SourceRef }[] = [];
  if (networks && Array.isArray(networks.value))
    networks.value.forEach((n, i) =>
      names.push({ name: asText(n) ?? '', ref: { ...networks.ref, path: [...networks.ref.path, i] } }),
    );
  else if (networks && isRecord(networks.value))
    for (const n of Object.keys(networks.value))
      names.push({ name: n, ref: { ...networks.ref, path: [...networks.ref.path, n] } });
  if (names.length === 0)
    return { value: 'open', reason: 'the service is on the default network, which reaches the internet', source: null };
  const open = names.find(
    (n) => !(isRecord(topNetworks[n.name]) && (topNetworks[n.name] as Record<string, unknown>).internal === true),
  );
  if (open)
    return {
      value: 'open',
      reason: `network \`${open.name}\` is not \`internal: true\`, so it reaches the internet`,
      source: open.ref,
    };
  return {
    value: 'allowlist',
    reason: `every network of the service is \`internal: true\`, so it reaches only the services on ${names.length === 1 ? `\`${names[0]!.name}\`` : 'them'}`,
    source: names[0]!.ref,
  };
}

export function filesystemOf(service: Layered): Fact<Filesystem> {
  const writable = volumesOf(service).filter((v) => v.bind && !v.readOnly && !isSocket(v) && outsideProject(v.source));
  if (writable.length > 0)
    return fromLines(
      'full',
      writable.map((v) => ({
        reason: `the volume \`${v.source}\` mounts a host folder outside the project writable at \`${v.target}\``,
        source: v.ref,
      })),
    );
  const readOnly = service.get(['read_only']);
  if (readOnly?.value === true)
    return {
      value: 'read-only',
      reason: '`read_only: true` makes the root file system read-only',
      source: readOnly.ref,
    };
  return {
    value: 'workspace',
    reason: "the container writes only its own file system, its volumes and the project's folders",
    source: readOnly?.ref ?? null,
  };
}

export function credentialsOf(service: Layered): Fact<Credentials> {
  const write: Line[] = [];
  const read: Line[] = [];
  for (const v of volumesOf(service)) {
    if (v.bind && CREDENTIAL_STORES.test(v.source))
      write.push({
        reason: `the volume \`${v.source}\` hands the container the host user's own credentials${v.readOnly ? ' (read-only mounts still expose the tokens)' : ''}`,
        source: v.ref,
      });
    else if (v.bind && configMountSignal(v.source, v.ref))
      read.push({ reason: `the volume \`${v.source}\` holds the agent's login`, source: v.ref });
  }
  if (write.length > 0) return fromLines('write', write);
  for (const e of envOf(service))
    if (isSecretName(e.name))
      read.push({ reason: `\`${e.name}\` in \`environment\` passes a credential into the container`, source: e.ref });
  for (const s of service.list(['secrets']))
    read.push({ reason: 'a Compose secret is mounted into the container', source: s.ref });
  const envFile = service.get(['env_file']);
  if (envFile)
    read.push({
      reason: '`env_file` loads variables, usually including secrets, into the container',
      source: envFile.ref,
    });
  if (read.length > 0) return fromLines('read', read);
  return {
    value: 'none',
    reason: 'no credential-named variables, secrets or credential files are passed to the service',
    source: null,
  };
}

export function limitsOf(service: Layered): Fact<Limits> {
  const memory = service.get(['mem_limit']) ?? service.get(['deploy', 'resources', 'limits', 'memory']);
  const cpu =
    service.get(['cpus']) ?? service.get(['cpu_quota']) ?? service.get(['deploy', 'resources', 'limits', 'cpus']);
  if (memory && cpu) return { value: 'bounded', reason: 'the service sets memory and CPU limits', source: memory.ref };
  const lacking = [memory ? null : 'memory', cpu ? null : 'CPU'].filter(Boolean).join(' or ');
  // A process limit stops fork bombs, not a runaway loop or a miner, so it does not bound the agent alone.
  const pids = service.get(['pids_limit']) ?? service.get(['deploy', 'resources', 'limits', 'pids']);
  const also = pids ? ' (`pids_limit` alone does not bound CPU or memory)' : '';
  return {
    value: 'unbounded',
    reason: `the service sets no ${lacking} limit (\`mem_limit\`, \`cpus\` or \`deploy.resources.limits\`)${also}`,
    source: null,
  };
}

export function approvalOf(service: Layered): Fact<Approval> {
  const { argv, refs } = argvOf(service);
  for (let i = 0; i < argv.length; i++) {
    const flag = bypassFlagIn(argv[i]!);
    if (flag)
      return {
        value: 'bypassed',
        reason: `\`${flag}\` in the service's command turns every approval prompt off`,
        source: { ...refs[i]!, text: flag.split(/[ =]/)[0]! },
      };
  }
  return {
    value: 'unrestricted',
    reason: 'the agent runs unattended and nothing in the Compose file limits which tools it may run',
    source: null,
  };
}
