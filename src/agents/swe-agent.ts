/** SWE-agent. */
import type { AgentDefinition } from './types.js';

export default {
  id: 'swe-agent',
  title: 'SWE-agent',
  images: [{ glob: 'sweagent/*', what: 'SWE-agent' }],
} satisfies AgentDefinition;
