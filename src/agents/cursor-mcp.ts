/** Cursor's MCP file. */
import { ENV_REFERENCE, mcpServersFile, type McpClientFile } from './mcp-files.js';

export const CURSOR_MCP_FILES: readonly McpClientFile[] = [
  mcpServersFile((p) => p.endsWith('.cursor/mcp.json'), ENV_REFERENCE),
];
