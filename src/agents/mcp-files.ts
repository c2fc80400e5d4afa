/**
 * The MCP client files an agent reads servers from: which files, under which keys, and how that
 * client references a secret instead of typing it. The MCP adapter asks the catalogue
 * (`mcpClientOf`); the first agent in catalogue order whose file matches decides.
 */
import type { KeyPath } from '../documents/types.js';

export interface McpClientFile {
  /** `path`: the repository path, lower case; `base`: its last segment. */
  test(path: string, base: string): boolean;
  /** Where the server entries are: a map keyed by server name, or a list of objects with `name`. */
  keys: readonly KeyPath[];
  /** How a secret is referenced in this client instead of typed inline. */
  secretReference: string;
  /** With none of `keys` present, the file's top-level entries are the servers (a flat `.mcp.json`). */
  flat?: boolean;
  /** Servers listed under `keys[0]` that the client will not start (`root`: the whole file). */
  skips?(root: unknown, name: string): boolean;
}

/** One file in the common shape: servers under `mcpServers`. */
export const mcpServersFile = (test: McpClientFile['test'], secretReference: string): McpClientFile => ({
  test,
  keys: [['mcpServers']],
  secretReference,
});

export const OUTSIDE_REFERENCE = 'an environment variable set outside the repository';
export const ENV_REFERENCE = '`${env:NAME}`';

/** A client's own per-call timeout for MCP tools: the server entry's key, and its documented default. */
export interface McpCallTimeout {
  key: string;
  /** The reason when the entry sets it (`tool_timeout_sec = 30`). */
  written(value: number): string;
  /** The reason when it does not: the client's default still stops each call. */
  otherwise: string;
}
