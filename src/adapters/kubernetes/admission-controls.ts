/**
 * What admission policies in the repository enforce on the pods of a namespace, read statically:
 * Kyverno ClusterPolicy/Policy (admission-kyverno.ts), Gatekeeper constraints, ValidatingAdmissionPolicies
 * with a Deny binding, and namespace Pod Security labels. A policy whose reach cannot be told from the
 * files (subjects, preconditions, label selectors on objects) is left out: it may not apply, so it
 * raises nothing.
 */
import type { SandboxFactName } from '../../model.js';
import { kyverno } from './admission-kyverno.js';
import * as admission from './admission-types.js';
import type { AdmissionArtifact, AdapterSettings, Control, Resource, Scope } from './admission-types.js';

const { asText, isolationOfClasses, isRecord, list, POD_KIND, ref, texts } = admission;

export type { AdmissionArtifact, Control, GeneratedPolicy, Scope } from './admission-types.js';

export function admissionOf(r: Resource, settings: AdapterSettings): AdmissionArtifact | null {
  const out: AdmissionArtifact = { controls: [], generated: [], vaps: [], bindings: [], namespaces: [] };
  if (r.group === 'kyverno.io' && (r.kind === 'ClusterPolicy' || r.kind === 'Policy')) kyverno(r, settings, out);
  else if (r.group === 'constraints.gatekeeper.sh') gatekeeper(r, out);
  else if (r.group === 'admissionregistration.k8s.io' && r.kind === 'ValidatingAdmissionPolicy') vap(r, settings, out);
  else if (r.group === 'admissionregistration.k8s.io' && r.kind === 'ValidatingAdmissionPolicyBinding') binding(r, out);
  else if (r.group === '' && r.kind === 'Namespace') namespace(r, out);
  else return null;
  return out;
}

const GATEKEEPER: Record<string, { fact: SandboxFactName; level: string; what: string }> = {
  K8sPSPReadOnlyRootFilesystem: { fact: 'filesystem', level: 'read-only', what: 'a read-only root file system' },
  K8sContainerLimits: { fact: 'limits', level: 'bounded', what: 'CPU and memory limits' },
  K8sRequiredResources: { fact: 'limits', level: 'bounded', what: 'resource limits' },
};

function gatekeeper(r: Resource, out: AdmissionArtifact): void {
  const known = GATEKEEPER[r.kind];
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  if (!known || (asText(spec.enforcementAction) ?? 'deny') !== 'deny') return;
  const match = isRecord(spec.match) ? spec.match : {};
  if (match.labelSelector !== undefined || match.name !== undefined) return;
  const parameters = isRecord(spec.parameters) ? spec.parameters : {};
  // Exempt images (the library's own sample exempts `*`) may cover the agent's: the constraint cannot be counted on.
  if (texts(parameters.exemptImages).length > 0) return;
  // K8sRequiredResources requires only what `parameters.limits` lists; without it, perhaps only requests.
  if (r.kind === 'K8sRequiredResources' && texts(parameters.limits).length === 0) return;
  const kinds = list(match.kinds).flatMap((k) => (isRecord(k) ? texts(k.kinds) : []));
  if (kinds.length > 0 && !kinds.includes(POD_KIND) && !kinds.includes('*')) return;
  out.controls.push({
    fact: known.fact,
    level: known.level,
    reason: `Gatekeeper constraint ${r.kind} \`${r.name}\` denies pods without ${known.what}`,
    source: ref(r, ['kind']),
    scope: {
      namespaces: match.namespaces === undefined ? null : texts(match.namespaces),
      selectors: match.namespaceSelector === undefined ? [] : [match.namespaceSelector],
      excluded: texts(match.excludedNamespaces),
      kinds: null,
    },
  });
}

const CEL_RUNTIME =
  /^\s*object\.spec(?:\.template\.spec)?\.runtimeClassName\s*(?:==\s*(['"])([\w.-]+)\1|in\s*\[([^\]]*)\])\s*$/;
const CEL_READ_ONLY =
  /^\s*object\.spec(?:\.template\.spec)?\.containers\.all\(\s*(\w+)\s*,\s*(?:has\(\1\.securityContext\)\s*&&\s*has\(\1\.securityContext\.readOnlyRootFilesystem\)\s*&&\s*)?\1\.securityContext\.readOnlyRootFilesystem\s*==\s*true\s*\)\s*$/;

function vap(r: Resource, settings: AdapterSettings, out: AdmissionArtifact): void {
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  if (spec.matchConditions !== undefined) return;
  const controls: Control[] = [];
  const constraints = isRecord(spec.matchConstraints) ? spec.matchConstraints : {};
  const selectors = constraints.namespaceSelector === undefined ? [] : [constraints.namespaceSelector];
  const scope: Scope = { namespaces: null, selectors, excluded: [], kinds: null };
  list(spec.validations).forEach((v, i) => {
    if (!isRecord(v)) return;
    const expression = asText(v.expression) ?? '';
    const source = ref(r, ['spec', 'validations', i, 'expression']);
    const name = `ValidatingAdmissionPolicy \`${r.name}\``;
    const runtime = CEL_RUNTIME.exec(expression);
    if (runtime) {
      const classes =
        runtime[2] ??
        (runtime[3] ?? '')
          .split(',')
          .map((c) => c.trim().replace(/^['"]|['"]$/g, ''))
          .join(' | ');
      const level = isolationOfClasses(classes, settings);
      if (level)
        controls.push({
          fact: 'isolation',
          level,
          reason: `${name} requires \`runtimeClassName\` ${classes}`,
          source,
          scope,
        });
    }
    if (CEL_READ_ONLY.test(expression))
      controls.push({
        fact: 'filesystem',
        level: 'read-only',
        reason: `${name} requires \`readOnlyRootFilesystem: true\` on every container`,
        source,
        scope,
      });
  });
  out.vaps.push({ name: r.name, controls });
}

function binding(r: Resource, out: AdmissionArtifact): void {
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  if (!texts(spec.validationActions).includes('Deny')) return;
  const match = isRecord(spec.matchResources) ? spec.matchResources : {};
  if (match.objectSelector !== undefined || spec.paramRef !== undefined) return;
  out.bindings.push({
    policy: asText(spec.policyName) ?? '',
    scope: {
      namespaces: null,
      selectors: match.namespaceSelector === undefined ? [] : [match.namespaceSelector],
      excluded: [],
      kinds: null,
    },
  });
}

const PSS_LEVELS = new Set(['baseline', 'restricted']);

function namespace(r: Resource, out: AdmissionArtifact): void {
  const metadata = isRecord(r.value.metadata) ? r.value.metadata : {};
  const labels: Record<string, string> = {};
  if (isRecord(metadata.labels))
    for (const [k, v] of Object.entries(metadata.labels)) if (asText(v) !== undefined) labels[k] = asText(v)!;
  labels['kubernetes.io/metadata.name'] = r.name;
  out.namespaces.push({ name: r.name, labels });
  const level = labels['pod-security.kubernetes.io/enforce'];
  if (!level || !PSS_LEVELS.has(level)) return;
  out.controls.push({
    fact: 'isolation',
    level: 'container',
    reason: `namespace \`${r.name}\` enforces Pod Security \`${level}\`, which refuses privileged pods, host namespaces and host paths`,
    source: ref(r, ['metadata', 'labels', 'pod-security.kubernetes.io/enforce']),
    scope: { namespaces: [r.name], selectors: [], excluded: [], kinds: null },
  });
}
