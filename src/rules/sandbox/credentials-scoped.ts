import { DEPLOYMENT_KINDS } from '../../model.js';
import { z } from 'zod';
import { reportFact } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'credentials-scoped',
    title: 'The agent holds credentials that can write',
    rationale: `Whatever the agent's credentials can do, a prompt injection can do: push code, approve pull requests, publish packages, change cloud resources. Give the agent read-only credentials and move writes to a separate step or job that does not run model output (\`permissions: { contents: read }\`, \`automountServiceAccountToken: false\`, no write-scoped secrets in its environment). A dev container that forwards a host token (a PAT, \`GH_TOKEN\`, a service-account token or key through \`remoteEnv\`/\`containerEnv\` or \`\${localEnv:…}\`) hands the agent whatever that token can do; an operator that changes the cluster on the agent's behalf (K8sGPT auto-remediation) writes with its own service account.

Reported at the line that grants the write access, or at the deployment's key when write access is inherited by default (a workflow with no \`permissions:\` block).`,
    examples: {
      fail: '```yaml\npermissions: write-all\n```',
      pass: '```yaml\npermissions:\n  contents: read\n```',
    },
    defaultSeverity: 'warning',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 6.0,
    owasp: ['ASI03', 'MCP01', 'MCP02'],
    cwe: [250, 272],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { credentials } = deployment.sandbox;
    if (credentials.value !== 'write') return;
    reportFact(deployment, credentials, context, (reason) => `The agent can write with its credentials: ${reason}.`);
  },
});
