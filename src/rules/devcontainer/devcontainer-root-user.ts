import { z } from 'zod';
import { isRoot } from '../../model/details/devcontainer.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'devcontainer-root-user',
    title: 'The agent dev container runs as root',
    rationale: `With \`remoteUser\` (or, without it, \`containerUser\`) set to \`root\`, the agent and every command it runs act as root inside the container: they can rewrite the container's tools, undo an egress firewall set up with NET_ADMIN, and any container-escape bug lands as root on the host's kernel. The reference Claude Code dev container runs as the unprivileged \`node\` user and allows \`sudo\` only for its firewall script.

Set a non-root user (\`"remoteUser": "node"\` or \`"vscode"\`, the images' default users).`,
    examples: {
      fail: '```json\n{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "remoteUser": "root" }\n```',
      pass: '```json\n{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "remoteUser": "vscode" }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['devcontainer'],
    securitySeverity: 5.0,
    owasp: ['ASI05', 'ASI03'],
    cwe: [250],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const user = deployment.details.user;
    if (!user || !isRoot(user.value)) return;
    context.report({
      message: `\`${user.key}\` is \`${user.value}\`: the agent and everything it runs act as root in the container, so they can change its tooling and any firewall rules, and a container escape lands as root. Use a non-root user such as \`node\` or \`vscode\`.`,
      at: user.at,
    });
  },
});
