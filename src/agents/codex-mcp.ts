/** Codex's MCP servers, in its `config.toml`. */
import type { McpCallTimeout, McpClientFile } from './mcp-files.js';

export const CODEX_MCP_FILES: readonly McpClientFile[] = [
  {
    test: (p) => p.endsWith('codex/config.toml'),
    keys: [['mcp_servers']],
    secretReference: '`env_vars`, `bearer_token_env_var` or `env_http_headers` (names, not values)',
  },
];

export const CODEX_MCP_TIMEOUT: McpCallTimeout = {
  key: 'tool_timeout_sec',
  written: (value) => `\`tool_timeout_sec = ${value}\` stops each tool call`,
  otherwise: 'Codex stops each tool call after `tool_timeout_sec` (60 seconds by default)',
};
