/**
 * The MCP servers a kagent agent calls: `spec.declarative.tools[].mcpServer` (Agent, SandboxAgent;
 * v1alpha1 `spec.tools[].mcpServer.toolServer`), and the template bindings `tools[].mcp.server`
 * (an Agent's inline template, an AgentTemplate). `link` resolves each reference to the
 * RemoteMCPServer, MCPServer or ToolServer it names in the repository: the server's approval is the
 * weakest of the agents that call it, and the agent lists the servers it reaches.
 */
import type { Approval, Credentials, Deployment, Fact, SourceRef } from '../../model.js';
import { fact, tick } from '../../model/fact.js';
import { asText, isRecord, refIn, valueAt } from '../../containers/layers.js';
import type { KeyPath } from '../../documents/types.js';
import { KAGENT_GROUP } from './kagent.js';
import { KAGENT_CLIENT } from './kagent-mcp.js';
import type { Resource } from './workloads.js';

export const TOOL_REF_ARTIFACT = 'kagent-tool-ref';

export interface ToolRef {
  /** The calling object, as `Kind/name`. */
  caller: string;
  file: string;
  /** The reference (`mcpServer:` or `mcp:`). */
  at: SourceRef;
  serverKind: string;
  serverName: string;
  /** The server's namespace: the reference's own, else the caller's (kagent resolves it there). */
  namespace: string | undefined;
  /** The tools the caller may call; null when it names none, so every tool the server offers. */
  toolNames: string[] | null;
  requireApproval: string[];
  /** Headers of the caller's own request forwarded to the server (`allowedHeaders`). */
  allowedHeaders: string[];
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.length > 0) : [];

export function toolRefsOf(r: Resource): ToolRef[] {
  if (r.group !== KAGENT_GROUP) return [];
  const lists: { base: KeyPath; key: 'mcpServer' | 'mcp' }[] =
    r.kind === 'AgentTemplate'
      ? [{ base: ['spec', 'tools'], key: 'mcp' }]
      : r.kind === 'Agent' || r.kind === 'SandboxAgent'
        ? [
            { base: ['spec', 'declarative', 'tools'], key: 'mcpServer' },
            { base: ['spec', 'tools'], key: 'mcpServer' },
            { base: ['spec', 'template', 'inline', 'tools'], key: 'mcp' },
          ]
        : [];
  const out: ToolRef[] = [];
  for (const { base, key } of lists) {
    const tools = valueAt(r.value, base);
    if (!Array.isArray(tools)) continue;
    tools.forEach((tool, i) => {
      const entry = isRecord(tool) && isRecord(tool[key]) ? tool[key] : null;
      if (!entry) return;
      const ref = key === 'mcp' ? templateRef(entry) : serverRef(entry);
      if (!ref) return;
      out.push({
        caller: `${r.kind}/${r.name}`,
        file: r.file,
        at: refIn(r, [...base, i, key]),
        ...ref,
        namespace: (key === 'mcpServer' ? asText(entry.namespace) : undefined) ?? r.namespace,
      });
    });
  }
  return out;
}

type Target = Omit<ToolRef, 'caller' | 'file' | 'at' | 'namespace'>;

function serverRef(entry: Record<string, unknown>): Target | null {
  const legacy = asText(entry.toolServer);
  const name = asText(entry.name) ?? legacy;
  if (!name) return null;
  const names = strings(entry.toolNames);
  return {
    // kagent resolves an empty kind to a kmcp MCPServer; v1alpha1 named a ToolServer.
    serverKind: asText(entry.kind) || (legacy ? 'ToolServer' : 'MCPServer'),
    serverName: name,
    toolNames: names.length > 0 ? names : null,
    requireApproval: strings(entry.requireApproval),
    allowedHeaders: strings(entry.allowedHeaders).map((h) => h.toLowerCase()),
  };
}

function templateRef(entry: Record<string, unknown>): Target | null {
  const server = isRecord(entry.server) ? entry.server : {};
  const name = asText(server.name);
  if (!name) return null;
  const names = strings(entry.tools);
  return {
    serverKind: asText(server.kind) ?? 'RemoteMCPServer',
    serverName: name,
    toolNames: names.length > 0 ? names : null,
    requireApproval: [],
    allowedHeaders: [],
  };
}

/** The server a deployment is, by kind, name and namespace, if it is a kagent or kmcp server. */
function serverOf(d: Deployment): { kind: string; name: string; namespace: string | undefined } | null {
  if (d.kind === 'mcp-server' && d.details.client === KAGENT_CLIENT) {
    const [kind, ...rest] = d.name.split('/');
    return { kind: kind!, name: rest.join('/'), namespace: d.details.namespace };
  }
  if (d.kind === 'k8s-workload' && d.details.flavor === 'kagent' && /^(?:MCPServer|ToolServer)$/.test(d.details.kind))
    return { kind: d.details.kind, name: d.name.slice(d.details.kind.length + 1), namespace: d.details.namespace };
  return null;
}

const sameNamespace = (a: string | undefined, b: string | undefined): boolean =>
  a === undefined || b === undefined || a === b;

/** Gives each server the approval of the agents that call it, and each agent the servers it reaches. */
export function linkToolRefs(deployments: readonly Deployment[], refs: readonly ToolRef[]): void {
  for (const d of deployments) {
    const server = serverOf(d);
    if (!server) continue;
    const callers = refs.filter(
      (ref) =>
        ref.serverKind === server.kind &&
        ref.serverName === server.name &&
        sameNamespace(ref.namespace, server.namespace),
    );
    if (callers.length === 0) continue;
    d.sandbox.approval = approvalOf(callers);
    if (d.sandbox.credentials.value === 'none') {
      const forwarding = callers.find((ref) => ref.allowedHeaders.includes('authorization'));
      if (forwarding) d.sandbox.credentials = forwarded(forwarding);
    }
    d.signals.push(...callers.map((ref) => `${ref.caller} in ${ref.file} calls its tools`));
    for (const ref of callers) {
      const agent = deployments.find((a) => a.kind === 'k8s-workload' && a.file === ref.file && a.name === ref.caller);
      agent?.signals.push(`calls the tools of ${server.kind} \`${server.name}\` in ${d.file}`);
    }
  }
}

function approvalOf(callers: readonly ToolRef[]): Fact<Approval> {
  const open = callers.find((ref) => ref.toolNames === null);
  if (open)
    return fact<Approval>(
      'unrestricted',
      `${open.caller} lists no ${tick('toolNames')} for it, so the agent may call every tool the server offers without asking`,
      open.at,
    );
  const named = new Set(callers.flatMap((ref) => ref.toolNames ?? []));
  const ungated = callers.flatMap((ref) => (ref.toolNames ?? []).filter((t) => !ref.requireApproval.includes(t)));
  const asked =
    ungated.length === 0
      ? `, and each needs a human's approval (${tick('requireApproval')})`
      : ungated.length < callers.flatMap((ref) => ref.toolNames ?? []).length
        ? `; some need a human's approval (${tick('requireApproval')})`
        : '';
  return fact<Approval>(
    'restricted',
    `the agents that call it name ${named.size} of its tools (${tick('toolNames')})${asked}`,
    callers[0]!.at,
  );
}

const forwarded = (ref: ToolRef): Fact<Credentials> =>
  fact<Credentials>(
    'read',
    `${ref.caller} forwards its callers' ${tick('Authorization')} header to the server (${tick('allowedHeaders')}); its scope is not visible here`,
    ref.at,
  );
