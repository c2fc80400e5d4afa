import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

/** Hosts of the model vendors and their cloud platforms, and the loopback interface (a local proxy). */
const VENDOR_HOSTS = [
  /(^|\.)anthropic\.com$/,
  /(^|\.)openai\.com$/,
  /(^|\.)chatgpt\.com$/,
  /(^|\.)googleapis\.com$/,
  /(^|\.)amazonaws\.com$/,
  /(^|\.)azure\.com$/,
  /^localhost$/,
  /^127\.\d+\.\d+\.\d+$/,
  /^\[?::1\]?$/,
];

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/;

/** A reference to a value set elsewhere (`${VAR}`, `$VAR`, `{{ … }}`), not a host. */
const REFERENCE = /^\$[A-Za-z_{(]|\$\{|\{\{/;

function trusted(host: string, extra: readonly string[]): boolean {
  if (VENDOR_HOSTS.some((re) => re.test(host))) return true;
  return extra.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host === p.slice(2) || host.endsWith(p.slice(1)) : host === p;
  });
}

export default defineRule({
  meta: {
    id: 'settings-base-url-override',
    title: "Agent settings send model traffic to a host that is not the model vendor's",
    rationale: `Settings such as \`env.ANTHROPIC_BASE_URL\` or Codex \`openai_base_url\` decide where the agent sends every prompt, every file it reads and its API key. A committed value pointing at a third-party host hands all of that to whoever runs the host; a pull request that changes it is a quiet way to collect credentials and source code.

Keep the default endpoint, or point it at a gateway your organisation runs and list that host in the \`allowedHosts\` option. A plain \`http://\` endpoint is reported for any host but the loopback interface, since the key and the code cross the network unencrypted; for a Codex \`[model_providers.<name>]\` the \`base_url\` names the provider chosen, so only plain http is reported there. Vendor hosts (\`*.anthropic.com\`, \`*.openai.com\`, Google, AWS and Azure endpoints) and the loopback interface are accepted.`,
    examples: {
      fail: '```json\n{ "env": { "ANTHROPIC_BASE_URL": "https://llm-proxy.example.net" } }\n```',
      pass: '```json\n{ "env": { "ANTHROPIC_BASE_URL": "https://api.anthropic.com" } }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['agent-config'],
    securitySeverity: 6.0,
    owasp: ['ASI04', 'ASI07'],
    cwe: [923],
  },
  options: z.strictObject({
    allowedHosts: z
      .array(z.string().min(1))
      .default([])
      .describe('Further hosts (or `*.domain` patterns) that may receive model traffic.'),
  }),
  check(deployment, context) {
    const { details } = deployment;
    for (const endpoint of details.endpoints) {
      if (REFERENCE.test(endpoint.url.trim())) continue; // `${VAR}`: the value is set elsewhere
      if (endpoint.host && /^http:\/\//i.test(endpoint.url.trim()) && !LOOPBACK.test(endpoint.host)) {
        context.report({
          message: `\`${endpoint.variable}\` sends the agent's prompts, code and API key over plain http to \`${endpoint.host}\`, readable and changeable by anyone on the path.`,
          at: endpoint.source,
        });
        continue;
      }
      if (endpoint.provider || (endpoint.host && trusted(endpoint.host, context.options.allowedHosts))) continue;
      const where = endpoint.host
        ? `\`${endpoint.host}\``
        : `\`${redactSecrets(endpoint.url)}\`, which is not an absolute URL`;
      context.report({
        message: `\`${endpoint.variable}\` sends the agent's prompts, code and API key to ${where}, not to the model vendor.`,
        at: endpoint.source,
      });
    }
  },
});
