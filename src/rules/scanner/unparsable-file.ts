/** A config file the scanner needs could not be read or parsed: a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
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
  check: () => undefined,
});
