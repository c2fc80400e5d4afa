/**
 * The shape of declarative custom rules: a selection of deployments and a condition tree over the
 * normalised sandbox facts and raw fields. Part of the policy schema (see schema.ts).
 */
import { z } from 'zod';
import { DEPLOYMENT_KINDS, FACT_LEVELS, SANDBOX_FACTS, SEVERITIES, type SandboxFactName } from '../model.js';
import { MAX_GLOB_LENGTH } from './glob.js';

/** The values a condition on a fact may name: its levels, weakest first. */
export { FACT_LEVELS };

export const VALUE_OPERATORS = ['equals', 'not-equals', 'in', 'not-in', 'matches', 'not-matches'] as const;
export const PRESENCE_OPERATORS = ['exists', 'absent'] as const;
export const NUMBER_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;
export const ORDER_OPERATORS = ['at-least', 'at-most'] as const;
export const OPERATORS = [...VALUE_OPERATORS, ...PRESENCE_OPERATORS, ...NUMBER_OPERATORS, ...ORDER_OPERATORS] as const;
export type Operator = (typeof OPERATORS)[number];
const GROUPS = ['all', 'any', 'not'] as const;

export interface ConditionInput {
  all?: ConditionInput[];
  any?: ConditionInput[];
  not?: ConditionInput;
  fact?: SandboxFactName;
  field?: string | (string | number)[];
  equals?: string | number | boolean | null;
  'not-equals'?: string | number | boolean | null;
  in?: (string | number | boolean | null)[];
  'not-in'?: (string | number | boolean | null)[];
  matches?: string;
  'not-matches'?: string;
  exists?: true;
  absent?: true;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  'at-least'?: string;
  'at-most'?: string;
}

function checkCondition(value: ConditionInput, ctx: z.RefinementCtx): void {
  const keys = Object.keys(value);
  const groups = GROUPS.filter((g) => g in value);
  const subjects = (['fact', 'field'] as const).filter((s) => s in value);
  const operators = OPERATORS.filter((o) => o in value);
  const issue = (message: string, path: (string | number)[] = []): void =>
    ctx.addIssue({ code: 'custom', message, path });
  if (keys.length === 0)
    return issue('empty condition: use `all`, `any`, `not`, or a `fact`/`field` with one operator');
  if (groups.length > 0) {
    if (keys.length > 1)
      issue(`\`${groups[0]}\` cannot be combined with other keys in the same condition; nest them instead`, [
        keys.find((k) => k !== groups[0])!,
      ]);
    return;
  }
  if (subjects.length !== 1) {
    return issue(
      subjects.length === 0
        ? 'a condition needs a `fact` or a `field` to test'
        : 'a condition tests either a `fact` or a `field`, not both',
      subjects.length ? ['field'] : [],
    );
  }
  if (operators.length !== 1) {
    return issue(
      operators.length === 0
        ? `a condition needs one operator: ${OPERATORS.join(', ')}`
        : `a condition takes one operator; found ${operators.map((o) => `\`${o}\``).join(' and ')}: combine them with \`all\``,
      operators.length ? [operators[1]!] : [],
    );
  }
  const operator = operators[0]!;
  if (value.fact) checkFactOperator(value.fact, operator, value, issue);
  else if ((ORDER_OPERATORS as readonly string[]).includes(operator))
    issue(`\`${operator}\` compares sandbox facts by strength; for a field use gt, gte, lt or lte`, [operator]);
}

function checkFactOperator(
  fact: SandboxFactName,
  operator: Operator,
  value: ConditionInput,
  issue: (m: string, p?: (string | number)[]) => void,
): void {
  const levels = FACT_LEVELS[fact];
  if (
    (PRESENCE_OPERATORS as readonly string[]).includes(operator) ||
    (NUMBER_OPERATORS as readonly string[]).includes(operator)
  ) {
    issue(
      `\`${operator}\` does not apply to facts: every deployment has a \`${fact}\` value (one of ${levels.join(', ')})`,
      [operator],
    );
    return;
  }
  if (operator === 'matches' || operator === 'not-matches') return;
  const given = value[operator as 'equals'];
  const list = Array.isArray(given) ? given : [given];
  list.forEach((item, index) => {
    if (typeof item === 'string' && levels.includes(item)) return;
    const path = Array.isArray(given) ? [operator, index] : [operator];
    issue(`\`${String(item)}\` is not a valid \`${fact}\` value; use one of ${levels.join(', ')}`, path);
  });
}

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)], { error: 'expected a value or a list of values' });

/**
 * The zod schemas, built on first use: most policies write no custom rules, and each schema costs tens
 * of microseconds to construct, which every start-up would pay (the exports are lazy schemas).
 */
function build() {
  /** A glob is matched in time linear in the value only while its length is bounded. */
  const glob = z.string().max(MAX_GLOB_LENGTH, { error: `a glob is at most ${MAX_GLOB_LENGTH} characters` });

  const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'expected a string, number, boolean or null',
  });
  const fieldPath = z.union(
    [z.string().min(1), z.array(z.union([z.string(), z.number().int().nonnegative()])).min(1)],
    {
      error: 'expected a key path: `spec.template.spec.runtimeClassName` or a list of keys',
    },
  );

  /** One object type for groups and leaves, so every mistake maps to the key that holds it. */
  const condition: z.ZodType<ConditionInput> = z
    .strictObject({
      get all() {
        return z.array(condition).min(1).optional().describe('Holds when every listed condition holds.');
      },
      get any() {
        return z.array(condition).min(1).optional().describe('Holds when at least one listed condition holds.');
      },
      get not() {
        return condition.optional().describe('Holds when the condition does not.');
      },
      fact: z
        .enum(SANDBOX_FACTS as [SandboxFactName, ...SandboxFactName[]])
        .optional()
        .describe('A normalised sandbox fact.'),
      field: fieldPath
        .optional()
        .describe(
          "A raw field, by key path from the deployment's own node (`$.` starts at the document root; `*` ranges over every item).",
        ),
      equals: scalar.optional(),
      'not-equals': scalar.optional(),
      in: z.array(scalar).min(1).optional().describe('One of these values.'),
      'not-in': z.array(scalar).min(1).optional().describe('None of these values.'),
      matches: glob.optional().describe('A glob: `*` any run of characters, `?` one character.'),
      'not-matches': glob.optional(),
      exists: z.literal(true).optional().describe('The field is present (null counts as present).'),
      absent: z.literal(true).optional().describe('The field is not present.'),
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      'at-least': z
        .string()
        .optional()
        .describe('For facts: at least this strong (isolation `container` accepts gvisor, microvm, vm).'),
      'at-most': z.string().optional().describe('For facts: at most this strong.'),
    })
    .superRefine((value, ctx) => checkCondition(value, ctx))
    .meta({
      id: 'condition',
      description: 'A group (`all`, `any`, `not`) or a leaf: one `fact` or `field` and one operator.',
    });

  const selectSchema = z
    .strictObject({
      kind: oneOrMany(z.enum(DEPLOYMENT_KINDS))
        .optional()
        .describe(`Deployment kinds: ${DEPLOYMENT_KINDS.join(', ')}.`),
      agent: oneOrMany(glob.min(1))
        .optional()
        .describe('Agent ids (`claude-code`, `codex`, `gemini-cli`, …); globs allowed.'),
      path: oneOrMany(glob.min(1)).optional().describe('Globs on the repo-relative file that declares the deployment.'),
      name: oneOrMany(glob.min(1))
        .optional()
        .describe('Globs on the deployment name (job id, workload name, service key).'),
      labels: z.record(z.string(), glob).optional().describe('Labels that must be present; values are globs.'),
    })
    .describe('Which deployments the rule judges; every listed criterion must match. Absent: all deployments.');

  const customRuleSchema = z
    .strictObject({
      id: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
          error: 'a rule id is kebab-case: lowercase letters, digits and single dashes',
        })
        .describe('Kebab-case id, unique among built-in and custom rules.'),
      title: z.string().min(1).optional().describe('One line for tables; defaults to the message.'),
      message: z.string().min(1).describe('What is wrong and why it matters, in one sentence.'),
      severity: z.enum(SEVERITIES).default('error'),
      help: z.string().min(1).optional().describe('Markdown: what to do. Shown by `explain` and in SARIF help.'),
      select: selectSchema.optional(),
      require: condition
        .optional()
        .describe('Must hold for every selected deployment; each failing part is a finding.'),
      forbid: condition.optional().describe('Must not hold; a finding where it does.'),
    })
    .superRefine((value, ctx) => {
      const given = (['require', 'forbid'] as const).filter((k) => value[k] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: given.length
            ? 'a custom rule has either `require` or `forbid`, not both'
            : 'a custom rule needs a `require` or a `forbid` condition',
          path: given.length ? ['forbid'] : [],
        });
      }
    });
  return { selectSchema, customRuleSchema };
}

let built: ReturnType<typeof build> | undefined;
const schemas = (): ReturnType<typeof build> => (built ??= build());

export const customRuleSchema = z.lazy(() => schemas().customRuleSchema);
/** The selector object, for attestations to extend (built on first use, like the rest). */
export const selectObject = (): ReturnType<typeof build>['selectSchema'] => schemas().selectSchema;

export type CustomRuleInput = z.input<typeof customRuleSchema>;
export type SelectInput = z.input<ReturnType<typeof build>['selectSchema']>;
