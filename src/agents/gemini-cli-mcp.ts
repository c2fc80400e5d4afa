/** Gemini CLI's MCP servers, in its settings file (Qwen Code's fork uses `.qwen/settings.json`). */
import { mcpServersFile, type McpClientFile } from './mcp-files.js';

export const GEMINI_REFERENCE = '`$NAME` or `${NAME}`';

export const GEMINI_MCP_FILES: readonly McpClientFile[] = [
  mcpServersFile((p) => p.endsWith('.gemini/settings.json'), GEMINI_REFERENCE),
];
