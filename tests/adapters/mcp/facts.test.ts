/** Sandbox facts of MCP servers, with the line each fact comes from. */
import { describe, expect, it } from 'vitest';
import { byName, scanRepo } from './helpers.js';

const mcp = (servers: Record<string, unknown>): string => JSON.stringify({ mcpServers: servers }, null, 2);
const facts = (files: Record<string, string>, name: string): Record<string, string> => {
  const s = scanRepo(files);
  const d = byName(s, name);
  return Object.fromEntries(
    (['isolation', 'network', 'filesystem', 'approval', 'credentials', 'limits'] as const).map((k) => [
      k,
      s.fact(d, k),
    ]),
  );
};

describe('host processes', () => {
  it('are unsandboxed on every axis, with no source (nothing declares a sandbox)', () => {
    expect(facts({ '.mcp.json': mcp({ s: { command: 'npx', args: ['-y', 'pkg@1.0.0'] } }) }, 's')).toEqual({
      isolation: 'none@-',
      network: 'open@-',
      filesystem: 'full@-',
      approval: 'unrestricted@-',
      credentials: 'write@-',
      limits: 'unbounded@-',
    });
  });

  it('are one finding: the missing sandbox, not each of its consequences', () => {
    const s = scanRepo({ '.mcp.json': mcp({ s: { command: 'npx', args: ['-y', 'pkg@1.0.0'] } }) });
    expect(s.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['sandbox-required 3:5']);
    expect(
      ['network', 'filesystem', 'credentials', 'limits'].map((k) => byName(s, 's').sandbox[k as 'network'].derived),
    ).toEqual([true, true, true, true]);
  });

  it('name the unwrapped command in the reason', () => {
    const s = scanRepo({
      '.gemini/settings.json': mcp({
        s: {
          command: 'bash',
          args: ['-lc', 'cd "$(git rev-parse --show-toplevel)" && exec bash scripts/mcp-launch.sh'],
        },
      }),
    });
    expect(byName(s, 's').sandbox.isolation.reason).toBe(
      "`bash scripts/mcp-launch.sh` (inside `bash -lc`) starts the server as a host process with the user's files, network and credentials",
    );
  });

  it('mark a shortened command as shortened, so the quoted command is never mistaken for the whole one', () => {
    // Shape of a real .mcp.json (0K-cool/athena): a long interpreter path and more than three arguments.
    const s = scanRepo({
      '.mcp.json': mcp({
        pw: {
          command: 'npx',
          args: ['@playwright/mcp@1.0.0', '--browser', 'chromium', '--headless', '--viewport-size', '1920x1080'],
        },
        kb: {
          command: '/Users/someone/tools/vex-rag/.venv/bin/python3',
          args: ['/Users/someone/VERSANT/MCPs/mcp-velociraptor-main/mcp_velociraptor_bridge.py'],
        },
        short: { command: 'node', args: ['server.js', '--port', '3000'] },
      }),
    });
    expect(byName(s, 'pw').sandbox.isolation.reason).toMatch(
      /^`npx @playwright\/mcp@1\.0\.0 --browser chromium …` starts/,
    );
    expect(byName(s, 'kb').sandbox.isolation.reason).toMatch(
      /^`python3 \/Users\/someone\/VERSANT\/MCPs\/[^`]*…` starts/,
    );
    expect(byName(s, 'short').sandbox.isolation.reason).toMatch(/^`node server\.js --port 3000` starts/);
  });

  it("take Gemini's and Codex's documented tool timeouts as a bound", () => {
    expect(facts({ '.gemini/settings.json': mcp({ s: { command: 'node', args: ['x.js'] } }) }, 's').limits).toBe(
      'bounded@-',
    );
    expect(
      facts({ '.gemini/settings.json': mcp({ s: { command: 'node', args: ['x.js'], timeout: 30000 } }) }, 's').limits,
    ).toBe('bounded@8:7');
  });
});

describe('filesystem servers', () => {
  const fs = (...roots: string[]): string =>
    facts(
      {
        '.mcp.json': mcp({
          fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@1.0.0', ...roots] },
        }),
      },
      'fs',
    ).filesystem;

  it('are full when given the root or the home folder, pointing at that argument', () => {
    expect(fs('/')).toBe('full@8:9');
    expect(fs('./docs', '~')).toBe('full@9:9');
    expect(fs('C:\\')).toBe('full@8:9');
    expect(fs('/Users/me')).toBe('full@8:9');
    expect(fs('${userHome}')).toBe('full@8:9');
  });

  it('are scoped to narrower roots', () => {
    expect(fs('./docs', '/srv/data')).toBe('workspace@8:9');
    expect(fs()).toBe('workspace@-');
  });
});

describe('docker run', () => {
  const docker = (...args: string[]): Record<string, string> =>
    facts({ '.mcp.json': mcp({ d: { command: 'docker', args: ['run', '-i', '--rm', ...args] } }) }, 'd');

  it('is a container with open default networking', () => {
    expect(docker('mcp/fetch:1.0')).toEqual({
      isolation: 'container@4:7',
      network: 'open@-',
      filesystem: 'workspace@-',
      approval: 'unrestricted@-',
      credentials: 'none@-',
      limits: 'unbounded@-',
    });
  });

  it('reads hardening flags', () => {
    expect(
      docker(
        '--read-only',
        '--network',
        'none',
        '--cap-drop',
        'ALL',
        '--memory',
        '512m',
        '-e',
        'GITHUB_TOKEN',
        'img:1',
      ),
    ).toMatchObject({
      network: 'none@11:9',
      filesystem: 'read-only@9:9',
      credentials: 'read@17:9',
      limits: 'bounded@15:9',
    });
  });

  it('voids the container for every escape, each at its own argument', () => {
    const s = scanRepo({
      '.mcp.json': mcp({
        d: {
          command: 'docker',
          args: ['run', '--privileged', '-v', '/var/run/docker.sock:/var/run/docker.sock', '--pid=host', 'img:1'],
        },
      }),
    });
    const isolation = byName(s, 'd').sandbox.isolation;
    expect([isolation.source, ...(isolation.more ?? []).map((m) => m.source)].map((r) => s.at(r))).toEqual([
      '7:9',
      '9:9',
      '10:9',
    ]);
    expect(s.positions('sandbox-disabled')).toEqual(['7:9-7:23', '9:9-9:52', '10:9-10:21']);
  });

  it("treats host networking as an escape (the host's network namespace) and open egress", () => {
    expect(docker('--network', 'host', 'img:1')).toMatchObject({ isolation: 'none@10:9', network: 'open@10:9' });
  });

  it('treats a writable home mount as an escape and full file system access', () => {
    expect(docker('-v', '/Users/me:/projects', 'img:1')).toMatchObject({
      isolation: 'none@10:9',
      filesystem: 'full@10:9',
      credentials: 'write@10:9',
    });
    expect(docker('-v', '/Users/me:/projects:ro', 'img:1')).toMatchObject({
      isolation: 'container@4:7',
      filesystem: 'workspace@-',
      credentials: 'write@10:9',
    });
  });

  it('looks through sh -c, pointing at the flag inside the script', () => {
    const s = scanRepo({
      '.mcp.json': mcp({ d: { command: 'sh', args: ['-c', 'docker run -i --rm --privileged img:1'] } }),
    });
    expect(s.positions('sandbox-disabled')).toEqual(['7:29-7:41']);
  });

  it('reads a gVisor runtime', () => {
    expect(docker('--runtime=runsc', 'img:1').isolation).toBe('gvisor@9:9');
  });
});

describe('OS sandboxes', () => {
  it('read srt settings from the repository', () => {
    const files = {
      '.mcp.json': mcp({ s: { command: 'srt', args: ['--settings', '.srt.json', 'npx', '-y', 'pkg@1.0.0'] } }),
      '.srt.json': JSON.stringify({
        network: { allowedDomains: ['api.github.com'] },
        filesystem: { allowWrite: ['.'] },
      }),
    };
    expect(facts(files, 's')).toMatchObject({
      isolation: 'process@4:7',
      network: 'allowlist@1:13',
      filesystem: 'workspace@1:64',
    });
  });

  it('assume srt user settings when none are in the repository', () => {
    expect(facts({ '.mcp.json': mcp({ s: { command: 'srt', args: ['npx -y pkg@1.0.0'] } }) }, 's')).toMatchObject({
      isolation: 'process@4:7',
      network: 'allowlist@-',
      filesystem: 'workspace@-',
    });
  });

  it('read the network switches of bwrap and firejail', () => {
    const files = {
      '.mcp.json': mcp({
        b: { command: 'bwrap', args: ['--ro-bind', '/', '/', '--unshare-all', '--', 'node', 'b.js'] },
        f: { command: 'firejail', args: ['--quiet', 'node', 'f.js'] },
      }),
    };
    expect(facts(files, 'b')).toMatchObject({ isolation: 'process@4:7', network: 'none@9:9' });
    expect(facts(files, 'f')).toMatchObject({ isolation: 'process@16:7', network: 'open@-' });
  });

  it("read VS Code's sandboxEnabled and its lists", () => {
    const text = `{
  "servers": {
    "s": {
      "command": "npx", "args": ["-y", "pkg@1.0.0"],
      "sandboxEnabled": true,
      "sandbox": { "filesystem": { "allowWrite": ["\${workspaceFolder}"] }, "network": { "allowedDomains": ["api.example.com"] } }
    },
    "t": { "command": "node", "args": ["t.js"], "sandboxEnabled": true, "sandbox": { "filesystem": { "allowWrite": ["\${userHome}"] }, "network": { "allowedDomains": ["*"] } } },
    "u": { "command": "node", "args": ["u.js"], "sandboxEnabled": true }
  }
}`;
    const files = { '.vscode/mcp.json': text };
    expect(facts(files, 's')).toMatchObject({
      isolation: 'process@5:7',
      network: 'allowlist@6:89',
      filesystem: 'workspace@6:36',
      approval: 'restricted@5:7',
    });
    expect(facts(files, 't')).toMatchObject({ network: 'open@8:167', filesystem: 'full@8:117' });
    expect(facts(files, 'u')).toMatchObject({ network: 'none@9:49', filesystem: 'read-only@9:49' });
  });
});

describe('approval and remote servers', () => {
  it('reads trust, includeTools and autoApprove', () => {
    const files = {
      '.gemini/settings.json': mcp({
        a: { command: 'node', args: ['a.js'], trust: true },
        b: { command: 'node', args: ['b.js'], includeTools: ['read'] },
      }),
    };
    expect(facts(files, 'a').approval).toBe('bypassed@8:7');
    expect(facts(files, 'b').approval).toBe('restricted@15:7');
    expect(
      facts({ '.kiro/settings/mcp.json': mcp({ k: { command: 'uvx', args: ['x==1'], autoApprove: ['fetch'] } }) }, 'k')
        .approval,
    ).toBe('unrestricted@8:7');
  });

  it('marks remote servers as running elsewhere, with credentials from headers', () => {
    const files = {
      '.vscode/mcp.json': JSON.stringify(
        {
          servers: {
            r: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${input:t}' } },
          },
        },
        null,
        2,
      ),
    };
    expect(facts(files, 'r')).toEqual({
      isolation: 'vm@5:7',
      network: 'allowlist@5:7',
      filesystem: 'read-only@5:7',
      approval: 'unrestricted@-',
      credentials: 'read@7:9',
      limits: 'bounded@5:7',
    });
  });

  it('never puts a secret into a fact reason', () => {
    const token = `sk-proj-${'aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW0xYz'.repeat(2)}`;
    const s = scanRepo({
      '.mcp.json': mcp({ s: { command: 'npx', args: ['-y', 'pkg@1.0.0', `--api-key=${token}`] } }),
    });
    const d = byName(s, 's');
    expect(JSON.stringify([d.sandbox, d.signals])).not.toContain(token.slice(8, 30));
    expect(d.sandbox.isolation.reason).toContain('--api-key=sk-proj-…(');
  });
});
