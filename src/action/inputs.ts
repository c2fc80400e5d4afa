/**
 * The action's inputs as one typed object, parsed with zod. Defaults live here, not in action.yml,
 * and `fail-on` has none: left empty, the policy decides.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { FAIL_ON } from '../policy/schema.js';

/** `owner/repo/path/to/policy.yml@ref`: a policy kept in another repository (or this one at a fixed ref). */
export const REMOTE_POLICY = /^(?<owner>[A-Za-z0-9_.-]+)\/(?<repo>[A-Za-z0-9_.-]+)\/(?<path>[^@\s]+)@(?<ref>[^\s@]+)$/;

export type PolicySource =
  { kind: 'base' } | { kind: 'head' } | { kind: 'remote'; owner: string; repo: string; path: string; ref: string };

const lower = (value: string): string => value.trim().toLowerCase();
const choice = <T extends string>(values: readonly T[], fallback: T) =>
  z
    .string()
    .transform(lower)
    .transform((v) => (v === '' ? fallback : v))
    .pipe(z.enum(values as [T, ...T[]], { error: `expected one of ${values.join(', ')}` }));
const bool = (fallback: boolean) =>
  choice(['true', 'false'], fallback ? 'true' : 'false').transform((v) => v === 'true');

const schema = z.strictObject({
  'github-token': z.string().trim(),
  policy: z.string().trim(),
  'policy-source': z
    .string()
    .trim()
    .transform((value, ctx): PolicySource | null => {
      if (value === '') return null;
      if (lower(value) === 'base' || lower(value) === 'head') return { kind: lower(value) as 'base' | 'head' };
      const remote = REMOTE_POLICY.exec(value)?.groups;
      if (remote)
        return { kind: 'remote', owner: remote.owner!, repo: remote.repo!, path: remote.path!, ref: remote.ref! };
      ctx.addIssue({ code: 'custom', message: 'expected base, head, or OWNER/REPO/PATH@REF' });
      return z.NEVER;
    }),
  'fail-on': z
    .string()
    .transform(lower)
    .pipe(
      z.union([z.literal(''), z.enum(FAIL_ON)], {
        error: `expected one of ${FAIL_ON.join(', ')}, or empty to use the policy's`,
      }),
    )
    .transform((v) => (v === '' ? null : v)),
  scope: choice(['all', 'changed'], 'all'),
  comment: choice(['always', 'on-failure', 'never'], 'on-failure'),
  'check-run': bool(true),
  'sarif-file': z.string().trim(),
  'annotate-passing': bool(false),
  /** Empty: suggested fixes on `pull_request` events only. */
  suggestions: z
    .string()
    .transform(lower)
    .pipe(z.union([z.literal(''), z.enum(['true', 'false'])], { error: 'expected true or false' }))
    .transform((v) => (v === '' ? null : v === 'true')),
});

export type Inputs = z.output<typeof schema>;
export const INPUT_NAMES = Object.keys(schema.shape) as (keyof Inputs)[];

/** Reads every input through `get` (core.getInput) and validates them all at once. */
export function readInputs(get: (name: string) => string): Inputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, get(name)]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    message: `input \`${String(issue.path[0])}\`: ${issue.message}; got "${raw[String(issue.path[0])] ?? ''}"`,
  }));
  throw new UserError(
    details.length === 1 ? details[0]!.message : `${details.length} invalid inputs`,
    undefined,
    details.length === 1 ? [] : details,
  );
}
