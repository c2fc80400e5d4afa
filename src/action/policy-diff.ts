/** What a pull request's edit to the policy would change, setting by setting. Pure. */
import type { ResolvedPolicy } from '../policy/schema.js';
import { plural } from '../report/view.js';

export interface PolicyChange {
  /** Dotted setting name as written in the policy file (`fail-on`, `rules.sandbox-required`). */
  setting: string;
  before: string;
  after: string;
}

const MAX_VALUE = 80;

export function diffPolicies(base: ResolvedPolicy, head: ResolvedPolicy): PolicyChange[] {
  const before = flatten(base);
  const after = flatten(head);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => ({ setting: key, before: before.get(key) ?? '(unset)', after: after.get(key) ?? '(unset)' }));
}

/** Leaves of the resolved policy as `setting → JSON`; lists and rule settings compare whole. */
function flatten(policy: ResolvedPolicy): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, key: string, depth: number): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 2) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        walk(v, key ? `${key}.${kebab(k)}` : kebab(k), depth + 1);
      return;
    }
    if (value === undefined) return;
    out.set(key, short(JSON.stringify(value)));
  };
  const { source: _source, ...rest } = policy;
  walk(rest, '', 0);
  return out;
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const short = (text: string): string => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text);

const MAX_LISTED = 10;

/**
 * The notice for a pull request that edits the policy: which policy judged it, what the edit would
 * change, and what the verdict would be under the edited policy. Plain text, backticks for code.
 */
export function describeProposal(input: {
  file: string;
  origin: string;
  changes: readonly PolicyChange[] | null;
  error: string | null;
  wouldBe: { result: 'pass' | 'fail'; errors: number; warnings: number } | null;
  actual: { result: 'pass' | 'fail'; errors: number; warnings: number };
}): string {
  const parts = [
    `This pull request changes the policy \`${input.file}\`; it is judged by ${input.origin}, and the change applies once merged.`,
  ];
  if (input.error !== null) parts.push(`The proposed policy does not load: ${input.error}`);
  else if (input.changes && input.changes.length === 0) parts.push('The change alters no setting.');
  else if (input.changes) {
    const listed = input.changes.slice(0, MAX_LISTED).map((c) => `\`${c.setting}\` ${c.before} → ${c.after}`);
    const more = input.changes.length > MAX_LISTED ? `, and ${input.changes.length - MAX_LISTED} more` : '';
    parts.push(`The change would set ${listed.join('; ')}${more}.`);
  }
  if (input.wouldBe) {
    const same =
      input.wouldBe.result === input.actual.result &&
      input.wouldBe.errors === input.actual.errors &&
      input.wouldBe.warnings === input.actual.warnings;
    parts.push(
      same
        ? `Under it this run would give the same result (${input.actual.result}).`
        : `Under it this run would ${input.wouldBe.result} with ${plural(input.wouldBe.errors, 'error')} and ${plural(input.wouldBe.warnings, 'warning')} (now: ${input.actual.result}, ${plural(input.actual.errors, 'error')}, ${plural(input.actual.warnings, 'warning')}).`,
    );
  }
  return parts.join(' ');
}
