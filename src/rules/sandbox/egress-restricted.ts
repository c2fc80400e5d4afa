import { DEPLOYMENT_KINDS } from '../../model.js';
import { z } from 'zod';
import { reportFact } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'egress-restricted',
    title: 'The agent can reach any host on the network',
    rationale: `Open egress is the exfiltration path of every prompt injection: whatever the agent can read (source, tokens, the API key it runs with) it can send anywhere. Declare a network allowlist or no network at all: Claude Code \`sandbox.network.allowedDomains\`, Codex \`network_access = false\`, Gemini \`networkAccess: false\`, harden-runner \`egress-policy: block\` with \`allowed-endpoints\`, a Kubernetes NetworkPolicy that restricts egress, kagent \`spec.sandbox.network.allowedDomains\` for declarative agents, \`network_mode: none\` or an \`internal\` Compose network, \`docker run --network none\`, a dev container firewall started with NET_ADMIN (the reference \`init-firewall.sh\`, or the agent's own switch such as Codex's \`CODEX_ENABLE_FIREWALL=1\`) that is not made optional with \`|| true\`.

A link whose certificate check is off (kmcp \`httpTransport.tls.insecureSkipVerify: true\`, kagent \`skills.insecureSkipVerify: true\`, a kagent \`RemoteMCPServer\` with \`tls.disableVerify: true\`) or that has no TLS at all (a \`RemoteMCPServer\` at an \`http://\` URL, inside the cluster too) counts as open whatever else restricts egress: anyone on the path can read and change what the agent sends and receives. A \`RemoteMCPServer\` at a cluster service (\`name\`, \`name.namespace\`, \`*.svc.cluster.local\`) or a loopback URL runs beside the agent in a workload that object does not show, so nothing restricts its own egress.

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
