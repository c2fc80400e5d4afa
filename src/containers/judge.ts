/**
 * Judges container options (from `docker run` flags or devcontainer properties) into sandbox
 * evidence: escapes that void the container, the network, writable host mounts, credentials in
 * reach and resource limits. Shared by the MCP and devcontainer adapters.
 */
import { minimatch } from 'minimatch';
import type { SourceRef } from '../model.js';
import type { AdapterSettings } from '../model.js';
import { parseMount, parseVolume, type MountSpec, type RunOption } from './docker-run.js';
import { normaliseHostPath } from './host-paths.js';

export interface Evidence<T extends string = string> {
  value: T;
  reason: string;
  source: SourceRef;
}

export interface ContainerJudgement {
  /** Each of these hands the workload the host (privileged, docker socket, host root or home, …). */
  escapes: Evidence<'none'>[];
  /** A stronger runtime than runc (`--runtime runsc`). */
  runtime: Evidence<'gvisor' | 'microvm'> | null;
  /** Explicit network choice (`--network none`, `--network host`, a named network). */
  network: Evidence<'open' | 'none'> | null;
  readOnlyRoot: SourceRef | null;
  /** Host folders mounted writable (the broadest first), and what they are. */
  writableMounts: { mount: MountSpec; kind: HostPathKind; source: SourceRef; written: string }[];
  /** Credentials that reach the container: host credential folders, passed secrets. */
  credentials: Evidence<'write' | 'read'>[];
  limits: Evidence<'bounded'>[];
  /** Added capabilities, for the devcontainer firewall pattern. */
  capabilities: { name: string; source: SourceRef }[];
  user: { value: string; source: SourceRef } | null;
}

export type HostPathKind = 'docker-socket' | 'root' | 'home' | 'system' | 'credentials' | 'other';

/** Capabilities that are a documented route out of a container. */
const ESCAPE_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'SYS_BOOT']);
/** Names of environment variables that carry a credential. */
export const CREDENTIAL_NAME = /(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

const HOME = String.raw`(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{localEnv:HOME\}|\$\{localEnv:USERPROFILE\}|\$\{env:USERPROFILE\}|\$\{userHome\}|%USERPROFILE%|%HOMEPATH%|/home/[^/]+|/Users/[^/]+|/root|[A-Za-z]:[\\/]Users[\\/][^\\/]+)`;
const HOME_ONLY = new RegExp(
  `^(?:\\$\\{localEnv:HOME\\}\\$\\{localEnv:USERPROFILE\\}|${HOME}|/home|/Users|[A-Za-z]:[\\\\/]Users)[\\\\/]?$`,
);
const CREDENTIAL_DIR = new RegExp(
  `^(?:\\$\\{localEnv:HOME\\}\\$\\{localEnv:USERPROFILE\\}|${HOME})[\\\\/](?:\\.ssh|\\.aws|\\.azure|\\.kube|\\.docker|\\.gnupg|\\.netrc|\\.git-credentials|\\.npmrc|\\.pypirc|\\.config[\\\\/](?:gh|gcloud|hub))(?:[\\\\/]|$)`,
);

/** What a host path given to a container or a filesystem server exposes. */
export function classifyHostPath(path: string): HostPathKind {
  const p = normaliseHostPath(path.trim()) || '/';
  if (
    /(?:^|\/)(?:docker|podman|containerd)\.sock$/.test(p) ||
    /^\/var(?:\/run)?$|^\/run$/.test(p) ||
    /^\/(?:var\/)?run\/(?:docker|containerd|podman)$/.test(p)
  )
    return 'docker-socket';
  if (p === '/' || /^[A-Za-z]:[\\/]?$/.test(p) || p === '\\\\') return 'root';
  if (HOME_ONLY.test(p)) return 'home';
  if (CREDENTIAL_DIR.test(p)) return 'credentials';
  if (/^\/(?:etc|proc|sys|dev|boot|usr|lib|bin|sbin|var\/lib\/docker|var\/lib\/containerd)(?:\/|$)/.test(p))
    return 'system';
  return 'other';
}

const tick = (s: string): string => `\`${s}\``;
const NAMESPACE: Record<string, string> = {
  pid: 'process',
  ipc: 'IPC',
  uts: 'hostname',
  userns: 'user',
  cgroupns: 'cgroup',
};

export function judgeContainer(options: readonly RunOption[], settings: AdapterSettings): ContainerJudgement {
  const j: ContainerJudgement = {
    escapes: [],
    runtime: null,
    network: null,
    readOnlyRoot: null,
    writableMounts: [],
    credentials: [],
    limits: [],
    capabilities: [],
    user: null,
  };
  for (const o of options) {
    const escape = (reason: string, source: SourceRef): void =>
      void j.escapes.push({ value: 'none', reason: o.note ? `${reason} (${o.note})` : reason, source });
    const value = o.value ?? '';
    const on = o.value === null || !/^(?:false|0)$/i.test(value);
    switch (o.name) {
      case 'privileged':
        if (on) escape(`${tick(o.written)} gives the container every capability and the host's devices`, o.at);
        break;
      case 'use-api-socket':
        if (on) escape(`${tick(o.written)} hands the container the Docker API socket, which controls the host`, o.at);
        break;
      case 'pid':
      case 'ipc':
      case 'uts':
      case 'userns':
      case 'cgroupns':
        if (value === 'host') escape(`${tick(o.written)} shares the host's ${NAMESPACE[o.name]} namespace`, o.at);
        break;
      case 'cap-add': {
        const cap = value.toUpperCase().replace(/^CAP_/, '');
        j.capabilities.push({ name: cap, source: o.at });
        if (ESCAPE_CAPABILITIES.has(cap))
          escape(`${tick(o.written)} grants a capability that can break out of the container`, o.at);
        break;
      }
      case 'security-opt':
        // Without seccomp or AppArmor the container reaches every syscall (mount, unshare, keyctl) that
        // those profiles deny; those are the routes out that Docker's defaults close.
        if (/^(?:seccomp|apparmor)[=:]\s*unconfined$|^label[=:]\s*disable$|^systempaths[=:]\s*unconfined$/i.test(value))
          escape(
            `${tick(o.written)} removes the kernel filter that keeps the container from the host's system calls`,
            o.at,
          );
        break;
      case 'network':
        if (value === 'none')
          j.network = { value: 'none', reason: `${tick(o.written)} gives the container no network`, source: o.at };
        else if (value === 'host') {
          escape(
            `${tick(o.written)} shares the host's network namespace (its local services and Docker's API, if exposed)`,
            o.at,
          );
          j.network = {
            value: 'open',
            reason: `${tick(o.written)} puts the container on the host's network, with every host service and any destination in reach`,
            source: o.at,
          };
        } else if (value)
          j.network = {
            value: 'open',
            reason: `${tick(o.written)} attaches a network that is not declared internal here`,
            source: o.at,
          };
        break;
      case 'runtime': {
        if (settings['gvisor-runtime-classes'].some((g) => minimatch(value, g)) || value === 'runsc')
          j.runtime = {
            value: 'gvisor',
            reason: `${tick(o.written)} runs the container on gVisor's user-space kernel`,
            source: o.at,
          };
        else if (settings['microvm-runtime-classes'].some((g) => minimatch(value, g)))
          j.runtime = { value: 'microvm', reason: `${tick(o.written)} runs the container in a micro-VM`, source: o.at };
        break;
      }
      case 'read-only':
        if (on) j.readOnlyRoot = o.at;
        break;
      case 'volume':
      case 'mount':
        mount(j, o.name === 'volume' ? parseVolume(value) : parseMount(value), o.at, o.written, escape);
        break;
      case 'env': {
        const name = value.split('=')[0]!;
        if (CREDENTIAL_NAME.test(name))
          j.credentials.push({
            value: 'read',
            reason: `${tick(`-e ${name}`)} passes a credential into the container; its scope is not visible here`,
            source: o.at,
          });
        break;
      }
      case 'env-file':
        j.credentials.push({
          value: 'read',
          reason: `${tick(o.written)} loads environment variables, possibly credentials, from a file`,
          source: o.at,
        });
        break;
      case 'memory':
      case 'cpus':
      case 'pids-limit':
      case 'cpu-quota':
        j.limits.push({
          value: 'bounded',
          reason: `${tick(o.written)} bounds the container's resources`,
          source: o.at,
        });
        break;
      case 'user':
        j.user = { value, source: o.at };
        break;
    }
  }
  j.writableMounts.sort((a, b) => rank(a.kind) - rank(b.kind));
  return j;
}

/** Applies one mount: escapes for the socket, root and home, credentials for credential folders. */
export function mount(
  j: ContainerJudgement,
  spec: MountSpec,
  at: SourceRef,
  written: string,
  escape: (reason: string, source: SourceRef) => void,
): void {
  if (spec.type !== 'bind') return;
  const kind = classifyHostPath(spec.source);
  const what = tick(spec.source);
  if (kind === 'docker-socket')
    escape(`the mount of ${what} hands the container the Docker daemon, which controls the host`, at);
  else if (kind === 'root') escape(`the mount of ${what} exposes the host's whole file system`, at);
  else if (kind === 'home' && !spec.readOnly)
    escape(
      `the writable mount of ${what} lets the container change the user's home folder (shell start-up files, SSH keys)`,
      at,
    );
  else if (kind === 'system' && !spec.readOnly)
    escape(`the writable mount of ${what} lets the container change the host's system files`, at);
  if (kind === 'credentials' || kind === 'home')
    j.credentials.push({
      value: 'write',
      reason: `the mount of ${what} puts the user's credential files in the container`,
      source: at,
    });
  if (!spec.readOnly) j.writableMounts.push({ mount: spec, kind, source: at, written });
}

const rank = (kind: HostPathKind): number =>
  ['root', 'home', 'system', 'docker-socket', 'credentials', 'other'].indexOf(kind);
