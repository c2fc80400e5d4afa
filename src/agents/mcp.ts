/** MCP servers: not an agent, but deployed like one; their images mark a workload as an agent tool. */
import type { AgentDefinition } from './types.js';

export default {
  id: 'mcp',
  title: 'an MCP server',
  images: [
    { glob: 'mcp/*', what: 'an MCP server from the Docker MCP catalog' },
    { glob: 'ghcr.io/github/github-mcp-server', what: 'the GitHub MCP server' },
  ],
  imageName: { token: /(^|[-_.])mcp($|[-_.])/, what: 'an MCP server' },
} satisfies AgentDefinition;
