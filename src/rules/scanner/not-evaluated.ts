/** A file or a reference could not be evaluated (templated, or naming what the scan cannot read): a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'not-evaluated',
    title: 'A file or reference could not be evaluated',
    rationale:
      "A file that may declare an agent deployment could not be judged as written: templated YAML that does not parse as YAML or lies under a Helm chart's `templates/` (it becomes a manifest only when rendered, and this scanner never runs a renderer), or a reference the scanner could not resolve: a `uses:` of a local action, Dockerfile or reusable workflow the repository does not have, local actions nested past GitHub's depth limit, or a reusable workflow from another repository called with `secrets: inherit` or a token that can write (code this scan cannot read, holding the caller's secrets). Each such file is listed in coverage, and each file or reference is a finding, so nothing unjudged passes silently: a warning under `recommended`, an error under `strict` (`templated: fail`). Render the chart in CI and scan the output to judge it; commit the referenced action or workflow, or pin and review the remote workflow and narrow its secrets and token. A YAML file that merely holds `{{ … }}` text in a value (an annotation, a prompt template) parses, and is judged as written.",
    examples: {
      fail: '```yaml\nspec:\n  replicas: {{ .Values.replicas }}\n```',
      pass: '```yaml\nspec:\n  replicas: 1\n```',
    },
    defaultSeverity: 'warning',
    kinds: [],
    securitySeverity: 4.0,
    owasp: ['ASI10'],
    cwe: [],
  },
  options: z.strictObject({}),
  check: () => undefined,
});
