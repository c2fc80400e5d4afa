/** Helpers for agents' argument specs. */
export const flagSet = (...names: string[]): ReadonlySet<string> => new Set(names);

/**
 * No whitespace outside `(…)` groups (each from a `(` to the next `)`): `Bash(git diff:*)` is one tool.
 * A scan, not `replace(/\([^)]*\)/g)`, which was quadratic on many `(` without a `)`.
 */
export function noSpaceOutsideParens(text: string): boolean {
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('(', at);
    const close = open < 0 ? -1 : text.indexOf(')', open + 1);
    const outside = close < 0 ? text.slice(at) : text.slice(at, open);
    if (/\s/.test(outside)) return false;
    if (close < 0) return true;
    at = close + 1;
  }
  return true;
}

export const hasFlag = (args: { readonly flags: readonly { readonly name: string }[] }, ...names: string[]): boolean =>
  args.flags.some((f) => names.includes(f.name));
export const firstPositional = (args: { readonly positionals: readonly { readonly text: string }[] }): string =>
  args.positionals[0]?.text ?? '';
