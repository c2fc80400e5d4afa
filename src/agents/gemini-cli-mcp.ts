/** Gemini CLI's MCP servers, in its settings file (Qwen Code's fork uses `.qwen/settings.json`). */
import { get, isRecord } from '../util/json.js';
import { mcpServersFile, type McpCallTimeout, type McpClientFile } from './mcp-files.js';

export const GEMINI_REFERENCE = '`$NAME` or `${NAME}`';

/** Gemini CLI only starts servers named in `mcp.allowed` (when set) and never those in `mcp.excluded`. */
export function geminiSkips(root: unknown, name: string): boolean {
  const mcp = get(root, ['mcp']);
  if (!isRecord(mcp)) return false;
  const allowed = Array.isArray(mcp['allowed']) ? (mcp['allowed'] as unknown[]) : null;
  const excluded = Array.isArray(mcp['excluded']) ? (mcp['excluded'] as unknown[]) : [];
  return excluded.includes(name) || (allowed !== null && !allowed.includes(name));
}

/** A settings file in Gemini CLI's shape (its own, or a fork's). */
export const geminiSettingsFile = (test: McpClientFile['test']): McpClientFile => ({
  ...mcpServersFile(test, GEMINI_REFERENCE),
  skips: geminiSkips,
});

export const GEMINI_MCP_FILES: readonly McpClientFile[] = [
  geminiSettingsFile((p) => p.endsWith('.gemini/settings.json')),
];

/** Qwen Code keeps Gemini CLI's per-server `timeout`. */
export const GEMINI_MCP_TIMEOUT: McpCallTimeout = {
  key: 'timeout',
  written: (value) => `\`timeout: ${value}\` stops each tool call`,
  otherwise: 'Gemini CLI stops each tool call after `timeout` (10 minutes by default)',
};
