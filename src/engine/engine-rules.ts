/**
 * Findings the engine itself raises about files rather than deployments. They are rules like any
 * other (metadata, docs, severity settings), but no deployment kind triggers them.
 */
import { z } from 'zod';
import { defineRule } from '../rules/types.js';
import { SUPPRESSION_RULES } from './suppression-rules.js';

const noCheck = (): void => undefined;

export const INTERNAL_ERROR = defineRule({
  meta: {
    id: 'internal-error',
    title: 'The scanner failed on a file',
    rationale:
      'An adapter or rule threw while reading this file. The file was not fully judged, so the run fails rather than pass on incomplete evidence. Please report the message with the file shape (not its secrets).',
    examples: { fail: '(any file that makes a rule throw)', pass: '(every file the scanner can read)' },
    defaultSeverity: 'error',
    kinds: [],
    securitySeverity: 5.0,
    owasp: [],
    cwe: [],
  },
  options: z.strictObject({}),
  check: noCheck,
});

export const UNPARSABLE_FILE = defineRule({
  meta: {
    id: 'unparsable-file',
    title: 'A config file the scanner needs could not be read or parsed',
    rationale:
      "A workflow, agent setting, MCP config or manifest has a syntax error, is larger than `max-file-size`, is binary or is not valid UTF-8 or UTF-16, so any agent it declares could not be judged. The tool that reads it may reject it too, or read it differently, and a pull request could pad an agent's settings past the size limit to hide them. Fix the syntax (the position of the first error is given), raise `max-file-size` for a large generated file that holds agents, or `exclude` a path that holds none.",
    examples: {
      fail: '```yaml\njobs:\n  review: [\n```',
      pass: '```yaml\njobs:\n  review:\n    runs-on: ubuntu-latest\n```',
    },
    defaultSeverity: 'warning',
    kinds: [],
    securitySeverity: 3.0,
    owasp: ['ASI10'],
    cwe: [],
  },
  options: z.strictObject({}),
  check: noCheck,
});

export const NOT_EVALUATED = defineRule({
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
    owasp: ['ASI10'],
    cwe: [],
  },
  options: z.strictObject({}),
  check: noCheck,
});

export const ENGINE_RULES = [INTERNAL_ERROR, NOT_EVALUATED, ...SUPPRESSION_RULES, UNPARSABLE_FILE];
