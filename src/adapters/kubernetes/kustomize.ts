/**
 * Kustomize: plain resources are evaluated as written, but no overlay is built, so a patch file is a
 * fragment of some other object. Patch files are listed as not evaluated instead of being judged
 * as if they were whole workloads.
 */
import path from 'node:path';
import type { AdapterContext } from '../types.js';
import { asText, isRecord } from '../../containers/layers.js';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** patch file → the kustomization that lists it; built once per scan. */
const cache = new WeakMap<AdapterContext, Map<string, string>>();

export function patchFiles(context: AdapterContext): Map<string, string> {
  let patches = cache.get(context);
  if (patches) return patches;
  patches = new Map();
  for (const file of context.files) {
    if (!KUSTOMIZATION.test(file)) continue;
    // Only a kustomization that lists patches matters, and its text says so without a parse.
    const text = context.text?.(file);
    if (text !== undefined && (text === null || !text.includes('patch'))) continue;
    const parsed = context.load(file);
    const value = parsed?.documents[0]?.value;
    if (!isRecord(value)) continue;
    const dir = path.posix.dirname(file);
    const add = (entry: unknown): void => {
      const target = typeof entry === 'string' ? entry : isRecord(entry) ? asText(entry.path) : undefined;
      // Inline patches and remote URLs name no file of this repository.
      if (!target || target.includes('\n') || /^[a-z]+:\/\//i.test(target)) return;
      const resolved = path.posix.normalize(path.posix.join(dir, target));
      if (!resolved.startsWith('../')) patches!.set(resolved, file);
    };
    for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
      const list = value[key];
      if (Array.isArray(list)) list.forEach(add);
    }
  }
  cache.set(context, patches);
  return patches;
}
