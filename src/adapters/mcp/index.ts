/**
 * MCP server entries (`kind: mcp-server`), one deployment per server in every client file:
 * `.mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`, `claude_desktop_config.json`, Windsurf, Zed,
 * Gemini, Codex, Continue, Kiro, Roo, Cline, Amazon Q, opencode, goose (config `extensions` and recipes). The file implies the client, which
 * is the deployment's `agent`.
 *
 * Remote servers (a URL and no command) are deployments too: the credentials they receive, their
 * tool approval and a plain-http endpoint are judged, though they start nothing here (isolation
 * `vm`: another machine). A loopback URL is a server on this machine that this file does not bound:
 * a deployment with the weakest facts. Disabled entries are not deployments.
 */
import { mcpClientPaths, projectMcpFiles } from '../../agents/index.js';
import { deploymentId } from '../../model.js';
import type { Deployment } from '../../model.js';
import { collectInlineValues, redactSecrets } from '../../secrets.js';
import { emptyOutput, type Adapter, type AdapterContext, type AdapterOutput } from '../types.js';
import type { ParsedFile } from '../../documents/types.js';
import { clientFor, mentionsServers } from './clients.js';
import type { McpServerDetails } from './details.js';
import { readEntries, type ServerEntry } from './entries.js';
import { isLocalUrl, localSandbox, loopbackSandbox, remoteSandbox, type FactInput } from './facts.js';
import { analyse, innermost } from './launch.js';
import { packagesOf } from './packages.js';

export const mcpAdapter: Adapter = {
  id: 'mcp',
  claims: (file) => clientFor(file) !== null,
  // Client files by name (clients.ts; the clients' own names from the catalogue), and the
  // `srt --settings` file a server names (JSON).
  paths: [
    '*mcp*.json',
    '*mcp*.jsonc',
    '*settings*.json',
    'plugin.json',
    'config.toml',
    '*srt*.json',
    '*.code-workspace',
    '.devcontainer/',
    'devcontainer.json',
    '.devcontainer.json',
    ...mcpClientPaths(),
  ],
  sniff: (file, text) => mentionsServers(file, text),
  // A workflow's agent may start the servers of its project MCP file (workflows/link.ts).
  feeds: (file) => (projectMcpFiles().includes(file) ? ['workflow-job'] : []),
  extract(parsed: ParsedFile, context: AdapterContext): AdapterOutput {
    const output = emptyOutput();
    const client = clientFor(parsed.file);
    const doc = parsed.documents[0];
    if (!client || !doc) return output;
    for (const entry of readEntries(doc.value, parsed.file, client.keys, client.flat, client.skips)) {
      if (entry.disabled) continue;
      const deployment = serverDeployment(entry, parsed.file, client.agent, client.secretReference, context);
      if (deployment) output.deployments.push(deployment);
    }
    return output;
  },
};

function serverDeployment(
  entry: ServerEntry,
  file: string,
  agent: string,
  secretReference: string,
  context: AdapterContext,
): Deployment | null {
  const input: FactInput = { entry, file, agent, settings: context.settings, load: context.load };
  const at = { file, path: entry.keyPath };
  const analysis = entry.argv ? analyse(entry.argv) : null;
  const base = {
    id: deploymentId('mcp-server', file, entry.name),
    kind: 'mcp-server' as const,
    name: entry.name,
    agent,
    file,
    at,
    labels: {},
    root: { file, path: entry.path },
  };
  const details = (
    transport: McpServerDetails['transport'],
    launcher: string | null,
    wrappers: string[],
    packages: McpServerDetails['packages'],
  ): McpServerDetails => ({
    client: agent,
    transport,
    launcher,
    wrappers,
    packages,
    inlineValues: collectInlineValues(entry.value, { file, path: entry.path }),
    secretReference,
  });

  if (analysis) {
    const packages = packagesOf(analysis.launch).filter((p) => !/[$%{]/.test(p.spec));
    const inner = innermost(analysis.launch);
    const launcher = analysis.launch.kind === 'sandbox' ? analysis.launch.name : inner.name;
    return {
      ...base,
      sandbox: localSandbox(input, analysis, packages),
      signals: [`MCP server entry for ${agent} in \`${file}\``, `starts \`${commandPreview(entry)}\``],
      details: { ...details('stdio', launcher, analysis.wrappers, packages) },
    };
  }
  if (entry.url) {
    const loopback = isLocalUrl(entry.url.value);
    return {
      ...base,
      sandbox: loopback ? loopbackSandbox(input, entry.url) : remoteSandbox(input, entry.url),
      signals: [
        `MCP server entry for ${agent} in \`${file}\``,
        loopback ? 'server on this machine (loopback URL)' : 'remote server (URL only)',
      ],
      details: { ...details('remote', null, [], []) },
    };
  }
  return null;
}

/** The command line, shortened and with any secret masked, for signals. */
function commandPreview(entry: ServerEntry): string {
  const words = (entry.argv ?? []).slice(0, 4).map((a) => (a.value.length > 60 ? `${a.value.slice(0, 57)}…` : a.value));
  return redactSecrets(`${words.join(' ')}${(entry.argv?.length ?? 0) > 4 ? ' …' : ''}`);
}
