/** Kiro (AWS): its MCP file. */
import { mcpServersFile } from './mcp-files.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'kiro',
  title: 'Kiro',
  mcpFiles: [mcpServersFile((p) => p.endsWith('.kiro/settings/mcp.json'), '`${NAME}`')],
} satisfies AgentDefinition;
