/** Crush (Charm). */
import type { AgentDefinition } from './types.js';

export default {
  id: 'crush',
  title: 'Crush (Charm)',
  features: ['crush'],
} satisfies AgentDefinition;
