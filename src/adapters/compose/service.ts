/**
 * One Compose service as Compose would run it: `extends:` bases below, the service itself, and
 * `compose.override.yaml` on top (mappings override, sequences append). Merge keys and `x-` anchors are
 * already resolved by the YAML layer, with positions at the anchor.
 */
import type { SourceRef } from '../../model.js';
import type { AdapterContext } from '../types.js';
import { asText, isRecord, Layered, refIn, type Layer } from '../../containers/layers.js';
import { resolveFrom } from '../../containers/compose-files.js';

const MAX_EXTENDS = 5;

export function servicesOf(value: unknown): Record<string, Record<string, unknown>> {
  const services = isRecord(value) && isRecord(value.services) ? value.services : {};
  const out: Record<string, Record<string, unknown>> = {};
  // Defined, not assigned: a service named `__proto__` (valid for Compose) would otherwise vanish into the prototype.
  for (const [name, service] of Object.entries(services))
    if (isRecord(service))
      Object.defineProperty(out, name, { value: service, enumerable: true, writable: true, configurable: true });
  return out;
}

export function serviceLayer(file: string, doc: number, name: string, value: Record<string, unknown>): Layer {
  return { file, doc, path: ['services', name], value };
}

/** The `extends:` chain below a service, bottom first (same file or `extends.file`). */
export function extendsChain(layer: Layer, context: AdapterContext, depth = 0): Layer[] {
  const ext = layer.value.extends;
  if (depth >= MAX_EXTENDS || ext === undefined) return [];
  const service = typeof ext === 'string' ? ext : isRecord(ext) ? asText(ext.service) : undefined;
  if (!service) return [];
  const fileName = isRecord(ext) ? asText(ext.file) : undefined;
  const file = fileName ? resolveFrom(layer.file, fileName) : layer.file;
  if (!file) return [];
  const doc = context.load(file)?.documents[0];
  const base = doc ? servicesOf(doc.value)[service] : undefined;
  if (!doc || !base) return [];
  const baseLayer = serviceLayer(file, doc.index, service, base);
  return [...extendsChain(baseLayer, context, depth + 1), baseLayer];
}

export interface Volume {
  /** Host path or named volume as written (`/var/run/docker.sock`, `./src`, `data`). */
  source: string;
  target: string;
  readOnly: boolean;
  /** A bind mount of a host path, not a named volume or tmpfs. */
  bind: boolean;
  ref: SourceRef;
}

const isHostPath = (source: string): boolean => /^(\/|~|\.|\$|[A-Za-z]:[\\/])/.test(source);

/** Short (`src:dst:ro`) and long (`{ type, source, target, read_only }`) volume syntax. */
export function volumesOf(service: Layered): Volume[] {
  const out: Volume[] = [];
  for (const item of service.list(['volumes'])) {
    if (typeof item.value === 'string') {
      const parts = splitVolume(item.value);
      if (parts.length === 1) continue; // an anonymous volume: container path only
      const [source, target, mode = ''] = parts as [string, string, string?];
      out.push({ source, target, readOnly: /(^|,)ro($|,)/.test(mode), bind: isHostPath(source), ref: item.ref });
    } else if (isRecord(item.value)) {
      const source = asText(item.value.source) ?? '';
      const type = asText(item.value.type) ?? (isHostPath(source) ? 'bind' : 'volume');
      const ref = item.value.source !== undefined ? { ...item.ref, path: [...item.ref.path, 'source'] } : item.ref;
      out.push({
        source,
        target: asText(item.value.target) ?? '',
        readOnly: item.value.read_only === true,
        bind: type === 'bind',
        ref,
      });
    }
  }
  return out;
}

/** Splits `src:dst:mode` without breaking `${VAR:-default}` or a Windows drive letter. */
function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    const drive = i === 1 && /^[A-Za-z]$/.test(current) && /[\\/]/.test(spec[i + 1] ?? '');
    if (ch === ':' && depth === 0 && !drive) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export interface EnvVar {
  name: string;
  /** The value as written, undefined for a bare name (passed through from the shell). */
  value: string | undefined;
  ref: SourceRef;
}

/** `environment:` in list (`- NAME=value`) or mapping form, merged by name across layers. */
export function envOf(service: Layered): EnvVar[] {
  const out = new Map<string, EnvVar>();
  for (const layer of service.layers) {
    const env = layer.value.environment;
    if (Array.isArray(env)) {
      env.forEach((item, i) => {
        const text = asText(item);
        if (!text) return;
        const eq = text.indexOf('=');
        const name = (eq >= 0 ? text.slice(0, eq) : text).trim();
        out.set(name, { name, value: eq >= 0 ? text.slice(eq + 1) : undefined, ref: refIn(layer, ['environment', i]) });
      });
    } else if (isRecord(env)) {
      for (const [name, raw] of Object.entries(env))
        out.set(name, {
          name,
          value: raw === null ? undefined : asText(raw),
          ref: refIn(layer, ['environment', name]),
        });
    }
  }
  return [...out.values()];
}

/** `labels:` in list (`- key=value`) or mapping form. */
export function labelsOf(service: Layered): Map<string, { value: string; ref: SourceRef }> {
  const out = new Map<string, { value: string; ref: SourceRef }>();
  for (const layer of service.layers) {
    const labels = layer.value.labels;
    if (Array.isArray(labels)) {
      labels.forEach((item, i) => {
        const text = asText(item) ?? '';
        const eq = text.indexOf('=');
        out.set(eq >= 0 ? text.slice(0, eq) : text, {
          value: eq >= 0 ? text.slice(eq + 1) : '',
          ref: refIn(layer, ['labels', i]),
        });
      });
    } else if (isRecord(labels)) {
      for (const [key, raw] of Object.entries(labels))
        out.set(key, { value: asText(raw) ?? '', ref: refIn(layer, ['labels', key]) });
    }
  }
  return out;
}

/** `entrypoint` then `command`, each a list or a string Compose splits into words. */
export function argvOf(service: Layered): { argv: string[]; refs: SourceRef[]; entrypointKnown: boolean } {
  const argv: string[] = [];
  const refs: SourceRef[] = [];
  const entrypoint = service.get(['entrypoint']);
  for (const key of ['entrypoint', 'command']) {
    const located = service.get([key]);
    if (!located) continue;
    if (Array.isArray(located.value)) {
      located.value.forEach((item, i) => {
        const text = asText(item);
        if (text === undefined) return;
        argv.push(text);
        refs.push({ ...located.ref, path: [...located.ref.path, i] });
      });
    } else {
      const text = asText(located.value);
      if (text === undefined) continue;
      for (const word of splitShellWords(text)) {
        argv.push(word);
        refs.push({ ...located.ref, text: word });
      }
    }
  }
  // Without an entrypoint, a command that starts with a flag is arguments to the image's unseen entrypoint.
  const command = service.get(['command']);
  const first = command
    ? Array.isArray(command.value)
      ? asText(command.value[0])
      : splitShellWords(asText(command.value) ?? '')[0]
    : undefined;
  return { argv, refs, entrypointKnown: entrypoint !== undefined || (first !== undefined && !first.startsWith('-')) };
}

function splitShellWords(text: string): string[] {
  return text.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^(["'])(.*)\1$/, '$2')) ?? [];
}
