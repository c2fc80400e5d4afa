/** Amp (Sourcegraph). */
import type { AgentDefinition } from './types.js';

export default {
  id: 'amp',
  title: 'Amp',
  features: ['amp'],
  extensions: ['sourcegraph.amp'],
  installs: /@sourcegraph\/amp\b/,
} satisfies AgentDefinition;
