/**
 * Compose files → `compose-service` deployments: every service the detector judges to be an agent,
 * read as Compose runs it (`extends:` bases and the default override file layered in).
 */
import { deploymentId } from '../../model.js';
import type { Deployment } from '../../model.js';
import type { AdapterSettings } from '../../model.js';
import { isInteractiveShell, programs } from '../../containers/commands.js';
import { asText, isRecord, Layered, refIn, type Layer } from '../../containers/layers.js';
import {
  commandSignal,
  configMountSignal,
  envSignal,
  imageSignal,
  isWorkspacePath,
  judge,
  labelNameSignals,
  labelSignal,
  nameSignal,
  type Detection,
  type Signal,
} from '../../containers/signals.js';
import { emptyOutput, type Adapter } from '../types.js';
import type { ComposeDetails } from './details.js';
import { approvalOf, credentialsOf, filesystemOf, isolationOf, isSocket, limitsOf, networkOf } from './facts.js';
import { baseFor, isComposeFile, isOverride, overrideFor } from '../../containers/compose-files.js';
import { argvOf, envOf, extendsChain, labelsOf, serviceLayer, servicesOf, volumesOf } from './service.js';

export type { ComposeDetails } from './details.js';

export const composeAdapter: Adapter = {
  id: 'compose',
  claims: isComposeFile,
  paths: ['*compose*.yml', '*compose*.yaml', 'docker-stack*.yml', 'docker-stack*.yaml'],
  sniff: (_file, text) => /(^|\n)services[ \t]*:/.test(text),
  // An override is merged into the services of its default file, which holds the deployments.
  feeds: (file) => (isOverride(file) ? ['compose-service'] : []),
  extract(parsed, context) {
    const out = emptyOutput();
    const doc = parsed.documents[0];
    if (!doc) return out;
    const services = servicesOf(doc.value);
    // Services an override shares with its default file are judged there, merged.
    const base = baseFor(parsed.file, context.files);
    const baseServices = base ? servicesOf(context.load(base)?.documents[0]?.value) : {};
    const override = overrideFor(parsed.file, context.files);
    const overrideDoc = override ? context.load(override)?.documents[0] : undefined;
    const overrideServices = overrideDoc ? servicesOf(overrideDoc.value) : {};
    const topNetworks = { ...networksOf(doc.value), ...networksOf(overrideDoc?.value) };

    const layered = new Map<string, Layered>();
    const serviceOf = (name: string): Layered | undefined => {
      if (layered.has(name)) return layered.get(name);
      const value = services[name];
      if (!value) return undefined;
      const own = serviceLayer(parsed.file, doc.index, name, value);
      const layers: Layer[] = [...extendsChain(own, context), own];
      const top = Object.hasOwn(overrideServices, name) ? overrideServices[name] : undefined;
      if (override && overrideDoc && top) layers.push(serviceLayer(override, overrideDoc.index, name, top));
      const result = new Layered(layers);
      layered.set(name, result);
      return result;
    };

    for (const name of Object.keys(services)) {
      if (base && Object.hasOwn(baseServices, name)) continue;
      const service = serviceOf(name)!;
      const detection = detect(service, doc.value, context.settings, name);
      if (!detection) continue;
      out.deployments.push(
        toDeployment(parsed.file, doc.index, name, service, detection, topNetworks, serviceOf, context.settings),
      );
    }
    return out;
  },
};

/** The names the service gives itself: service, container, host and volume names, name labels. */
function serviceNameSignals(service: Layered, name: string, labels: ReturnType<typeof labelsOf>): Signal[] {
  const own = service.layers[service.layers.length - 1];
  const out: (Signal | null)[] = [
    nameSignal(name, 'service', own ? refIn(own, []) : undefined),
    ...labelNameSignals(labels),
  ];
  for (const key of ['container_name', 'hostname']) {
    const located = service.get([key]);
    const text = asText(located?.value);
    if (located && text) out.push(nameSignal(text, key, located.ref));
  }
  for (const v of volumesOf(service)) if (!v.bind && v.source) out.push(nameSignal(v.source, 'volume', v.ref));
  return out.filter((s): s is Signal => s !== null);
}

const networksOf = (value: unknown): Record<string, unknown> =>
  isRecord(value) && isRecord(value.networks) ? value.networks : {};

function detect(service: Layered, fileValue: unknown, settings: AdapterSettings, name: string): Detection | null {
  const signals: Signal[] = [];
  let ignored: string | null = null;
  const labels = labelsOf(service);
  const label = labelSignal(labels, settings);
  if (label && 'optOut' in label) return null;
  if (label) signals.push(label.optIn);
  signals.push(...serviceNameSignals(service, name, labels));
  if (labels.get('docker-mcp')?.value === 'true')
    signals.push({
      strength: 'strong',
      category: 'label',
      text: '`docker-mcp=true` marks a Docker MCP Toolkit server',
      agent: 'mcp',
      ref: labels.get('docker-mcp')!.ref,
    });

  const image = service.get(['image']);
  const imageText = asText(image?.value);
  if (image && imageText) {
    const verdict = imageSignal(imageText, image.ref, settings);
    if (verdict?.kind === 'ignored') ignored = verdict.text;
    else if (verdict) signals.push(verdict.signal);
  }
  const { argv, refs, entrypointKnown } = argvOf(service);
  for (const program of programs(argv, entrypointKnown)) {
    const signal = commandSignal(program.word, refs[program.index]!, settings);
    if (signal) signals.push(signal);
  }
  const interactive = service.get(['stdin_open'])?.value === true || service.get(['tty'])?.value === true;
  if (interactive && isInteractiveShell(argv))
    signals.push({ strength: 'capability', category: 'shell', text: 'the service keeps an interactive shell open' });
  for (const e of envOf(service)) {
    const signal = envSignal(e.name, e.ref, settings);
    if (signal) signals.push(signal);
  }
  const models = service.get(['models']);
  if (models && isRecord(fileValue) && fileValue.models !== undefined) {
    const names = Array.isArray(models.value)
      ? models.value.map((m) => asText(m))
      : isRecord(models.value)
        ? Object.keys(models.value)
        : [];
    signals.push({
      strength: 'medium',
      category: 'llm',
      text: `uses the model${names.length === 1 ? '' : 's'} ${names.map((n) => `\`${n}\``).join(', ')} from the top-level \`models:\``,
      ref: models.ref,
    });
  }
  for (const v of volumesOf(service)) {
    if (isSocket(v))
      signals.push({
        strength: 'capability',
        category: 'docker',
        text: `mounts the container runtime socket \`${v.source}\``,
      });
    else if (v.bind && (isWorkspacePath(v.target) || isWorkspacePath(v.source)))
      signals.push({ strength: 'capability', category: 'workspace', text: `mounts a workspace at \`${v.target}\`` });
    // A named volume mounted where the agent keeps its configuration (`claude-auth:/home/node/.claude`) counts too.
    const config = (v.bind ? configMountSignal(v.source, v.ref) : null) ?? configMountSignal(v.target, v.ref);
    if (config) signals.push(config);
  }
  if (service.get(['privileged'])?.value === true)
    signals.push({ strength: 'capability', category: 'privileged', text: 'the service runs privileged' });
  for (const cap of service.list(['cap_add'])) {
    if (/^(CAP_)?(SYS_ADMIN|ALL)$/i.test(asText(cap.value) ?? ''))
      signals.push({
        strength: 'capability',
        category: 'privileged',
        text: `the service adds capability \`${asText(cap.value)}\``,
      });
  }
  return judge(signals, null, ignored);
}

function toDeployment(
  file: string,
  doc: number,
  name: string,
  service: Layered,
  detection: Detection,
  topNetworks: Record<string, unknown>,
  serviceOf: (name: string) => Layered | undefined,
  settings: AdapterSettings,
): Deployment {
  const at = { file, doc, path: ['services', name] };
  const details: ComposeDetails = {
    service: name,
    user: service.get(['user']),
    readOnly: service.get(['read_only']),
    securityOpt: service.list(['security_opt']),
    capDrop: service.list(['cap_drop']),
    capAdd: service.list(['cap_add']),
    env: envOf(service),
  };
  const labels: Record<string, string> = {};
  for (const [key, { value }] of labelsOf(service)) labels[key] = value;
  return {
    id: deploymentId('compose-service', file, name),
    kind: 'compose-service',
    name,
    agent: detection.agent,
    file,
    at,
    root: at,
    sandbox: {
      isolation: isolationOf(service, settings),
      network: networkOf(service, topNetworks, serviceOf),
      filesystem: filesystemOf(service),
      approval: approvalOf(service),
      credentials: credentialsOf(service),
      limits: limitsOf(service),
    },
    signals: detection.signals,
    labels,
    details,
  };
}
