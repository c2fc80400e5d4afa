/** Host paths a pod mounts, joined from `volumes[].hostPath` and each container's `volumeMounts`. */
import type { SourceRef } from '../../model.js';
import { asText, isRecord, type Located } from '../../containers/layers.js';
import type { ContainerView, PodView } from './workloads.js';

export interface HostMount {
  container: string;
  hostPath: string;
  mountPath: string;
  readOnly: boolean;
  /** The `path:` of the hostPath volume: the line that grants the host path. */
  ref: SourceRef;
}

interface HostVolume {
  hostPath: string;
  ref: SourceRef;
}

function hostVolumes(view: PodView): Map<string, HostVolume> {
  const volumes = new Map<string, HostVolume>();
  for (const item of view.pod.list(['volumes'])) {
    if (!isRecord(item.value)) continue;
    const name = asText(item.value.name);
    const hostPath = item.value.hostPath;
    if (!name || !isRecord(hostPath)) continue;
    const path = asText(hostPath.path);
    if (path) volumes.set(name, { hostPath: path, ref: { ...item.ref, path: [...item.ref.path, 'hostPath', 'path'] } });
  }
  return volumes;
}

export function hostMounts(view: PodView): HostMount[] {
  const volumes = hostVolumes(view);
  const out: HostMount[] = [];
  for (const container of view.containers) {
    for (const mount of mountsOf(container)) {
      const volume = volumes.get(mount.name);
      if (volume)
        out.push({
          container: container.name,
          hostPath: volume.hostPath,
          mountPath: mount.mountPath,
          readOnly: mount.readOnly,
          ref: volume.ref,
        });
    }
  }
  // ToolHive's own volume shape: `{ name, hostPath: "/x", mountPath, readOnly }` directly under `spec.volumes`.
  if (view.flavor === 'toolhive') {
    const spec = view.pod.layers[0]!;
    const list = spec.value.volumes;
    if (Array.isArray(list)) {
      list.forEach((item, i) => {
        if (!isRecord(item) || typeof item.hostPath !== 'string') return;
        out.push({
          container: 'mcp',
          hostPath: item.hostPath,
          mountPath: asText(item.mountPath) ?? '',
          readOnly: item.readOnly === true,
          ref: { file: spec.file, doc: spec.doc, path: [...spec.path, 'volumes', i, 'hostPath'] },
        });
      });
    }
  }
  return out;
}

export interface MountEntry {
  name: string;
  mountPath: string;
  readOnly: boolean;
  ref: SourceRef;
}

export function mountsOf(container: ContainerView): MountEntry[] {
  return container.fields.list(['volumeMounts']).flatMap((item: Located) => {
    if (!isRecord(item.value)) return [];
    const name = asText(item.value.name);
    if (!name) return [];
    return [
      { name, mountPath: asText(item.value.mountPath) ?? '', readOnly: item.value.readOnly === true, ref: item.ref },
    ];
  });
}

/** Secret volumes, by volume name, for credential facts. */
export function secretVolumes(view: PodView): Map<string, { secret: string; ref: SourceRef }> {
  const out = new Map<string, { secret: string; ref: SourceRef }>();
  for (const item of view.pod.list(['volumes'])) {
    if (!isRecord(item.value)) continue;
    const name = asText(item.value.name);
    const secret = item.value.secret;
    if (name && isRecord(secret)) out.set(name, { secret: asText(secret.secretName) ?? name, ref: item.ref });
  }
  return out;
}
