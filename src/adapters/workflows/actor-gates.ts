/**
 * Actor gates: whether a job that runs an agent on an outsider's trigger stops outsiders first (an
 * `if:` comparing the association or permission, a step that fails, a `needs:` job that does, the
 * caller of a reusable workflow), and the triggers outsiders can fire.
 */
import type { ActorGate } from './details.js';
import { gatesActor } from './expressions.js';
import type { AgentRun } from './types.js';
import { isMapping, readSteps, scalarText, type Job, type Mapping, type Step, type Trigger } from './workflow.js';
import { minOf } from '../../util/arrays.js';

/** Events any GitHub user can cause, with the activity types that only triagers can cause. */
const OUTSIDER_EVENTS = new Set([
  // Runs with the base repository's secrets after a workflow that any fork's pull request can start.
  'workflow_run',
  'issues',
  'issue_comment',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
]);
const TRIAGER_TYPES = new Set([
  'labeled',
  'unlabeled',
  'assigned',
  'unassigned',
  'milestoned',
  'demilestoned',
  'pinned',
  'unpinned',
  'locked',
  'unlocked',
  'transferred',
  'review_requested',
  'review_request_removed',
  'deleted',
]);

/** A step that checks the actor's permission and fails the job for outsiders. */
const PERMISSION_CHECK =
  /getCollaboratorPermissionLevel|collaborators\/[^\s/]+\/permission|check-user-permission|check-actor-permission|actor-permission|author_association|permission-check|verify-user|is-collaborator|check[_-]membership/i;

/** Commands that fail the step, so the job stops when the check does not pass. */
const FAILS_STEP =
  /\bexit\s+(?:[1-9]|\$|"\$)|\bcore\.setFailed\b|\bprocess\.exit\(\s*[1-9]|\bthrow\b|\|\|\s*false\b|^[ \t]*false[ \t]*$/m;
/** Actions whose purpose is to fail the job for an actor without the permission. */
const CHECK_ACTION =
  /check-user-permission|check-actor-permission|actor-permission|permission-check|verify-user|is-collaborator/i;

/**
 * A step that fails for outsiders: it checks the actor and fails itself, or it fails when an earlier
 * step's check says so (`if: steps.check.outputs.is_team_member == 'false'` then `exit 1`). One that
 * only prints the association stops no one.
 */
function stopsOutsiders(step: Step, steps: readonly Step[]): boolean {
  if (step.uses && CHECK_ACTION.test(step.uses)) return true;
  const text = stepText(step);
  if (!FAILS_STEP.test(text)) return false;
  if (PERMISSION_CHECK.test(text)) return true;
  const condition = scalarText(step.raw['if']) ?? '';
  if (/\balways\s*\(/.test(condition)) return false;
  return steps.some(
    (check) =>
      check.index < step.index &&
      check.id !== null &&
      PERMISSION_CHECK.test(stepText(check)) &&
      condition.includes(`steps.${check.id}.outputs.`),
  );
}

const stepText = (step: Step): string =>
  [step.run ?? '', ...[...Object.values(step.with), ...Object.values(step.env)].map((v) => scalarText(v) ?? '')].join(
    '\n',
  );

/** A job whose steps look up the actor's association or permission (and may report it as an output). */
const checksActor = (raw: Mapping): boolean =>
  readSteps(raw['steps'], []).some(
    (s) => (s.uses !== null && CHECK_ACTION.test(s.uses)) || PERMISSION_CHECK.test(stepText(s)),
  );

/**
 * The job's `if:` with each output of a needed job that checks the actor read as that check's verdict:
 * `needs.check.outputs.ok == 'true'` gates like `…outputs.authorized`, whatever the output is called.
 */
function delegatedCondition(job: Job): unknown {
  const condition = job.raw['if'];
  if (typeof condition !== 'string') return condition;
  const jobs = isMapping(job.workflow?.['jobs']) ? job.workflow['jobs'] : {};
  return condition.replace(/\bneeds\.([\w-]+)\.outputs\.[\w-]+/g, (whole, id: string) => {
    const raw = Object.hasOwn(jobs, id) ? jobs[id] : undefined;
    return needsOf(job).includes(id) && isMapping(raw) && checksActor(raw) ? `needs.${id}.outputs.authorized` : whole;
  });
}

/** The ids of the jobs a job `needs:`. */
export const needsOf = (job: Job): string[] =>
  [job.raw['needs']].flat().filter((id): id is string => typeof id === 'string');

/**
 * Whether a job runs only after a job it needs has stopped outsiders: that job's `if:` gates them
 * (skipping it skips its dependents), a step of it fails for them, or a job it needs does. A
 * dependent whose `if:` calls `always()`, `failure()` or `cancelled()` runs anyway, unless it also
 * asks for that job's success, or asks that it was not skipped and that job was skipped for outsiders
 * (its `if:` or a job it needs gated them; a failing step of its own leaves it `failure`, not skipped).
 */
export function gatedByNeeds(job: Job, outsider: ReadonlySet<string>, seen: Set<string> = new Set()): boolean {
  const jobs = isMapping(job.workflow?.['jobs']) ? job.workflow['jobs'] : {};
  const condition = typeof job.raw['if'] === 'string' ? job.raw['if'] : '';
  const runsAnyway = /\b(always|failure|cancelled)\s*\(/.test(condition);
  return needsOf(job).some((id) => {
    const raw = Object.hasOwn(jobs, id) ? jobs[id] : undefined;
    if (!isMapping(raw) || seen.has(id)) return false;
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const succeeded = new RegExp(`needs\\.${escaped}\\.result\\s*==\\s*'success'`).test(condition);
    const notSkipped = new RegExp(`needs\\.${escaped}\\.result\\s*!=\\s*'skipped'`).test(condition);
    if (runsAnyway && !succeeded && !notSkipped) return false;
    seen.add(id);
    const needed: Job = {
      id,
      path: ['jobs', id],
      raw,
      steps: readSteps(raw['steps'], ['jobs', id, 'steps']),
      ...(job.workflow ? { workflow: job.workflow } : {}),
    };
    const failsForOutsiders = needed.steps.some(
      (s) => s.raw['continue-on-error'] !== true && stopsOutsiders(s, needed.steps),
    );
    return (
      gatesActor(delegatedCondition(needed), outsider) ||
      (failsForOutsiders && (!runsAnyway || succeeded)) ||
      gatedByNeeds(needed, outsider, seen)
    );
  });
}

/** Triggers any GitHub user can fire: outsider events, unless limited to activity only triagers cause. */
export const outsiderTriggers = <T extends Pick<Trigger, 'name' | 'types'>>(triggers: readonly T[]): T[] =>
  triggers.filter(
    (t) =>
      OUTSIDER_EVENTS.has(t.name) &&
      !(t.types && t.types.length > 0 && t.types.every((type) => TRIAGER_TYPES.has(type))),
  );

export function actorGate(file: string, job: Job, triggers: readonly Trigger[], runs: readonly AgentRun[]): ActorGate {
  const outsider = new Set(outsiderTriggers(triggers).map((t) => t.name));
  const exposed = runs.filter((r) => !r.builtinActorGate);
  const firstExposed = minOf(exposed.map((r) => r.step.index));
  const checkStep = job.steps.find(
    (s) => s.index < firstExposed && s.raw['continue-on-error'] !== true && stopsOutsiders(s, job.steps),
  );
  // Judged per event: a job `if:` that gates `issue_comment` but lets every `issues` event through is open through `issues` only.
  const outsiders = outsiderTriggers(triggers);
  const open = outsiders.filter(
    (t) =>
      !gatesActor(delegatedCondition(job), outsider, t.name) &&
      !exposed.every((r) => gatesActor(r.step.raw['if'], outsider, t.name)),
  );
  // Without outsider triggers of its own (a called workflow), the job is gated only by a gate that holds for any event.
  const gated =
    (outsiders.length > 0 && open.length === 0) ||
    gatesActor(delegatedCondition(job), outsider) ||
    exposed.every((r) => gatesActor(r.step.raw['if'], outsider)) ||
    checkStep !== undefined ||
    gatedByNeeds(job, outsider);
  return {
    openings: runs.flatMap((r) => r.gateOpenings),
    exposedAgents: [...new Set(exposed.map((r) => r.agent))],
    gated,
    outsiderTriggers: open.map((t) => ({ name: t.name, at: { file, path: t.path } })),
  };
}
