/**
 * Applies the policy's attestations to the deployments: each live attestation raises the facts it
 * names on the deployments it selects (never lowering one, never lifting what the files weaken), and
 * the audit reports expired, expiring and unused ones. Pure: "today" is an input.
 */
import { mayRaise, raiseFact } from '../adapters/raise.js';
import {
  SANDBOX_FACTS,
  type Deployment,
  type Fact,
  type RawFinding,
  type SandboxFactName,
  type SourceRef,
} from '../model.js';
import { matchesValue } from '../policy/glob.js';
import { addDays } from '../util/dates.js';
import type { Attestation } from '../policy/schema-attestations.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import { ATTESTATION_EXPIRED } from '../rules/attestations/attestation-expired.js';
import { ATTESTATION_EXPIRING, EXPIRING_DAYS } from '../rules/attestations/attestation-expiring.js';
import { ATTESTATION_UNUSED } from '../rules/attestations/attestation-unused.js';
import { selects, type DocumentReader } from '../policy/custom/index.js';
import { runnerOf, type Runner } from './runners.js';

export type AttestationStatus = 'active' | 'expiring' | 'expired' | 'proposed';

export interface AttestationUse {
  attestation: Attestation;
  status: AttestationStatus;
  /** Deployments the attestation selects. */
  matched: string[];
  /** Facts it raised, per deployment. */
  raised: { deployment: string; fact: SandboxFactName }[];
  /** Facts it could not raise because the deployment's own files weaken them. */
  blocked: { deployment: string; fact: SandboxFactName; reason: string }[];
}

export interface AttestationOutcome {
  uses: AttestationUse[];
  /** Workflow jobs on self-hosted runners (or runners an expression picks) that no live attestation covers. */
  unattestedRunners: { deployment: string; runner: Runner }[];
  findings: RawFinding[];
}

export function applyAttestations(
  deployments: readonly Deployment[],
  policy: ResolvedPolicy,
  today: string,
  read: DocumentReader,
  /** False when the scan read only part of the repository: "selects nothing" cannot be told then. */
  complete = true,
): AttestationOutcome {
  const runners = new Map<string, Runner>();
  for (const d of deployments) {
    const runner = runnerOf(d, read);
    if (runner) runners.set(d.id, runner);
  }
  const uses = policy.attestations.map((attestation) => {
    const use: AttestationUse = {
      attestation,
      status: statusOf(attestation, today),
      matched: [],
      raised: [],
      blocked: [],
    };
    if (use.status === 'expired' || use.status === 'proposed') return use;
    for (const d of deployments) {
      if (!covers(attestation, d, runners.get(d.id))) continue;
      use.matched.push(d.id);
      applyTo(attestation, d, use);
    }
    return use;
  });
  const covered = new Set(uses.flatMap((u) => u.matched));
  const unattestedRunners = [...runners]
    .filter(([id, runner]) => runner.selfHosted !== false && !covered.has(id))
    .map(([deployment, runner]) => ({ deployment, runner }));
  return { uses, unattestedRunners, findings: uses.flatMap((u) => audit(u, today, complete)) };
}

function statusOf(attestation: Attestation, today: string): AttestationStatus {
  if (attestation.expires < today) return 'expired';
  if (attestation.inBase === false && !attestation.approved) return 'proposed';
  return attestation.expires <= addDays(today, EXPIRING_DAYS) ? 'expiring' : 'active';
}

/** The custom-rule selectors, then the runner and namespace a deployment must have. */
function covers(attestation: Attestation, d: Deployment, runner: Runner | undefined): boolean {
  const { runsOn, runnerGroup, namespace, ...select } = attestation.appliesTo;
  if (!selects({ select }, d)) return false;
  if (runsOn || runnerGroup !== undefined) {
    // An expression picks the runner at run time: no attestation can know which pool that is.
    if (!runner || runner.labels === null) return false;
    const labels = new Set(runner.labels.map((l) => l.toLowerCase()));
    if (runsOn && !runsOn.every((l) => labels.has(l.toLowerCase()))) return false;
    if (runnerGroup !== undefined && (runner.group === null || !matchesValue(runner.group, runnerGroup))) return false;
  }
  if (namespace) {
    const ns = d.kind === 'k8s-workload' ? d.details.namespace : undefined;
    if (ns === undefined || !namespace.some((g) => matchesValue(ns, g))) return false;
  }
  return true;
}

function applyTo(attestation: Attestation, d: Deployment, use: AttestationUse): void {
  for (const name of SANDBOX_FACTS) {
    const level = attestation.facts[name];
    if (level === undefined) continue;
    const verdict = mayRaise(d.sandbox, name, level);
    if (!verdict.raise) {
      if (verdict.why === 'weakened') use.blocked.push({ deployment: d.id, fact: name, reason: verdict.reason });
      continue;
    }
    raiseFact(d.sandbox, name, attestedFact(attestation, name, level));
    use.raised.push({ deployment: d.id, fact: name });
  }
}

/** The fact as every output shows it: the attestation, its owner, expiry and evidence, at its policy line. */
export function attestedFact(attestation: Attestation, name: SandboxFactName, level: string): Fact<string> {
  const { id, owner, expires, evidence } = attestation;
  const range = attestation.factAt[name] ?? attestation.at.range;
  const source: SourceRef = { file: attestation.at.file, path: [], range };
  return {
    value: level,
    reason: `attested by \`${id}\` (${owner}, expires ${expires}): ${evidence}`,
    source,
    attestation: { id, owner, expires, evidence },
  };
}

function audit(use: AttestationUse, today: string, complete: boolean): RawFinding[] {
  const { attestation: a, status } = use;
  const at: SourceRef = { file: a.at.file, path: [], range: a.at.range };
  const base = { at, deployment: null };
  if (status === 'expired')
    return [
      {
        ...base,
        ruleId: ATTESTATION_EXPIRED.meta.id,
        severity: ATTESTATION_EXPIRED.meta.defaultSeverity,
        message: `Attestation \`${a.id}\` (${a.owner}) expired on ${a.expires}, so the facts it stated (${factList(a)}) fall back to what the files say. Check the evidence (${a.evidence}) again and move \`expires\`, or remove the attestation.`,
      },
    ];
  if (status === 'proposed') return [];
  const findings: RawFinding[] = [];
  if (use.raised.length === 0 && (complete || use.matched.length > 0)) {
    const why =
      use.matched.length === 0
        ? 'it selects no deployment in this scan (check `applies-to`)'
        : use.blocked.length > 0
          ? `the files of the deployments it selects weaken these facts themselves, which no attestation lifts (${use.blocked[0]!.reason})`
          : 'every deployment it selects already states these facts at least as strongly';
    findings.push({
      ...base,
      ruleId: ATTESTATION_UNUSED.meta.id,
      severity: ATTESTATION_UNUSED.meta.defaultSeverity,
      message: `Attestation \`${a.id}\` raises no fact: ${why}. Remove it, or fix what it selects.`,
    });
  }
  if (status === 'expiring') {
    const days = daysBetween(today, a.expires);
    findings.push({
      ...base,
      ruleId: ATTESTATION_EXPIRING.meta.id,
      severity: ATTESTATION_EXPIRING.meta.defaultSeverity,
      message: `Attestation \`${a.id}\` (${a.owner}) expires on ${a.expires}, ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}; after that its facts (${factList(a)}) fall back to what the files say. Check the evidence (${a.evidence}) and renew it.`,
    });
  }
  return findings;
}

const factList = (a: Attestation): string =>
  SANDBOX_FACTS.filter((n) => a.facts[n] !== undefined)
    .map((n) => `${n} ${a.facts[n]}`)
    .join(', ');

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
