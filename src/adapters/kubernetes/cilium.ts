/**
 * Cilium's own policies (`cilium.io/v2` CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) restrict
 * egress like a NetworkPolicy: `endpointSelector` picks the pods, and an `egress` or `egressDeny`
 * section turns on default deny (unless `enableDefaultDeny.egress: false`). Destinations are
 * entities, CIDRs, endpoints or DNS names (`toFQDNs`, a domain allowlist).
 */
import { asText, isRecord } from '../../containers/layers.js';
import type { PolicyArtifact } from './network.js';
import type { Resource } from './workloads.js';

const KINDS = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);
const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
const WORLD = new Set(['world', 'all', 'world-ipv4', 'world-ipv6']);
const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);
const L3_KEYS = ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toServices', 'toGroups', 'toNodes'];

/** One artifact per rule set (`spec`, and each item of `specs`). */
export function ciliumPolicyArtifacts(r: Resource): PolicyArtifact[] {
  if (!KINDS.has(r.kind) || !r.group.startsWith('cilium.io')) return [];
  const clusterwide = r.kind === 'CiliumClusterwideNetworkPolicy';
  const sets: { spec: Record<string, unknown>; key: (string | number)[] }[] = [];
  if (isRecord(r.value.spec)) sets.push({ spec: r.value.spec, key: ['spec'] });
  if (Array.isArray(r.value.specs))
    r.value.specs.forEach((spec, i) => {
      if (isRecord(spec)) sets.push({ spec, key: ['specs', i] });
    });
  return sets.flatMap(({ spec, key }) => {
    // Node policies (`nodeSelector`) govern hosts, not pods.
    if (!isRecord(spec.endpointSelector)) return [];
    const { selector, namespace } = podSelectorOf(spec.endpointSelector);
    const defaultDeny = isRecord(spec.enableDefaultDeny) ? spec.enableDefaultDeny.egress !== false : true;
    return [
      {
        name: r.name,
        namespace: clusterwide ? namespace : r.namespace,
        file: r.file,
        doc: r.doc,
        path: [...r.path],
        specKey: key,
        kind: r.kind,
        podSelector: selector,
        egress: spec.egress ?? [],
        governsEgress: defaultDeny && (spec.egress !== undefined || spec.egressDeny !== undefined),
        dialect: 'cilium' as const,
      },
    ];
  });
}

/** The selector with Cilium's label sources (`k8s:`, `any:`) dropped and its namespace label taken out. */
function podSelectorOf(selector: Record<string, unknown>): { selector: unknown; namespace: string | undefined } {
  const bare = (key: string): string => key.replace(/^(?:k8s|any):/, '');
  let namespace: string | undefined;
  const matchLabels: Record<string, unknown> = {};
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      if (bare(key) === NAMESPACE_LABEL) namespace = asText(value);
      else matchLabels[bare(key)] = value;
    }
  }
  const matchExpressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
        .filter((e) => !(isRecord(e) && bare(asText(e.key) ?? '') === NAMESPACE_LABEL))
        .map((e) => (isRecord(e) ? { ...e, key: bare(asText(e.key) ?? '') } : e))
    : [];
  return { selector: { matchLabels, matchExpressions }, namespace };
}

function portsOf(rule: Record<string, unknown>): string[] {
  const toPorts = Array.isArray(rule.toPorts) ? rule.toPorts : [];
  return toPorts.flatMap((p) =>
    isRecord(p) && Array.isArray(p.ports)
      ? p.ports.map((q) => (isRecord(q) ? (asText(q.port) ?? 'any') : 'any'))
      : ['any'],
  );
}

/** Describes a Cilium egress rule that reaches any address, or null when it names its destinations. */
export function ciliumOpenRule(rule: unknown): string | null {
  if (!isRecord(rule)) return null;
  const ports = portsOf(rule);
  if (ports.length > 0 && ports.every((p) => p === '53')) return null;
  const onPorts = ports.length > 0 && !ports.includes('any') ? ` on port ${ports.join(', ')}` : ' on any port';
  const list = (key: string): unknown[] => (Array.isArray(rule[key]) ? (rule[key] as unknown[]) : []);
  const entity = list('toEntities').find((e) => WORLD.has(asText(e) ?? ''));
  if (entity !== undefined) return `the \`${asText(entity)}\` entity (any address outside the cluster)${onPorts}`;
  const cidrs = [...list('toCIDR'), ...list('toCIDRSet').map((c) => (isRecord(c) ? c.cidr : c))];
  if (cidrs.some((c) => ANYWHERE.has(asText(c) ?? ''))) return `any address${onPorts}`;
  if (list('toFQDNs').some((f) => isRecord(f) && /^\*+$/.test(asText(f.matchPattern) ?? '')))
    return `every DNS name (\`toFQDNs\` pattern \`*\`)${onPorts}`;
  // An L4-only rule (ports and no destination) applies to every destination.
  if (ports.length > 0 && !L3_KEYS.some((k) => rule[k] !== undefined)) return `any address${onPorts}`;
  return null;
}

/** The domains a set of Cilium egress rules allows by name, for the fact's reason. */
export function fqdnsOf(egress: unknown): string[] {
  const rules = Array.isArray(egress) ? egress : [];
  return rules.flatMap((rule) =>
    isRecord(rule) && Array.isArray(rule.toFQDNs)
      ? rule.toFQDNs.flatMap((f) => (isRecord(f) ? [asText(f.matchName) ?? asText(f.matchPattern) ?? ''] : []))
      : [],
  );
}
