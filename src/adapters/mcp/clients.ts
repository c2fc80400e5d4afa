/**
 * Which files hold MCP server entries, for which client, under which key. The client is implied by
 * the file, and each agent's module lists its own (`mcpFiles`); this asks the catalogue. A
 * deployment's `agent` is that client.
 */
import { mcpClientOf } from '../../agents/index.js';
import type { KeyPath } from '../../documents/types.js';

export interface ClientFile {
  /** The agent id for deployments from this file. */
  agent: string;
  /** Where the server entries are: a map keyed by server name, or a list of objects with `name`. */
  keys: readonly KeyPath[];
  /** How a secret is referenced in this client instead of typed inline. */
  secretReference: string;
  /** With none of `keys` present, the file's top-level entries are the servers (a flat `.mcp.json`). */
  flat?: boolean;
  /** Servers listed under `keys[0]` that the client will not start. */
  skips?(root: unknown, name: string): boolean;
}

/** Every client file of the catalogue ends in one of these; most files of a repository are ruled out by this one test. */
const CLIENT_EXTENSION = /\.(jsonc?|toml|ya?ml|code-workspace)$/i;

export function clientFor(file: string): ClientFile | null {
  if (!CLIENT_EXTENSION.test(file)) return null;
  const path = file.toLowerCase();
  const base = path.slice(path.lastIndexOf('/') + 1);
  const client = mcpClientOf(path, base);
  return client
    ? {
        agent: client.agent,
        keys: client.keys,
        secretReference: client.secretReference,
        flat: client.flat,
        skips: client.skips,
      }
    : null;
}

/** Cheap content test: the file names one of its client's server keys at all. */
export function mentionsServers(file: string, text: string): boolean {
  const client = clientFor(file);
  if (client === null) return false;
  if (client.flat && /"(?:command|url)"\s*:/.test(text)) return true;
  return client.keys.some((key) => key.every((part) => text.includes(String(part))));
}
