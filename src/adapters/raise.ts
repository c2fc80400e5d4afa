/**
 * Raising a sandbox fact with a control enforced around the deployment (a cluster's admission policy,
 * a policy attestation): the one place that decides when an outer control may raise a fact. It never
 * lowers one, and never lifts what the deployment's own files weaken.
 */
import { FACT_LEVELS, type Fact, type Sandbox, type SandboxFactName } from '../model.js';

export type RaiseVerdict =
  | { raise: true }
  | { raise: false; why: 'stronger' | 'same' }
  /** The files themselves set the weak value: an outer control cannot be trusted to undo it. */
  | { raise: false; why: 'weakened'; reason: string };

/**
 * Whether `level` may replace the deployment's `name` fact. A fact already at least as strong stays;
 * at the same level an outer control replaces only a default (a fact no line establishes), so the
 * control becomes its evidence. A file line that sets the weakest level (`privileged: true`,
 * `hostNetwork: true`) stays (limits excepted: their weakest level is an absence, not a setting), and so does an approval that is bypassed: the agent is run in a mode
 * that asks for nothing, whatever surrounds it.
 */
export function mayRaise(sandbox: Sandbox, name: SandboxFactName, level: string): RaiseVerdict {
  const levels = FACT_LEVELS[name];
  const fact = sandbox[name] as Fact<string>;
  const current = levels.indexOf(fact.value);
  const wanted = levels.indexOf(level);
  if (current > wanted) return { raise: false, why: 'stronger' };
  if (name === 'approval' && fact.value === 'bypassed')
    return { raise: false, why: 'weakened', reason: `approval stays \`bypassed\`: ${fact.reason}` };
  // Missing limits are pointed at where they are missing; only a line that sets a weak value weakens.
  if (fact.source && current === 0 && name !== 'limits')
    return { raise: false, why: 'weakened', reason: `${name} stays \`${fact.value}\`: ${fact.reason}` };
  if (current === wanted && fact.source) return { raise: false, why: 'same' };
  return { raise: true };
}

/**
 * Replaces the fact. When isolation rises, facts that were only consequences of the missing sandbox
 * are judged on their own again: their root cause no longer reports them.
 */
export function raiseFact(sandbox: Sandbox, name: SandboxFactName, fact: Fact<string>): void {
  (sandbox as unknown as Record<SandboxFactName, Fact<string>>)[name] = fact;
  if (name !== 'isolation') return;
  for (const other of Object.values(sandbox) as Fact<string>[]) if (other !== fact) delete other.derived;
}
