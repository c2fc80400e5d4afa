/** The scanner failed on a file: a finding the scanner raises itself, triggered by no deployment kind. */
import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
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
  check: () => undefined,
});
