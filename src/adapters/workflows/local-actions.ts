/**
 * `uses: ./path` and `uses: $/path` steps: the action in this repository is read, never run. A
 * composite action's steps are read as the job's own (nested local actions too, to a bounded depth,
 * a cycle stopping where it repeats); a Docker action's command line is read from its metadata and
 * Dockerfile. The calling step's `with:` values replace `${{ inputs.* }}` in what the action runs.
 * A reference that names no readable action is reported, never passed over.
 */
import type { AdapterContext } from '../types.js';
import { dockerActionRuns } from './docker-action.js';
import { inputValuesFor, refsToCaller, substituteInputs } from './inputs.js';
import { hasFile, localTarget, MAX_ACTIONS_PER_JOB, type FollowState } from './local-refs.js';
import type { AgentRun } from './types.js';
import { compositeInputs, isMapping, readSteps, stepLabel, type Job, type Mapping, type Step } from './workflow.js';

/** GitHub's own limit on nested composite actions is 9 levels; deeper than that never runs. */
export const MAX_ACTION_DEPTH = 9;

/** Reads one step of an action file (the adapter's step reader, with the chain extended). */
export type InnerStep = (actionFile: string, job: Job, step: Step, state: FollowState) => AgentRun[];

/** The action metadata file of a local action folder, or null when the repository has none. */
export function actionFileOf(context: AdapterContext, dir: string): string | null {
  const prefix = dir ? `${dir}/` : '';
  for (const name of ['action.yml', 'action.yaml']) if (hasFile(context, `${prefix}${name}`)) return `${prefix}${name}`;
  return null;
}

/**
 * Agent runs of a local action step. `file` is the file the step is written in (a workflow or an
 * outer action); runs keep the outermost calling step, so order and env are the job's.
 */
export function localActionRuns(file: string, job: Job, step: Step, state: FollowState, inner: InnerStep): AgentRun[] {
  const dir = localTarget(step.uses!);
  const where = { file, path: [...step.path, 'uses'] };
  if (dir === null) {
    state.unresolved.push({
      ...where,
      message: `\`uses: ${step.uses}\` points outside the repository, so the action it runs cannot be judged`,
    });
    return [];
  }
  const actionFile = actionFileOf(state.context, dir);
  if (!actionFile) {
    state.unresolved.push({
      ...where,
      message: `\`uses: ${step.uses}\` names a local action, but the repository has no ${dir ? `${dir}/` : ''}action.yml, so what it runs cannot be judged (an action from another checkout is not read)`,
    });
    return [];
  }
  if (state.chain.includes(actionFile)) return []; // a cycle: the runner would refuse it; its steps are read once
  if (state.chain.length >= MAX_ACTION_DEPTH) {
    state.unresolved.push({
      ...where,
      message: `\`uses: ${step.uses}\` nests local actions deeper than ${MAX_ACTION_DEPTH} levels (${[...state.chain, actionFile].join(' → ')}); GitHub stops there and the scanner read no further`,
    });
    return [];
  }
  if (++state.budget.read > MAX_ACTIONS_PER_JOB) {
    // Once per job, at the first reference past the bound: the job has a finding, not hundreds.
    if (state.budget.read === MAX_ACTIONS_PER_JOB + 1)
      state.unresolved.push({
        ...where,
        message: `\`uses: ${step.uses}\` was not read: the job's local actions reach more than ${MAX_ACTIONS_PER_JOB} uses in all, the scanner's bound, so what the rest run cannot be judged`,
      });
    return [];
  }
  const parsed = state.context.load(actionFile);
  const raw = parsed?.documents[0]?.value;
  if (!isMapping(raw) || !isMapping(raw['runs'])) {
    state.unresolved.push({
      ...where,
      message: `\`uses: ${step.uses}\` names ${actionFile}, which has no \`runs:\` the scanner can read, so what it runs cannot be judged`,
    });
    return [];
  }
  const action = substituteInputs(raw, inputValuesFor(raw['inputs'], step.with));
  const runsSpec = action['runs'] as Mapping;
  const using = typeof runsSpec['using'] === 'string' ? runsSpec['using'].toLowerCase() : '';
  const label = `in ${actionFile}, used by ${stepLabel(step)}`;
  const chain = [...state.chain, actionFile];
  let runs: AgentRun[];
  if (using === 'composite') {
    const steps = readSteps(runsSpec['steps'], ['runs', 'steps']);
    // Inputs left as expressions after substitution (no literal from the caller) are valued from
    // the caller's scope: its matrix, its workflow's inputs, the action's defaults.
    const folder = actionFile.includes('/') ? actionFile.slice(0, actionFile.lastIndexOf('/')) : '.';
    const innerJob: Job = {
      id: job.id,
      path: [],
      raw: {},
      steps,
      inputs: compositeInputs(raw, job, step),
      actionPath: folder,
    };
    const before = state.unfollowed.length;
    const codeBefore = state.actionCode.length;
    runs = steps.flatMap((innerStep) => inner(actionFile, innerJob, innerStep, { ...state, chain }));
    // A command the action runs that could not be followed names the way there from the job.
    for (const miss of [...state.unfollowed.slice(before), ...state.actionCode.slice(codeBefore)])
      miss.trace = `${stepLabel(step)} → ${actionFile}: ${miss.trace}`;
  } else if (using === 'docker') {
    runs = dockerActionRuns(actionFile, runsSpec, step, { ...state, chain });
  } else return []; // a JavaScript action runs its bundled code, which is not read
  return runs.map((run) => ({
    ...refsToCaller(run, actionFile, raw, { file, path: [...step.path, 'with'] }, step.with),
    // Order, env and inputs are the calling step's; sources stay in the action file.
    step,
    file,
    signal: `${run.signal} (${label})`,
  }));
}
