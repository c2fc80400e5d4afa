/** The runner a workflow job asks for, read from its own `runs-on` as written. */
import type { Deployment } from '../model.js';
import { valueAtPath } from '../policy/custom/compile.js';
import type { DocumentReader } from '../policy/custom/index.js';

export interface Runner {
  /** The labels asked for, or null when an expression picks them at run time. */
  labels: string[] | null;
  /** `runs-on: { group: … }`, or null. */
  group: string | null;
  /** True for `self-hosted` or a runner group, null when an expression decides, false otherwise. */
  selfHosted: boolean | null;
}

const EXPRESSION = /\$\{\{/;

/** The runner of a workflow job, or null for other deployments and jobs without `runs-on`. */
export function runnerOf(d: Deployment, read: DocumentReader): Runner | null {
  if (d.kind !== 'workflow-job') return null;
  const job = valueAtPath(read(d.root), d.root.path);
  if (job === null || typeof job !== 'object' || Array.isArray(job)) return null;
  const runsOn = (job as Record<string, unknown>)['runs-on'];
  if (runsOn === undefined) return null;
  const unknown: Runner = { labels: null, group: null, selfHosted: null };
  let written: unknown[];
  let group: string | null = null;
  if (runsOn !== null && typeof runsOn === 'object' && !Array.isArray(runsOn)) {
    const mapping = runsOn as Record<string, unknown>;
    if (mapping['group'] !== undefined) {
      if (typeof mapping['group'] !== 'string' || EXPRESSION.test(mapping['group'])) return unknown;
      group = mapping['group'];
    }
    written = mapping['labels'] === undefined ? [] : [mapping['labels']].flat();
  } else written = [runsOn].flat();
  if (!written.every((l): l is string => typeof l === 'string' && !EXPRESSION.test(l))) return { ...unknown, group };
  const labels = written.map((l) => l.trim());
  return { labels, group, selfHosted: group !== null || labels.some((l) => l.toLowerCase() === 'self-hosted') };
}
