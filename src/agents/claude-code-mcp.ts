/** Claude Code's MCP files: the project `.mcp.json` (also written flat) and a plugin's manifest. */
import type { McpClientFile } from './mcp-files.js';

const REFERENCE = 'an environment reference such as `${GITHUB_TOKEN}`';

export const CLAUDE_MCP_FILES: readonly McpClientFile[] = [
  { test: (_, b) => b === '.mcp.json', keys: [['mcpServers']], secretReference: REFERENCE, flat: true },
  { test: (p) => p.endsWith('.claude-plugin/plugin.json'), keys: [['mcpServers']], secretReference: REFERENCE },
];
