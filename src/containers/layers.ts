/**
 * A value read from one or more mappings stacked on top of each other, with the place each value
 * came from. Kubernetes uses it for operator CRs that patch a container (ToolHive, kagent); Compose
 * for `extends:` and `compose.override.yaml`.
 */
import type { KeyPath } from '../documents/types.js';
import type { SourceRef } from '../model.js';

export interface Layer {
  file: string;
  doc: number;
  /** Key path of the mapping inside its document. */
  path: KeyPath;
  value: Record<string, unknown>;
}

export interface Located<T = unknown> {
  value: T;
  ref: SourceRef;
}

export { isRecord } from '../util/json.js';
import { isRecord } from '../util/json.js';

export function refIn(layer: Pick<Layer, 'file' | 'doc' | 'path'>, sub: KeyPath, text?: string): SourceRef {
  const ref: SourceRef = { file: layer.file, doc: layer.doc, path: [...layer.path, ...sub] };
  if (text !== undefined) ref.text = text;
  return ref;
}

export function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node)) node = node[String(key)];
    else return undefined;
  }
  return node;
}

/** Layers from the bottom (base) to the top (the override that wins). */
export class Layered {
  constructor(readonly layers: readonly Layer[]) {}

  get top(): Layer {
    return this.layers[this.layers.length - 1]!;
  }

  /** The value at `path` from the topmost layer that sets it. */
  get<T = unknown>(path: KeyPath): Located<T> | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      const value = valueAt(layer.value, path);
      if (value !== undefined) return { value: value as T, ref: refIn(layer, path) };
    }
    return undefined;
  }

  /** Items of the sequence at `path` from every layer, bottom first (sequences append when layered). */
  list(path: KeyPath): Located[] {
    const out: Located[] = [];
    for (const layer of this.layers) {
      const value = valueAt(layer.value, path);
      if (Array.isArray(value)) value.forEach((item, i) => out.push({ value: item, ref: refIn(layer, [...path, i]) }));
    }
    return out;
  }

  /**
   * Name/value entries of a list of `{ name, … }` mappings or a plain mapping, merged by name so an
   * upper layer replaces a lower one (environment, labels).
   */
  entries(path: KeyPath): Map<string, Located> {
    const out = new Map<string, Located>();
    for (const layer of this.layers) {
      const value = valueAt(layer.value, path);
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          const name = isRecord(item) ? item.name : undefined;
          if (typeof name === 'string') out.set(name, { value: item, ref: refIn(layer, [...path, i]) });
        });
      } else if (isRecord(value)) {
        for (const [name, item] of Object.entries(value))
          out.set(name, { value: item, ref: refIn(layer, [...path, name]) });
      }
    }
    return out;
  }
}

/** A scalar as text, for fields people write as numbers, booleans or strings alike. */
export const asText = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
