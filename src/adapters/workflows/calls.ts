/**
 * Local reusable workflows (`jobs.<id>.uses: ./.github/workflows/x.yml`): the called workflow runs
 * on its caller's events and with its caller's token. The caller records each call as an artifact;
 * link() gives the called workflow's agent jobs the caller's triggers, and the caller's permissions
 * where the called workflow sets none.
 */
import { CREDENTIAL_LEVELS, type Deployment } from '../../model.js';
import type { Artifact } from '../types.js';
import { gatesActor } from './expressions.js';
import { pick, tokenPermissions } from './facts.js';
import { gatedByNeeds, outsiderTriggers } from './actor-gates.js';
import { localTarget } from './local-refs.js';
import { readTriggers, scalarText, type Job, type Mapping } from './workflow.js';

export const CALL_ARTIFACT = 'workflows/reusable-call';

interface WorkflowCall {
  callee: string;
  callerFile: string;
  callerJob: string;
  triggers: { name: string; path: (string | number)[]; types: string[] | null }[];
  /** The caller job's permissions, else the caller workflow's; undefined when neither sets any. */
  permissions: unknown;
  permissionsPath: (string | number)[];
  /** The caller job's `if:` lets only trusted actors through. */
  gated: boolean;
}

/** One artifact per job that calls a workflow of this repository. */
export function callArtifacts(file: string, workflow: Mapping, jobs: readonly Job[]): Artifact[] {
  const triggers = readTriggers(workflow);
  const outsider = new Set(outsiderTriggers(triggers).map((t) => t.name));
  return jobs.flatMap((job) => {
    const uses = scalarText(job.raw['uses']);
    const callee = uses ? localTarget(uses) : null;
    if (!callee) return [];
    const jobLevel = Object.hasOwn(job.raw, 'permissions');
    const data: WorkflowCall = {
      callee,
      callerFile: file,
      callerJob: job.id,
      triggers: triggers.map((t) => ({ name: t.name, path: [...t.path], types: t.types })),
      permissions: jobLevel ? job.raw['permissions'] : workflow['permissions'],
      permissionsPath: jobLevel ? [...job.path, 'permissions'] : ['permissions'],
      gated: gatesActor(job.raw['if'], outsider) || gatedByNeeds(job, outsider),
    };
    return [{ type: CALL_ARTIFACT, file: data.callee, data }];
  });
}

/** A called workflow's job judged with one caller's inputs: only that caller's triggers and token apply. */
const variantCallers = new WeakMap<Deployment, { file: string; job: string }>();
export const markCalledBy = (deployment: Deployment, file: string, job: string): void => {
  variantCallers.set(deployment, { file, job });
};

export function linkCalls(deployments: readonly Deployment[], artifacts: readonly Artifact[]): void {
  const calls = artifacts.filter((a) => a.type === CALL_ARTIFACT).map((a) => a.data as WorkflowCall);
  for (const job of deployments) {
    if (job.kind !== 'workflow-job') continue;
    const details = job.details;
    if (!details.triggers.some((t) => t.name === 'workflow_call')) continue;
    const only = variantCallers.get(job);
    const callers = calls.filter(
      (c) => c.callee === job.file && (!only || (c.callerFile === only.file && c.callerJob === only.job)),
    );
    if (callers.length === 0) continue;
    for (const call of callers) {
      const at = (path: (string | number)[]) => ({ file: call.callerFile, path });
      for (const t of call.triggers) {
        if (t.name === 'workflow_call' || details.triggers.some((own) => own.name === t.name)) continue;
        details.triggers.push({ name: t.name, at: at(t.path) });
        if (!call.gated && !details.actorGate.gated && outsiderTriggers([t]).length > 0)
          details.actorGate.outsiderTriggers.push({ name: t.name, at: at(t.path) });
      }
      job.signals.push(`called by job ${call.callerJob} in ${call.callerFile}`);
    }
    // The called workflow's token is the caller's, unless the called workflow narrows it itself.
    if (job.sandbox.credentials.source === null) {
      const candidates = callers.flatMap((c) => tokenPermissions(c.permissions, c.permissionsPath, c.callerFile));
      const fact = pick(CREDENTIAL_LEVELS, candidates, 'weakest');
      job.sandbox.credentials = fact.source
        ? { ...fact, reason: `${fact.reason} (set by the calling workflow)` }
        : fact;
    }
  }
}
