import { z } from 'zod';
import { isSecretName } from '../../containers/signals.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'k8s-env-secret-literal',
    title: 'An agent pod has a credential written in plain text in its manifest',
    rationale: `A credential-named environment variable (\`OPENAI_API_KEY\`, \`GITHUB_TOKEN\`, \`DB_PASSWORD\`) with a literal \`value:\` puts the secret in the repository's history, in every clone and fork, and in the pod spec anyone with read access to the namespace can see. An agent pod is also the one most likely to print its environment when a prompt asks it to.

Move the value to a Secret and read it with \`valueFrom.secretKeyRef\` (or \`envFrom.secretRef\`), then rotate the credential that was committed. Obvious placeholders (\`changeme\`, \`<your-key>\`, \`xxx\`, empty values, \`$(VAR)\` references) are not reported. The message names the variable, never its value.`,
    examples: {
      fail: '```yaml\nenv:\n  - name: ANTHROPIC_API_KEY\n    value: sk-ant-api03-example\n```',
      pass: '```yaml\nenv:\n  - name: ANTHROPIC_API_KEY\n    valueFrom:\n      secretKeyRef: { name: llm, key: anthropic }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['k8s-workload'],
    securitySeverity: 7.0,
    owasp: ['ASI03'],
    cwe: [798],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const entry of details.env) {
      if (!entry.literal || entry.placeholder || !isSecretName(entry.name)) continue;
      context.report({
        message: `\`${entry.name}\` of container \`${entry.container}\` is set to a literal value in the manifest, so the credential is committed to the repository; read it from a Secret with \`valueFrom.secretKeyRef\` and rotate it.`,
        at: entry.ref,
      });
    }
  },
});
