/** Zed: context servers (MCP) in its project settings. */
import { OUTSIDE_REFERENCE } from './mcp-files.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'zed',
  title: 'Zed',
  mcpFiles: [
    { test: (p) => p.endsWith('.zed/settings.json'), keys: [['context_servers']], secretReference: OUTSIDE_REFERENCE },
  ],
} satisfies AgentDefinition;
