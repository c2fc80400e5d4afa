/** Claude Desktop: only its MCP file (`claude_desktop_config.json`) is read. */
import { mcpServersFile } from './mcp-files.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'claude-desktop',
  title: 'Claude Desktop',
  mcpPaths: ['claude_desktop_config.json'],
  mcpFiles: [
    mcpServersFile((_, b) => b === 'claude_desktop_config.json', 'a variable the launcher reads from the environment'),
  ],
} satisfies AgentDefinition;
