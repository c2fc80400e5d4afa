/** Collects the agent signals of one pod (kind, labels, images, commands, env, mounts) and judges them. */
import type { AdapterSettings } from '../../model.js';
import { isInteractiveShell, programs } from '../../containers/commands.js';
import { argvOf } from './facts.js';
import { asText, isRecord, refIn } from '../../containers/layers.js';
import type { SourceRef } from '../../model.js';
import { hostMounts, mountsOf } from './mounts.js';
import { isSocketPath } from '../../containers/host-paths.js';
import {
  commandSignal,
  configMountSignal,
  envSignal,
  imageSignal,
  isWorkspacePath,
  judge,
  labelNameSignals,
  labelSignal,
  nameSignal,
  type Detection,
  type Signal,
} from '../../containers/signals.js';
import { kindSignal, type PodView } from './workloads.js';

/** Keys of the Secrets and ConfigMaps written in the same file, for `envFrom`. */
export type KeyIndex = Map<string, string[]>;

export function detect(view: PodView, settings: AdapterSettings, keys: KeyIndex): Detection | null {
  const signals: Signal[] = [];
  let ignored: string | null = null;
  const kind = kindSignal(view.resource);
  if (kind)
    signals.push({
      strength: 'strong',
      category: 'kind',
      text: kind.text,
      agent: kind.agent ?? (view.flavor === 'toolhive' ? 'mcp' : 'unknown'),
    });
  const label = labelSignal(view.labels, settings);
  if (label && 'optOut' in label) return null;
  if (label) signals.push(label.optIn);

  signals.push(...nameSignals(view));
  for (const c of view.containers) {
    const image = c.fields.get(['image']);
    const imageText = asText(image?.value);
    if (image && imageText) {
      const verdict = imageSignal(imageText, image.ref, settings);
      if (verdict?.kind === 'ignored') ignored ??= verdict.text;
      else if (verdict) signals.push(verdict.signal);
    }
    const { argv, refs, entrypointKnown } = argvOf(c);
    for (const program of programs(argv, entrypointKnown)) {
      const signal = commandSignal(program.word, refs[program.index]!, settings);
      if (signal) signals.push(signal);
    }
    const interactive = c.fields.get(['stdin'])?.value === true || c.fields.get(['tty'])?.value === true;
    if (interactive && isInteractiveShell(argv)) {
      signals.push({
        strength: 'capability',
        category: 'shell',
        text: `container \`${c.name}\` keeps an interactive shell open`,
      });
    }
    for (const [name, entry] of c.fields.entries(['env'])) {
      const env = envSignal(name, entry.ref, settings);
      if (env) signals.push(env);
      const from = isRecord(entry.value) && isRecord(entry.value.valueFrom) ? entry.value.valueFrom : null;
      const key = from && isRecord(from.secretKeyRef) ? asText(from.secretKeyRef.key) : undefined;
      const keySignal = key ? envSignal(key, entry.ref, settings, 'Secret key') : null;
      if (keySignal) signals.push(keySignal);
    }
    for (const item of c.fields.list(['envFrom'])) {
      if (!isRecord(item.value)) continue;
      const source = isRecord(item.value.secretRef)
        ? item.value.secretRef
        : isRecord(item.value.configMapRef)
          ? item.value.configMapRef
          : null;
      for (const key of keys.get(asText(source?.name) ?? '') ?? []) {
        const signal = envSignal(key, item.ref, settings, 'envFrom key');
        if (signal) signals.push(signal);
      }
    }
    for (const mount of mountsOf(c)) {
      if (isWorkspacePath(mount.mountPath))
        signals.push({
          strength: 'capability',
          category: 'workspace',
          text: `container \`${c.name}\` mounts a workspace at \`${mount.mountPath}\``,
        });
      const config = configMountSignal(mount.mountPath, mount.ref);
      if (config) signals.push(config);
    }
    if (c.fields.get(['securityContext', 'privileged'])?.value === true) {
      signals.push({ strength: 'capability', category: 'privileged', text: `container \`${c.name}\` runs privileged` });
    }
  }
  for (const mount of hostMounts(view)) {
    if (isSocketPath(mount.hostPath))
      signals.push({
        strength: 'capability',
        category: 'docker',
        text: `mounts the container runtime socket \`${mount.hostPath}\``,
      });
  }
  return judge(signals, null, ignored);
}

/** The names the workload gives itself: object, containers, host, volumes, service account, name labels. */
function nameSignals(view: PodView): Signal[] {
  const r = view.resource;
  const named = (value: unknown, where: string, ref: SourceRef | undefined): Signal | null => {
    const text = asText(value);
    return text ? nameSignal(text, where, ref) : null;
  };
  const out: (Signal | null)[] = [
    named(r.name, `${r.kind} name`, refIn(r, isRecord(r.value.metadata) ? ['metadata', 'name'] : [])),
    ...labelNameSignals(view.labels),
  ];
  for (const c of view.containers) {
    const name = c.fields.get(['name']);
    if (name) out.push(named(name.value, 'container name', name.ref));
  }
  for (const key of ['hostname', 'subdomain', 'serviceAccountName', 'serviceAccount']) {
    const located = view.pod.get([key]);
    if (located) out.push(named(located.value, key, located.ref));
  }
  for (const volume of view.pod.list(['volumes'])) {
    if (isRecord(volume.value)) out.push(named(volume.value.name, 'volume', volume.ref));
  }
  return out.filter((s): s is Signal => s !== null);
}

/** Secret and ConfigMap keys by object name, from every document of a file. */
export function keyIndex(objects: readonly { kind: string; name: string; value: Record<string, unknown> }[]): KeyIndex {
  const index: KeyIndex = new Map();
  for (const o of objects) {
    if (o.kind !== 'Secret' && o.kind !== 'ConfigMap') continue;
    const keys = ['data', 'stringData'].flatMap((k) => (isRecord(o.value[k]) ? Object.keys(o.value[k] as object) : []));
    index.set(o.name, [...(index.get(o.name) ?? []), ...keys]);
  }
  return index;
}
