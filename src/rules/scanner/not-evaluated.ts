/** A file could not be evaluated without rendering: a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'not-evaluated',
    title: 'A file could not be evaluated without rendering',
    rationale:
      'Templated YAML (Helm charts, `{{ … }}`) only becomes a manifest when rendered, and this scanner never runs a renderer. Such files are listed in coverage. With `templated: fail` in the policy each one is also a finding, so nothing unjudged passes silently. Render the chart in CI and scan the output to judge it.',
    examples: {
      fail: '```yaml\nspec:\n  replicas: {{ .Values.replicas }}\n```',
      pass: '```yaml\nspec:\n  replicas: 1\n```',
    },
    defaultSeverity: 'error',
    kinds: [],
    securitySeverity: 4.0,
  },
  options: z.strictObject({}),
  check: () => undefined,
});
