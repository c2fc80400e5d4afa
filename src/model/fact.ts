/** Building `Fact`s, for every adapter. */
import type { Fact, SourceRef } from '../model.js';
import { redactSecrets } from '../secrets.js';

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

type More = NonNullable<Fact<string>['more']>;

/** One fact from a list of lines that each establish it: the first is the source, the rest `more`. */
export function fromLines<T extends string>(
  value: T,
  lines: readonly { reason: string; source: SourceRef }[],
): Fact<T> {
  const [first, ...rest] = lines;
  const fact: Fact<T> = { value, reason: first!.reason, source: first!.source };
  if (rest.length > 0) fact.more = rest as More;
  return fact;
}
