/** An agent that cannot be told apart: the generic entry, with the weakest documented defaults. */
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition } from './types.js';

export default {
  id: 'unknown',
  title: 'an agent',
  images: [{ glob: 'langchain/langgraph-api', what: 'a LangGraph agent server' }],
  workflowDefaults: (run, runner) => ({
    isolation: unsandboxed(`nothing sandboxes ${run.agent === 'unknown' ? 'the agent' : run.agent}`, runner),
    network: OPEN_NETWORK,
    filesystem: fact('full', 'nothing narrows where its tools can write'),
    approval: fact('unrestricted', 'nothing restricts which tools it runs'),
  }),
} satisfies AgentDefinition;
