/**
 * `scan --base REF`: the protection the action gives pull requests, for other CI systems. The
 * policy and its `extends` are read from REF through git plumbing (`git show REF:path`, as data,
 * nothing executed), and suppressions and exceptions absent at REF are the change's own: under
 * `suppressions.from-pull-request: govern` they do not count (the CLI has no reviews to approve them).
 */
import path from 'node:path';
import { hasCommit, resolveCommit, showFile } from '../github/git.js';
import { addedExceptions, type ChangeBaseline } from '../engine/index.js';
import { UserError } from '../errors.js';
import { DEFAULT_POLICY_FILES, loadPolicy, loadPreset } from '../policy/load.js';
import type { ResolvedPolicy } from '../policy/schema.js';

export interface BaseJudgement {
  /** The policy at REF: it judges the change. */
  policy: ResolvedPolicy;
  baseline: ChangeBaseline;
}

export function judgeAgainst(root: string, ref: string, policyFile: string | undefined): BaseJudgement {
  const sha = resolveCommit(root, ref);
  if (!sha || !hasCommit(root, sha))
    throw new UserError(`--base ${ref}: no such commit in ${root} (fetch it first, e.g. \`git fetch origin ${ref}\`)`);
  const relative = policyFile === undefined ? undefined : repoRelative(root, policyFile, ref);
  const read = (file: string): string | null => showFile(root, sha, file);
  const at = `${ref} (${sha.slice(0, 7)})`;
  const candidates = relative ? [relative] : [...DEFAULT_POLICY_FILES];
  const found = candidates.map((file) => ({ file, text: read(file) })).find((c) => c.text !== null);
  const base = found
    ? {
        ...loadPolicy({ root, policyPath: found.file, text: found.text!, readFile: read }),
        source: `${found.file} at ${at}`,
      }
    : { ...loadPreset('recommended'), source: `built-in:recommended (${at} has no policy file)` };
  // The working tree's own policy, only to tell which exceptions the change adds.
  let head: ResolvedPolicy | null;
  try {
    head = loadPolicy({ root, ...(relative ? { policyPath: relative } : {}) });
  } catch {
    head = null; // a broken head policy adds nothing; the base judges
  }
  return {
    policy: base,
    baseline: {
      name: 'this change',
      text: read,
      addedExceptions: head ? addedExceptions(base.exceptions, head.exceptions) : [],
    },
  };
}

function repoRelative(root: string, file: string, ref: string): string {
  const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative))
    throw new UserError(`--base ${ref} reads the policy from the repository; --policy ${file} lies outside it`);
  return relative;
}
