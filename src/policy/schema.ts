/**
 * The policy file's shape and defaults. This schema is the only place they live: the loader, the
 * JSON schema in docs/ and the presets all derive from it.
 */
import { z } from 'zod';
import type { ConditionInput } from './schema-custom.js';
import { customRuleSchema } from './schema-custom.js';
import { attestationsSchema, type Attestation } from './schema-attestations.js';
import { SEVERITIES, type DeploymentKind, type Severity } from '../model.js';
import type { Range } from '../documents/types.js';
import { detectSettings, globList, type AdapterSettings } from '../model/detect-settings.js';
import { MAX_GLOB_LENGTH } from '../util/glob.js';

export { detectSettings, type AdapterSettings };

export const FAIL_ON = [...SEVERITIES, 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const FROM_PULL_REQUEST = ['honour', 'govern'] as const;
export type FromPullRequest = (typeof FROM_PULL_REQUEST)[number];

const severity = z.enum(SEVERITIES);

/** `off`, a severity, or an object with severity and options. */
export const ruleSetting = z.union(
  [
    z.literal('off'),
    severity,
    z.strictObject({
      severity: z.union([z.literal('off'), severity], { error: 'expected off, error, warning or notice' }).optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    }),
  ],
  { error: 'expected `off`, a severity (error, warning, notice) or `{ severity, options }`' },
);
export type RuleSetting = z.infer<typeof ruleSetting>;

const ruleSettings = z.record(z.string(), ruleSetting);

const isoDate = z
  .string({ error: 'expected a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written YYYY-MM-DD' })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { error: 'not a calendar date' },
  );

export const exceptionSchema = z.strictObject({
  rule: z
    .string({ error: 'an exception names the `rule` it suppresses' })
    .min(1)
    .describe('The rule id this exception suppresses.'),
  paths: globList.min(1).optional().describe("Globs on the finding's file. Absent: every file."),
  deployment: z
    .string()
    .min(1)
    .max(MAX_GLOB_LENGTH, { error: `a glob is at most ${MAX_GLOB_LENGTH} characters` })
    .optional()
    .describe('Glob on the deployment name (job id, workload name, service key).'),
  deployments: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe(
      'Exact deployment ids (`workflow-job:.github/workflows/agent.yml#fix`), so no glob can cover a deployment added later.',
    ),
  reason: z
    .string({ error: 'an exception needs a `reason`' })
    .trim()
    .min(1, { error: 'an exception needs a non-empty `reason`' })
    .describe('Why the exception is safe; shown with every suppressed finding.'),
  expires: isoDate
    .optional()
    .describe('Last day (YYYY-MM-DD, UTC) the exception applies; after it the exception is reported as expired.'),
});

export const suppressionSettings = z
  .strictObject({
    inline: z.boolean().optional().describe('Allow `# agent-sandbox: ignore[rule-id] reason` comments. Default true.'),
    annotations: z
      .boolean()
      .optional()
      .describe('Allow `agent-sandbox/ignore.<rule-id>` Kubernetes annotations. Default true.'),
    rules: z
      .array(z.string().min(1))
      .optional()
      .describe('Only these rules may be suppressed in files. Absent: any rule.'),
    'require-reason': z.boolean().optional().describe('An in-file suppression must give a reason. Default true.'),
    'max-days': z
      .number()
      .int()
      .positive()
      .optional()
      .describe('An in-file suppression must say `until=YYYY-MM-DD`, at most this many days ahead.'),
    'from-pull-request': z
      .enum(FROM_PULL_REQUEST)
      .optional()
      .describe(
        'Suppressions and exceptions a pull request adds: `govern` (default) keeps their findings failing until an approver approves the head commit; `honour` lets them count at once.',
      ),
    approvers: z
      .array(z.string().min(1).max(100))
      .optional()
      .describe(
        'GitHub logins (or `org/team` slugs) whose approving review at the head commit accepts the suppressions a pull request adds. Read from the base policy.',
      ),
  })
  .describe('What suppressions written in the scanned files may do.');

export const overrideSchema = z.strictObject({
  files: globList.min(1).describe('Globs on repo-relative paths the settings apply to.'),
  rules: ruleSettings.describe('Rule settings for deployments and findings in those files; later overrides win.'),
});

export const policySchema = z
  .strictObject({
    $schema: z.string().optional(),
    extends: z
      .union([z.string().min(1), z.array(z.string().min(1))], {
        error: 'expected a preset name or repo-relative file, or a list of them',
      })
      .optional()
      .describe(
        "Built-in presets (`recommended`, `strict`) or repo-relative policy files; later entries win. Absent: `recommended`; `[]` starts from each rule's defaults.",
      ),
    'fail-on': z.enum(FAIL_ON).optional().describe('Lowest severity that fails the run. Default `error`.'),
    include: globList.optional().describe('Only scan paths matching these globs.'),
    exclude: globList.optional().describe('Never scan paths matching these globs.'),
    'max-file-size': z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Files larger than this many bytes are skipped and listed in coverage. Default 1 MiB.'),
    templated: z
      .enum(['report', 'fail'])
      .optional()
      .describe('What to do with templated YAML (Helm) that cannot be evaluated: list it in coverage, or fail.'),
    rules: ruleSettings.optional().describe('Per-rule `off`, severity, or `{ severity, options }`.'),
    only: z
      .array(z.string().min(1))
      .optional()
      .describe(
        "Allowlist mode: only these rules judge deployments (the scanner's own file and suppression checks stay on).",
      ),
    overrides: z.array(overrideSchema).optional().describe('Rule settings for paths matching globs.'),
    'custom-rules': z
      .array(customRuleSchema)
      .optional()
      .describe('Declarative rules over sandbox facts and raw fields.'),
    exceptions: z
      .array(exceptionSchema)
      .optional()
      .describe('Findings the policy accepts, each with a reason and optionally an expiry date.'),
    suppressions: suppressionSettings.optional(),
    attestations: attestationsSchema.optional(),
    detect: detectSettings.optional(),
  })
  .describe('agent-sandbox-guard policy');

export type PolicyFile = z.input<typeof policySchema>;

/** A custom rule after validation, with where it was written. */
export interface CustomRuleDef {
  id: string;
  title?: string;
  message: string;
  severity: Severity;
  help?: string;
  select: {
    kind?: DeploymentKind[];
    agent?: string[];
    path?: string[];
    name?: string[];
    labels?: Record<string, string>;
  };
  /** Findings where this does not hold (`forbid: C` is stored as `not: C`). */
  require: ConditionInput;
  /** `file:line` of the rule's entry. */
  source: string;
}

/** A policy-level exception, positioned in the policy file that declared it. */
export interface PolicyException {
  rule: string;
  paths: string[];
  deployment?: string;
  /** Exact deployment ids. */
  deployments?: string[];
  reason: string;
  expires?: string;
  /** The exception's entry in its policy file. */
  at: { file: string; range: Range };
}

export interface SuppressionPolicy {
  inline: boolean;
  annotations: boolean;
  /** Rules that may be suppressed in files; null = every rule. */
  rules: string[] | null;
  requireReason: boolean;
  maxDays: number | null;
  /** What suppressions and exceptions a pull request adds may do before an approver approves. */
  fromPullRequest: FromPullRequest;
  /** Logins or `org/team` slugs whose approval at the head commit accepts them. */
  approvers: string[];
}

export interface PathOverride {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** A policy after `extends` is resolved and defaults are applied. */
export interface ResolvedPolicy {
  /** A path or `built-in:<preset>`. */
  source: string;
  failOn: FailOn;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  templated: 'report' | 'fail';
  rules: Record<string, RuleSetting>;
  detect: AdapterSettings;
  /** Allowlist mode: only these rules judge deployments; null = every rule. */
  only: string[] | null;
  overrides: PathOverride[];
  customRules: CustomRuleDef[];
  exceptions: PolicyException[];
  suppressions: SuppressionPolicy;
  /** Sandbox facts enforced outside the repository, in the order the layers wrote them. */
  attestations: Attestation[];
  /** How far ahead an attestation may expire. */
  attestationMaxDays: number;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export const DEFAULT_SUPPRESSIONS: SuppressionPolicy = {
  inline: true,
  annotations: true,
  rules: null,
  requireReason: true,
  maxDays: null,
  fromPullRequest: 'govern',
  approvers: [],
};
