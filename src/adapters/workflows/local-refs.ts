/**
 * References a workflow makes to files of its own repository: `./path` (from the workspace, after a
 * checkout) and GitHub's self-repository form `$/path` (the same repository at the running commit,
 * no checkout needed), for actions and reusable workflows alike.
 */
import type { KeyPath } from '../../documents/types.js';
import type { RawFinding, SourceRef } from '../../model.js';
import type { ActionCode, Unfollowed } from '../../model/details/workflow-job.js';
import type { AdapterContext } from '../types.js';
import type { InstalledScripts } from './installed.js';

/** The repository-relative path a local `uses:` names, or null for a remote or `docker://` one. */
export function localTarget(uses: string): string | null {
  const text = uses.trim();
  let rest: string;
  if (text.startsWith('./')) rest = text.slice(2);
  else if (text.startsWith('$/')) rest = text.slice(2).replace(/^\.\//, '');
  else return null;
  // A local reference has no `@ref`; GitHub rejects one, so a stray suffix never names another file.
  const path = rest.replace(/@.*$/, '').replace(/\/+$/, '');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null; // outside the repository: nothing here to read
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** True for `./…` and `$/…` references. */
export const isLocalUses = (uses: string): boolean => localTarget(uses) !== null;

/** A reference that names something this scan cannot read or judge. */
export interface Unresolved {
  file: string;
  path: KeyPath;
  doc?: number;
  /** Says what is named and why it cannot be judged. */
  message: string;
}

/**
 * The finding for an unresolved reference: the scanner's fail-closed `not-evaluated` rule (a warning
 * under `recommended`, an error under `strict`), at the reference, on the deployment when there is one.
 */
export function unresolvedFinding(entry: Unresolved, deployment: string | null): RawFinding {
  const at: SourceRef = { file: entry.file, path: entry.path, ...(entry.doc ? { doc: entry.doc } : {}) };
  return { ruleId: 'not-evaluated', severity: 'warning', message: entry.message, at, deployment };
}

export interface FollowState {
  context: AdapterContext;
  /** Action files on the way to this step, outermost first: for cycles and the depth bound. */
  chain: readonly string[];
  /** References that could not be judged, for findings on the job. */
  unresolved: Unresolved[];
  /** Local actions read for this job so far, shared by every level (nesting can fan out exponentially). */
  budget: { read: number };
  /** Commands that run something from the repository that could not be read (scripts, package scripts, make targets). */
  unfollowed: Unfollowed[];
  /** Directories earlier steps' actions filled with their scripts (gh-aw's setup action), in step order. */
  installed: InstalledScripts[];
  /** Paths the job's steps write (outside the repository), so a file written into such a directory is not credited to the action. */
  writtenPaths: string[];
  /** JavaScript and Python scripts of the job's steps that write files: where to, they do not say plainly. */
  writingScripts: string[];
  /** Commands that run one of those scripts: the action's code, not followed. */
  actionCode: ActionCode[];
  /**
   * Folders of the workspace the job checks this repository out into (`actions/checkout` with
   * `path: release`): a script under `release/` is the repository's own file at its root.
   */
  checkoutRoots?: readonly string[];
}

/** Local actions one job may read in all; past it the reference is reported, not read. */
export const MAX_ACTIONS_PER_JOB = 500;

const fileSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** Whether the repository has `file`, with the listing indexed once per scan. */
export function hasFile(context: AdapterContext, file: string): boolean {
  let set = fileSets.get(context.files);
  if (!set) fileSets.set(context.files, (set = new Set(context.files)));
  return set.has(file);
}
