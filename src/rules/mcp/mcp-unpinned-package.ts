import { z } from 'zod';
import type { PackageRef } from '../../model/details/mcp-server.js';
import { defineRule } from '../types.js';

/** What a pinned spec would look like, for the message. */
function pinnedExample(p: PackageRef): string {
  switch (p.ecosystem) {
    case 'npm':
      return `\`${p.name}@1.2.3\``;
    case 'pypi':
      return p.runner === 'uvx' ? `\`${p.name}==1.2.3\` (or \`--from ${p.name}==1.2.3\`)` : `\`${p.name}==1.2.3\``;
    case 'docker':
      return `\`${p.name}@sha256:…\` (a digest) or an exact version tag`;
    case 'go':
      return `\`${p.name}@v1.2.3\``;
    case 'git':
      return 'a full commit hash';
  }
}

export default defineRule({
  meta: {
    id: 'mcp-unpinned-package',
    title: 'An MCP server is fetched at start without a pinned version',
    rationale: `\`npx -y pkg\`, \`npx pkg@latest\`, \`uvx pkg\`, \`go run mod@latest\` and \`docker run image\` (no tag, or \`:latest\`) download whatever is published when the client starts the server. A compromised or typo-squatted release then runs with the server's access (on the host, for \`npx\` and \`uvx\`) the next time anyone opens the project, with no change in the repository to review.

Pin an exact version (\`pkg@1.2.3\`, \`pkg==1.2.3\`, \`mod@v1.2.3\`) or an image digest (\`image@sha256:…\`), and update it deliberately. Shell wrappers (\`sh -c\`, \`cmd /c\`) and sandboxes (\`srt\`) are looked through.`,
    examples: {
      fail: '```json\n{ "mcpServers": { "docs": { "command": "npx", "args": ["-y", "@upstash/context7-mcp@latest"] } } }\n```',
      pass: '```json\n{ "mcpServers": { "docs": { "command": "npx", "args": ["-y", "@upstash/context7-mcp@1.0.14"] } } }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['mcp-server'],
    securitySeverity: 6.5,
    owasp: ['ASI04', 'MCP04'],
    cwe: [494, 1357],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const p of details.packages) {
      if (!p.unpinned) continue;
      const risk =
        p.ecosystem === 'docker'
          ? `\`${p.runner}\` starts whatever image the tag points to when it is pulled, so a replaced or compromised image runs with the server's access`
          : `\`${p.runner}\` fetches whatever is published each time the server starts, so a compromised release runs with the server's access`;
      context.report({
        message: `${p.ecosystem === 'docker' ? 'Image ' : ''}\`${p.spec}\` is not pinned (${p.unpinned}): ${risk}. Pin an exact version: ${pinnedExample(p)}.`,
        at: p.at,
      });
    }
  },
});
