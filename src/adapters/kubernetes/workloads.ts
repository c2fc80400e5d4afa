/**
 * Finds every object in a manifest that runs a pod, and where its pod spec and containers live:
 * core workloads, CronJob, agent-sandbox Sandbox/SandboxTemplate, ToolHive MCPServer, kagent agents,
 * Knative and Argo Rollouts (through the generic `spec.template.spec` fallback), inside `List`s too.
 */
import type { KeyPath, SourceDocument } from '../../documents/types.js';
import type { SourceRef } from '../../model.js';
import { asText, isRecord, Layered, refIn, valueAt, type Layer } from '../../containers/layers.js';
import type { Flavor } from '../../model/details/k8s-workload.js';
import { agentResourceOf, type AgentId, type AgentResourceMatch } from '../../agents/index.js';
import { isRemoteToolServer, KAGENT_GROUP, KAGENT_POD_KINDS, kagentAgentOf } from './kagent.js';

export type { Flavor };

export interface Resource {
  file: string;
  doc: number;
  /** Path of the object in its document: `[]`, or `['items', 3]` inside a List. */
  path: KeyPath;
  value: Record<string, unknown>;
  apiVersion: string;
  group: string;
  kind: string;
  name: string;
  namespace: string | undefined;
}

export interface ContainerView {
  name: string;
  role: 'container' | 'init' | 'ephemeral';
  /** The container's key (its `- name:` item), where missing fields are reported. */
  at: SourceRef;
  fields: Layered;
}

export interface PodView {
  resource: Resource;
  flavor: Flavor;
  pod: Layered;
  /** Labels and annotations of the object and its pod template, for detection and selection. */
  labels: Map<string, { value: string; ref: SourceRef }>;
  /** Pod template labels only: what a NetworkPolicy selects. */
  podLabels: Record<string, string>;
  /** Labels (not annotations) of the object and its pod template, for policy selection. */
  selectable: Record<string, string>;
  containers: ContainerView[];
  /** `activeDeadlineSeconds` of the Job or pod, a time bound. */
  deadline?: { value: unknown; ref: SourceRef };
}

/** A reference to a pod template in another object (a SandboxClaim's template, a Rollout's workloadRef). */
export interface TemplateReference {
  resource: Resource;
  targetKind: string;
  targetName: string;
  ref: SourceRef;
}

export function resourcesIn(file: string, document: SourceDocument): Resource[] {
  const root = document.value;
  if (!isRecord(root)) return [];
  const kind = asText(root.kind) ?? '';
  const items = root.items;
  if (kind.endsWith('List') && Array.isArray(items)) {
    return items.flatMap((item, i) => (isRecord(item) ? [toResource(file, document.index, ['items', i], item)] : []));
  }
  return typeof root.kind === 'string' ? [toResource(file, document.index, [], root)] : [];
}

function toResource(file: string, doc: number, path: KeyPath, value: Record<string, unknown>): Resource {
  const apiVersion = asText(value.apiVersion) ?? '';
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return {
    file,
    doc,
    path,
    value,
    apiVersion,
    group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '',
    kind: asText(value.kind) ?? '',
    name: asText(metadata.name) ?? asText(metadata.generateName) ?? '',
    namespace: asText(metadata.namespace),
  };
}

const layerAt = (r: Resource, sub: KeyPath): Layer | null => {
  const value = valueAt(r.value, sub);
  return isRecord(value) ? { file: r.file, doc: r.doc, path: [...r.path, ...sub], value } : null;
};

/** Kinds whose pod template sits at a fixed path, beyond the generic `spec.template.spec`. */
function podSpecPath(r: Resource): { flavor: Flavor; spec: KeyPath; meta: KeyPath } | null {
  if (r.group === '' && r.kind === 'Pod') return { flavor: 'pod', spec: ['spec'], meta: ['metadata'] };
  if (r.group === '' && r.kind === 'PodTemplate')
    return { flavor: 'pod', spec: ['template', 'spec'], meta: ['template', 'metadata'] };
  if (r.kind === 'CronJob')
    return {
      flavor: 'pod',
      spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
      meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
    };
  if (r.group === 'agents.x-k8s.io' && r.kind === 'Sandbox')
    return { flavor: 'sandbox', spec: ['spec', 'podTemplate', 'spec'], meta: ['spec', 'podTemplate', 'metadata'] };
  if (r.group === 'extensions.agents.x-k8s.io' && r.kind === 'SandboxTemplate')
    return {
      flavor: 'sandbox-template',
      spec: ['spec', 'podTemplate', 'spec'],
      meta: ['spec', 'podTemplate', 'metadata'],
    };
  if (isRecord(valueAt(r.value, ['spec', 'template', 'spec'])))
    return { flavor: 'pod', spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] };
  if (isRecord(valueAt(r.value, ['spec', 'podTemplate', 'spec'])))
    return { flavor: 'pod', spec: ['spec', 'podTemplate', 'spec'], meta: ['spec', 'podTemplate', 'metadata'] };
  return null;
}

/** The pod an object runs, or null for objects that run none (Services, ConfigMaps, references). */
export function podOf(r: Resource): PodView | null {
  if (r.group === 'toolhive.stacklok.dev' && r.kind === 'MCPServer') return toolhivePod(r);
  if (r.group === KAGENT_GROUP && KAGENT_POD_KINDS.has(r.kind)) return isRemoteToolServer(r) ? null : kagentPod(r);
  const operated = agentResourceOf(r.group, r.kind);
  if (operated) return operatorPod(r, operated);
  const where = podSpecPath(r);
  if (!where) return null;
  const spec = layerAt(r, where.spec);
  if (!spec) return null;
  const view = baseView(r, where.flavor, new Layered([spec]), where.meta);
  view.containers = containersOf(spec);
  const deadline =
    r.kind === 'CronJob'
      ? ['spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds']
      : r.kind === 'Job'
        ? ['spec', 'activeDeadlineSeconds']
        : null;
  const jobDeadline = deadline ? valueAt(r.value, deadline) : undefined;
  if (deadline && jobDeadline !== undefined) view.deadline = { value: jobDeadline, ref: refIn(r, deadline) };
  else {
    const podDeadline = view.pod.get(['activeDeadlineSeconds']);
    if (podDeadline) view.deadline = podDeadline;
  }
  return view;
}

/** SandboxClaim / SandboxWarmPool name a template; an Argo Rollout may borrow a Deployment's. */
export function templateReferenceOf(r: Resource): TemplateReference | null {
  if (r.group === 'extensions.agents.x-k8s.io' && (r.kind === 'SandboxClaim' || r.kind === 'SandboxWarmPool')) {
    for (const path of [
      ['spec', 'sandboxTemplateRef', 'name'],
      ['spec', 'templateRef', 'name'],
    ]) {
      const name = asText(valueAt(r.value, path));
      if (name) return { resource: r, targetKind: 'SandboxTemplate', targetName: name, ref: refIn(r, path) };
    }
    const pool =
      asText(valueAt(r.value, ['spec', 'warmPoolRef', 'name'])) ?? asText(valueAt(r.value, ['spec', 'warmpool']));
    if (pool)
      return {
        resource: r,
        targetKind: 'SandboxWarmPool',
        targetName: pool,
        ref: refIn(r, ['spec', valueAt(r.value, ['spec', 'warmPoolRef']) ? 'warmPoolRef' : 'warmpool']),
      };
  }
  if (r.group === 'argoproj.io' && r.kind === 'Rollout') {
    const name = asText(valueAt(r.value, ['spec', 'workloadRef', 'name']));
    if (name)
      return {
        resource: r,
        targetKind: asText(valueAt(r.value, ['spec', 'workloadRef', 'kind'])) ?? 'Deployment',
        targetName: name,
        ref: refIn(r, ['spec', 'workloadRef']),
      };
  }
  return null;
}

function baseView(r: Resource, flavor: Flavor, pod: Layered, meta: KeyPath | null): PodView {
  const labels = new Map<string, { value: string; ref: SourceRef }>();
  const podLabels: Record<string, string> = {};
  const selectable: Record<string, string> = {};
  const collect = (path: KeyPath, ...into: Record<string, string>[]): void => {
    const map = valueAt(r.value, path);
    if (!isRecord(map)) return;
    for (const [key, raw] of Object.entries(map)) {
      const value = asText(raw);
      if (value === undefined) continue;
      labels.set(key, { value, ref: refIn(r, [...path, key]) });
      for (const target of into) target[key] = value;
    }
  };
  collect(['metadata', 'labels'], selectable);
  collect(['metadata', 'annotations']);
  if (meta) {
    collect([...meta, 'labels'], podLabels, selectable);
    collect([...meta, 'annotations']);
  }
  return { resource: r, flavor, pod, labels, podLabels, selectable, containers: [] };
}

const ROLES = [
  ['containers', 'container'],
  ['initContainers', 'init'],
  ['ephemeralContainers', 'ephemeral'],
] as const;

function containersOf(spec: Layer): ContainerView[] {
  const out: ContainerView[] = [];
  for (const [key, role] of ROLES) {
    const list = spec.value[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (!isRecord(item)) return;
      const layer: Layer = { file: spec.file, doc: spec.doc, path: [...spec.path, key, i], value: item };
      out.push({ name: asText(item.name) ?? `${key}[${i}]`, role, at: refIn(layer, []), fields: new Layered([layer]) });
    });
  }
  return out;
}

/** ToolHive builds the pod itself: `spec.image/args/env/resources` plus an optional `podTemplateSpec` patch. */
function toolhivePod(r: Resource): PodView {
  const spec = layerAt(r, ['spec']) ?? { file: r.file, doc: r.doc, path: [...r.path, 'spec'], value: {} };
  const patch = layerAt(r, ['spec', 'podTemplateSpec', 'spec']);
  const view = baseView(r, 'toolhive', new Layered(patch ? [spec, patch] : [spec]), [
    'spec',
    'podTemplateSpec',
    'metadata',
  ]);
  const patched = patch ? containersOf(patch) : [];
  const mcp = patched.find((c) => c.name === 'mcp' && c.role === 'container');
  const main: ContainerView = {
    name: 'mcp',
    role: 'container',
    at: mcp?.at ?? refIn(spec, valueAt(spec.value, ['image']) !== undefined ? ['image'] : []),
    fields: new Layered(mcp ? [spec, ...mcp.fields.layers] : [spec]),
  };
  view.containers = [main, ...patched.filter((c) => c !== mcp)];
  return view;
}

/**
 * kagent runs BYO agents from `spec.byo(.deployment)`, kmcp MCP servers from `spec.deployment`,
 * declarative agents from `spec.declarative(.deployment)`, AgentHarness from `spec` (`image`, `env`)
 * a Harness from `spec.workload` (its `env` beside it in `spec`) and a ToolServer from `spec.config.stdio`.
 */
function kagentPod(r: Resource): PodView {
  const candidates: KeyPath[] = [
    ['spec', 'byo', 'deployment'],
    ['spec', 'byo'],
    ['spec', 'deployment'],
    ['spec', 'declarative', 'deployment'],
    ['spec', 'declarative'],
    ['spec', 'workload'],
    ['spec', 'harness', 'inline', 'workload'],
    ['spec', 'config', 'stdio'],
  ];
  const spec = layerAt(r, ['spec']) ?? { file: r.file, doc: r.doc, path: [...r.path, 'spec'], value: {} };
  const found = candidates.map((p) => layerAt(r, p)).find((l) => l !== null);
  // The spec sits below the specific layer, for fields written beside it (a Harness's `env`).
  const layers = found ? [spec, found] : [spec];
  const layer = found ?? spec;
  const view = baseView(r, 'kagent', new Layered([layer]), null);
  const at = refIn(layer, valueAt(layer.value, ['image']) !== undefined ? ['image'] : []);
  view.containers = [{ name: 'agent', role: 'container', at, fields: new Layered(layers) }];
  return view;
}

/**
 * An agent operator's resource (K8sGPT): the operator builds the pod, so the object is one
 * container whose fields are its spec; it runs an agent only when the catalogue's switch is on.
 */
function operatorPod(r: Resource, operated: AgentResourceMatch): PodView | null {
  if (operated.resource.actsWhen && valueAt(r.value, operated.resource.actsWhen.path) !== true) return null;
  const spec = layerAt(r, ['spec']) ?? { file: r.file, doc: r.doc, path: [...r.path, 'spec'], value: {} };
  const view = baseView(r, 'operator', new Layered([spec]), null);
  const name = r.kind.toLowerCase();
  view.containers = [{ name, role: 'container', at: refIn(spec, []), fields: new Layered([spec]) }];
  return view;
}

/** Strong signals from the object's kind alone, with the agent when the object names it. */
export function kindSignal(r: Resource): { text: string; agent?: AgentId } | null {
  if (r.group === 'agents.x-k8s.io' || r.group === 'extensions.agents.x-k8s.io')
    return { text: `kind \`${r.kind}\` (${r.group}) runs an agent sandbox` };
  if (r.group === KAGENT_GROUP) {
    const agent = kagentAgentOf(r);
    return {
      text: `kind \`${r.kind}\` (kagent.dev) runs a kagent agent or tool server`,
      ...(agent ? { agent } : {}),
    };
  }
  if (r.group === 'toolhive.stacklok.dev') return { text: `kind \`${r.kind}\` (ToolHive) runs an MCP server` };
  const operated = agentResourceOf(r.group, r.kind);
  if (operated) {
    const when = operated.resource.actsWhen;
    return {
      text: `kind \`${r.kind}\` (${r.group}) is ${operated.resource.what}${when ? ` with \`${when.path.slice(1).join('.')}: true\`` : ''}`,
      agent: operated.agent,
    };
  }
  return null;
}
