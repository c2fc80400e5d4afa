import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'settings-mcp-auto-approve',
    title: "Agent settings start the repository's MCP servers without asking",
    rationale: `Claude Code asks before it starts an MCP server from a project's \`.mcp.json\`, because each server is a command that runs on the developer's machine outside the Bash sandbox. \`enableAllProjectMcpServers: true\` skips that question for every server, including one a pull request adds later; \`enabledMcpjsonServers\` skips it for the servers it names, so a change to their command in \`.mcp.json\` runs unasked.

Remove \`enableAllProjectMcpServers\`, and keep \`enabledMcpjsonServers\` to servers whose definitions are reviewed like code. Approving servers one by one in the client is the safe default.`,
    examples: {
      fail: '```json\n{ "enableAllProjectMcpServers": true }\n```',
      pass: '```json\n{ "enableAllProjectMcpServers": false }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['agent-config'],
    securitySeverity: 6.5,
    owasp: ['ASI04', 'ASI02', 'MCP09', 'MCP04'],
    cwe: [829, 862],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const approval of details.mcpAutoApproval) {
      if (approval.servers === 'all') {
        context.report({
          message: `\`${approval.key}\` is true, so every MCP server in \`.mcp.json\` starts without asking, including one a pull request adds.`,
          at: approval.source,
        });
      } else {
        const names = approval.servers
          .slice(0, 5)
          .map((n) => `\`${n}\``)
          .join(', ');
        const more = approval.servers.length > 5 ? ` and ${approval.servers.length - 5} more` : '';
        context.report({
          message: `\`${approval.key}\` starts ${names}${more} without asking, so a change to their command in \`.mcp.json\` runs unasked.`,
          at: approval.source,
          severity: 'notice',
        });
      }
    }
  },
});
