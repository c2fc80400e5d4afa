/** Amazon Q Developer: its MCP file. */
import { OUTSIDE_REFERENCE, mcpServersFile } from './mcp-files.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'amazon-q',
  title: 'Amazon Q Developer',
  mcpFiles: [mcpServersFile((p) => p.endsWith('.amazonq/mcp.json'), OUTSIDE_REFERENCE)],
} satisfies AgentDefinition;
