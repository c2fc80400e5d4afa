import { DEPLOYMENT_KINDS } from '../../model.js';
import { z } from 'zod';
import { reportFact } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'filesystem-scoped',
    title: 'The agent can write anywhere on the file system',
    rationale: `An agent that can write outside its workspace can plant shell start-up files, git hooks, CI configuration or SSH keys that run long after the session ends. Limit writes to the workspace: Codex \`workspace-write\` with no \`writable_roots\` of \`/\` or \`~\`, Claude Code \`sandbox.filesystem.allowWrite\` without \`/\` or \`~\`, a filesystem MCP server rooted at the project, \`readOnlyRootFilesystem: true\` or \`read_only: true\` for containers.

Reported at the line that widens the file system, or at the deployment's key when nothing narrows it.`,
    examples: {
      fail: '```json\n{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@1.0.0", "/"] } } }\n```',
      pass: '```json\n{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@1.0.0", "./docs"] } } }\n```',
    },
    defaultSeverity: 'warning',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 6.0,
    owasp: ['ASI05', 'ASI06', 'MCP02'],
    cwe: [732, 653],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { filesystem } = deployment.sandbox;
    if (filesystem.value !== 'full') return;
    reportFact(deployment, filesystem, context, (reason) => `The agent can write outside its workspace: ${reason}.`);
  },
});
