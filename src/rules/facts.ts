/** Helpers for the generic rules that judge the normalised sandbox facts. */
import type { Deployment, Fact, Severity } from '../model.js';
import type { RuleContext } from './types.js';

/** Reports a fact at every line that establishes it, or at the deployment's key when nothing does. */
export function reportFact(
  deployment: Deployment,
  fact: Fact<string>,
  context: RuleContext<unknown>,
  message: (reason: string) => string,
  severity?: Severity,
): void {
  // A consequence of another weak fact (no sandbox) is that fact's finding, not a second one.
  if (fact.derived) return;
  const extra = severity ? { severity } : {};
  if (!fact.source) {
    context.report({ message: message(fact.reason), at: deployment.at, ...extra });
    return;
  }
  context.report({ message: message(fact.reason), at: fact.source, ...extra });
  for (const more of fact.more ?? []) context.report({ message: message(more.reason), at: more.source, ...extra });
}

/** Position of `value` in a weakest-first level list; higher is stronger. */
export const strength = <T extends string>(levels: readonly T[], value: T): number => levels.indexOf(value);

export const ALL_KINDS = ['workflow-job', 'agent-config', 'mcp-server', 'k8s-workload', 'compose-service', 'devcontainer'] as const;
