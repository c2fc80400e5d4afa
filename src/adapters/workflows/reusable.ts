/**
 * Reusable workflows, seen from both ends. A local one (`jobs.<id>.uses: ./.github/workflows/x.yml`
 * or `$/…`) is judged again once per calling job that passes it `with:` inputs it reads: the callee
 * with the caller's values in place of `${{ inputs.* }}` (GitHub names such a job "caller / callee").
 * A remote one is code this scan cannot read: when it runs with `secrets: inherit` or a token that
 * can write, the call is reported as not judged. A local reference to a missing file is too.
 */
import type { AdapterContext } from '../types.js';
import { inputValuesFor, readsInputs, substituteInputs } from './inputs.js';
import { pick, tokenPermissions } from './facts.js';
import { hasFile } from './local-refs.js';
import { localTarget, type Unresolved } from './local-refs.js';
import { CREDENTIAL_LEVELS, type Deployment } from '../../model.js';
import { isMapping, readJobs, readTriggers, scalarText, type Job, type Mapping } from './workflow.js';

/** A job-level `uses:` of a local workflow file (`./…` or `$/…`, ending in .yml/.yaml). */
export const LOCAL_CALL = /^[ \t]+uses:\s*["']?(?:\.|\$)\/[^\s"'#]+\.ya?ml\b/m;
const TOP_LEVEL_WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

export interface LocalCaller {
  file: string;
  job: Job;
  /** The caller workflow's own value (triggers, permissions). */
  workflow: Mapping;
}

const indexes = new WeakMap<readonly string[], Map<string, LocalCaller[]>>();

/** Jobs of this repository's workflows that call `callee`, indexed once per scan. */
export function localCallers(context: AdapterContext, callee: string): LocalCaller[] {
  let index = indexes.get(context.files);
  if (!index) {
    index = new Map();
    indexes.set(context.files, index);
    for (const file of context.files) {
      if (!TOP_LEVEL_WORKFLOW.test(file)) continue;
      const text = context.text?.(file);
      if (!text || !LOCAL_CALL.test(text)) continue;
      for (const doc of context.load(file)?.documents ?? []) {
        if (!isMapping(doc.value)) continue;
        for (const job of readJobs(doc.value)) {
          const uses = scalarText(job.raw['uses']);
          const target = uses ? localTarget(uses) : null;
          if (!target) continue;
          const list = index.get(target) ?? [];
          list.push({ file, job, workflow: doc.value });
          index.set(target, list);
        }
      }
    }
  }
  return index.get(callee) ?? [];
}

export interface CalledVariant {
  caller: LocalCaller;
  /** The called workflow with this caller's inputs in place. */
  workflow: Mapping;
  jobs: Job[];
}

/** The called workflow once per calling job whose `with:` values it reads (nothing when none do). */
export function calledVariants(file: string, workflow: Mapping, context: AdapterContext): CalledVariant[] {
  if (!readTriggers(workflow).some((t) => t.name === 'workflow_call')) return [];
  const on = isMapping(workflow['on']) ? workflow['on'] : {};
  const call = isMapping(on['workflow_call']) ? on['workflow_call'] : {};
  const out: CalledVariant[] = [];
  for (const caller of localCallers(context, file)) {
    const given = isMapping(caller.job.raw['with']) ? caller.job.raw['with'] : {};
    const names = new Set(Object.keys(given).map((n) => n.toLowerCase()));
    if (names.size === 0 || !readsInputs(workflow['jobs'], names)) continue;
    const values = inputValuesFor(call['inputs'], given);
    const substituted = { ...workflow, jobs: substituteInputs(workflow['jobs'], values) };
    const reading = new Set(
      readJobs(workflow)
        .filter((j) => readsInputs(j.raw, names))
        .map((j) => j.id),
    );
    out.push({ caller, workflow: substituted, jobs: readJobs(substituted).filter((j) => reading.has(j.id)) });
  }
  return out;
}

/**
 * Job-level calls this scan cannot follow: a local workflow file that is missing, or a remote
 * reusable workflow handed the caller's secrets or a token that can write.
 */
export function unjudgedCalls(file: string, workflow: Mapping, job: Job, context: AdapterContext): Unresolved[] {
  const uses = scalarText(job.raw['uses'])?.trim();
  if (!uses) return [];
  const at = { file, path: [...job.path, 'uses'] };
  const target = localTarget(uses);
  if (target !== null) {
    if (hasFile(context, target)) return [];
    return [
      {
        ...at,
        message: `job ${job.id} calls \`${uses}\`, but the repository has no ${target}, so the jobs it runs cannot be judged`,
      },
    ];
  }
  if (uses.startsWith('./') || uses.startsWith('$/')) {
    return [{ ...at, message: `job ${job.id} calls \`${uses}\`, outside the repository, so it cannot be judged` }];
  }
  const reasons: string[] = [];
  if (job.raw['secrets'] === 'inherit') reasons.push('`secrets: inherit` hands it every secret of the caller');
  const jobLevel = Object.hasOwn(job.raw, 'permissions');
  const token = pick(
    CREDENTIAL_LEVELS,
    tokenPermissions(
      jobLevel ? job.raw['permissions'] : workflow['permissions'],
      jobLevel ? [...job.path, 'permissions'] : ['permissions'],
      file,
    ),
    'weakest',
  );
  if (token.value === 'write') reasons.push(`its token can write (${token.reason})`);
  if (reasons.length === 0) return [];
  return [
    {
      ...at,
      message: `job ${job.id} calls the reusable workflow \`${uses}\` from another repository, which this scan cannot read, and ${reasons.join(', and ')}: what it runs cannot be judged (pin it to a commit and review it, or narrow what it gets)`,
    },
  ];
}

/**
 * The called jobs as deployments: a variant that judges the same as the job on its own says nothing
 * new and is dropped; the job on its own is dropped when it runs only through `workflow_call` and
 * every caller in the repository is judged as its own variant (no one else in this repository runs it).
 */
export function settleVariants(
  file: string,
  workflow: Mapping,
  deployments: readonly Deployment[],
  variants: readonly { jobId: string; deployment: Deployment }[],
  context: AdapterContext,
): Deployment[] {
  if (variants.length === 0) return [...deployments];
  const onlyCalled = readTriggers(workflow).every((t) => t.name === 'workflow_call');
  const callers = localCallers(context, file).length;
  const judged = (d: Deployment): string =>
    JSON.stringify([d.sandbox, d.kind === 'workflow-job' ? [d.details.injections, d.details.toolGrants] : null]);
  const out: Deployment[] = [];
  const mine = (d: Deployment): string | null => (d.kind === 'workflow-job' ? d.details.jobId : null);
  for (const base of deployments) {
    const own = variants.filter((v) => v.jobId === mine(base));
    if (own.length === 0 || !onlyCalled || own.length < callers) out.push(base);
    const kept = out.includes(base) ? own.filter((v) => judged(v.deployment) !== judged(base)) : own;
    out.push(...kept.map((v) => v.deployment));
  }
  // A job that runs an agent only with a caller's inputs (`run: ${{ inputs.cmd }}`) has no deployment of its own.
  const based = new Set(deployments.map(mine));
  out.push(...variants.filter((v) => !based.has(v.jobId)).map((v) => v.deployment));
  return out;
}
