/** Every client file shape: one deployment per server entry, at its exact key, with the client as agent. */
import { describe, expect, it } from 'vitest';
import { mcpAdapter } from '../../../src/adapters/mcp/index.js';
import { byName, scanRepo } from './helpers.js';
import { detailsOf } from '../../helpers/details.js';

const summary = (files: Record<string, string>): string[] => {
  const s = scanRepo(files);
  return s.deployments.map((d) => `${d.agent} ${d.name} @${s.at(d.at)} ${d.sandbox.isolation.value}`);
};

describe('client files', () => {
  it('reads .mcp.json (Claude Code)', () => {
    expect(
      summary({
        '.mcp.json':
          '{\n  "mcpServers": {\n    "gopls": { "type": "stdio", "command": "gopls", "args": ["mcp"] }\n  }\n}\n',
      }),
    ).toEqual(['claude-code gopls @3:5 none']);
  });

  it('reads .cursor/mcp.json with tabs', () => {
    expect(
      summary({
        '.cursor/mcp.json':
          '{\n\t"mcpServers": {\n\t\t"eslint": {\n\t\t\t"command": "npx",\n\t\t\t"args": ["@eslint/mcp@latest"]\n\t\t}\n\t}\n}',
      }),
    ).toEqual(['cursor eslint @3:3 none']);
  });

  it('reads .vscode/mcp.json (servers + inputs, comments, trailing commas)', () => {
    const text = `// workspace servers
{
  "inputs": [{ "id": "token", "type": "promptString", "password": true }],
  "servers": {
    /* local */
    "fetch": { "type": "stdio", "command": "uvx", "args": ["mcp-server-fetch==2025.1.1"], },
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer \${input:token}" } },
  },
}`;
    expect(summary({ '.vscode/mcp.json': text })).toEqual(['copilot fetch @6:5 none', 'copilot github @7:5 vm']);
  });

  it('reads the legacy mcp.servers block of .vscode/settings.json', () => {
    expect(
      summary({
        '.vscode/settings.json':
          '{\n  "editor.tabSize": 2,\n  "mcp": { "servers": { "db": { "command": "node", "args": ["db.js"] } } }\n}',
      }),
    ).toEqual(['copilot db @3:25 none']);
  });

  it('reads claude_desktop_config.json, Windsurf, Kiro, Roo, Amazon Q and generic MCP files', () => {
    const server = '{ "mcpServers": { "s": { "command": "node", "args": ["x.js"] } } }';
    expect(
      summary({
        'examples/claude_desktop_config.json': server,
        '.windsurf/mcp.json': server,
        '.kiro/settings/mcp.json': server,
        '.roo/mcp.json': server,
        '.amazonq/mcp.json': server,
        'config/mcp-servers.json': server,
        'package.json': server,
      }),
    ).toEqual([
      'amazon-q s @1:19 none',
      'kiro s @1:19 none',
      'roo-code s @1:19 none',
      'windsurf s @1:19 none',
      'mcp s @1:19 none',
      'claude-desktop s @1:19 none',
    ]);
  });

  it('reads Windsurf serverUrl remotes', () => {
    expect(
      summary({ '.windsurf/mcp.json': '{ "mcpServers": { "r": { "serverUrl": "https://mcp.example.com/sse" } } }' }),
    ).toEqual(['windsurf r @1:19 vm']);
  });

  it('reads Gemini mcpServers, honouring mcp.allowed and mcp.excluded', () => {
    const text = `{
  "mcpServers": {
    "a": { "command": "node", "args": ["a.js"] },
    "b": { "command": "node", "args": ["b.js"] },
    "c": { "httpUrl": "https://c.example.com/mcp" }
  },
  "mcp": { "allowed": ["a", "c"], "excluded": ["c"] }
}`;
    expect(summary({ '.gemini/settings.json': text })).toEqual(['gemini-cli a @3:5 none']);
  });

  it('reads Codex [mcp_servers.NAME] tables and skips disabled ones', () => {
    const text = `model = "o3"

[mcp_servers.github]
command = "docker"
args = ["run", "-i", "--rm", "--network", "none", "ghcr.io/github/github-mcp-server:0.4.0"]

[mcp_servers.off]
command = "npx"
args = ["-y", "x"]
enabled = false

[mcp_servers.docs]
url = "https://developers.openai.com/mcp"
`;
    const s = scanRepo({ '.codex/config.toml': text });
    expect(s.deployments.map((d) => `${d.name} @${s.at(d.at)} ${d.sandbox.isolation.value}`)).toEqual([
      'docs @12:1 vm',
      'github @3:1 container',
    ]);
    expect(s.fact(byName(s, 'github'), 'network')).toBe('none@5:43');
  });

  it("reads Zed context_servers in both of Zed's shapes", () => {
    const text = `{
  // Zed settings
  "context_servers": {
    "new": { "source": "custom", "command": "npx", "args": ["-y", "a@1.0.0"], "env": {} },
    "old": { "command": { "path": "uvx", "args": ["b==1.0"], "env": {} }, "settings": {} }
  }
}`;
    const s = scanRepo({ '.zed/settings.json': text });
    expect(
      s.deployments.map((d) => `${d.agent} ${d.name} @${s.at(d.at)} ${detailsOf(d, 'mcp-server').launcher}`),
    ).toEqual(['zed new @4:5 npx', 'zed old @5:5 uvx']);
  });

  it("reads Continue's list form (YAML), pointing at each item's name", () => {
    const text = `name: my servers
version: 0.0.1
schema: v1
mcpServers:
  - name: sqlite
    command: npx
    args: ["-y", "mcp-sqlite@1.0.0", "/data/db.sqlite"]
  - name: remote
    type: streamable-http
    url: https://mcp.example.com/mcp
`;
    const s = scanRepo({ '.continue/mcpServers/servers.yaml': text });
    expect(s.deployments.map((d) => `${d.agent} ${d.name} @${s.at(d.at)}`)).toEqual([
      'continue remote @8:5',
      'continue sqlite @5:5',
    ]);
  });

  it("reads opencode's command arrays", () => {
    const text =
      '{\n  "mcp": {\n    "local": { "type": "local", "command": ["npx", "-y", "pkg@1.0.0"], "enabled": true },\n    "off": { "type": "local", "command": ["x"], "enabled": false }\n  }\n}';
    const s = scanRepo({ 'opencode.json': text });
    expect(s.deployments.map((d) => `${d.agent} ${d.name} ${detailsOf(d, 'mcp-server').launcher}`)).toEqual([
      'opencode local npx',
    ]);
  });

  it('skips loopback URLs, entries without a command or URL, and files with no servers', () => {
    expect(
      summary({
        '.mcp.json':
          '{ "mcpServers": { "local": { "type": "http", "url": "http://localhost:3000/mcp" }, "sock": { "url": "unix:///tmp/s.sock" }, "broken": { "type": "stdio" } } }',
        '.cursor/mcp.json': '{ "other": true }',
      }),
    ).toEqual([]);
  });

  it('claims client paths and sniffs content cheaply', () => {
    for (const file of [
      '.mcp.json',
      'a/.cursor/mcp.json',
      '.vscode/mcp.json',
      'claude_desktop_config.json',
      '.codex/config.toml',
      'config/codex/config.toml',
      '.continue/mcpServers/x.yaml',
      'opencode.jsonc',
    ]) {
      expect(mcpAdapter.claims(file), file).toBe(true);
    }
    for (const file of ['package.json', 'src/app.ts', '.vscode/launch.json', 'mcp/README.md'])
      expect(mcpAdapter.claims(file), file).toBe(false);
    expect(mcpAdapter.sniff!('.vscode/settings.json', '{ "editor.tabSize": 2, "servers": [] }')).toBe(false);
    expect(mcpAdapter.sniff!('.vscode/settings.json', '{ "mcp": { "servers": {} } }')).toBe(true);
    expect(mcpAdapter.sniff!('.codex/config.toml', 'model = "o3"')).toBe(false);
    expect(mcpAdapter.sniff!('.codex/config.toml', '[mcp_servers.x]')).toBe(true);
  });
});
