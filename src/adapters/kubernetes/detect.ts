/** Collects the agent signals of one pod (kind, labels, images, commands, env, mounts) and judges them. */
import type { AdapterSettings } from '../../model.js';
import { isInteractiveShell, programs } from '../../containers/commands.js';
import { argvOf } from './facts.js';
import { asText, isRecord } from '../../containers/layers.js';
import { hostMounts, mountsOf } from './mounts.js';
import { isSocketPath } from '../../containers/host-paths.js';
import {
  commandSignal,
  configMountSignal,
  envSignal,
  imageSignal,
  isWorkspacePath,
  judge,
  labelSignal,
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
      text: kind,
      agent: view.flavor === 'toolhive' ? 'mcp' : 'unknown',
    });
  const label = labelSignal(view.labels, settings);
  if (label && 'optOut' in label) return null;
  if (label) signals.push(label.optIn);

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
