import { DEPLOYMENT_KINDS } from '../../model.js';
import { z } from 'zod';
import { reportFact } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'egress-restricted',
    title: 'The agent can reach any host on the network',
    rationale: `Open egress is the exfiltration path of every prompt injection: whatever the agent can read (source, tokens, the API key it runs with) it can send anywhere. Declare a network allowlist or no network at all: Claude Code \`sandbox.network.allowedDomains\`, Codex \`network_access = false\`, Gemini \`networkAccess: false\`, harden-runner \`egress-policy: block\` with \`allowed-endpoints\`, a Kubernetes NetworkPolicy that restricts egress, \`network_mode: none\` or an \`internal\` Compose network, \`docker run --network none\`.

Reported at the line that opens the network, or at the deployment's key when nothing restricts it.`,
    examples: {
      fail: '```toml\n[sandbox_workspace_write]\nnetwork_access = true\n```',
      pass: '```toml\n[sandbox_workspace_write]\nnetwork_access = false\n```',
    },
    defaultSeverity: 'warning',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 6.5,
    owasp: ['ASI02', 'ASI01', 'MCP10'],
    cwe: [200, 923],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { network } = deployment.sandbox;
    if (network.value !== 'open') return;
    reportFact(deployment, network, context, (reason) => `Egress is unrestricted: ${reason}.`);
  },
});
