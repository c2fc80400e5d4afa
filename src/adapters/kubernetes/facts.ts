/** Sandbox facts of one pod, read from its spec alone (network and RBAC are refined in `link`). */
import type { Fact, Filesystem, Isolation, Limits, Approval, SourceRef } from '../../model.js';
import type { AdapterSettings } from '../../model.js';
import { bypassFlagIn } from '../../containers/commands.js';
import { WRITE_TOKEN_NAME } from '../../secrets.js';
import type { ContainerSecurity, Credential, EnvEntry, LocatedValue, PodSecurity, TokenState } from './details.js';
import { asText, isRecord, type Located } from '../../containers/layers.js';
import { hostMounts, mountsOf, secretVolumes } from './mounts.js';
import { isEscapePath, isSocketPath } from '../../containers/host-paths.js';
import { globMatch, isPlaceholder, isSecretName } from '../../containers/signals.js';
import type { ContainerView, PodView } from './workloads.js';
import { fromLines } from '../../model/fact.js';

/** argv of a container as written, each element with its line: `command` + `args` (kagent: `cmd`). */
export function argvOf(container: ContainerView): { argv: string[]; refs: SourceRef[]; entrypointKnown: boolean } {
  const argv: string[] = [];
  const refs: SourceRef[] = [];
  const add = (located: Located | undefined): void => {
    if (!located) return;
    if (Array.isArray(located.value)) {
      located.value.forEach((item, i) => {
        const text = asText(item);
        if (text !== undefined) {
          argv.push(text);
          refs.push({ ...located.ref, path: [...located.ref.path, i] });
        }
      });
    } else if (asText(located.value) !== undefined) {
      argv.push(asText(located.value)!);
      refs.push(located.ref);
    }
  };
  const command = container.fields.get(['command']) ?? container.fields.get(['cmd']);
  add(command);
  add(container.fields.get(['args']));
  return { argv, refs, entrypointKnown: command !== undefined };
}

const capName = (value: unknown): string => (asText(value) ?? '').toUpperCase().replace(/^CAP_/, '');

export function securityOf(view: PodView): PodSecurity {
  const get = (path: (string | number)[]): LocatedValue | undefined => view.pod.get(path);
  const containers: ContainerSecurity[] = view.containers.map((c) => {
    const f = (path: string[]): LocatedValue | undefined => c.fields.get(['securityContext', ...path]);
    return {
      name: c.name,
      role: c.role,
      at: c.at,
      runAsNonRoot: f(['runAsNonRoot']),
      runAsUser: f(['runAsUser']),
      seccompType: f(['seccompProfile', 'type']),
      allowPrivilegeEscalation: f(['allowPrivilegeEscalation']),
      privileged: f(['privileged']),
      capabilitiesDrop: f(['capabilities', 'drop']),
      capabilitiesAdd: c.fields.list(['securityContext', 'capabilities', 'add']),
    };
  });
  return {
    windows: asText(get(['os', 'name'])?.value)?.toLowerCase() === 'windows',
    runAsNonRoot: get(['securityContext', 'runAsNonRoot']),
    runAsUser: get(['securityContext', 'runAsUser']),
    seccompType: get(['securityContext', 'seccompProfile', 'type']),
    containers,
  };
}

/** Settings that hand the pod the node: each is a line of its own. */
export function escapesOf(view: PodView, security: PodSecurity): { reason: string; source: SourceRef }[] {
  const escapes: { reason: string; source: SourceRef }[] = [];
  const namespaces = {
    hostPID: "the node's processes",
    hostIPC: "the node's shared memory",
    hostNetwork: "the node's network stack",
  } as const;
  for (const [key, what] of Object.entries(namespaces)) {
    const located = view.pod.get([key]);
    if (located?.value === true)
      escapes.push({ reason: `\`${key}: true\` gives the pod ${what}`, source: located.ref });
  }
  for (const c of security.containers) {
    if (c.privileged?.value === true)
      escapes.push({
        reason: `\`privileged: true\` on container \`${c.name}\` gives it every device and capability of the node`,
        source: c.privileged.ref,
      });
    for (const cap of c.capabilitiesAdd) {
      const name = capName(cap.value);
      if (name === 'SYS_ADMIN' || name === 'ALL')
        escapes.push({
          reason: `capability \`${name}\` added to container \`${c.name}\` lets it escape to the node`,
          source: cap.ref,
        });
    }
    const root = c.runAsUser?.value === 0 || (c.runAsUser === undefined && security.runAsUser?.value === 0);
    if (c.allowPrivilegeEscalation?.value === true && root) {
      escapes.push({
        reason: `\`allowPrivilegeEscalation: true\` on container \`${c.name}\` running as root lets it gain more privileges than its parent`,
        source: c.allowPrivilegeEscalation.ref,
      });
    }
  }
  const seen = new Set<string>();
  for (const mount of hostMounts(view)) {
    const key = JSON.stringify(mount.ref.path);
    if (!isEscapePath(mount.hostPath) || seen.has(key)) continue;
    seen.add(key);
    const what = isSocketPath(mount.hostPath)
      ? 'the container runtime socket, which is root on the node'
      : "the node's file system";
    escapes.push({
      reason: `host path \`${mount.hostPath}\` mounted into container \`${mount.container}\` exposes ${what}`,
      source: mount.ref,
    });
  }
  return escapes;
}

export function isolationOf(view: PodView, security: PodSecurity, settings: AdapterSettings): Fact<Isolation> {
  const escapes = escapesOf(view, security);
  if (escapes.length > 0) return fromLines('none', escapes);
  const runtime = view.pod.get<unknown>(['runtimeClassName']);
  const name = asText(runtime?.value);
  if (runtime && name) {
    if (settings['gvisor-runtime-classes'].some((g) => globMatch(g, name)))
      return {
        value: 'gvisor',
        reason: `\`runtimeClassName: ${name}\` runs the pod under gVisor`,
        source: runtime.ref,
      };
    if (settings['microvm-runtime-classes'].some((g) => globMatch(g, name)))
      return {
        value: 'microvm',
        reason: `\`runtimeClassName: ${name}\` runs the pod in a micro-VM`,
        source: runtime.ref,
      };
    return {
      value: 'container',
      reason: `runtime class \`${name}\` is not one the policy accepts as gVisor or a micro-VM, so the pod shares the node's kernel`,
      source: runtime.ref,
    };
  }
  return {
    value: 'container',
    reason: "a plain container shares the node's kernel (no gVisor or Kata `runtimeClassName`)",
    source: null,
  };
}

export function filesystemOf(view: PodView): Fact<Filesystem> {
  const writable = hostMounts(view).filter((m) => !m.readOnly && !isSocketPath(m.hostPath));
  if (writable.length > 0) {
    return fromLines(
      'full',
      writable.map((m) => ({
        reason: `container \`${m.container}\` mounts host path \`${m.hostPath}\` writable at \`${m.mountPath}\``,
        source: m.ref,
      })),
    );
  }
  const main = view.containers.filter((c) => c.role === 'container');
  const readOnly = main.map((c) => c.fields.get(['securityContext', 'readOnlyRootFilesystem']));
  if (main.length > 0 && readOnly.every((r) => r?.value === true)) {
    return {
      value: 'read-only',
      reason: `\`readOnlyRootFilesystem: true\` on ${main.length === 1 ? `container \`${main[0]!.name}\`` : 'every container'} makes its root file system read-only`,
      source: readOnly[0]!.ref,
    };
  }
  const explicit = readOnly.find((r) => r?.value === false);
  return {
    value: 'workspace',
    reason: 'the containers write only their own file system and their volumes, not the node',
    source: explicit?.ref ?? null,
  };
}

export function approvalOf(view: PodView): Fact<Approval> {
  for (const container of view.containers) {
    const { argv, refs } = argvOf(container);
    for (let i = 0; i < argv.length; i++) {
      const flag = bypassFlagIn(argv[i]!);
      if (flag)
        return {
          value: 'bypassed',
          reason: `\`${flag}\` in the command of container \`${container.name}\` turns every approval prompt off`,
          source: { ...refs[i]!, text: flag.split(/[ =]/)[0]! },
        };
    }
  }
  return {
    value: 'unrestricted',
    reason: 'the agent runs unattended and nothing in the manifest limits which tools it may run',
    source: null,
  };
}

export function limitsOf(view: PodView): Fact<Limits> {
  const bounded = view.containers.filter((c) => c.role !== 'ephemeral');
  const missing: { reason: string; source: SourceRef }[] = [];
  for (const c of bounded) {
    const limits = c.fields.get<unknown>(['resources', 'limits']);
    const value = isRecord(limits?.value) ? limits.value : {};
    const lacking = [value.cpu == null ? 'CPU' : null, value.memory == null ? 'memory' : null].filter(Boolean);
    if (lacking.length > 0)
      missing.push({ reason: `container \`${c.name}\` sets no ${lacking.join(' or ')} limit`, source: c.at });
  }
  if (missing.length === 0 && bounded.length > 0) {
    const first = bounded[0]!.fields.get(['resources', 'limits'])!;
    return { value: 'bounded', reason: 'every container sets CPU and memory limits', source: first.ref };
  }
  if (view.deadline && typeof view.deadline.value === 'number' && view.deadline.value > 0) {
    return {
      value: 'bounded',
      reason: `\`activeDeadlineSeconds: ${view.deadline.value}\` stops the pod after ${view.deadline.value} seconds`,
      source: view.deadline.ref,
    };
  }
  if (missing.length === 0)
    return { value: 'unbounded', reason: 'the pod declares no containers with limits', source: null };
  return fromLines('unbounded', missing);
}

/** Environment variables of every container, with whether each holds a literal. */
export function envOf(view: PodView): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const c of view.containers) {
    for (const [name, entry] of c.fields.entries(['env'])) {
      const value = isRecord(entry.value) ? entry.value : {};
      const literal = value.valueFrom === undefined && value.value !== undefined;
      const text = asText(value.value) ?? '';
      // A literal is reported at its `value:` line, the text that holds it.
      const ref =
        literal && isRecord(entry.value) && 'value' in entry.value
          ? { ...entry.ref, path: [...entry.ref.path, 'value'] }
          : entry.ref;
      out.push({ container: c.name, name, literal, placeholder: !literal || isPlaceholder(text), ref });
    }
  }
  return out;
}

/** Secrets the pod reads: Secret-backed env, literal credentials in env, `envFrom` Secrets, mounted Secrets. */
export function secretsOf(view: PodView, env: readonly EnvEntry[]): Credential[] {
  const out: Credential[] = [];
  for (const c of view.containers) {
    for (const [name, entry] of c.fields.entries(['env'])) {
      const from = isRecord(entry.value) && isRecord(entry.value.valueFrom) ? entry.value.valueFrom : null;
      const secret = from && isRecord(from.secretKeyRef) ? (asText(from.secretKeyRef.name) ?? 'a Secret') : null;
      if (secret)
        out.push({
          reason: `env \`${name}\` of container \`${c.name}\` is read from Secret \`${secret}\``,
          ref: entry.ref,
          ...(WRITE_TOKEN_NAME.test(name) ? { mayWrite: true as const } : {}),
        });
    }
    for (const item of c.fields.list(['envFrom'])) {
      const ref =
        isRecord(item.value) && isRecord(item.value.secretRef) ? asText(item.value.secretRef.name) : undefined;
      if (ref)
        out.push({
          reason: `\`envFrom\` of container \`${c.name}\` loads every key of Secret \`${ref}\``,
          ref: item.ref,
        });
    }
    const secrets = secretVolumes(view);
    for (const mount of mountsOf(c)) {
      const secret = secrets.get(mount.name);
      if (secret)
        out.push({
          reason: `Secret \`${secret.secret}\` is mounted into container \`${c.name}\` at \`${mount.mountPath}\``,
          ref: mount.ref,
        });
    }
  }
  for (const e of env) {
    if (e.literal && !e.placeholder && isSecretName(e.name))
      out.push({
        reason: `env \`${e.name}\` of container \`${e.container}\` holds a literal credential`,
        ref: e.ref,
        ...(WRITE_TOKEN_NAME.test(e.name) ? { mayWrite: true as const } : {}),
      });
  }
  return out;
}

export function tokenOf(view: PodView): TokenState {
  const automount = view.pod.get(['automountServiceAccountToken']);
  const account = view.pod.get(['serviceAccountName']) ?? view.pod.get(['serviceAccount']);
  const serviceAccount = asText(account?.value) ?? 'default';
  const base = { serviceAccount, serviceAccountRef: account?.ref ?? null };
  if (automount) return { ...base, mounted: automount.value !== false, ref: automount.ref, defaultReason: '' };
  if (view.flavor === 'sandbox-template') {
    return {
      ...base,
      mounted: false,
      ref: null,
      defaultReason:
        'the agent-sandbox controller sets `automountServiceAccountToken: false` for pods made from a SandboxTemplate',
    };
  }
  return {
    ...base,
    mounted: true,
    ref: null,
    defaultReason: `\`automountServiceAccountToken\` is not set, so Kubernetes mounts the \`${serviceAccount}\` service account's token`,
  };
}
