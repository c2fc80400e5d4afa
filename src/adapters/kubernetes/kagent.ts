/**
 * What kagent's own objects declare beyond their pod: which agent a harness runs (AgentHarness
 * `backend`, Harness `codex`/`claude`), the sandbox egress list (`spec.sandbox.network.allowedDomains`),
 * MCP tools limited by `toolNames` and gated by `requireApproval`, and TLS checks turned off
 * (kmcp `httpTransport.tls.insecureSkipVerify`, `spec.skills.insecureSkipVerify`).
 */
import { agentById, agentOfCommand, type AgentId } from '../../agents/index.js';
import type { Approval, Fact, Network } from '../../model.js';
import { fact, tick } from '../../model/fact.js';
import { asText, isRecord, refIn, valueAt } from '../../containers/layers.js';
import type { Resource } from './workloads.js';

export const KAGENT_GROUP = 'kagent.dev';
/** kagent kinds that run a pod or a sandbox: agents, kmcp MCP servers, harnesses. */
export const KAGENT_POD_KINDS: ReadonlySet<string> = new Set([
  'Agent',
  'SandboxAgent',
  'MCPServer',
  'AgentHarness',
  'Harness',
  'ToolServer',
]);

/** A ToolServer that connects to a remote URL (`sse`, `streamableHttp`) starts nothing in the cluster. */
export const isRemoteToolServer = (r: Resource): boolean =>
  r.group === KAGENT_GROUP &&
  r.kind === 'ToolServer' &&
  !isRecord(valueAt(r.value, ['spec', 'config', 'stdio'])) &&
  ['sse', 'streamableHttp'].some((k) => isRecord(valueAt(r.value, ['spec', 'config', k])));

const isKagent = (r: Resource): boolean => r.group === KAGENT_GROUP;

/** The agent a harness runs: AgentHarness `backend: openclaw`, or the Harness runtime key (`codex: {}`, `claude: {}`). */
export function kagentAgentOf(r: Resource): AgentId | undefined {
  if (!isKagent(r)) return undefined;
  if (r.kind === 'AgentHarness') {
    const backend = asText(valueAt(r.value, ['spec', 'backend']))?.toLowerCase();
    return backend ? agentById(backend)?.id : undefined;
  }
  // A Harness, or an Agent whose harness is written inline (`spec.harness.inline`), names its runtime by key.
  const harness = r.kind === 'Harness' ? valueAt(r.value, ['spec']) : valueAt(r.value, ['spec', 'harness', 'inline']);
  if (!isRecord(harness)) return undefined;
  for (const key of Object.keys(harness)) {
    const agent = isRecord(harness[key]) ? agentOfCommand(key) : undefined;
    if (agent) return agent;
  }
  return undefined;
}

/**
 * A declarative Agent or SandboxAgent runs kagent's own runtime, which applies the sandbox settings and
 * tool lists; a BYO image (`type: BYO`, as kagent's python/samples are) runs whatever its code does.
 */
function declarative(r: Resource): boolean {
  if (r.kind !== 'Agent' && r.kind !== 'SandboxAgent') return false;
  const type = asText(valueAt(r.value, ['spec', 'type']));
  return type === 'Declarative' || (type === undefined && isRecord(valueAt(r.value, ['spec', 'declarative'])));
}

export interface DeclaredNetwork {
  /** `spec.sandbox.network.allowedDomains`: the sandbox's egress allowlist. */
  allowlist?: Fact<Network>;
  /** A link whose TLS certificate is not checked: anyone on the path can change what crosses it. */
  insecure?: Fact<Network>;
}

export function kagentNetwork(r: Resource): DeclaredNetwork {
  if (!isKagent(r)) return {};
  const out: DeclaredNetwork = {};
  const insecure = [
    { path: ['spec', 'httpTransport', 'tls', 'insecureSkipVerify'], what: 'the MCP server’s HTTP transport' },
    { path: ['spec', 'skills', 'insecureSkipVerify'], what: 'the registries its skills are pulled from' },
  ].find((c) => valueAt(r.value, c.path) === true);
  if (insecure)
    out.insecure = fact<Network>(
      'open',
      `${tick('insecureSkipVerify: true')} turns off certificate checks for ${insecure.what}, so anyone on the path can read and change what crosses it`,
      refIn(r, insecure.path),
    );
  const path = ['spec', 'sandbox', 'network', 'allowedDomains'];
  const domains = valueAt(r.value, path);
  if (!Array.isArray(domains) || domains.length === 0) return out;
  if (!declarative(r)) return out;
  const star = domains.findIndex((d) => asText(d)?.trim() === '*');
  if (star >= 0) return out;
  out.allowlist = fact<Network>(
    'allowlist',
    `${tick('sandbox.network.allowedDomains')} limits the sandbox's egress to ${domains.length} domain${domains.length === 1 ? '' : 's'}`,
    refIn(r, path),
  );
  return out;
}

/** The stronger of the policy-derived fact and the object's own allowlist; TLS off opens the link whatever else holds. */
export function withDeclaredNetwork(computed: Fact<Network>, declared: DeclaredNetwork | undefined): Fact<Network> {
  if (!declared) return computed;
  if (declared.insecure) return declared.insecure;
  if (declared.allowlist && computed.value === 'open') return declared.allowlist;
  return computed;
}

/**
 * A declarative agent calls only the MCP tools its `tools` name: each `mcpServer` entry without
 * `toolNames` exposes every tool of that server. `requireApproval` pauses the named tools for a human.
 */
export function kagentApproval(r: Resource): Fact<Approval> | null {
  if (!isKagent(r)) return null;
  const template = templateApproval(r);
  if (template) return template;
  if (!declarative(r)) return null;
  const base = ['spec', 'declarative', 'tools'];
  const tools = valueAt(r.value, base);
  if (!Array.isArray(tools) || tools.length === 0)
    return fact<Approval>(
      'restricted',
      'the declarative agent declares no tools, so it can only answer',
      refIn(r, isRecord(valueAt(r.value, ['spec', 'declarative'])) ? ['spec', 'declarative'] : ['spec']),
    );
  let gated = 0;
  let named = 0;
  for (const [i, tool] of tools.entries()) {
    if (!isRecord(tool) || !isRecord(tool.mcpServer)) continue;
    const server = asText(tool.mcpServer.name) ?? `tools[${i}]`;
    const names = Array.isArray(tool.mcpServer.toolNames) ? tool.mcpServer.toolNames : [];
    if (names.length === 0)
      return fact<Approval>(
        'unrestricted',
        `MCP server ${tick(server)} lists no ${tick('toolNames')}, so the agent may call every tool it offers without asking`,
        refIn(r, [...base, i, 'mcpServer']),
      );
    named += names.length;
    const approval = Array.isArray(tool.mcpServer.requireApproval) ? tool.mcpServer.requireApproval : [];
    gated += approval.filter((t) => names.includes(t)).length;
  }
  const asked = gated > 0 ? `; ${gated} of them need a human's approval (${tick('requireApproval')})` : '';
  return fact<Approval>(
    'restricted',
    `${tick('toolNames')} limit the agent to ${named} named MCP tool${named === 1 ? '' : 's'}${asked}`,
    refIn(r, base),
  );
}

/**
 * An Agent with an inline template (`spec.template.inline.tools`): each MCP binding must list its
 * `tools`, so the agent calls only those; an `agent` binding routes work to another template.
 */
function templateApproval(r: Resource): Fact<Approval> | null {
  const base = ['spec', 'template', 'inline', 'tools'];
  const tools = valueAt(r.value, base);
  if (r.kind !== 'Agent' || !Array.isArray(tools)) return null;
  let named = 0;
  for (const [i, binding] of tools.entries()) {
    if (!isRecord(binding) || !isRecord(binding.mcp)) continue;
    const list = Array.isArray(binding.mcp.tools) ? binding.mcp.tools : [];
    if (list.length === 0)
      return fact<Approval>(
        'unrestricted',
        `MCP binding ${i + 1} lists no ${tick('tools')}, so nothing written here limits what the agent may call`,
        refIn(r, [...base, i, 'mcp']),
      );
    named += list.length;
  }
  return fact<Approval>(
    'restricted',
    `the template's MCP bindings limit the agent to ${named} named tool${named === 1 ? '' : 's'}`,
    refIn(r, base),
  );
}
