/** Reading a workflow's plain value: triggers, permissions, jobs and steps, with their key paths. */
import type { KeyPath } from '../../documents/types.js';
import { redactSecrets } from '../../secrets.js';
import { isRecord } from '../../util/json.js';
import { exportedEnv, stepOutputs } from './exported-env.js';
import { matrixCombinations, possibleValues, type Known, type Scope, type Settable } from './values.js';

export type Mapping = Record<string, unknown>;

export const isMapping = (value: unknown): value is Mapping => isRecord(value);

/** `record[key]` for own keys only: lookup tables keyed by scanned text must not find `constructor`. */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** A scalar as the runner sees it: numbers and booleans become their text. */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export interface Trigger {
  name: string;
  path: KeyPath;
  /** Activity types when the trigger lists them (`types: [opened]`), else null for all. */
  types: string[] | null;
}

/** `on: push`, `on: [a, b]` and `on: { a: …, b: … }`. */
export function readTriggers(workflow: Mapping): Trigger[] {
  const on = workflow['on'] ?? workflow['true'];
  const key = 'on' in workflow ? 'on' : 'true';
  if (typeof on === 'string') return [{ name: on, path: [key], types: null }];
  if (Array.isArray(on))
    return on.flatMap((name, i) => (typeof name === 'string' ? [{ name, path: [key, i], types: null }] : []));
  if (!isMapping(on)) return [];
  return Object.entries(on).map(([name, config]) => {
    const raw = isMapping(config) ? config['types'] : undefined;
    const types = Array.isArray(raw)
      ? raw.filter((t): t is string => typeof t === 'string')
      : typeof raw === 'string'
        ? [raw]
        : null;
    return { name, path: [key, name], types };
  });
}

export interface Step {
  index: number;
  path: KeyPath;
  raw: Mapping;
  uses: string | null;
  run: string | null;
  with: Mapping;
  env: Mapping;
  id: string | null;
  name: string | null;
}

export interface Job {
  id: string;
  path: KeyPath;
  raw: Mapping;
  steps: Step[];
  /** The workflow the job belongs to, for its inputs and `env:`. */
  workflow?: Mapping;
  /** For a local composite action's steps: each input's values (what the caller passes, else its default), null when unknown. */
  inputs?: ReadonlyMap<string, Known[] | null>;
  /** For a local composite action's steps: its folder in the repository (`.` for the root), `github.action_path`. */
  actionPath?: string;
}

export function readJobs(workflow: Mapping): Job[] {
  const jobs = workflow['jobs'];
  if (!isMapping(jobs)) return [];
  return Object.entries(jobs).flatMap(([id, raw]) =>
    isMapping(raw)
      ? [{ id, path: ['jobs', id], raw, steps: readSteps(raw['steps'], ['jobs', id, 'steps']), workflow }]
      : [],
  );
}

export function readSteps(steps: unknown, path: KeyPath): Step[] {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((raw, index) => {
    if (!isMapping(raw)) return [];
    return [
      {
        index,
        path: [...path, index],
        raw,
        uses: typeof raw['uses'] === 'string' ? raw['uses'].trim() : null,
        run: scalarText(raw['run']),
        with: isMapping(raw['with']) ? raw['with'] : {},
        env: isMapping(raw['env']) ? raw['env'] : {},
        id: scalarText(raw['id']),
        name: scalarText(raw['name']),
      },
    ];
  });
}

/** `owner/repo[/path]` of a `uses:` reference, lowercased, without the `@ref`; local `./x` kept as is. */
export function actionName(uses: string): string {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return uses;
  const at = uses.indexOf('@');
  return (at < 0 ? uses : uses.slice(0, at)).toLowerCase().replace(/\/+$/, '');
}

/** A label for a step in messages: its name, else what it runs. */
export function stepLabel(step: Step): string {
  if (step.name) return `step "${step.name}"`;
  if (step.id) return `step "${step.id}"`;
  if (step.uses) return `step ${step.index + 1} (${step.uses})`;
  const line = step.run?.trim().split('\n')[0]?.trim() ?? '';
  if (!line) return `step ${step.index + 1}`;
  return `step ${step.index + 1} (\`${redactSecrets(line.length > 40 ? `${line.slice(0, 40)}…` : line)}\`)`;
}

export interface Located<T> {
  value: T;
  path: KeyPath;
  /** References the value rests on that the repository does not hold (`vars.MODE`). */
  unknown?: string[];
}

/**
 * The values an input can take, as GitHub evaluates its `${{ }}`: literals, every matrix
 * combination (each located at its item), an input's choices or default, the file's `env:`. A value
 * resting on something the repository does not hold keeps its `${{ }}` and names it in `unknown`.
 */
export function inputValues(job: Job, value: unknown, path: KeyPath): Located<string>[] {
  const text = scalarText(value);
  if (text === null) return [];
  // A step's own input sees the step's `env` context: its `env:`, the job's and what earlier steps exported.
  const step = job.steps.find((s) => path.length > s.path.length && s.path.every((k, i) => path[i] === k));
  return possibleValues(text, path, step ? stepScope(job, step) : jobScope(job)).map((v) => ({
    value: v.text,
    path: v.path,
    ...(v.unknown ? { unknown: v.unknown } : {}),
  }));
}

/**
 * The inputs a local composite action's steps see: the calling step's `with:` value (each value it
 * can take in the caller's job), else the action's `default:`; unknown when neither is written.
 */
export function compositeInputs(action: Mapping, caller: Job, step: Step): Map<string, Known[] | null> {
  const out = new Map<string, Known[] | null>();
  const declared = isMapping(action['inputs']) ? action['inputs'] : {};
  const names = new Set([...Object.keys(declared), ...Object.keys(step.with)]);
  for (const name of names) {
    if (Object.hasOwn(step.with, name)) {
      const values = inputValues(caller, step.with[name], [...step.path, 'with', name]);
      out.set(name, values.some((v) => v.unknown) ? null : values.map((v) => ({ text: v.value })));
      continue;
    }
    const spec = declared[name];
    const fallback = isMapping(spec) ? scalarText(spec['default']) : null;
    out.set(name, fallback === null ? null : [{ text: fallback }]);
  }
  return out;
}

const scopes = new WeakMap<Mapping, Scope>();

/** What the job's expressions can see: its matrix, the workflow's inputs and the file's `env:`. */
export function jobScope(job: Job): Scope {
  const cached = scopes.get(job.raw);
  if (cached) return cached;
  const { combos, unknownKeys } = matrixCombinations(job.raw['strategy'], [...job.path, 'strategy']);
  const workflow = job.workflow ?? {};
  const triggers = readTriggers(workflow);
  const on = workflow['on'] ?? workflow['true'];
  const scope: Scope = {
    combinations: combos,
    unknownKeys,
    ...(job.actionPath !== undefined ? { actionPath: job.actionPath } : {}),
    input: (name) => {
      if (job.inputs) return job.inputs.get(name) ?? null;
      const values: Known[] = [];
      let fixed = true;
      for (const event of ['workflow_dispatch', 'workflow_call']) {
        const inputs = isMapping(on) && isMapping(on[event]) ? on[event]['inputs'] : undefined;
        const spec = isMapping(inputs) ? inputs[name] : undefined;
        if (!isMapping(spec)) continue;
        const inputPath = [triggers.find((t) => t.name === event)?.path[0] ?? 'on', event, 'inputs', name];
        if (spec['type'] === 'boolean') values.push({ text: 'true' }, { text: 'false' });
        else if (spec['type'] === 'choice' && Array.isArray(spec['options']))
          spec['options'].forEach((o, i) => {
            const t = scalarText(o);
            if (t !== null) values.push({ text: t, path: [...inputPath, 'options', i] });
          });
        else if (scalarText(spec['default']) !== null)
          values.push({ text: scalarText(spec['default'])!, path: [...inputPath, 'default'] });
        else fixed = false;
      }
      if (!fixed || values.length === 0) return null;
      // Other events run the workflow with no inputs: the reference is then empty.
      if (triggers.some((t) => t.name !== 'workflow_dispatch' && t.name !== 'workflow_call')) values.push({ text: '' });
      return values;
    },
    env: (name) => {
      for (const [scope, base] of [
        [job.raw['env'], [...job.path, 'env']],
        [workflow['env'], ['env']],
      ] as const)
        if (isMapping(scope) && Object.hasOwn(scope, name)) return { value: scope[name], path: [...base, name] };
      return null;
    },
  };
  scopes.set(job.raw, scope);
  return scope;
}

const stepScopes = new WeakMap<Step, Scope>();
/** The job's scope with the `env` context a step's expressions see (`stepEnv`). */
export function stepScope(job: Job, step: Step): Scope {
  const cached = stepScopes.get(step);
  if (cached) return cached;
  const workflow = job.workflow ?? {};
  const env = stepEnv(workflow, job, step);
  const earlier = job.steps.filter((s) => s.index < step.index && s.id !== null);
  const output = (id: string, name: string): Settable | null => {
    const from = earlier.findLast((s) => s.id === id);
    const shellOf = (s: Step): string | null => stepShell(workflow, job, s);
    return from ? (stepOutputs(from, shellOf, (s) => shellEnv(stepEnv(workflow, job, s))).get(name) ?? null) : null;
  };
  const scope: Scope = { ...jobScope(job), env: (name) => env.get(name) ?? null, output };
  stepScopes.set(step, scope);
  return scope;
}

/** Environment visible to a step: workflow `env`, then job `env`, then the step's own, each with its path. */
export function stepEnv(workflow: Mapping, job: Job, step: Step): Map<string, Located<unknown>> {
  const env = new Map<string, Located<unknown>>();
  const add = (scope: unknown, path: KeyPath): void => {
    if (!isMapping(scope)) return;
    for (const [name, value] of Object.entries(scope)) env.set(name, { value, path: [...path, name] });
  };
  add(workflow['env'], ['env']);
  add(job.raw['env'], [...job.path, 'env']);
  // What earlier steps wrote to $GITHUB_ENV overrides the workflow's and job's `env:`; the step's own wins.
  for (const [name, exported] of exportedEnv(
    job,
    step,
    (s) => stepShell(workflow, job, s),
    (s) => shellEnv(stepEnv(workflow, job, s)),
  ))
    env.set(name, exported);
  add(step.raw['env'], [...step.path, 'env']);
  return env;
}

/** The environment as the shell reader takes it: a value with a `${{ }}` the scanner cannot know is null. */
export function shellEnv(env: ReadonlyMap<string, Located<unknown>>): Map<string, string | null> {
  const known = new Map<string, string | null>();
  for (const [name, located] of env) {
    const value = scalarText(located.value);
    known.set(name, value === null || value.includes('${{') ? null : value);
  }
  return known;
}

/** The `shell:` a `run:` step runs with: its own, else the job's, else the workflow's `defaults.run.shell`. */
export function stepShell(workflow: Mapping, job: Job, step: Step): string | null {
  const fromDefaults = (scope: unknown): string | null => {
    const defaults = isMapping(scope) ? scope['defaults'] : undefined;
    const run = isMapping(defaults) ? defaults['run'] : undefined;
    return isMapping(run) ? scalarText(run['shell']) : null;
  };
  return scalarText(step.raw['shell']) ?? fromDefaults(job.raw) ?? fromDefaults(workflow);
}
