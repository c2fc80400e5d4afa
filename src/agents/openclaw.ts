/** OpenClaw. */
import type { AgentDefinition } from './types.js';

export default {
  id: 'openclaw',
  title: 'OpenClaw',
  images: [{ glob: 'ghcr.io/openclaw/openclaw', what: 'OpenClaw' }],
  env: ['OPENCLAW_GATEWAY_TOKEN'],
  envPrefixes: ['OPENCLAW_'],
} satisfies AgentDefinition;
