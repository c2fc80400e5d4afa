/** Gemini CLI's MCP servers, in its settings file (Qwen Code's fork uses `.qwen/settings.json`). */
import { mcpServersFile, type McpCallTimeout, type McpClientFile } from './mcp-files.js';

export const GEMINI_REFERENCE = '`$NAME` or `${NAME}`';

export const GEMINI_MCP_FILES: readonly McpClientFile[] = [
  mcpServersFile((p) => p.endsWith('.gemini/settings.json'), GEMINI_REFERENCE),
];

/** Qwen Code keeps Gemini CLI's per-server `timeout`. */
export const GEMINI_MCP_TIMEOUT: McpCallTimeout = {
  key: 'timeout',
  written: (value) => `\`timeout: ${value}\` stops each tool call`,
  otherwise: 'Gemini CLI stops each tool call after `timeout` (10 minutes by default)',
};
