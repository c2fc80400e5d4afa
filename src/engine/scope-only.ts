/**
 * A scan limited to a change (`scopeOnly`). The changed files are judged; a file outside them is
 * judged too when it feeds cross-file facts to a kind of deployment found in the change (a
 * NetworkPolicy, RBAC, the settings a workflow's agent loads), or when it names a changed config
 * file, so it may load it (a Compose `extends`, a composite action, `--settings`). A changed file
 * that itself feeds other files' deployments can move findings anywhere: then every file is judged,
 * exactly as in a full scan. Other files an adapter claims are read (not parsed) to test whether they
 * feed or name the change; files no adapter claims are never read.
 */
import path from 'node:path';
import type { Adapter } from '../adapters/types.js';
import type { ReadResult } from '../discovery/read.js';
import { formatOf } from '../documents/index.js';
import type { Deployment, DeploymentKind } from '../model.js';

type Judge = (file: string, mine: readonly Adapter[], preread?: ReadResult) => void;

export interface LimitedScan {
  /** True when a changed file feeds other files, so the whole repository is judged. */
  widened: boolean;
  run(claimsOf: (file: string) => Adapter[], judge: Judge, found: () => readonly Deployment[]): void;
}

export function limitToScope(
  files: readonly string[],
  scope: ReadonlySet<string>,
  adapters: readonly Adapter[],
  read: (file: string) => ReadResult,
  fail: (what: string, error: unknown, file: string) => void,
): LimitedScan {
  const changed = files.filter((f) => scope.has(f));
  const feeds = (file: string, text: string): DeploymentKind[] =>
    adapters.flatMap((a) => {
      try {
        return a.feeds ? [...a.feeds(file, text)] : [];
      } catch (error) {
        fail(`adapter ${a.id} failed to tell what the file feeds`, error, file);
        return [];
      }
    });

  const reads = new Map<string, ReadResult>();
  let widened = false;
  if (adapters.some((a) => a.feeds)) {
    for (const file of changed) {
      const result = read(file);
      reads.set(file, result);
      if (result.ok && feeds(file, result.text).length > 0) {
        widened = true;
        break;
      }
    }
  }

  return {
    widened,
    run(claimsOf, judge, found) {
      const judgeIfClaimed = (file: string, preread?: ReadResult): void => {
        const mine = claimsOf(file);
        if (mine.length > 0) judge(file, mine, preread);
      };
      if (widened) {
        for (const file of files) judgeIfClaimed(file, reads.get(file));
        return;
      }
      for (const file of changed) judgeIfClaimed(file, reads.get(file));
      const kinds = new Set(found().map((d) => d.kind));
      const names = referencesTo(changed.filter((f) => formatOf(f) !== null));
      for (const file of files) {
        if (scope.has(file)) continue;
        const mine = claimsOf(file);
        if (mine.length === 0) continue;
        const result = read(file);
        if (!result.ok) continue; // outside the change and not judged, so not reported either
        const fed = kinds.size > 0 && feeds(file, result.text).some((k) => kinds.has(k));
        if (fed || names(file, result.text)) judge(file, mine, result);
      }
    },
  };
}

/**
 * Whether a file's text names one of `targets` (or its folder), relative to the repository root or
 * to the file's own folder: the ways configs point at one another. Over-matching only costs a parse.
 */
export function referencesTo(targets: readonly string[]): (file: string, text: string) => boolean {
  const p = path.posix;
  const wanted = targets.map((target) => ({ target, dir: p.dirname(target), base: p.basename(target) }));
  return (file, text) => {
    const from = p.dirname(file);
    for (const { target, dir, base } of wanted) {
      const folder = dir === '.' ? '' : p.basename(dir);
      // Any reference contains the file's name or its folder's name: a cheap test before the exact ones.
      if (!text.includes(base) && !(folder && text.includes(folder))) continue;
      const candidates = [target, p.relative(from, target), ...(dir === '.' ? [] : [dir, p.relative(from, dir)])];
      if (candidates.some((c) => c.length > 0 && text.includes(c))) return true;
    }
    return false;
  };
}
