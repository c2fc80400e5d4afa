/** The MCP adapter's `details`: what its rules (`mcp-unpinned-package`, `inline-secret`) read. */
import type { Deployment } from '../../model.js';
import type { InlineValue } from '../../secrets.js';
import type { PackageRef } from './packages.js';

export interface McpServerDetails {
  /** The client that starts the server, implied by the file (`claude-code` for `.mcp.json`). */
  client: string;
  transport: 'stdio' | 'remote';
  /** The program that starts the server after unwrapping (`npx`, `docker`, `srt`), or null when remote. */
  launcher: string | null;
  /** Shell and privilege wrappers unwrapped on the way (`bash -lc`, `cmd /c`). */
  wrappers: string[];
  /** Packages fetched at start, with whether each is pinned. */
  packages: PackageRef[];
  /** Every literal string of the entry, for the inline-secret rule. */
  inlineValues: InlineValue[];
  /** How this client references a secret instead of holding it. */
  secretReference: string;
}

export function mcpDetails(deployment: Deployment): McpServerDetails | null {
  if (deployment.kind !== 'mcp-server') return null;
  const d = deployment.details as Partial<McpServerDetails>;
  return Array.isArray(d.packages) && Array.isArray(d.inlineValues) ? (d as McpServerDetails) : null;
}
