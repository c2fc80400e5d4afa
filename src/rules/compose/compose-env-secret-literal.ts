import { z } from 'zod';
import { isPlaceholder, isSecretName } from '../../containers/signals.js';
import { defineRule } from '../types.js';

/** The committed part of a Compose value: the whole literal, or the default of `${VAR:-default}`. */
function committedSecret(value: string | undefined): 'literal' | 'default' | null {
  if (value === undefined) return null;
  const reference = value.match(/^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?](.*))?\}$/s);
  if (reference)
    return reference[1] !== undefined && !isPlaceholder(reference[1]) && !reference[1].includes('$') ? 'default' : null;
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value) || isPlaceholder(value)) return null;
  return 'literal';
}

export default defineRule({
  meta: {
    id: 'compose-env-secret-literal',
    title: 'An agent service has a credential written in plain text in its Compose file',
    rationale: `A credential-named variable (\`OPENAI_API_KEY\`, \`GITHUB_TOKEN\`, \`VNC_PASSWORD\`) set to a literal in \`environment:\`, or given a literal fallback (\`\${API_KEY:-sk-…}\`), commits the secret to the repository and hands it to everyone who runs the file. An agent is also the service most likely to print its environment when a prompt asks it to.

Pass the value from the shell or an untracked \`.env\` file (\`- OPENAI_API_KEY\` or \`\${OPENAI_API_KEY}\` with no default), or use Compose \`secrets:\`, and rotate the credential that was committed. Obvious placeholders and empty defaults are not reported; the message names the variable, never its value.`,
    examples: {
      fail: '```yaml\nservices:\n  agent:\n    environment:\n      - OPENAI_API_KEY=sk-proj-example\n```',
      pass: '```yaml\nservices:\n  agent:\n    environment:\n      - OPENAI_API_KEY\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['compose-service'],
    securitySeverity: 7.0,
    owasp: ['ASI03'],
    cwe: [798],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const env of details.env) {
      if (!isSecretName(env.name)) continue;
      const kind = committedSecret(env.value);
      if (!kind) continue;
      const what = kind === 'default' ? 'falls back to a literal default' : 'is set to a literal value';
      context.report({
        message: `\`${env.name}\` of service \`${details.service}\` ${what} in the Compose file, so the credential is committed to the repository; pass it from the environment or \`secrets:\` and rotate it.`,
        at: env.ref,
      });
    }
  },
});
