/** VS Code's MCP files (Copilot): `.vscode/mcp.json`, settings, workspaces and a dev container's VS Code settings. */
import type { KeyPath } from '../documents/types.js';
import type { McpClientFile } from './mcp-files.js';

const REFERENCE = '`${input:…}` (with a `password` input) or `${env:NAME}`';
/** VS Code settings hold servers under `mcp.servers`, written nested or as one dotted key. */
const settingsKeys = (at: KeyPath): KeyPath[] => [
  [...at, 'mcp', 'servers'],
  [...at, 'mcp.servers'],
];

export const COPILOT_MCP_FILES: readonly McpClientFile[] = [
  { test: (p) => p.endsWith('.vscode/mcp.json'), keys: [['servers'], ['mcpServers']], secretReference: REFERENCE },
  { test: (p) => p.endsWith('.vscode/settings.json'), keys: settingsKeys([]), secretReference: REFERENCE },
  { test: (_, b) => b.endsWith('.code-workspace'), keys: settingsKeys(['settings']), secretReference: REFERENCE },
  {
    // A dev container's VS Code settings (and the newer `customizations.vscode.mcp`) start servers in it.
    test: (p) => /(?:^|\/)(?:\.devcontainer\/(?:[^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/.test(p),
    keys: [...settingsKeys(['customizations', 'vscode', 'settings']), ['customizations', 'vscode', 'mcp', 'servers']],
    secretReference: '`${localEnv:NAME}` or `${input:…}`',
  },
];
