/**
 * Which files hold MCP server entries, for which client, under which key. The client is implied by
 * the file: `.mcp.json` is Claude Code's project file, `.cursor/mcp.json` Cursor's, `.vscode/mcp.json`
 * VS Code's (Copilot), and so on. A deployment's `agent` is that client.
 */
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
}

const CLAUDE_REF = 'an environment reference such as `${GITHUB_TOKEN}`';
const GOOSE_REF = '`env_keys` (names goose reads from its keyring or the environment)';
const VSCODE_REF = '`${input:…}` (with a `password` input) or `${env:NAME}`';
/** VS Code settings hold servers under `mcp.servers`, written nested or as one dotted key. */
const VSCODE_SETTINGS_KEYS = (at: KeyPath): KeyPath[] => [
  [...at, 'mcp', 'servers'],
  [...at, 'mcp.servers'],
];

/** Ordered: the first matching rule decides. `test` gets the lower-cased repo path. */
const FILES: readonly { test: (path: string, base: string) => boolean; client: ClientFile }[] = [
  {
    test: (_, b) => b === '.mcp.json',
    client: { agent: 'claude-code', keys: [['mcpServers']], secretReference: CLAUDE_REF, flat: true },
  },
  {
    test: (p) => p.endsWith('.claude-plugin/plugin.json'),
    client: { agent: 'claude-code', keys: [['mcpServers']], secretReference: CLAUDE_REF },
  },
  {
    test: (p) => p.endsWith('.cursor/mcp.json'),
    client: { agent: 'cursor', keys: [['mcpServers']], secretReference: '`${env:NAME}`' },
  },
  {
    test: (p) => p.endsWith('.vscode/mcp.json'),
    client: { agent: 'copilot', keys: [['servers'], ['mcpServers']], secretReference: VSCODE_REF },
  },
  {
    test: (p) => p.endsWith('.vscode/settings.json'),
    client: { agent: 'copilot', keys: VSCODE_SETTINGS_KEYS([]), secretReference: VSCODE_REF },
  },
  {
    test: (_, b) => b.endsWith('.code-workspace'),
    client: { agent: 'copilot', keys: VSCODE_SETTINGS_KEYS(['settings']), secretReference: VSCODE_REF },
  },
  {
    // A dev container's VS Code settings (and the newer `customizations.vscode.mcp`) start servers in it.
    test: (p) => /(?:^|\/)(?:\.devcontainer\/(?:[^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/.test(p),
    client: {
      agent: 'copilot',
      keys: [
        ...VSCODE_SETTINGS_KEYS(['customizations', 'vscode', 'settings']),
        ['customizations', 'vscode', 'mcp', 'servers'],
      ],
      secretReference: '`${localEnv:NAME}` or `${input:…}`',
    },
  },
  {
    test: (_, b) => b === 'claude_desktop_config.json',
    client: {
      agent: 'claude-desktop',
      keys: [['mcpServers']],
      secretReference: 'a variable the launcher reads from the environment',
    },
  },
  {
    test: (p) => p.endsWith('.windsurf/mcp.json') || p.endsWith('windsurf/mcp_config.json'),
    client: { agent: 'windsurf', keys: [['mcpServers']], secretReference: '`${env:NAME}`' },
  },
  {
    test: (p) => p.endsWith('.gemini/settings.json'),
    client: { agent: 'gemini-cli', keys: [['mcpServers']], secretReference: '`$NAME` or `${NAME}`' },
  },
  {
    test: (p) => p.endsWith('.qwen/settings.json'),
    client: { agent: 'qwen-code', keys: [['mcpServers']], secretReference: '`$NAME` or `${NAME}`' },
  },
  {
    test: (p) => p.endsWith('codex/config.toml'),
    client: {
      agent: 'codex',
      keys: [['mcp_servers']],
      secretReference: '`env_vars`, `bearer_token_env_var` or `env_http_headers` (names, not values)',
    },
  },
  {
    test: (p) => p.endsWith('.zed/settings.json'),
    client: {
      agent: 'zed',
      keys: [['context_servers']],
      secretReference: 'an environment variable set outside the repository',
    },
  },
  {
    test: (p) => /(?:^|\/)\.continue\/(?:mcpservers\/[^/]+|config)\.(?:ya?ml|json)$/.test(p),
    client: { agent: 'continue', keys: [['mcpServers']], secretReference: '`${{ secrets.NAME }}`' },
  },
  {
    test: (p) => p.endsWith('.kiro/settings/mcp.json'),
    client: { agent: 'kiro', keys: [['mcpServers']], secretReference: '`${NAME}`' },
  },
  {
    test: (p) => p.endsWith('.roo/mcp.json'),
    client: { agent: 'roo-code', keys: [['mcpServers']], secretReference: '`${env:NAME}`' },
  },
  {
    test: (_, b) => b === 'cline_mcp_settings.json',
    client: {
      agent: 'cline',
      keys: [['mcpServers']],
      secretReference: 'an environment variable set outside the repository',
    },
  },
  {
    test: (p) => p.endsWith('.amazonq/mcp.json'),
    client: {
      agent: 'amazon-q',
      keys: [['mcpServers']],
      secretReference: 'an environment variable set outside the repository',
    },
  },
  {
    test: (_, b) => /^opencode\.jsonc?$/.test(b),
    client: { agent: 'opencode', keys: [['mcp']], secretReference: '`{env:NAME}`' },
  },
  // goose: `extensions` (a map by id) in its config, and a list with `name` in recipes (`goose run --recipe`).
  {
    test: (p) => /(?:^|\/)goose\/config\.ya?ml$/.test(p),
    client: { agent: 'goose', keys: [['extensions']], secretReference: GOOSE_REF },
  },
  {
    test: (p, b) => /(?:^|\/)(?:\.goose\/)?recipes?\/[^/]+\.ya?ml$/.test(p) || /(?:^|[._-])recipe\.ya?ml$/.test(b),
    client: { agent: 'goose', keys: [['extensions']], secretReference: GOOSE_REF },
  },
  // Any other JSON file named for MCP (`mcp.json`, `mcp-config.json`, `mcp_servers.json`) in the common shape.
  {
    test: (_, b) => /mcp/.test(b) && /\.jsonc?$/.test(b),
    client: {
      agent: 'mcp',
      keys: [['mcpServers']],
      secretReference: 'an environment variable set outside the repository',
    },
  },
];

/** Every client file above ends in one of these; most files of a repository are ruled out by this one test. */
const CLIENT_EXTENSION = /\.(jsonc?|toml|ya?ml|code-workspace)$/i;

export function clientFor(file: string): ClientFile | null {
  if (!CLIENT_EXTENSION.test(file)) return null;
  const path = file.toLowerCase();
  const base = path.slice(path.lastIndexOf('/') + 1);
  return FILES.find((f) => f.test(path, base))?.client ?? null;
}

/** Cheap content test: the file names one of its client's server keys at all. */
export function mentionsServers(file: string, text: string): boolean {
  const client = clientFor(file);
  if (client === null) return false;
  if (client.flat && /"(?:command|url)"\s*:/.test(text)) return true;
  return client.keys.some((key) => key.every((part) => text.includes(String(part))));
}
