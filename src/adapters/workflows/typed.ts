/**
 * Literal values a workflow hands to its steps (`env:` at every level, each step's `with:`), for
 * `inline-secret`: a model key typed there is readable by everyone who can read the repository.
 * Expressions (`${{ secrets.X }}`) are references, which the secret scanner already skips.
 */
import type { InlineValue } from '../../model/details/inline-values.js';
import type { SourceRef } from '../../model.js';
import { collectInlineValues } from '../../secrets.js';
import type { Job, Mapping } from './workflow.js';

export const WORKFLOW_SECRET_REFERENCE = '`${{ secrets.NAME }}` (a repository or environment secret)';

/** The job's `env:` and every step's `env:` and `with:`, at their keys. */
export function jobTypedValues(file: string, job: Job, doc: number): InlineValue[] {
  const ref = (path: SourceRef['path']): SourceRef => ({ file, path, ...(doc > 0 ? { doc } : {}) });
  const out = collectInlineValues(job.raw['env'], ref([...job.path, 'env']), 'env');
  for (const step of job.steps) {
    for (const key of ['with', 'env'] as const)
      out.push(...collectInlineValues(step.raw[key], ref([...step.path, key]), key));
  }
  return out;
}

/** The workflow's top-level `env:` (given to one job of the file, so it is reported once). */
export function workflowTypedValues(file: string, workflow: Mapping, doc: number): InlineValue[] {
  return collectInlineValues(workflow['env'], { file, path: ['env'], ...(doc > 0 ? { doc } : {}) }, 'env');
}
