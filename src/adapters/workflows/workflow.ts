/** Reading a workflow's plain value: triggers, permissions, jobs and steps, with their key paths. */
import type { KeyPath } from '../../documents/types.js';
import { redactSecrets } from '../../secrets.js';
import { isRecord } from '../../util/json.js';

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
}

export function readJobs(workflow: Mapping): Job[] {
  const jobs = workflow['jobs'];
  if (!isMapping(jobs)) return [];
  return Object.entries(jobs).flatMap(([id, raw]) =>
    isMapping(raw) ? [{ id, path: ['jobs', id], raw, steps: readSteps(raw['steps'], ['jobs', id, 'steps']) }] : [],
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
}

/**
 * The values an input can take. `${{ matrix.x }}` expands to every value the job's matrix lists
 * for `x` (each located at its own item), so the weakest one can be judged.
 */
export function inputValues(job: Job, value: unknown, path: KeyPath): Located<string>[] {
  const text = scalarText(value);
  if (text === null) return [];
  const found = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)];
  if (found.length !== 1) return [{ value: text, path }];
  const [whole, body] = [found[0]![0], found[0]![1]!];
  const expand = (alternative: string): string => text.replace(whole, () => alternative);
  const out: Located<string>[] = [];
  const matrixRef = /^\s*matrix\.([\w-]+)\s*$/.exec(body);
  if (matrixRef) out.push(...matrixValues(job, matrixRef[1]!).map((v) => ({ value: expand(v.value), path: v.path })));
  // `x || 'danger-full-access'`, `c && 'a' || 'b'`: each literal the expression can yield is one of its values.
  for (const m of body.matchAll(/(==|!=)?\s*'((?:[^']|'')*)'\s*(==|!=)?/g))
    if (!m[1] && !m[3]) out.push({ value: expand(m[2]!.replace(/''/g, "'")), path });
  return out.length > 0 ? out : [{ value: text, path }];
}

/** Every value the job's matrix lists for `key`, in its list and its `include:` entries. */
function matrixValues(job: Job, key: string): Located<string>[] {
  const strategy = job.raw['strategy'];
  const matrix = isMapping(strategy) ? strategy['matrix'] : undefined;
  if (!isMapping(matrix)) return [];
  const out: Located<string>[] = [];
  const listed = matrix[key];
  if (Array.isArray(listed)) {
    listed.forEach((item, i) => {
      const itemText = scalarText(item);
      if (itemText !== null) out.push({ value: itemText, path: [...job.path, 'strategy', 'matrix', key, i] });
    });
  }
  const include = matrix['include'];
  if (Array.isArray(include)) {
    include.forEach((entry, i) => {
      const itemText = isMapping(entry) ? scalarText(entry[key]) : null;
      if (itemText !== null)
        out.push({ value: itemText, path: [...job.path, 'strategy', 'matrix', 'include', i, key] });
    });
  }
  return out;
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
  add(step.raw['env'], [...step.path, 'env']);
  return env;
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
