/** Building `Fact`s for the MCP and devcontainer adapters. */
import type { Fact, SourceRef } from '../../model.js';
import { redactSecrets } from '../../secrets.js';

export const tick = (s: string): string => `\`${s}\``;

/** Reasons quote file content, so any secret in them is masked here, once for every fact. */
export function fact<T extends string>(
  value: T,
  reason: string,
  source: SourceRef | null,
  more?: Fact<T>['more'],
): Fact<T> {
  const masked = more?.map((m) => ({ ...m, reason: redactSecrets(m.reason) }));
  return masked && masked.length > 0
    ? { value, reason: redactSecrets(reason), source, more: masked }
    : { value, reason: redactSecrets(reason), source };
}

/** Marks a value that only follows from the missing sandbox, so the generic rules report the cause once. */
export const derived = <T extends string>(f: Fact<T>): Fact<T> => ({ ...f, derived: true });
