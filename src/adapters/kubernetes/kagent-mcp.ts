/**
 * kagent's `RemoteMCPServer` (kagent.dev v1alpha2 and later), and a v1alpha1 `ToolServer` with an
 * `sse` or `streamableHttp` config: an MCP server kagent's agents call at a URL. It is an `mcp-server` deployment, judged as remote MCP servers are: the credentials it is
 * sent (`headersFrom`, from a Secret or a ConfigMap or written inline), a plain `http://` endpoint or
 * `tls.disableVerify`, and the tool approval of the agents that reference it. A loopback URL or a
 * cluster service (`name`, `name.namespace`, `*.svc`, `*.svc.cluster.local`) is a server running
 * beside the agent in a workload this object does not show: each fact takes its weakest value.
 */
import { deploymentId } from '../../model.js';
import type { Approval, Credentials, Deployment, Fact, Filesystem, Isolation, Limits, Network } from '../../model.js';
import type { SourceRef } from '../../model.js';
import type { InlineValue } from '../../model/details/inline-values.js';
import { fact, tick } from '../../model/fact.js';
import { asText, isRecord, refIn, valueAt } from '../../containers/layers.js';
import { hostOf, hostnameOf, isLocalUrl, isPlaintextUrl } from '../../util/urls.js';
import type { KeyPath } from '../../documents/types.js';
import { isRemoteToolServer, KAGENT_GROUP } from './kagent.js';
import type { Resource } from './workloads.js';

/** The client named in a RemoteMCPServer deployment: kagent's own agent runtime calls the server. */
export const KAGENT_CLIENT = 'kagent';
const KIND = 'RemoteMCPServer';
const SECRET_REFERENCE = 'a `headersFrom` entry with `valueFrom: {type: Secret, name: …, key: …}`';
/** Header names that carry a credential. */
const CREDENTIAL_HEADER = /^authorization$|^proxy-authorization$|^cookie$|api[-_]?key|token|secret|auth/i;

/**
 * Where an object's remote-server fields live: a RemoteMCPServer's `spec`, or a v1alpha1 ToolServer's
 * `spec.config.sse` / `spec.config.streamableHttp`; null for anything else.
 */
export function remoteBase(r: Resource): KeyPath | null {
  if (r.group !== KAGENT_GROUP) return null;
  if (r.kind === KIND) return ['spec'];
  if (r.kind !== 'ToolServer' || !isRemoteToolServer(r)) return null;
  const key = ['streamableHttp', 'sse'].find((k) => isRecord(valueAt(r.value, ['spec', 'config', k])));
  return key ? ['spec', 'config', key] : null;
}

type Place = 'remote' | 'loopback' | 'cluster';

/**
 * Public suffixes a two-label host (`name.suffix`) most often ends in; any other second label is read
 * as a namespace (`svc.kagent`), as kagent's own controller reads `{name}.{namespace}`.
 */
const PUBLIC_SUFFIX =
  /^(?:[a-z]{2}|com|net|org|dev|app|cloud|info|biz|tech|xyz|site|online|run|tools|page|host|services|systems|software|works|network|team|company|local|internal|lan|home|corp|test|example|invalid)$/;

/** Where the server runs, from the URL's host alone. */
export function placeOf(url: string): Place {
  if (isLocalUrl(url)) return 'loopback';
  const host = hostnameOf(url);
  if (host === '' || host.startsWith('[') || /^\d+(?:\.\d+){3}$/.test(host)) return 'remote';
  if (/\.svc(?:\.|$)|\.cluster\.local$/.test(host)) return 'cluster';
  const labels = host.split('.');
  if (labels.length === 1) return 'cluster';
  if (labels.length === 2 && !PUBLIC_SUFFIX.test(labels[1]!)) return 'cluster';
  return 'remote';
}

export function remoteMcpDeployment(r: Resource): Deployment | null {
  const base = remoteBase(r);
  if (!base) return null;
  const url = asText(valueAt(r.value, [...base, 'url']));
  if (!url) return null;
  const urlRef = refIn(r, [...base, 'url']);
  const place = placeOf(url);
  const host = tick(hostOf(url));
  const named = isRecord(r.value.metadata) && 'name' in r.value.metadata;
  const labels: Record<string, string> = {};
  const metaLabels = valueAt(r.value, ['metadata', 'labels']);
  if (isRecord(metaLabels)) for (const [k, v] of Object.entries(metaLabels)) if (typeof v === 'string') labels[k] = v;
  const where = {
    remote: `remote MCP server at ${host}`,
    loopback: `MCP server beside the agent in its pod (loopback URL ${host})`,
    cluster: `MCP server inside the cluster (service ${host})`,
  }[place];
  return {
    id: deploymentId('mcp-server', r.file, `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`),
    kind: 'mcp-server',
    name: `${r.kind}/${r.name}`,
    agent: KAGENT_CLIENT,
    file: r.file,
    at: { file: r.file, doc: r.doc, path: [...r.path, ...(named ? ['metadata', 'name'] : ['kind'])] },
    root: { file: r.file, doc: r.doc, path: [...r.path] },
    sandbox: {
      ...placeFacts(place, host, urlRef),
      network: networkFact(r, base, url, place, host, urlRef),
      approval: fact<Approval>(
        'unrestricted',
        `no kagent agent in the repository calls this server; one that references it without ${tick('toolNames')} may call every tool it offers without asking`,
        null,
      ),
      credentials: credentialsOf(r, base),
    },
    signals: [`kind \`${r.kind}\` (kagent.dev): an MCP server kagent's agents call`, where],
    labels,
    details: {
      client: KAGENT_CLIENT,
      transport: 'remote',
      launcher: null,
      wrappers: [],
      packages: [],
      inlineValues: inlineValuesOf(r, base, url, urlRef),
      secretReference: SECRET_REFERENCE,
      ...(r.namespace ? { namespace: r.namespace } : {}),
    },
  };
}

function placeFacts(
  place: Place,
  host: string,
  at: SourceRef,
): { isolation: Fact<Isolation>; filesystem: Fact<Filesystem>; limits: Fact<Limits> } {
  if (place === 'remote')
    return {
      isolation: fact<Isolation>('vm', `the server runs on a remote host (${host}); nothing starts in the cluster`, at),
      filesystem: fact<Filesystem>('read-only', "a remote server cannot write the agent's files", at),
      limits: fact<Limits>('bounded', "a remote server uses none of the cluster's resources", at),
    };
  const why =
    place === 'loopback'
      ? `the server at ${host} runs in the agent's own pod, started by something this object does not show`
      : `the server at ${host} runs in the cluster beside the agent, in a workload this object does not show`;
  // No source: nothing here turns a sandbox off; the server's own workload, wherever it is, declares none here.
  return {
    isolation: fact<Isolation>('none', why, null),
    filesystem: fact<Filesystem>('full', `${why}; nothing here limits the files it can reach`, null),
    limits: fact<Limits>('unbounded', `${why}; no limit is set`, null),
  };
}

function networkFact(
  r: Resource,
  base: KeyPath,
  url: string,
  place: Place,
  host: string,
  at: SourceRef,
): Fact<Network> {
  const scheme = url.slice(0, url.indexOf(':'));
  if (isPlaintextUrl(url))
    return fact<Network>(
      'open',
      `the agent talks to ${host} over plain ${tick(scheme)}: anyone on the path can read and change the tool calls and results, and any credential sent`,
      at,
    );
  const path = [...base, 'tls', 'disableVerify'];
  if (valueAt(r.value, path) === true)
    return fact<Network>(
      'open',
      `${tick('tls.disableVerify: true')} turns off certificate checks for ${host}, so anyone on the path can read and change what crosses it`,
      refIn(r, path),
    );
  if (place !== 'remote')
    return fact<Network>('open', `the server at ${host} runs beside the agent; its egress is not restricted here`, at);
  return fact<Network>(
    'allowlist',
    `the agent connects only to ${host}; the remote server's own egress is outside this repository`,
    at,
  );
}

/**
 * The headers sent to the server: `headersFrom` (from a Secret or ConfigMap key, or written inline)
 * and a ToolServer's literal `headers` map.
 */
function headersOf(r: Resource, base: KeyPath): { name: string; path: KeyPath; entry: Record<string, unknown> }[] {
  const out: { name: string; path: KeyPath; entry: Record<string, unknown> }[] = [];
  const list = valueAt(r.value, [...base, 'headersFrom']);
  if (Array.isArray(list))
    list.forEach((entry, index) => {
      if (isRecord(entry))
        out.push({ name: asText(entry.name) ?? `headersFrom[${index}]`, path: [...base, 'headersFrom', index], entry });
    });
  const map = valueAt(r.value, [...base, 'headers']);
  if (isRecord(map))
    for (const [name, value] of Object.entries(map))
      out.push({ name, path: [...base, 'headers', name], entry: { value: asText(value), literal: true } });
  return out;
}

function credentialsOf(r: Resource, base: KeyPath): Fact<Credentials> {
  for (const { name, path, entry } of headersOf(r, base)) {
    const from = isRecord(entry.valueFrom) ? entry.valueFrom : null;
    const at = refIn(r, path);
    if (from && asText(from.type) === 'Secret')
      return fact<Credentials>(
        'read',
        `header ${tick(name)} is sent from Secret ${tick(asText(from.name) ?? asText(from.valueRef) ?? '?')}: a credential the server receives, whose scope is not visible here`,
        at,
      );
    if (CREDENTIAL_HEADER.test(name) && (from || asText(entry.value)))
      return fact<Credentials>(
        'read',
        `header ${tick(name)} sends a credential to the server; its scope is not visible here`,
        at,
      );
  }
  return fact<Credentials>('none', 'no credential for this server is set in the repository', null);
}

/** Literal header values and the URL: what `inline-secret` judges. */
function inlineValuesOf(r: Resource, base: KeyPath, url: string, urlRef: SourceRef): InlineValue[] {
  const out: InlineValue[] = [{ at: urlRef, name: 'url', value: url, label: 'url' }];
  for (const { name, path, entry } of headersOf(r, base)) {
    const value = asText(entry.value);
    if (!value) continue;
    const literal = entry.literal === true;
    out.push({
      at: refIn(r, literal ? path : [...path, 'value']),
      name,
      value,
      label: literal ? `headers.${name}` : `headersFrom[${String(path[path.length - 1])}].value`,
    });
  }
  return out;
}
