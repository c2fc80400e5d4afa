/** Windsurf (Codeium's editor): its MCP file. */
import { ENV_REFERENCE, mcpServersFile } from './mcp-files.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'windsurf',
  title: 'Windsurf',
  mcpFiles: [
    mcpServersFile((p) => p.endsWith('.windsurf/mcp.json') || p.endsWith('windsurf/mcp_config.json'), ENV_REFERENCE),
  ],
} satisfies AgentDefinition;
