/**
 * Which policy judges the run. On pull requests and merge queues it is read from the base commit
 * (`policy-source: base`), so a pull request cannot loosen the policy that judges it; the
 * checkout's version is loaded only to tell what the pull request's edit would change. A policy can
 * also come from another repository (`OWNER/REPO/PATH@REF`). Files are read as data: from git when
 * the commit is in the checkout, else through the contents API.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readRepoFile } from '../discovery/read.js';
import { errorMessage, PolicyError, UserError } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { readContent } from '../github/contents.js';
import { DEFAULT_POLICY_FILES, loadPolicy, loadPreset } from '../policy/load.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import type { RunContext } from './context.js';
import { showFile } from '../github/git.js';
import type { Inputs, PolicySource } from './inputs.js';

export interface PolicyResolution {
  policy: ResolvedPolicy;
  /** Which policy judges, as a phrase: "the policy at the base commit 1a2b3c4", "the policy in the checkout". */
  origin: string;
  /** The checkout's policy, when the pull request changes it: loaded, or the error that stops it loading. */
  proposed: { file: string; policy: ResolvedPolicy | null; error: string | null } | null;
}

type Read = (file: string) => Promise<string | null>;

const BASE_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'merge_group']);
const MAX_POLICY_BYTES = 1024 * 1024;

export function policySource(inputs: Inputs, context: RunContext): PolicySource {
  if (inputs['policy-source']) return inputs['policy-source'];
  return BASE_EVENTS.has(context.eventName) && context.baseSha ? { kind: 'base' } : { kind: 'head' };
}

export async function resolvePolicy(
  inputs: Inputs,
  context: RunContext,
  octokit: GitHubClient | null,
): Promise<PolicyResolution> {
  const source = policySource(inputs, context);
  const root = context.workspace;
  const given = inputs.policy || undefined;

  if (source.kind === 'head') {
    const file = given ?? DEFAULT_POLICY_FILES.find((f) => existsSync(path.join(root, f)));
    const text = file ? readCheckout(root, file) : null;
    const policy = loadPolicy({ root, ...(file ? { policyPath: file } : {}), ...(text !== null ? { text } : {}) });
    return { policy, origin: 'the policy in the checkout', proposed: null };
  }

  if (source.kind === 'remote') {
    if (!octokit) throw new UserError('`policy-source` names another repository, which needs `github-token`');
    const label = `${source.owner}/${source.repo}/${source.path}@${source.ref}`;
    const read: Read = (file) =>
      apiRead(octokit, { owner: source.owner, repo: source.repo, ref: source.ref }, file, label);
    const loaded = await loadFrom(root, [source.path], read);
    if (!loaded) throw new UserError(`the policy ${label} does not exist`);
    return { policy: { ...loaded.policy, source: label }, origin: `the policy ${label}`, proposed: null };
  }

  const baseSha = context.baseSha;
  if (!baseSha)
    throw new UserError(
      `\`policy-source: base\` needs a base commit, and a ${context.eventName || 'local'} event has none; use \`policy-source: head\``,
    );
  const read: Read = async (file) =>
    showFile(root, baseSha, file) ??
    (octokit
      ? apiRead(
          octokit,
          { owner: context.owner, repo: context.repo, ref: baseSha },
          file,
          `the base commit ${baseSha.slice(0, 7)}`,
        )
      : null);
  const candidates = given ? [given] : [...DEFAULT_POLICY_FILES];
  const loaded = await loadFrom(root, candidates, read);
  const at = `the base commit ${baseSha.slice(0, 7)}`;
  const origin = loaded ? `the policy at ${at}` : `the built-in \`recommended\` preset, as ${at} has no policy file`;
  const policy = loaded
    ? { ...loaded.policy, source: `${loaded.policy.source} at ${baseSha.slice(0, 7)}` }
    : loadPreset('recommended');
  return { policy, origin, proposed: proposedChange(root, candidates, loaded?.file ?? null, loaded?.text ?? null) };
}

/** The first candidate that exists, loaded with `extends` files read through `read` too. */
async function loadFrom(
  root: string,
  candidates: readonly string[],
  read: Read,
): Promise<{ policy: ResolvedPolicy; file: string; text: string } | null> {
  for (const file of candidates) {
    const text = await read(file);
    if (text === null) continue;
    // loadPolicy reads synchronously: answer from a cache, fetch what it missed, and try again.
    const cache = new Map<string, string | null>();
    for (let round = 0; round < 20; round += 1) {
      const missing = new Set<string>();
      try {
        const policy = loadPolicy({
          root,
          policyPath: file,
          text,
          readFile: (f) => (cache.has(f) ? cache.get(f)! : (missing.add(f), null)),
        });
        return { policy, file, text };
      } catch (error) {
        if (!(error instanceof PolicyError) || missing.size === 0) throw error;
        for (const f of missing) cache.set(f, await read(f));
      }
    }
    throw new PolicyError('`extends` is nested more than 20 files deep', { file });
  }
  return null;
}

/** The checkout's version of the policy file when it differs from the base's. */
function proposedChange(
  root: string,
  candidates: readonly string[],
  baseFile: string | null,
  baseText: string | null,
): PolicyResolution['proposed'] {
  const file = baseFile ?? candidates.find((f) => existsSync(path.join(root, f)));
  if (!file) return null;
  let headText: string | null;
  try {
    headText = existsSync(path.join(root, file)) ? readCheckout(root, file) : null;
  } catch (error) {
    return { file, policy: null, error: errorMessage(error) };
  }
  if (headText === baseText) return null;
  if (headText === null) return { file, policy: loadPreset('recommended'), error: null };
  try {
    return { file, policy: loadPolicy({ root, policyPath: file, text: headText }), error: null };
  } catch (error) {
    return { file, policy: null, error: errorMessage(error) };
  }
}

/**
 * A repo-relative policy file from the checkout, which a pull request controls: never through a
 * link out of the repository, never a FIFO or device, at most 1 MiB. Paths outside the checkout are
 * the workflow author's choice and are left to the loader (null).
 */
function readCheckout(root: string, file: string): string | null {
  const relative = path.posix.normalize(file.replace(/\\/g, '/'));
  if (path.isAbsolute(file) || relative === '..' || relative.startsWith('../')) return null;
  const read = readRepoFile(root, relative, MAX_POLICY_BYTES);
  if (!read.ok) throw new PolicyError(`cannot read the policy file: ${read.reason}`, { file });
  return read.text;
}

async function apiRead(
  octokit: GitHubClient,
  at: { owner: string; repo: string; ref: string },
  file: string,
  where: string,
): Promise<string | null> {
  try {
    return await readContent(octokit, { ...at, path: file });
  } catch (error) {
    // Fail closed: judging by the pull request's own policy would let it loosen the rules.
    throw new UserError(
      `cannot read the policy file ${file} at ${where}: ${errorMessage(error)}. The token needs \`contents: read\`; or set \`policy-source: head\` to use the checkout's policy`,
    );
  }
}
