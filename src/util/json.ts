/** Reading parsed JSON/YAML values: one `isRecord` and one `get` for every layer. */
/** A key path as the documents layer takes it (kept structural: util sits below documents). */
type KeyPath = readonly (string | number)[];

/** A plain mapping (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The value at `path`, or undefined when any step is missing. Own keys only: a document's
 * `constructor` key must not find Object.prototype's. Numbers index arrays.
 */
export function get(value: unknown, path: KeyPath): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
  }
  return current;
}
