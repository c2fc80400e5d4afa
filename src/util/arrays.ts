/**
 * Array helpers that never spread an unbounded array into a call's arguments: `push(...items)`
 * and `Math.max(...items)` throw `RangeError: Maximum call stack size exceeded` past about 100,000
 * items, which a large repository (22,000 deployments, a workflow of 200,000 steps) reaches.
 */

/** Appends every item to `target` in order; returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The smallest number, or Infinity for none (as `Math.min()`). */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min || Number.isNaN(v)) min = v;
  return min;
}

/** The largest number, or -Infinity for none (as `Math.max()`). */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}
