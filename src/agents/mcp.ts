/** MCP servers: not an agent, but deployed like one; their images mark a workload as an agent tool. */
import type { AgentDefinition } from './types.js';
import { OUTSIDE_REFERENCE, mcpServersFile } from './mcp-files.js';

export default {
  id: 'mcp',
  title: 'an MCP server',
  mcpFiles: [
    // Any other JSON file named for MCP (`mcp.json`, `mcp-config.json`, `mcp_servers.json`) in the common shape.
    mcpServersFile((_, b) => /mcp/.test(b) && /\.jsonc?$/.test(b), OUTSIDE_REFERENCE),
  ],
  images: [
    { glob: 'mcp/*', what: 'an MCP server from the Docker MCP catalog' },
    { glob: 'ghcr.io/github/github-mcp-server', what: 'the GitHub MCP server' },
  ],
  imageName: { token: /(^|[-_.])mcp($|[-_.])/, what: 'an MCP server' },
} satisfies AgentDefinition;
