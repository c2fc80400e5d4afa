/** Helpers for the generic rules that judge the normalised sandbox facts. */
import type { Deployment, Fact, Severity, SourceRef } from '../model.js';
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
  // A line that defeats the sandbox (a `/` mount, host networking) is sandbox-disabled's finding alone.
  const escapes = fact === deployment.sandbox.isolation ? new Set<string>() : escapeLines(deployment);
  const lines = [{ reason: fact.reason, source: fact.source }, ...(fact.more ?? [])];
  for (const line of lines) {
    if (!escapes.has(refKey(line.source))) context.report({ message: message(line.reason), at: line.source, ...extra });
  }
}

function escapeLines(deployment: Deployment): Set<string> {
  const { isolation } = deployment.sandbox;
  if (isolation.value !== 'none' || !isolation.source) return new Set();
  return new Set([isolation.source, ...(isolation.more ?? []).map((m) => m.source)].map(refKey));
}

const refKey = (ref: SourceRef): string => JSON.stringify([ref.file, ref.doc ?? 0, ref.path, String(ref.text ?? '')]);

/** Position of `value` in a weakest-first level list; higher is stronger. */
export const strength = <T extends string>(levels: readonly T[], value: T): number => levels.indexOf(value);
