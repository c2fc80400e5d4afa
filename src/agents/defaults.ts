/** Shared wording of documented defaults, so every agent's reads the same way. */
import type { Isolation, Network } from '../model/levels.js';
import type { DefaultFact, DefaultSandbox, WorkflowRunView } from './types.js';

export const fact = <T extends string>(value: T, reason: string): DefaultFact<T> => ({ value, reason, source: null });
export const boundary = <T extends string>(value: T, reason: string): DefaultFact<T> => ({
  ...fact(value, reason),
  boundary: true,
});
export const OPEN_NETWORK = fact<Network>('open', 'nothing restricts egress from the runner');
export const unsandboxed = (what: string, runner: string): DefaultFact<Isolation> =>
  fact('none', `${what}, so its tools run directly on ${runner}, beside the job's token and secrets`);

/** Headless CLIs that edit the workspace and skip tools needing approval (Continue, cursor-agent). */
export const headlessDefaults =
  (name: string) =>
  (run: WorkflowRunView, runner: string): DefaultSandbox | null =>
    run.action !== null
      ? null
      : {
          isolation: unsandboxed(`${name} has no sandbox`, runner),
          network: OPEN_NETWORK,
          filesystem: fact('workspace', 'in headless mode it edits files in the workspace only'),
          approval: fact('restricted', 'in headless mode it skips tools that would ask for approval'),
        };
