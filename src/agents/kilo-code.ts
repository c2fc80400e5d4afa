/** Kilo Code. */
import type { AgentDefinition } from './types.js';

export default {
  id: 'kilo-code',
  title: 'Kilo Code',
  extensions: ['kilocode.kilo-code'],
} satisfies AgentDefinition;
