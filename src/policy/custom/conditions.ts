/**
 * Evaluates a custom rule's condition tree against one deployment. Each result carries the spots it
 * read (a fact's source line, a field's key path), so findings point at what decided the outcome.
 */
import type { Deployment, SandboxFactName, SourceRef } from '../../model.js';
import { matchesValue } from '../glob.js';
import { FACT_LEVELS, OPERATORS, type ConditionInput, type Operator } from '../schema-custom.js';
import { fieldLabel, parseFieldPath, resolveField, type FieldPath } from './paths.js';

/** Where a leaf looked and what it saw ("`spec.runtimeClassName` is `runc`"). */
export interface Spot {
  at: SourceRef;
  detail: string;
}

/**
 * `holds`: whether the condition is true. `groups`: when false, one entry per independent violation
 * (each a list of spots); when true, the spots that support it (used by `not`).
 */
export interface Outcome {
  holds: boolean;
  groups: Spot[][];
}

export interface Subject {
  deployment: Deployment;
  /** The document's plain value, or undefined when it cannot be read. */
  document: unknown;
  /** The value at `deployment.root`. */
  root: unknown;
}

const fieldCache = new WeakMap<ConditionInput, FieldPath>();

export function evaluateCondition(condition: ConditionInput, subject: Subject): Outcome {
  if (condition.all) {
    const results = condition.all.map((c) => evaluateCondition(c, subject));
    const failing = results.filter((r) => !r.holds);
    if (failing.length === 0) return { holds: true, groups: results.flatMap((r) => r.groups) };
    return { holds: false, groups: failing.flatMap((r) => r.groups) };
  }
  if (condition.any) {
    const results = condition.any.map((c) => evaluateCondition(c, subject));
    const holding = results.find((r) => r.holds);
    if (holding) return { holds: true, groups: holding.groups };
    return { holds: false, groups: [results.flatMap((r) => r.groups.flat())] };
  }
  if (condition.not) {
    const inner = evaluateCondition(condition.not, subject);
    if (inner.holds) return { holds: false, groups: [inner.groups.flat()] };
    return { holds: true, groups: inner.groups };
  }
  return condition.fact ? factLeaf(condition.fact, condition, subject.deployment) : fieldLeaf(condition, subject);
}

function operatorOf(condition: ConditionInput): Operator {
  return OPERATORS.find((o) => o in condition)!;
}

function factLeaf(name: SandboxFactName, condition: ConditionInput, deployment: Deployment): Outcome {
  const fact = deployment.sandbox[name];
  const operator = operatorOf(condition);
  const levels = FACT_LEVELS[name];
  let holds: boolean;
  if (operator === 'at-least' || operator === 'at-most') {
    const have = levels.indexOf(fact.value);
    const want = levels.indexOf(condition[operator]!);
    holds = operator === 'at-least' ? have >= want : have <= want;
  } else holds = compare(operator, condition, true, fact.value);
  const spot: Spot = { at: fact.source ?? deployment.at, detail: `${name} is ${fact.value} because ${fact.reason}` };
  return { holds, groups: [[spot]] };
}

function fieldLeaf(condition: ConditionInput, subject: Subject): Outcome {
  let field = fieldCache.get(condition);
  if (!field) fieldCache.set(condition, (field = parseFieldPath(condition.field!)));
  const { deployment } = subject;
  const start = field.absolute ? subject.document : subject.root;
  const base = field.absolute ? [] : [...deployment.root.path];
  const operator = operatorOf(condition);
  const holding: Spot[][] = [];
  const failing: Spot[][] = [];
  for (const hit of resolveField(start, field)) {
    const label = `${field.absolute ? '$.' : ''}${fieldLabel(hit.path)}`;
    const at: SourceRef = hit.found
      ? {
          file: deployment.root.file,
          ...(deployment.root.doc !== undefined ? { doc: deployment.root.doc } : {}),
          path: [...base, ...hit.path],
        }
      : deployment.at;
    const spot: Spot = {
      at,
      detail: hit.found ? `\`${label}\` is ${showValue(hit.value, label)}` : `\`${label}\` is absent`,
    };
    (compare(operator, condition, hit.found, hit.value) ? holding : failing).push([spot]);
  }
  return failing.length ? { holds: false, groups: failing } : { holds: true, groups: holding };
}

function compare(operator: Operator, condition: ConditionInput, found: boolean, value: unknown): boolean {
  switch (operator) {
    case 'exists':
      return found;
    case 'absent':
      return !found;
    case 'equals':
      return found && same(value, condition.equals);
    case 'not-equals':
      return !found || !same(value, condition['not-equals']);
    case 'in':
      return found && condition.in!.some((v) => same(value, v));
    case 'not-in':
      return !found || !condition['not-in']!.some((v) => same(value, v));
    case 'matches':
      return found && isScalarText(value) && matchesValue(String(value), condition.matches!);
    case 'not-matches':
      return !found || !isScalarText(value) || !matchesValue(String(value), condition['not-matches']!);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = toNumber(value);
      if (!found || n === null) return false;
      const limit = condition[operator]!;
      return operator === 'gt'
        ? n > limit
        : operator === 'gte'
          ? n >= limit
          : operator === 'lt'
            ? n < limit
            : n <= limit;
    }
    default:
      return false; // at-least / at-most on a field is rejected when the policy loads
  }
}

/** Scalars compare by value; a number and its decimal string are the same (`"20"` and `20`). */
function same(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (
    (typeof actual === 'number' && typeof expected === 'string') ||
    (typeof actual === 'string' && typeof expected === 'number')
  ) {
    return String(actual).trim() === String(expected).trim() && String(expected).trim() !== '';
  }
  return false;
}

const isScalarText = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** Values appear in messages, so anything that may be a credential is withheld. */
const SECRET_KEY = /(secret|token|password|passwd|api[-_]?key|credential|private[-_]?key|auth)/i;
const SECRET_VALUE = /^(gh[pousr]_|github_pat_|sk-|xox[abposr]-|AKIA|AIza|glpat-|-----BEGIN)/;

export function showValue(value: unknown, label: string): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  const text = String(value);
  if (
    typeof value === 'string' &&
    (SECRET_KEY.test(label) || SECRET_VALUE.test(text) || /^[A-Za-z0-9+/_=-]{32,}$/.test(text))
  )
    return 'set (value withheld)';
  return `\`${text.length > 60 ? `${text.slice(0, 57)}…` : text}\``;
}
