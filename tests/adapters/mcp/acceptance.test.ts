/** The acceptance cases, end to end through rules and every output format. */
import { describe, expect, it } from 'vitest';
import { FORMATS, render, renderComment, renderSummary } from '../../../src/report/index.js';
import { scanRepo } from './helpers.js';

describe('acceptance', () => {
  it('passes a commented .vscode/mcp.json whose only server runs in a locked-down docker run', () => {
    const text = `// MCP servers for this workspace
{
  "servers": {
    // the GitHub server, without network or writes
    "github": {
      "type": "stdio",
      "command": "docker",
      "args": [
        "run", "-i", "--rm",
        "--read-only", "--network", "none", "--cap-drop", "ALL",
        "--security-opt", "no-new-privileges", "--user", "1000:1000", "--memory", "256m",
        "ghcr.io/github/github-mcp-server@sha256:0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c"
      ],
    },
  },
}`;
    const s = scanRepo({ '.vscode/mcp.json': text });
    expect(
      s.deployments.map(
        (d) => `${d.name} ${d.sandbox.isolation.value} ${d.sandbox.network.value} ${d.sandbox.filesystem.value}`,
      ),
    ).toEqual(['github container none read-only']);
    expect(s.report.result).toBe('pass');
    expect(s.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('fails an .mcp.json filesystem server on / via npx -y …@latest, at the key, the root and the package', () => {
    const text = `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@latest", "/"]
    }
  }
}`;
    const s = scanRepo({ '.mcp.json': text });
    expect(s.report.result).toBe('fail');
    expect(s.positions('sandbox-required')).toEqual(['3:5-3:17']);
    expect(s.positions('filesystem-scoped')).toEqual(['5:72-5:75']);
    expect(s.positions('mcp-unpinned-package')).toEqual(['5:22-5:70']);
    expect(s.findings.find((f) => f.ruleId === 'filesystem-scoped')?.message).toContain(
      "`/`, the host's whole file system",
    );
  });

  it('fails an inline token at its exact position, masked in every output format', () => {
    const token = `ghp_${'Zq7Xw2Vb9Nm4Kt6Lp1Rs8Hd3Fg5Jc0Yy'}aBcD`;
    const text = `{
  "mcpServers": {
    "github": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server:0.4.0"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" }
    }
  }
}`;
    const s = scanRepo({ '.mcp.json': text });
    expect(s.positions('inline-secret')).toEqual(['6:49-6:89']);
    const finding = s.findings.find((f) => f.ruleId === 'inline-secret')!;
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain(
      '`env.GITHUB_PERSONAL_ACCESS_TOKEN` holds a GitHub personal access token typed inline (ghp_…(40 chars))',
    );
    expect(s.report.result).toBe('fail');

    const outputs = [
      ...FORMATS.map((format) =>
        render(format, s.report, { links: { serverUrl: 'https://github.com', repository: 'o/r', sha: 'abc' } }),
      ),
      renderComment(s.report),
      renderSummary(s.report),
      JSON.stringify(s.report),
    ];
    for (const output of outputs) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(token.slice(4, 20));
    }
    expect(outputs[0]).toContain('ghp_…(40 chars)');
  });
});
