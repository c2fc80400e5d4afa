/** The `details` of an `mcp-server` deployment: what the MCP rules (`mcp-unpinned-package`, `inline-secret`) read. */
import type { SourceRef } from '../source.js';
import type { InlineValuesDetails } from './inline-values.js';

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
  /** The Kubernetes namespace of a server declared as a cluster object (kagent `RemoteMCPServer`). */
  namespace?: string;
}

export interface PackageRef {
  ecosystem: 'npm' | 'pypi' | 'docker' | 'go' | 'git';
  /** The runner that fetches it (`npx`, `uvx`, `docker run`). */
  runner: string;
  /** As written (`@eslint/mcp@latest`). */
  spec: string;
  name: string;
  version: string | null;
  /** null when pinned; else why not ("no version", "`latest` is a moving tag"). */
  unpinned: string | null;
  at: SourceRef;
}
