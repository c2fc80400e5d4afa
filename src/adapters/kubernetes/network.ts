/**
 * Egress of a pod from the NetworkPolicies that select it: any policy in the repository, in the pod's
 * namespace, whose `podSelector` matches the pod template labels and that governs egress. Policies are
 * additive, so one rule that allows every address opens the pod even when another policy is strict.
 */
import type { Fact, Network, SourceRef } from '../../model.js';
import { asText, isRecord } from '../../containers/layers.js';
import type { InlinePolicy } from './details.js';
import type { Resource } from './workloads.js';
import { ciliumOpenRule, fqdnsOf } from './cilium.js';

export const NETWORK_POLICY_ARTIFACT = 'k8s-network-policy';

export interface PolicyArtifact {
  name: string;
  namespace: string | undefined;
  file: string;
  doc: number;
  path: (string | number)[];
  podSelector: unknown;
  egress: unknown;
  governsEgress: boolean;
  /** Where the rule set is under the resource (`spec`, or `specs[i]` for Cilium); `spec` when unset. */
  specKey?: (string | number)[];
  /** The resource kind, when not a NetworkPolicy. */
  kind?: string;
  /** Whose egress-rule syntax `egress` is in; Kubernetes NetworkPolicy when unset. */
  dialect?: 'cilium';
}

export function policyArtifact(r: Resource): PolicyArtifact | null {
  if (r.kind !== 'NetworkPolicy' || !r.group.startsWith('networking.k8s.io')) return null;
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map((t) => asText(t)) : null;
  // Without policyTypes, a policy governs egress only when it has an `egress` section.
  const governsEgress = types ? types.includes('Egress') : spec.egress !== undefined;
  return {
    name: r.name,
    namespace: r.namespace,
    file: r.file,
    doc: r.doc,
    path: [...r.path],
    podSelector: spec.podSelector,
    egress: spec.egress,
    governsEgress,
  };
}

/** A label selector against the pod's labels (`{}` or absent selects every pod). */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return true;
  const match = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(match)) if (labels[key] !== asText(value)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of expressions) {
    if (!isRecord(e)) return false;
    const key = asText(e.key) ?? '';
    const values = Array.isArray(e.values) ? e.values.map((v) => asText(v)) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const op = asText(e.operator);
    if (op === 'In' && !(has && values.includes(labels[key]))) return false;
    if (op === 'NotIn' && has && values.includes(labels[key])) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** An unset namespace means "wherever it is applied", so it matches any. */
export const sameNamespace = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || a === b;

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/** Ports of a rule when every one is DNS (53 or a port named `dns`). */
function onlyDns(ports: unknown): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return false;
  return ports.every((p) => isRecord(p) && (p.port === 53 || p.port === '53' || /^dns/i.test(asText(p.port) ?? '')));
}

/** Describes an egress rule that reaches any address, or null when the rule names its destinations. */
function openRule(rule: unknown): string | null {
  if (!isRecord(rule)) return null;
  const to = Array.isArray(rule.to) ? rule.to : [];
  const anywhere =
    to.length === 0 ||
    to.some((peer) => isRecord(peer) && isRecord(peer.ipBlock) && ANYWHERE.has(asText(peer.ipBlock.cidr) ?? ''));
  if (!anywhere || onlyDns(rule.ports)) return null;
  const ports = Array.isArray(rule.ports)
    ? rule.ports.map((p) => (isRecord(p) ? asText(p.port) : undefined)).filter(Boolean)
    : [];
  return ports.length > 0 ? `any address on port ${ports.join(', ')}` : 'any address on any port';
}

interface Governing {
  name: string;
  dialect?: 'cilium';
  /** Where the policy (or the inline `networkPolicy`) is written. */
  base: SourceRef;
  egress: unknown;
  managedDefault: boolean;
}

export interface PodNetwork {
  namespace: string | undefined;
  podLabels: Record<string, string>;
  hostNetwork: SourceRef | null;
  inlinePolicy: InlinePolicy | null;
}

export function networkFact(pod: PodNetwork, policies: readonly PolicyArtifact[]): Fact<Network> {
  if (pod.hostNetwork) {
    return {
      value: 'open',
      reason: "`hostNetwork: true` puts the pod on the node's network, where NetworkPolicies do not apply",
      source: pod.hostNetwork,
    };
  }
  const governing: Governing[] = policies
    .filter(
      (p) => p.governsEgress && sameNamespace(p.namespace, pod.namespace) && selects(p.podSelector, pod.podLabels),
    )
    .map((p) => ({
      name: `${p.kind ?? 'NetworkPolicy'} \`${p.name}\``,
      base: { file: p.file, doc: p.doc, path: [...p.path, ...(p.specKey ?? ['spec'])] },
      egress: p.egress,
      managedDefault: false,
      ...(p.dialect ? { dialect: p.dialect } : {}),
    }));
  if (pod.inlinePolicy)
    governing.unshift({
      name: pod.inlinePolicy.name,
      base: pod.inlinePolicy.ref,
      egress: pod.inlinePolicy.egress,
      managedDefault: pod.inlinePolicy.managedDefault,
    });

  if (governing.length === 0) {
    const labels = Object.entries(pod.podLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      value: 'open',
      reason: `no NetworkPolicy in the repository selects the pod${labels ? ` (labels ${labels})` : ''} and restricts its egress`,
      source: null,
    };
  }
  const managed = governing.find((g) => g.managedDefault);
  if (managed) {
    return {
      value: 'open',
      reason: `${managed.name} sets no \`networkPolicy\`, so agent-sandbox applies its default policy, which allows egress to the whole public internet`,
      source: null,
    };
  }
  for (const g of governing) {
    const rules = Array.isArray(g.egress) ? g.egress : [];
    for (let i = 0; i < rules.length; i++) {
      const open = g.dialect === 'cilium' ? ciliumOpenRule(rules[i]) : openRule(rules[i]);
      if (open)
        return {
          value: 'open',
          reason: `${g.name} allows egress to ${open}`,
          source: { ...g.base, path: [...g.base.path, 'egress', i] },
        };
    }
  }
  const allowing = governing.find((g) => Array.isArray(g.egress) && g.egress.length > 0);
  if (allowing) {
    const domains = allowing.dialect === 'cilium' ? fqdnsOf(allowing.egress) : [];
    const named =
      domains.length > 0 ? ` (\`toFQDNs\`: ${domains.slice(0, 5).join(', ')}${domains.length > 5 ? ', …' : ''})` : '';
    return {
      value: 'allowlist',
      reason: `${allowing.name} allows egress only to the destinations its rules name${named}`,
      source: { ...allowing.base, path: [...allowing.base.path, 'egress'] },
    };
  }
  const deny = governing[0]!;
  return { value: 'none', reason: `${deny.name} selects the pod and allows no egress`, source: deny.base };
}

/** SandboxTemplate `networkPolicy` (or the controller's default when `Managed` and none is written). */
export function inlinePolicyOf(r: Resource): InlinePolicy | null {
  if (r.group !== 'extensions.agents.x-k8s.io' || r.kind !== 'SandboxTemplate') return null;
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  if (asText(spec.networkPolicyManagement) === 'Unmanaged') return null;
  const base: SourceRef = { file: r.file, doc: r.doc, path: [...r.path, 'spec', 'networkPolicy'] };
  if (isRecord(spec.networkPolicy)) {
    // An inline policy always governs egress: an absent or empty `egress` list denies it.
    return {
      name: `the \`networkPolicy\` of SandboxTemplate \`${r.name}\``,
      ref: base,
      egress: spec.networkPolicy.egress ?? [],
      managedDefault: false,
    };
  }
  return {
    name: `SandboxTemplate \`${r.name}\``,
    ref: { ...base, path: [...r.path, 'metadata', 'name'] },
    egress: undefined,
    managedDefault: true,
  };
}
