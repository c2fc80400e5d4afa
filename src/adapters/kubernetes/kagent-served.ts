/**
 * A RemoteMCPServer at a cluster service is judged by the workload behind that service when the
 * repository holds both: the Service (`name.namespace`) and the pod its `selector` picks. Its
 * isolation, file system and limits are then that pod's, instead of the weakest values.
 */
import type { Deployment, Fact, Filesystem, Isolation, Limits } from '../../model.js';
import { asText, isRecord, valueAt } from '../../containers/layers.js';
import type { AdapterSettings } from '../../model.js';
import { hostnameOf } from '../../util/urls.js';
import { filesystemOf, isolationOf, limitsOf, securityOf } from './facts.js';
import { KAGENT_CLIENT, placeOf, remoteBase } from './kagent-mcp.js';
import { selects } from './network.js';
import type { PodView, Resource } from './workloads.js';

export const SERVICE_ARTIFACT = 'k8s-service';
export const POD_FACTS_ARTIFACT = 'k8s-pod-facts';
export const SERVED_ARTIFACT = 'kagent-served-by';

export interface ServiceArtifact {
  name: string;
  namespace: string | undefined;
  selector: Record<string, string>;
  file: string;
}

export interface PodFactsArtifact {
  /** `Kind/name`. */
  name: string;
  namespace: string | undefined;
  podLabels: Record<string, string>;
  file: string;
  isolation: Fact<Isolation>;
  filesystem: Fact<Filesystem>;
  limits: Fact<Limits>;
}

export interface ServedArtifact {
  deploymentId: string;
  service: string;
  namespace: string | undefined;
}

export function serviceOf(r: Resource): ServiceArtifact | null {
  if (r.group !== '' || r.kind !== 'Service') return null;
  const raw = valueAt(r.value, ['spec', 'selector']);
  const selector: Record<string, string> = {};
  if (isRecord(raw)) for (const [k, v] of Object.entries(raw)) if (asText(v) !== undefined) selector[k] = asText(v)!;
  return Object.keys(selector).length > 0 ? { name: r.name, namespace: r.namespace, selector, file: r.file } : null;
}

export function podFactsOf(view: PodView, settings: AdapterSettings): PodFactsArtifact | null {
  if (view.containers.length === 0 || Object.keys(view.podLabels).length === 0) return null;
  const r = view.resource;
  return {
    name: `${r.kind}/${r.name}`,
    namespace: r.namespace,
    podLabels: view.podLabels,
    file: r.file,
    isolation: isolationOf(view, securityOf(view), settings),
    filesystem: filesystemOf(view),
    limits: limitsOf(view),
  };
}

/** The service a RemoteMCPServer's cluster URL names (`name`, `name.namespace`, `name.namespace.svc…`). */
export function servedOf(r: Resource, deployment: Deployment): ServedArtifact | null {
  const base = remoteBase(r);
  if (!base) return null;
  const url = asText(valueAt(r.value, [...base, 'url'])) ?? '';
  if (placeOf(url) !== 'cluster') return null;
  const labels = hostnameOf(url).split('.');
  const namespace = labels.length > 1 && labels[1] !== 'svc' ? labels[1] : r.namespace;
  return { deploymentId: deployment.id, service: labels[0]!, namespace };
}

const sameNamespace = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || a === b;

/** Gives each served RemoteMCPServer the pod facts of the workload behind its Service. */
export function linkServed(
  deployments: readonly Deployment[],
  served: readonly ServedArtifact[],
  services: readonly ServiceArtifact[],
  pods: readonly PodFactsArtifact[],
): void {
  for (const s of served) {
    const d = deployments.find((x) => x.id === s.deploymentId);
    if (!d || d.kind !== 'mcp-server' || d.details.client !== KAGENT_CLIENT) continue;
    const service = services.find((x) => x.name === s.service && sameNamespace(x.namespace, s.namespace));
    if (!service) continue;
    const pod = pods.find(
      (p) => sameNamespace(p.namespace, service.namespace) && selects({ matchLabels: service.selector }, p.podLabels),
    );
    if (!pod) continue;
    const by = `served by ${pod.name} in ${pod.file} (Service \`${service.name}\`)`;
    // A workload the scan already judges as a deployment reports its own facts once.
    const judged = deployments.some((x) => x.kind === 'k8s-workload' && x.file === pod.file && x.name === pod.name);
    const from = <T extends string>(f: Fact<T>): Fact<T> => ({
      ...f,
      reason: `${by}: ${f.reason}`,
      ...(judged ? { derived: true } : {}),
    });
    d.sandbox.isolation = from(pod.isolation);
    d.sandbox.filesystem = from(pod.filesystem);
    d.sandbox.limits = from(pod.limits);
    d.signals.push(by);
  }
}
