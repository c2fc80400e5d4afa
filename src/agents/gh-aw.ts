/** GitHub Agentic Workflows (gh-aw): compiled workflows and their `awf` firewall, read by the workflows adapter. */
import type { AgentDefinition } from './types.js';

export default { id: 'gh-aw', title: 'GitHub Agentic Workflows' } satisfies AgentDefinition;
