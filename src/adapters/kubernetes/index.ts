/**
 * Kubernetes manifests → `k8s-workload` deployments: every object that runs a pod the detector judges
 * to be an agent, with isolation, file-system, limits and approval facts from the pod spec, and network
 * and credential facts from the NetworkPolicies and RBAC anywhere in the repository (in `link`).
 */
import { parseDocument } from '../../documents/index.js';
import { deploymentId } from '../../model.js';
import type { Approval, Credentials, Deployment, Fact, RawFinding, Sandbox, SourceRef } from '../../model.js';
import { agentResourceOf } from '../../agents/index.js';
import { refIn, valueAt } from '../../containers/layers.js';
import { fact } from '../../model/fact.js';
import type { Credential } from '../../model/details/k8s-workload.js';
import { kagentApproval, kagentNetwork, withDeclaredNetwork } from './kagent.js';
import { remoteMcpDeployment } from './kagent-mcp.js';
import { harnessChannels } from './kagent-channels.js';
import {
  linkServed,
  POD_FACTS_ARTIFACT,
  podFactsOf,
  SERVED_ARTIFACT,
  servedOf,
  SERVICE_ARTIFACT,
  serviceOf,
  type PodFactsArtifact,
  type ServedArtifact,
  type ServiceArtifact,
} from './kagent-served.js';
import { linkToolRefs, TOOL_REF_ARTIFACT, toolRefsOf, type ToolRef } from './kagent-tools.js';
import { isComposeFile } from '../../containers/compose-files.js';
import type { Adapter, AdapterContext, AdapterOutput, Artifact, LinkOutput, NotEvaluated } from '../types.js';
import { ciliumPolicyArtifacts } from './cilium.js';
import { detect, keyIndex } from './detect.js';
import type { K8sDetails } from './details.js';
import { approvalOf, envOf, filesystemOf, isolationOf, limitsOf, secretsOf, securityOf, tokenOf } from './facts.js';
import { patchFiles } from './kustomize.js';
import {
  inlinePolicyOf,
  networkFact,
  NETWORK_POLICY_ARTIFACT,
  policyArtifact,
  type PolicyArtifact,
} from './network.js';
import { credentialsFact, RBAC_ARTIFACT, rbacArtifact, type RbacArtifact } from './rbac.js';
import { inTemplatesDir, looksLikeManifest, onlyInertKinds, templatedLine } from './sniff.js';
import { podOf, resourcesIn, templateReferenceOf, type PodView, type Resource } from './workloads.js';

export type { K8sDetails } from './details.js';

const OBJECT_ARTIFACT = 'k8s-object';
const REFERENCE_ARTIFACT = 'k8s-template-reference';

interface ObjectArtifact {
  kind: string;
  name: string;
  namespace: string | undefined;
  /** For a SandboxWarmPool: the template it fills. */
  templateName?: string;
}

interface ReferenceArtifact {
  kind: string;
  name: string;
  namespace: string | undefined;
  targetKind: string;
  targetName: string;
  file: string;
}

const YAML = /\.ya?ml$/i;
const parsesAsYaml = (file: string, text: string): boolean => parseDocument(file, text).problems.length === 0;
/**
 * Kinds whose objects feed `link` for workloads in other files: NetworkPolicies and RBAC, and the
 * sandbox templates, claims, warm pools and rollouts that name one another. A scan limited to the
 * change still reads these (`feeds`).
 */
const CROSS_FILE_KIND =
  /\bkind["']?[ \t]*:[ \t]*["']?(?:NetworkPolicy|CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy|ServiceAccount|Role|ClusterRole|RoleBinding|ClusterRoleBinding|SandboxTemplate|SandboxClaim|SandboxWarmPool|Rollout)\b/;

/** A kagent agent or template that names the MCP servers it calls. */
const kagentToolRefs = (text: string): boolean =>
  text.includes('kagent.dev/') && /\b(?:mcpServer|RemoteMCPServer)\b/.test(text);

export const kubernetesAdapter: Adapter = {
  id: 'kubernetes',
  claims: (file) => YAML.test(file) && !/(^|\/)\.github\/workflows\//.test(file) && !isComposeFile(file),
  // Manifests, kustomizations and the patches they name are YAML.
  paths: ['*.yml', '*.yaml'],
  sniff(file, text) {
    const manifest = looksLikeManifest(text);
    const chartFile = inTemplatesDir(file);
    if (!manifest && !chartFile) return false;
    const line = templatedLine(text, !manifest);
    // Templated only under a chart's templates/ or when the text is not YAML; `{{ … }}` in a value of valid YAML is judged as written.
    if (line !== null && (chartFile || !parsesAsYaml(file, text))) {
      return {
        notEvaluated: `templated YAML (a \`{{ … }}\` action on line ${line}); it becomes a manifest only when rendered (Helm), so render it and scan the output to judge it`,
      };
    }
    return manifest && !onlyInertKinds(text);
  },
  feeds: (file, text) => {
    if (!YAML.test(file)) return [];
    // A kagent agent's tool references set the approval of the servers they name, wherever those are.
    if (kagentToolRefs(text)) return ['k8s-workload', 'mcp-server'];
    return CROSS_FILE_KIND.test(text) ? ['k8s-workload'] : [];
  },
  extract(parsed, context) {
    const out: AdapterOutput & { notEvaluated: NotEvaluated[] } = {
      deployments: [],
      findings: [],
      artifacts: [],
      notEvaluated: [],
    };
    const patchedBy = patchFiles(context).get(parsed.file);
    if (patchedBy) {
      out.notEvaluated.push({
        file: parsed.file,
        reason: `a kustomize patch listed in ${patchedBy}; overlays are not built and patches are not applied, so it is judged only through the resources it patches`,
        judgedElsewhere: true,
      });
      return out;
    }
    const resources = parsed.documents.flatMap((doc) => resourcesIn(parsed.file, doc));
    const keys = keyIndex(resources);
    for (const r of resources) {
      collectArtifacts(r, out.artifacts);
      const remote = remoteMcpDeployment(r);
      const served = remote && servedOf(r, remote);
      if (served) out.artifacts.push({ type: SERVED_ARTIFACT, file: r.file, data: served });
      const view = remote ? null : podOf(r);
      const pod = view && podFactsOf(view, context.settings);
      if (pod) out.artifacts.push({ type: POD_FACTS_ARTIFACT, file: r.file, data: pod });
      const deployment = remote ?? (view && toDeployment(r, view, context, keys, out.notEvaluated));
      if (deployment) out.deployments.push(deployment);
    }
    return out;
  },
  link(deployments, artifacts): LinkOutput {
    const policies = dataOf<PolicyArtifact>(artifacts, NETWORK_POLICY_ARTIFACT);
    const rbac = dataOf<RbacArtifact>(artifacts, RBAC_ARTIFACT);
    linkToolRefs(deployments, dataOf<ToolRef>(artifacts, TOOL_REF_ARTIFACT));
    linkServed(
      deployments,
      dataOf<ServedArtifact>(artifacts, SERVED_ARTIFACT),
      dataOf<ServiceArtifact>(artifacts, SERVICE_ARTIFACT),
      dataOf<PodFactsArtifact>(artifacts, POD_FACTS_ARTIFACT),
    );
    for (const d of deployments) {
      if (d.kind !== 'k8s-workload') continue;
      const details = d.details;
      d.sandbox.network = networkFact(
        {
          namespace: details.namespace,
          podLabels: details.podLabels,
          hostNetwork: details.hostNetwork,
          inlinePolicy: details.inlinePolicy,
        },
        policies,
      );
      d.sandbox.network = withDeclaredNetwork(d.sandbox.network, details.declaredNetwork);
      const { credentials, escape } = credentialsFact(details.token, details.namespace, details.secrets, rbac);
      d.sandbox.credentials = withOperatorWrites(credentials, details.operatorWrites);
      if (escape) addEscape(d.sandbox, escape);
    }
    return { findings: [] as RawFinding[], notEvaluated: resolveReferences(deployments, artifacts) };
  },
};

function dataOf<T>(artifacts: readonly Artifact[], type: string): T[] {
  return artifacts.filter((a) => a.type === type).map((a) => a.data as T);
}

function collectArtifacts(r: Resource, artifacts: Artifact[]): void {
  const policy = policyArtifact(r);
  if (policy) artifacts.push({ type: NETWORK_POLICY_ARTIFACT, file: r.file, data: policy });
  for (const cilium of ciliumPolicyArtifacts(r))
    artifacts.push({ type: NETWORK_POLICY_ARTIFACT, file: r.file, data: cilium });
  const rbac = rbacArtifact(r);
  if (rbac) artifacts.push({ type: RBAC_ARTIFACT, file: r.file, data: rbac });
  for (const ref of toolRefsOf(r)) artifacts.push({ type: TOOL_REF_ARTIFACT, file: r.file, data: ref });
  const service = serviceOf(r);
  if (service) artifacts.push({ type: SERVICE_ARTIFACT, file: r.file, data: service });
  const reference = templateReferenceOf(r);
  if (reference && reference.resource.kind !== 'SandboxWarmPool') {
    const data: ReferenceArtifact = {
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      targetKind: reference.targetKind,
      targetName: reference.targetName,
      file: r.file,
    };
    artifacts.push({ type: REFERENCE_ARTIFACT, file: r.file, data });
  }
  const object: ObjectArtifact = { kind: r.kind, name: r.name, namespace: r.namespace };
  if (reference && r.kind === 'SandboxWarmPool') object.templateName = reference.targetName;
  artifacts.push({ type: OBJECT_ARTIFACT, file: r.file, data: object });
}

function toDeployment(
  r: Resource,
  view: PodView,
  context: AdapterContext,
  keys: Map<string, string[]>,
  notEvaluated: NotEvaluated[],
): Deployment | null {
  const detection = detect(view, context.settings, keys);
  if (!detection) return null;
  if (view.containers.length === 0) {
    notEvaluated.push({
      file: r.file,
      reason: `${r.kind} \`${r.name}\` declares no containers (a fragment such as a kustomize patch?), so its pod cannot be judged`,
    });
    return null;
  }
  const security = securityOf(view);
  const channels = harnessChannels(r, view.containers[0]!.name);
  const env = [...envOf(view), ...channels.env];
  const token = tokenOf(view);
  const secrets = [...secretsOf(view, env), ...channels.secrets];
  const hostNetwork = view.pod.get(['hostNetwork']);
  const details: K8sDetails = {
    apiVersion: r.apiVersion,
    kind: r.kind,
    namespace: r.namespace,
    flavor: view.flavor,
    podLabels: view.podLabels,
    security,
    env,
    token,
    secrets,
    hostNetwork: hostNetwork?.value === true ? hostNetwork.ref : null,
    inlinePolicy: inlinePolicyOf(r),
  };
  if (channels.untrusted.length > 0) details.untrustedInputs = channels.untrusted;
  const declared = kagentNetwork(r);
  if (declared.allowlist || declared.insecure) details.declaredNetwork = declared;
  const operated = operatorAction(r);
  if (operated) details.operatorWrites = { reason: operated.reason, ref: operated.source };
  const flagged = approvalOf(view);
  const sandbox: Sandbox = {
    isolation: isolationOf(view, security, context.settings),
    network: withDeclaredNetwork(
      networkFact(
        {
          namespace: r.namespace,
          podLabels: view.podLabels,
          hostNetwork: details.hostNetwork,
          inlinePolicy: details.inlinePolicy,
        },
        [],
      ),
      details.declaredNetwork,
    ),
    filesystem: filesystemOf(view),
    approval: flagged.value === 'bypassed' ? flagged : (operated ?? kagentApproval(r) ?? flagged),
    credentials: withOperatorWrites(
      credentialsFact(token, r.namespace, secrets, []).credentials,
      details.operatorWrites,
    ),
    limits: limitsOf(view),
  };
  const named = r.value.metadata && typeof r.value.metadata === 'object' && 'name' in r.value.metadata;
  const at = { file: r.file, doc: r.doc, path: [...r.path, ...(named ? ['metadata', 'name'] : ['kind'])] };
  return {
    id: deploymentId('k8s-workload', r.file, `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`),
    kind: 'k8s-workload',
    name: `${r.kind}/${r.name}`,
    agent: detection.agent,
    file: r.file,
    at,
    root: { file: r.file, doc: r.doc, path: [...r.path] },
    sandbox,
    signals: detection.signals,
    labels: view.selectable,
    details,
  };
}

/** An operator's resource whose catalogue switch is on: the operator changes the cluster without asking. */
function operatorAction(r: Resource): (Fact<Approval> & { source: SourceRef }) | null {
  const when = agentResourceOf(r.group, r.kind)?.resource.actsWhen;
  if (!when || valueAt(r.value, when.path) !== true) return null;
  const source = refIn(r, when.path);
  return { ...fact<Approval>('bypassed', `\`${when.path.slice(1).join('.')}: true\`: ${when.acting}`, source), source };
}

/** The operator's own service account writes the cluster on the agent's behalf, whatever the pod's token. */
function withOperatorWrites(credentials: Fact<Credentials>, writes: Credential | undefined): Fact<Credentials> {
  if (!writes || credentials.value === 'write') return credentials;
  return fact<Credentials>('write', writes.reason, writes.ref);
}

function addEscape(
  sandbox: Sandbox,
  escape: { reason: string; source: NonNullable<Sandbox['isolation']['source']> },
): void {
  const { isolation } = sandbox;
  if (isolation.value === 'none' && isolation.source) {
    isolation.more = [...(isolation.more ?? []), escape];
    return;
  }
  sandbox.isolation = { value: 'none', reason: escape.reason, source: escape.source };
}

/** SandboxClaims and Rollouts resolve to a template in the repository, or are listed as not judged. */
function resolveReferences(deployments: readonly Deployment[], artifacts: readonly Artifact[]): NotEvaluated[] {
  const objects = dataOf<ObjectArtifact>(artifacts, OBJECT_ARTIFACT);
  const notEvaluated: NotEvaluated[] = [];
  for (const ref of dataOf<ReferenceArtifact>(artifacts, REFERENCE_ARTIFACT)) {
    const find = (kind: string, name: string): ObjectArtifact | undefined =>
      objects.find(
        (o) =>
          o.kind === kind &&
          o.name === name &&
          (o.namespace === undefined || ref.namespace === undefined || o.namespace === ref.namespace),
      );
    let target = find(ref.targetKind, ref.targetName);
    if (target?.kind === 'SandboxWarmPool')
      target = target.templateName ? find('SandboxTemplate', target.templateName) : undefined;
    if (!target) {
      notEvaluated.push({
        file: ref.file,
        reason: `${ref.kind} \`${ref.name}\` runs the pod of ${ref.targetKind} \`${ref.targetName}\`, which is not in the repository (or names no template), so it was not judged`,
      });
      continue;
    }
    const deployment = deployments.find(
      (d) => d.kind === 'k8s-workload' && d.name === `${target!.kind}/${target!.name}`,
    );
    if (deployment) deployment.signals.push(`${ref.kind} \`${ref.name}\` in ${ref.file} runs it`);
  }
  return notEvaluated;
}
