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

/**
 * A word of the command line nobody knows before the run (`claude $ARGS`, `codex ${{ vars.X }}`).
 * In what `runsTask` is handed it stands for a flag or subcommand that may be any one: an unknown
 * word may be `-p`, so the run is judged rather than dropped.
 */
export const ANY_WORD = '\u{E000}';

export const hasFlag = (args: { readonly flags: readonly { readonly name: string }[] }, ...names: string[]): boolean =>
  args.flags.some((f) => f.name === ANY_WORD || names.includes(f.name));
export const firstPositional = (args: { readonly positionals: readonly { readonly text: string }[] }): string =>
  args.positionals[0]?.text ?? '';
/** The first positional is one of `names`, or a word not known (which may be any of them). */
export const subcommandIs = (
  args: { readonly positionals: readonly { readonly text: string }[] },
  ...names: string[]
): boolean => {
  const first = firstPositional(args);
  return first === ANY_WORD || names.includes(first);
};
