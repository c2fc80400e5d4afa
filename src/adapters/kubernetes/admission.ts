/**
 * Admission policies in the repository as evidence: what Kyverno, Gatekeeper, ValidatingAdmissionPolicy
 * and Pod Security labels enforce on a namespace raises the facts of the workloads deployed there
 * (in `link`, after the Kubernetes adapter settled each pod's own facts), with the policy's lines as
 * sources. Read statically, never from a cluster; a fact the workload's files weaken stays.
 */
import type { Deployment, Fact, Network, SandboxFactName } from '../../model.js';
import { isComposeFile } from '../../containers/compose-files.js';
import { mayRaise, raiseFact } from '../raise.js';
import { emptyOutput, type Adapter, type AdapterOutput, type Artifact } from '../types.js';
import { admissionOf, type AdmissionArtifact, type Control, type Scope } from './admission-controls.js';
import type { K8sDetails } from './details.js';
import { networkFact, NETWORK_POLICY_ARTIFACT, selects, type PolicyArtifact } from './network.js';
import { globMatch } from '../../containers/signals.js';
import { looksLikeManifest, templatedLine } from './sniff.js';
import { resourcesIn } from './workloads.js';

const ADMISSION_ARTIFACT = 'k8s-admission';
const YAML = /\.ya?ml$/i;
/** A document that may hold an admission policy or a Namespace. */
const ADMISSION_KIND =
  /\bkind["']?[ \t]*:[ \t]*["']?(?:ClusterPolicy|Policy|ValidatingAdmissionPolicy|ValidatingAdmissionPolicyBinding|Namespace|K8s[A-Za-z]+)\b|constraints\.gatekeeper\.sh/;

export const admissionAdapter: Adapter = {
  id: 'kubernetes-admission',
  paths: ['*.yml', '*.yaml'],
  claims: (file) => YAML.test(file) && !/(^|\/)\.github\/workflows\//.test(file) && !isComposeFile(file),
  sniff: (_file, text) => ADMISSION_KIND.test(text) && looksLikeManifest(text) && templatedLine(text) === null,
  feeds: (file, text) => (YAML.test(file) && ADMISSION_KIND.test(text) ? ['k8s-workload'] : []),
  extract(parsed, context): AdapterOutput {
    const out = emptyOutput();
    for (const doc of parsed.documents)
      for (const r of resourcesIn(parsed.file, doc)) {
        const data = admissionOf(r, context.settings);
        if (data) out.artifacts.push({ type: ADMISSION_ARTIFACT, file: r.file, data });
      }
    return out;
  },
  link(deployments, artifacts) {
    const admission = merged(artifacts);
    const policies = artifacts.filter((a) => a.type === NETWORK_POLICY_ARTIFACT).map((a) => a.data as PolicyArtifact);
    const labels = new Map(admission.namespaces.map((n) => [n.name, n.labels]));
    for (const d of deployments) {
      // A workload without a namespace lands wherever it is applied: no namespace's policy can be counted on.
      if (d.kind !== 'k8s-workload' || d.details.namespace === undefined) continue;
      const details = d.details;
      const inScope = (scope: Scope): boolean => covers(scope, details, d, labels);
      for (const control of admission.controls) if (inScope(control.scope)) apply(d, control);
      const generated = admission.generated
        .filter((g) => inScope(g.scope))
        .map((g) => ({ ...g.policy, namespace: details.namespace }));
      if (generated.length > 0) raiseNetwork(d, details, [...policies, ...generated]);
    }
    return [];
  },
};

/** Every file's admission data together, with ValidatingAdmissionPolicies joined to their Deny bindings. */
function merged(artifacts: readonly Artifact[]): AdmissionArtifact {
  const all: AdmissionArtifact = { controls: [], generated: [], vaps: [], bindings: [], namespaces: [] };
  for (const a of artifacts) {
    if (a.type !== ADMISSION_ARTIFACT) continue;
    const data = a.data as AdmissionArtifact;
    all.controls.push(...data.controls);
    all.generated.push(...data.generated);
    all.vaps.push(...data.vaps);
    all.bindings.push(...data.bindings);
    all.namespaces.push(...data.namespaces);
  }
  for (const b of all.bindings)
    for (const policy of all.vaps.filter((v) => v.name === b.policy))
      for (const c of policy.controls) all.controls.push({ ...c, scope: both(c.scope, b.scope) });
  return all;
}

/** A policy's own constraints and its binding's must both hold. */
function both(a: Scope, b: Scope): Scope {
  return {
    namespaces: a.namespaces ?? b.namespaces,
    selectors: [...a.selectors, ...b.selectors],
    excluded: [...a.excluded, ...b.excluded],
    kinds: a.kinds ?? b.kinds,
  };
}

function covers(
  scope: Scope,
  details: K8sDetails,
  d: Deployment,
  labels: ReadonlyMap<string, Record<string, string>>,
): boolean {
  const ns = details.namespace!;
  if (scope.kinds && !scope.kinds.includes(details.kind)) return false;
  if (scope.namespaces && !scope.namespaces.some((g) => globMatch(g, ns))) return false;
  if (scope.excluded.some((g) => globMatch(g, ns))) return false;
  for (const selector of scope.selectors) {
    // A selector on namespace labels needs the Namespace object in the repository to be judged.
    const nsLabels = labels.get(ns);
    if (!nsLabels || !selects(selector, nsLabels)) return false;
  }
  return d.kind === 'k8s-workload';
}

function apply(d: Deployment, control: Control): void {
  const current = d.sandbox[control.fact] as Fact<string>;
  // `+(key)` sets the field only where the workload leaves it unset.
  if (control.ifAbsent && current.source) return;
  if (!mayRaise(d.sandbox, control.fact, control.level).raise) return;
  // At the same level the workload's own default stays where findings point; the policy adds why it holds.
  if (current.value === control.level) {
    if (!current.reason.includes(control.reason)) current.reason = `${current.reason}; ${control.reason}`;
    return;
  }
  raiseFact(d.sandbox, control.fact as SandboxFactName, {
    value: control.level,
    reason: control.reason,
    source: control.source,
  });
}

/** Generated NetworkPolicies add to the repository's own; the result counts only when it is stronger. */
function raiseNetwork(d: Deployment, details: K8sDetails, policies: readonly PolicyArtifact[]): void {
  const fact: Fact<Network> = networkFact(
    {
      namespace: details.namespace,
      podLabels: details.podLabels,
      hostNetwork: details.hostNetwork,
      inlinePolicy: details.inlinePolicy,
    },
    policies,
  );
  if (fact.source && mayRaise(d.sandbox, 'network', fact.value).raise) raiseFact(d.sandbox, 'network', fact);
}
