/** What each agent does when the workflow declares nothing: the tool's documented defaults, from the catalogue. */
import { GENERIC_AGENT, agentById } from '../../agents/index.js';
import type { DefaultSandbox } from '../../agents/index.js';
import type { AgentRun } from './types.js';

export type Defaults = DefaultSandbox;

/** Defaults for a run; `runner` names where an unsandboxed agent runs ("the runner", "a self-hosted runner"). */
export function defaultsFor(run: AgentRun, runner: string): Defaults {
  return agentById(run.agent)?.workflowDefaults?.(run, runner) ?? GENERIC_AGENT.workflowDefaults(run, runner);
}
