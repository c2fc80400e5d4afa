/** Roo Code. */
import type { AgentDefinition } from './types.js';
import { ENV_REFERENCE, mcpServersFile } from './mcp-files.js';

export default {
  id: 'roo-code',
  title: 'Roo Code',
  mcpFiles: [mcpServersFile((p) => p.endsWith('.roo/mcp.json'), ENV_REFERENCE)],
  extensions: ['rooveterinaryinc.roo-cline'],
} satisfies AgentDefinition;
