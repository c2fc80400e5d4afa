import { z } from 'zod';
import { findNamedSecrets, maskSecret } from '../../secrets.js';
import { defineRule } from '../types.js';

const article = (noun: string): string =>
  /^[aeiou]|^AWS|^npm|^MCP/i.test(noun) && !/^(?:us|one)/i.test(noun) ? 'an' : 'a';

export default defineRule({
  meta: {
    id: 'inline-secret',
    title: 'A credential is typed inline in a committed config file',
    rationale: `A token written into \`.mcp.json\`, \`.vscode/mcp.json\`, a Codex or Gemini config, an agent settings file (\`env\` in \`.claude/settings.json\`, keys in \`.aider.conf.yml\`), a \`devcontainer.json\` (in \`env\`, \`headers\`, \`args\`, a URL query, \`containerEnv\` or \`remoteEnv\`), a kagent \`RemoteMCPServer\` or remote \`ToolServer\` (a \`headersFrom\` entry's \`value\`, the URL's query) or a workflow that runs an agent (a step's \`with:\` or \`env:\`, the job's or the workflow's \`env:\`, such as \`anthropic_api_key: sk-ant-…\`) is readable by everyone who can read the repository, its forks and its history, and it reaches every agent and MCP server that loads the file.

Recognised: GitHub, Anthropic, OpenAI, AWS, Slack, GitLab, Google, Stripe, npm and Hugging Face token shapes, JSON web tokens, private keys, passwords in URLs, and random-looking literals under a credential name (\`*_TOKEN\`, \`*_API_KEY\`, \`*_SECRET\`, \`Authorization\`). Placeholders such as \`\${input:x}\`, \`\${env:X}\`, \`\${X}\`, \`$X\` and \`\${{ secrets.X }}\` are not secrets. Messages and every output show only a mask (\`ghp_…(40 chars)\`).

Revoke the token, then reference it instead: VS Code \`\${input:…}\` with a \`password\` input, Claude Code \`\${VAR}\`, Codex \`env_vars\` / \`bearer_token_env_var\`, dev containers \`\${localEnv:VAR}\`, kagent \`headersFrom\` with \`valueFrom: {type: Secret}\`, workflows \`\${{ secrets.NAME }}\`.`,
    examples: {
      fail: '```json\n{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…" } } } }\n```',
      pass: '```json\n{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" } } } }\n```',
    },
    defaultSeverity: 'error',
    kinds: ['mcp-server', 'devcontainer', 'agent-config', 'workflow-job'],
    securitySeverity: 8.5,
    owasp: ['ASI03', 'MCP01'],
    cwe: [798],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    const reference = details.secretReference;
    for (const value of details.inlineValues) {
      for (const match of findNamedSecrets(value.name, value.value)) {
        const secret = value.value.slice(match.start, match.end);
        const field = value.label ? `\`${value.label}\`` : 'A value';
        context.report({
          message: `${field} holds ${article(match.kind)} ${match.kind} typed inline (${maskSecret(secret)}): anyone who can read the repository can use it. Revoke it and reference it instead: ${reference}.`,
          at: { ...value.at, text: secret },
        });
      }
    }
  },
});
