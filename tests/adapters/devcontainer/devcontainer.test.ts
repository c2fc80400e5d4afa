/** Dev containers: agent recognition, JSONC parsing with positions, container facts and the firewall pattern. */
import { describe, expect, it } from 'vitest';
import { devcontainerAdapter } from '../../../src/adapters/devcontainer/index.js';
import { scanRepo } from '../mcp/helpers.js';
import { detailsOf } from '../../helpers/details.js';

const FILE = '.devcontainer/devcontainer.json';
const scanOne = (text: string, extra: Record<string, string> = {}) => {
  const s = scanRepo({ [FILE]: text, ...extra }, [devcontainerAdapter]);
  return { s, d: s.deployments[0] };
};
const all = (text: string, extra: Record<string, string> = {}): Record<string, string> => {
  const { s, d } = scanOne(text, extra);
  if (!d) throw new Error('no deployment');
  return Object.fromEntries(
    (['isolation', 'network', 'filesystem', 'approval', 'credentials', 'limits'] as const).map((k) => [
      k,
      s.fact(d, k),
    ]),
  );
};

describe('agent recognition', () => {
  it('recognises agent features by their last path segment, extensions and lifecycle installs', () => {
    const cases: [string, string][] = [
      ['{ "image": "x", "features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} } }', 'claude-code'],
      ['{ "image": "x", "features": { "ghcr.io/someone/features/codex-cli:0": {} } }', 'codex'],
      ['{ "image": "x", "customizations": { "vscode": { "extensions": ["Anthropic.claude-code"] } } }', 'claude-code'],
      [
        '{ "image": "x", "postCreateCommand": "dotnet restore && npm install -g @anthropic-ai/claude-code" }',
        'claude-code',
      ],
      ['{ "image": "x", "postCreateCommand": "curl -fsSL https://claude.ai/install.sh | bash" }', 'claude-code'],
      ['{ "image": "x", "onCreateCommand": ["npm", "i", "-g", "@google/gemini-cli"] }', 'gemini-cli'],
      ['{ "image": "x", "postCreateCommand": { "tools": "pip install aider-chat", "deps": "npm ci" } }', 'aider'],
    ];
    for (const [text, agent] of cases) expect(scanOne(text).d?.agent, text).toBe(agent);
  });

  it('reads the Dockerfile it builds and the repository scripts its lifecycle commands run', () => {
    // Real shapes: anthropics/claude-code (.devcontainer/Dockerfile installs the CLI) and
    // justinfinch-copoint/prompty-gs (postCreateCommand runs /tmp/post-create.sh, which the Dockerfile copies in).
    const dockerfile =
      'FROM node:22-slim\nUSER node\nRUN npm install -g @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}\n';
    const built = scanOne('{ "name": "Sandbox", "build": { "dockerfile": "Dockerfile" } }', {
      '.devcontainer/Dockerfile': dockerfile,
    }).d;
    expect(built?.agent).toBe('claude-code');
    expect(built?.signals).toEqual(['`.devcontainer/Dockerfile` (the image it builds) installs claude-code']);
    const legacy = scanOne('{ "dockerFile": "../docker/dev.Dockerfile", "context": ".." }', {
      'docker/dev.Dockerfile': 'FROM node\nRUN npm i -g @openai/codex\n',
    }).d;
    expect(legacy?.agent).toBe('codex');

    const script = '#!/bin/bash\necho "Installing Claude Code..."\nnpm install -g @anthropic-ai/claude-code\n';
    const copied = scanOne('{ "build": { "dockerfile": "Dockerfile" }, "postCreateCommand": "/tmp/post-create.sh" }', {
      '.devcontainer/Dockerfile':
        'FROM python:3.11\nCOPY post-create.sh /tmp/post-create.sh\nRUN chmod +x /tmp/post-create.sh\n',
      '.devcontainer/post-create.sh': script,
    }).d;
    expect(copied?.signals).toEqual([
      '`postCreateCommand` runs `.devcontainer/post-create.sh`, which installs claude-code',
    ]);
    for (const command of [
      'bash .devcontainer/post-create.sh',
      '.devcontainer/post-create.sh',
      'sh ./post-create.sh',
    ]) {
      expect(
        scanOne(`{ "image": "x", "postCreateCommand": "${command}" }`, { '.devcontainer/post-create.sh': script }).d
          ?.agent,
        command,
      ).toBe('claude-code');
    }
    // A script or Dockerfile that installs no agent, or one that is not in the repository, is no signal.
    expect(
      scanOne('{ "build": { "dockerfile": "Dockerfile" }, "postCreateCommand": "bash .devcontainer/setup.sh" }', {
        '.devcontainer/Dockerfile': 'FROM node\nRUN npm ci\n',
        '.devcontainer/setup.sh': 'uv tool install specify-cli\n',
      }).d,
    ).toBeUndefined();
    expect(scanOne('{ "image": "x", "postCreateCommand": "bash /usr/local/bin/setup.sh" }').d).toBeUndefined();
  });

  it('an agent a lifecycle command starts by name, shipped as the image, or named by its own variables', () => {
    const cases: [string, string, string][] = [
      ['{ "image": "python:3.12", "postAttachCommand": "aider" }', 'aider', '`postAttachCommand` starts `aider`'],
      // Padded past what the shell reader takes: the agent at the end still starts.
      [
        `{ "image": "python:3.12", "postAttachCommand": "${'echo ready; '.repeat(2000)}aider" }`,
        'aider',
        '`postAttachCommand` starts `aider`',
      ],
      // A real shape: "postStartCommand": "claude --version" beside a bash post-create script.
      [
        '{ "image": "node:20", "postCreateCommand": "bash .devcontainer/post-create.sh", "postStartCommand": "claude --version" }',
        'claude-code',
        '`postStartCommand` starts `claude`',
      ],
      [
        '{ "image": "node:20", "postCreateCommand": ["npx", "-y", "@openai/codex@0.1", "--version"] }',
        'codex',
        '`postCreateCommand` starts `@openai/codex`',
      ],
      [
        '{ "image": "node:20", "postStartCommand": { "deps": "npm ci", "agent": "cd app && sudo -E gemini" } }',
        'gemini-cli',
        '`postStartCommand` starts `gemini`',
      ],
      [
        '{ "image": "docker/sandbox-templates:claude-code" }',
        'claude-code',
        '`image`: image `docker/sandbox-templates:claude-code` is a Docker Sandboxes agent template',
      ],
      [
        '{ "image": "ghcr.io/openai/codex-universal:latest" }',
        'codex',
        '`image`: image `ghcr.io/openai/codex-universal:latest` is the Codex environment',
      ],
      [
        '{ "image": "node:20", "containerEnv": { "CODEX_UNSAFE_ALLOW_NO_SANDBOX": "1" } }',
        'codex',
        '`containerEnv.CODEX_UNSAFE_ALLOW_NO_SANDBOX` is read only by codex',
      ],
    ];
    for (const [text, agent, signal] of cases) {
      const d = scanOne(text).d;
      expect(d?.agent, text).toBe(agent);
      expect(d?.signals, text).toContain(signal);
    }
    // `initializeCommand` runs on the host: an agent it starts by name is outside the container.
    const host = scanOne('{ "image": "node:20", "initializeCommand": ["aider", "--version"] }');
    expect(host.s.fact(host.d!, 'isolation')).toBe('none@1:45');
    expect(host.d!.sandbox.isolation.reason).toContain('runs `aider` on the host');
    // A shared name (Cursor's `agent`), an agent name as an argument, or an ordinary image is no signal.
    for (const text of [
      '{ "image": "node:20", "postAttachCommand": "agent" }',
      '{ "image": "node:20", "postCreateCommand": "echo claude && git config --global user.name codex" }',
      '{ "image": "ghcr.io/acme/claude-code/base:1" }',
    ])
      expect(scanOne(text).d, text).toBeUndefined();
  });

  it('ignores ordinary dev containers, including ones with credentials or Copilot', () => {
    for (const text of [
      '{ "image": "mcr.microsoft.com/devcontainers/go:1", "runArgs": ["--cap-add=SYS_PTRACE"], "postCreateCommand": "make setup" }',
      '{ "image": "node:20", "containerEnv": { "OPENAI_API_KEY": "${localEnv:OPENAI_API_KEY}" }, "customizations": { "vscode": { "extensions": ["GitHub.copilot"] } } }',
    ]) {
      expect(scanOne(text).d).toBeUndefined();
    }
  });

  it('claims the three documented locations only', () => {
    for (const file of [
      '.devcontainer/devcontainer.json',
      '.devcontainer.json',
      '.devcontainer/python/devcontainer.json',
      'sub/.devcontainer/devcontainer.json',
    ])
      expect(devcontainerAdapter.claims(file), file).toBe(true);
    for (const file of ['devcontainer.json', '.devcontainer/a/b/devcontainer.json', '.devcontainer/docker-compose.yml'])
      expect(devcontainerAdapter.claims(file), file).toBe(false);
  });
});

describe('facts', () => {
  it('reads the reference Claude Code dev container as a container with an egress allowlist', () => {
    const text = `{
  // the reference setup
  "name": "Claude Code Sandbox",
  "build": { "dockerfile": "Dockerfile" },
  "runArgs": ["--cap-add=NET_ADMIN", "--cap-add=NET_RAW",],
  "customizations": { "vscode": { "extensions": ["anthropic.claude-code"] } },
  "remoteUser": "node",
  "postStartCommand": "sudo /usr/local/bin/init-firewall.sh",
}`;
    const { s, d } = scanOne(text);
    expect(s.at(d!.at)).toBe('3:3');
    expect(all(text)).toEqual({
      isolation: 'container@4:3',
      network: 'allowlist@8:29',
      filesystem: 'workspace@-',
      approval: 'unrestricted@-',
      credentials: 'write@-',
      limits: 'unbounded@-',
    });
  });

  it('does not accept the firewall without NET_ADMIN, or when the agent runs as root', () => {
    const base =
      '"features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} }, "postStartCommand": "sudo /usr/local/bin/init-firewall.sh"';
    expect(all(`{ "image": "node:20", ${base} }`).network).toBe('open@-');
    expect(all(`{ "image": "node:20", "capAdd": ["NET_ADMIN"], "remoteUser": "root", ${base} }`).network).toBe(
      'open@1:48',
    );
  });

  it('does not credit a firewall made optional (`|| true`), and says so at the script', () => {
    const text = `{
  "image": "node:20",
  "features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} },
  "runArgs": ["--cap-add=NET_ADMIN", "--cap-add=NET_RAW"],
  "remoteUser": "node",
  "postStartCommand": "sudo /usr/local/bin/init-firewall.sh || true"
}`;
    const { s, d } = scanOne(text);
    expect(s.fact(d!, 'network')).toBe('open@6:29');
    expect(d!.sandbox.network.reason).toContain('`|| true`');
    for (const tail of ['|| :', "|| echo 'firewall skipped'", '|| exit 0'])
      expect(all(text.replace('|| true', tail)).network, tail).toBe('open@6:29');
    // `&&` after the script still depends on it.
    expect(all(text.replace('|| true', '&& echo ready')).network).toBe('allowlist@6:29');
  });

  it("credits Codex's own firewall switch (`CODEX_ENABLE_FIREWALL`) with NET_ADMIN, as openai/codex devcontainer.secure.json sets it", () => {
    const text = `{
  "name": "Codex",
  "build": { "dockerfile": "Dockerfile", "context": ".." },
  "runArgs": ["--cap-add=NET_ADMIN", "--cap-add=NET_RAW"],
  "remoteUser": "vscode",
  "containerEnv": {
    "CODEX_UNSAFE_ALLOW_NO_SANDBOX": "1",
    "CODEX_ENABLE_FIREWALL": "1",
    "OPENAI_ALLOWED_DOMAINS": "api.openai.com github.com"
  },
  "postStartCommand": "bash /opt/post_start.sh"
}`;
    expect(all(text).network).toBe('allowlist@8:5');
    expect(all(text.replace('"CODEX_ENABLE_FIREWALL": "1"', '"CODEX_ENABLE_FIREWALL": "0"')).network).toBe('open@-');
    expect(all(text.replace('"--cap-add=NET_ADMIN", ', '')).network).toBe('open@-');
    expect(all(text.replace('"vscode"', '"root"')).network).toBe('open@5:3');
  });

  it('counts service-account tokens and keys forwarded from the host as write credentials', () => {
    const base = '"image": "x", "features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} }';
    for (const name of ['OP_SERVICE_ACCOUNT_TOKEN', 'GCP_SA_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'GITLAB_TOKEN'])
      expect(all(`{ ${base},\n  "remoteEnv": { "${name}": "\${localEnv:${name}}" } }`).credentials, name).toBe(
        'write@2:18',
      );
    expect(
      all(`{ ${base},\n  "containerEnv": { "TOKEN": "\${localEnv:KUBE_SERVICE_ACCOUNT_TOKEN}" } }`).credentials,
    ).toBe('write@2:21');
  });

  it('counts GitHub tokens and PATs forwarded from the host as write credentials', () => {
    const base = '"image": "x", "features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} }';
    expect(all(`{ ${base},\n  "remoteEnv": { "GH_TOKEN": "\${localEnv:GH_TOKEN}" } }`).credentials).toBe('write@2:18');
    expect(all(`{ ${base},\n  "containerEnv": { "MY_TOKEN": "\${localEnv:GITHUB_PAT}" } }`).credentials).toBe(
      'write@2:21',
    );
    expect(
      all(`{ ${base},\n  "containerEnv": { "ANTHROPIC_API_KEY": "\${localEnv:ANTHROPIC_API_KEY}" } }`).credentials,
    ).toBe('read@2:21');
  });

  it('voids the container for privileged mode, the docker socket, docker-in-docker and escape capabilities', () => {
    const text = `{
  "image": "x",
  "privileged": true,
  "features": {
    "ghcr.io/anthropics/devcontainer-features/claude-code:1": {},
    "ghcr.io/devcontainers/features/docker-in-docker:2": {},
    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {}
  },
  "mounts": [
    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",
    { "source": "\${localEnv:HOME}", "target": "/host-home", "type": "bind" }
  ],
  "capAdd": ["SYS_ADMIN"],
  "runArgs": ["--network=host", "--pids-limit=256"]
}`;
    const { s, d } = scanOne(text);
    const iso = d!.sandbox.isolation;
    expect([iso.source, ...(iso.more ?? []).map((m) => m.source)].map((r) => s.at(r))).toEqual([
      '14:15',
      '3:3',
      '13:14',
      '10:5',
      '11:5',
      '6:5',
      '7:5',
    ]);
    expect(iso.more?.find((m) => s.at(m.source) === '6:5')?.reason).toContain(
      'the feature runs the container privileged',
    );
    expect(all(text)).toMatchObject({
      network: 'open@14:15',
      filesystem: 'full@11:5',
      credentials: 'write@11:5',
      limits: 'bounded@14:33',
    });
    expect(s.positions('sandbox-disabled')).toHaveLength(7);
  });

  it('reads approval bypasses and Codespaces write permissions', () => {
    const text = `{
  "image": "x",
  "postAttachCommand": "claude --dangerously-skip-permissions -p 'fix the tests'",
  "customizations": { "codespaces": { "repositories": { "o/r": { "permissions": { "contents": "write" } } } } }
}`;
    expect(all(text)).toMatchObject({ approval: 'bypassed@3:32', credentials: 'write@4:83' });
  });

  it('takes an agent run by initializeCommand as running on the host', () => {
    const text = '{\n  "image": "node:20",\n  "initializeCommand": "claude -p \'summarise the repo\' > notes.md"\n}';
    const { s, d } = scanOne(text);
    expect(s.fact(d!, 'isolation')).toBe('none@3:25');
    expect(s.positions('sandbox-disabled')).toEqual(['3:25-3:34']);
  });

  it('reads the Compose service a dockerComposeFile dev container runs in', () => {
    const text =
      '{ "dockerComposeFile": ["../compose.yaml"], "service": "dev", "features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} } }';
    const compose =
      'services:\n  dev:\n    image: node:20\n    privileged: true\n    network_mode: host\n  db:\n    image: postgres:16\n';
    const { s, d } = scanOne(text, { 'compose.yaml': compose });
    expect(s.at(d!.sandbox.isolation.source)).toBe('4:5');
    expect(d!.sandbox.isolation.source?.file).toBe('compose.yaml');
    expect(d!.sandbox.network.source?.file).toBe('compose.yaml');
  });

  it('takes resource limits from the Compose service, and names Compose when there are none (runArgs do not apply)', () => {
    // Real shape: aetos382/AsciiSharp, a claude-code dev container in a Compose service.
    const text =
      '{ "dockerComposeFile": "docker-compose.yml", "service": "dev", "features": { "ghcr.io/devcontainers-extra/features/claude-code:1": {} } }';
    const bounded = (service: string): string =>
      all(text, { '.devcontainer/docker-compose.yml': `services:\n  dev:\n    build: .\n${service}` }).limits;
    expect(bounded('    mem_limit: 4g\n')).toBe('bounded@4:5');
    expect(bounded('    deploy:\n      resources:\n        limits:\n          memory: 4g\n')).toBe('bounded@7:11');
    expect(bounded('    cpus: 2\n')).toBe('bounded@4:5');
    const { d } = scanOne(text, { '.devcontainer/docker-compose.yml': 'services:\n  dev:\n    build: .\n' });
    expect(d!.sandbox.limits.value).toBe('unbounded');
    expect(d!.sandbox.limits.reason).toBe(
      'no `mem_limit`, `cpus`, `pids_limit` or `deploy.resources.limits` in Compose service `dev` bounds the container',
    );
  });

  it('lists every literal string for the inline-secret rule', () => {
    const { d } = scanOne(
      '{ "image": "x", "features": { "ghcr.io/x/claude-code:1": {} }, "containerEnv": { "A": "b" } }',
    );
    expect(detailsOf(d, 'devcontainer').inlineValues.map((v) => v.label)).toEqual(['image', 'containerEnv.A']);
  });
});
