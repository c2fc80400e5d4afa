/** The MCP adapter's `details`: what its rules (`mcp-unpinned-package`, `inline-secret`) read. */
import type { Deployment } from '../../model.js';
import type { InlineValuesDetails } from '../../model/details/inline-values.js';
import type { PackageRef } from './packages.js';

export interface McpServerDetails extends InlineValuesDetails {
  /** The client that starts the server, implied by the file (`claude-code` for `.mcp.json`). */
  client: string;
  transport: 'stdio' | 'remote';
  /** The program that starts the server after unwrapping (`npx`, `docker`, `srt`), or null when remote. */
  launcher: string | null;
  /** Shell and privilege wrappers unwrapped on the way (`bash -lc`, `cmd /c`). */
  wrappers: string[];
  /** Packages fetched at start, with whether each is pinned. */
  packages: PackageRef[];
}

export function mcpDetails(deployment: Deployment): McpServerDetails | null {
  if (deployment.kind !== 'mcp-server') return null;
  const d = deployment.details as Partial<McpServerDetails>;
  return Array.isArray(d.packages) && Array.isArray(d.inlineValues) ? (d as McpServerDetails) : null;
}
