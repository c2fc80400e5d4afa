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

  it('skips entries without a command or URL and files with no servers', () => {
    expect(
      summary({
        '.mcp.json': '{ "mcpServers": { "broken": { "type": "stdio" } } }',
        '.cursor/mcp.json': '{ "other": true }',
      }),
    ).toEqual([]);
  });

  it('judges a loopback URL as a server on this machine with nothing bounding it', () => {
    const s = scanRepo({
      '.mcp.json':
        '{ "mcpServers": {\n  "local": { "type": "http", "url": "http://localhost:3000/mcp" },\n  "sock": { "url": "unix:///tmp/s.sock" } } }',
    });
    expect(s.deployments.map((d) => `${d.name} @${s.at(d.at)} ${d.sandbox.isolation.value}`)).toEqual([
      'local @2:3 none',
      'sock @3:3 none',
    ]);
    const local = byName(s, 'local');
    expect(s.fact(local, 'network')).toBe('open@2:30');
    expect(s.fact(local, 'filesystem')).toBe('full@2:30');
    expect(s.fact(local, 'limits')).toBe('unbounded@2:30');
  });

  it('judges what a remote server receives: OAuth and credential env, not only headers', () => {
    const s = scanRepo({
      '.gemini/settings.json':
        '{ "mcpServers": {\n  "a": { "httpUrl": "https://a.example.com/mcp", "oauth": { "enabled": true } },\n  "b": { "url": "https://b.example.com/sse", "env": { "B_API_KEY": "$B_API_KEY" } },\n  "c": { "url": "https://c.example.com/sse" } } }',
    });
    expect(s.fact(byName(s, 'a'), 'credentials')).toBe('read@2:50');
    expect(s.fact(byName(s, 'b'), 'credentials')).toBe('read@3:55');
    expect(s.fact(byName(s, 'c'), 'credentials')).toBe('none@-');
    expect(s.fact(byName(s, 'c'), 'network')).toBe('allowlist@4:10');
  });

  it('reads a flat .mcp.json (servers at the top level) and ignores other top-level keys', () => {
    const text = `{
  "$schema": "https://example.com/schema.json",
  "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },
  "playwright": { "command": "npx", "args": ["@playwright/mcp@0.0.41"] },
  "notes": { "owner": "team" }
}`;
    expect(summary({ '.mcp.json': text })).toEqual(['claude-code github @3:3 vm', 'claude-code playwright @4:3 none']);
    expect(mcpAdapter.sniff!('.mcp.json', text)).toBe(true);
    expect(summary({ '.mcp.json': '{ "mcpServers": {}, "x": { "command": "node" } }' })).toEqual([]);
  });

  it('reads dotted "mcp.servers" keys in VS Code settings and workspaces', () => {
    expect(
      summary({
        '.vscode/settings.json':
          '{\n  "mcp.servers": {\n    "kind": { "command": "node", "args": ["dist/index.js"] }\n  }\n}',
      }),
    ).toEqual(['copilot kind @3:5 none']);
    const workspace = `{
  "folders": [{ "path": "." }],
  "settings": {
    "mcp": {
      "servers": {
        "docs": { "type": "sse", "url": "http://docs.internal.example.com/sse" }
      }
    }
  }
}`;
    const s = scanRepo({ 'project.code-workspace': workspace });
    expect(s.deployments.map((d) => `${d.agent} ${d.name} @${s.at(d.at)}`)).toEqual(['copilot docs @6:9']);
    expect(s.fact(s.deployments[0]!, 'network')).toBe('open@6:34');
    expect(mcpAdapter.claims('project.code-workspace')).toBe(true);
  });

  it("reads MCP servers in a dev container's VS Code customizations", () => {
    const text = `{
  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-22",
  "customizations": {
    "vscode": {
      "settings": {
        "mcp.servers": { "kind": { "command": "node", "args": ["/workspace/dist/index.js"] } }
      },
      "mcp": { "servers": { "gh": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" } } }
    }
  }
}`;
    const s = scanRepo({ '.devcontainer/devcontainer.json': text });
    expect(
      s.deployments.filter((d) => d.kind === 'mcp-server').map((d) => `${d.agent} ${d.name} @${s.at(d.at)}`),
    ).toEqual(['copilot gh @8:29', 'copilot kind @6:26']);
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
