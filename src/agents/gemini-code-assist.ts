/** Gemini Code Assist. */
import type { AgentDefinition } from './types.js';

export default {
  id: 'gemini-code-assist',
  title: 'Gemini Code Assist',
  extensions: ['google.geminicodeassist'],
} satisfies AgentDefinition;
