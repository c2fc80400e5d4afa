/** Codex's MCP servers, in its `config.toml`. */
import type { McpClientFile } from './mcp-files.js';

export const CODEX_MCP_FILES: readonly McpClientFile[] = [
  {
    test: (p) => p.endsWith('codex/config.toml'),
    keys: [['mcp_servers']],
    secretReference: '`env_vars`, `bearer_token_env_var` or `env_http_headers` (names, not values)',
  },
];
