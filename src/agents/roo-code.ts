/** Roo Code. */
import type { AgentDefinition } from './types.js';

export default {
  id: 'roo-code',
  title: 'Roo Code',
  extensions: ['rooveterinaryinc.roo-cline'],
} satisfies AgentDefinition;
