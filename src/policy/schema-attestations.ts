/**
 * The shape of attestations: sandbox facts enforced outside the repository (a runner pool of
 * micro-VMs, a firewall set in repository settings), each with evidence, an owner and an expiry.
 * Part of the policy schema (see schema.ts); the engine applies them (src/engine/attestations.ts).
 */
import { z } from 'zod';
import { FACT_LEVELS, SANDBOX_FACTS, type DeploymentKind, type SandboxFactName } from '../model.js';
import type { Range } from '../documents/types.js';
import { selectObject } from './schema-custom.js';

/** How far ahead an attestation may expire when the policy does not say (`attestations.max-days`). */
export const DEFAULT_ATTESTATION_MAX_DAYS = 180;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)], { error: 'expected a value or a list of values' });

const URL_EVIDENCE = /^https:\/\/[^\s/]+\S*$/;

/** A URL (https) or a repo-relative path; anything else cannot be followed by a reviewer. */
export function evidenceProblem(evidence: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(evidence))
    return URL_EVIDENCE.test(evidence) ? null : '`evidence` is an `https://` URL or a path in the repository';
  if (evidence.startsWith('/') || /^[A-Za-z]:[\\/]/.test(evidence) || evidence.split(/[\\/]/).includes('..'))
    return '`evidence` as a path is repo-relative and stays inside the repository';
  return null;
}

export const isUrlEvidence = (evidence: string): boolean => URL_EVIDENCE.test(evidence);

/**
 * The schema of one attestation, built on first use: most policies write none, and its few dozen zod
 * schemas cost tens of microseconds each to construct, which every start-up would otherwise pay.
 */
function build() {
  /** The same selectors as custom rules, plus where a workflow job or a workload runs. */
  const attestationSelectSchema = selectObject()
    .extend({
      'runs-on': oneOrMany(z.string().trim().min(1))
        .optional()
        .describe(
          'Runner labels a workflow job must request, all of them (`[self-hosted, firecracker]`); a job whose `runs-on` is an expression never matches.',
        ),
      'runner-group': z
        .string()
        .trim()
        .min(1)
        .optional()
        .describe('Glob on the runner group a workflow job names (`runs-on: { group: … }`).'),
      namespace: oneOrMany(z.string().trim().min(1))
        .optional()
        .describe('Globs on the namespace of a Kubernetes workload; a workload without a namespace never matches.'),
    })
    .superRefine((value, ctx) => {
      if (Object.keys(value).length === 0)
        ctx.addIssue({
          code: 'custom',
          message: 'an attestation must say which deployments it covers; an empty `applies-to` would cover every agent',
          path: [],
        });
      const runner = value['runs-on'] !== undefined || value['runner-group'] !== undefined;
      const kinds = value.kind === undefined ? null : Array.isArray(value.kind) ? value.kind : [value.kind];
      if (runner && value.namespace !== undefined)
        ctx.addIssue({
          code: 'custom',
          message:
            '`runs-on` selects workflow jobs and `namespace` Kubernetes workloads; no deployment is both, so write two attestations',
          path: ['namespace'],
        });
      if (runner && kinds && !kinds.includes('workflow-job'))
        ctx.addIssue({
          code: 'custom',
          message: '`runs-on` and `runner-group` only select `workflow-job`',
          path: ['kind'],
        });
      if (value.namespace !== undefined && kinds && !kinds.includes('k8s-workload'))
        ctx.addIssue({ code: 'custom', message: '`namespace` only selects `k8s-workload`', path: ['kind'] });
    })
    .describe('Which deployments the attestation covers; every listed criterion must match.');

  const factsShape = Object.fromEntries(
    SANDBOX_FACTS.map((name) => [
      name,
      z
        .enum(FACT_LEVELS[name].slice(1) as [string, ...string[]], {
          error: `expected one of ${FACT_LEVELS[name].slice(1).join(', ')} (the weakest, \`${FACT_LEVELS[name][0]}\`, needs no attestation)`,
        })
        .optional(),
    ]),
  ) as Record<SandboxFactName, z.ZodOptional<z.ZodEnum<Record<string, string>>>>;

  const attestedFactsSchema = z
    .strictObject(factsShape)
    .refine((facts) => Object.values(facts).some((v) => v !== undefined), {
      error: `name at least one fact (${SANDBOX_FACTS.join(', ')}) and the level enforced outside the repository`,
    })
    .describe('The facts enforced outside the repository, each at the level it is enforced.');

  const isoDate = z
    .string({ error: 'expected a date written YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written YYYY-MM-DD' })
    .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: 'not a calendar date' });

  const attestationSchema = z.strictObject({
    id: z
      .string({ error: 'an attestation needs an `id`' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
        error: 'an attestation id is kebab-case: lowercase letters, digits and single dashes',
      })
      .describe('Kebab-case id, unique in the policy; named in every fact the attestation raises.'),
    'applies-to': attestationSelectSchema,
    facts: attestedFactsSchema,
    evidence: z
      .string({ error: 'an attestation needs `evidence`: a URL or a path in the repository that shows the control' })
      .trim()
      .min(1, { error: 'an attestation needs non-empty `evidence`' })
      .superRefine((value, ctx) => {
        const problem = evidenceProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe('Where a reviewer can check the control: an `https://` URL or a repo-relative path.'),
    owner: z
      .string({ error: 'an attestation needs an `owner` who answers for it' })
      .trim()
      .min(1, { error: 'an attestation needs a non-empty `owner`' })
      .describe('Who answers for the control (a team handle or an address).'),
    expires: isoDate.describe(
      'Last day (YYYY-MM-DD, UTC) the attestation holds, at most `attestations.max-days` ahead; after it the facts fall back to what the files say.',
    ),
  });

  return { attestationSchema };
}

/** One attestation, built on first use (a lazy schema: the list around it costs nothing until an entry is read). */
const attestationSchema = z.lazy(() => build().attestationSchema);

const attestationSettingsSchema = z.strictObject({
  'max-days': z
    .number()
    .int()
    .positive()
    .optional()
    .describe(`How far ahead an attestation may expire, in days. Default ${DEFAULT_ATTESTATION_MAX_DAYS}.`),
  entries: z.array(attestationSchema).default([]).describe('The attestations.'),
});

/** A list of entries, or `{ max-days, entries }` to set the longest allowed validity as well. */
export const attestationsSchema = z
  .union([z.array(attestationSchema), attestationSettingsSchema], {
    error: 'expected a list of attestations, or `{ max-days, entries }`',
  })
  .describe(
    'Sandbox facts enforced outside the repository (runner pools, firewalls set in repository settings, cluster admission), each with evidence, an owner and an expiry.',
  );

export type AttestationInput = z.output<ReturnType<typeof build>['attestationSchema']>;

/** The entries and settings of one layer, however they were written. */
export function attestationsOf(value: z.output<typeof attestationsSchema> | undefined): {
  maxDays: number | undefined;
  entries: AttestationInput[];
  /** Key path of the list in the file. */
  base: (string | number)[];
} {
  if (value === undefined) return { maxDays: undefined, entries: [], base: ['attestations'] };
  if (Array.isArray(value)) return { maxDays: undefined, entries: value, base: ['attestations'] };
  return { maxDays: value['max-days'], entries: value.entries, base: ['attestations', 'entries'] };
}

/** An attestation after validation, with where it was written. */
export interface Attestation {
  id: string;
  appliesTo: {
    kind?: DeploymentKind[];
    agent?: string[];
    path?: string[];
    name?: string[];
    labels?: Record<string, string>;
    runsOn?: string[];
    runnerGroup?: string;
    namespace?: string[];
  };
  facts: Partial<Record<SandboxFactName, string>>;
  evidence: string;
  owner: string;
  expires: string;
  /** The entry in its policy file. */
  at: { file: string; range: Range };
  /** The line of each attested fact, the source of the fact it raises. */
  factAt: Partial<Record<SandboxFactName, Range>>;
  /**
   * Governance hook: false when this entry is not in the base commit's policy (a pull request adds or
   * changes it). The engine applies such an attestation only when `approved` is true.
   */
  inBase?: boolean;
  approved?: boolean;
}
