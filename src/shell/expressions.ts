/**
 * GitHub replaces `${{ … }}` in a `run:` block before bash reads it. Bash cannot parse the
 * expression itself, so each one is masked with characters of the same length that parse as part
 * of a word (offsets stay those of the file), and a masked run in a resolved word becomes the
 * expression's value: known from the caller, or unknown. Never evaluated here.
 */
import type { ShellEnvValue } from './types.js';
import { UNKNOWN } from './types.js';
import type { Char } from './words.js';

/** Stands in the parsed text for each character of a `${{ … }}` expression. */
export const MASK = '\u{E001}';

export interface MaskedExpression {
  start: number;
  end: number;
  /** The expression inside the braces, trimmed (`inputs.args`). */
  expression: string;
}

export function maskExpressions(script: string): { text: string; expressions: MaskedExpression[] } {
  const expressions: MaskedExpression[] = [];
  if (!script.includes('${{')) return { text: script, expressions };
  const text = script.replace(/\$\{\{([\s\S]*?)\}\}/g, (match: string, inner: string, offset: number) => {
    expressions.push({ start: offset, end: offset + match.length, expression: inner.trim() });
    return MASK.repeat(match.length);
  });
  return { text, expressions };
}

export type ExpressionValue = (expression: string) => ShellEnvValue | undefined;

/**
 * Replaces each masked run in the alternatives with the expression's values. `scriptOffset` maps a
 * character's offset to the offset in the masked top-level script (-1 if it has none).
 */
export function substituteExpressions(
  alternatives: Char[][],
  expressions: readonly MaskedExpression[],
  scriptOffset: (at: number) => number,
  value: ExpressionValue | undefined,
): Char[][] {
  if (expressions.length === 0) return alternatives;
  const out: Char[][] = [];
  for (const alternative of alternatives) {
    if (!alternative.some((c) => c.ch === MASK)) {
      out.push(alternative);
      continue;
    }
    let results: Char[][] = [[]];
    for (let i = 0; i < alternative.length; i++) {
      const c = alternative[i]!;
      if (c.ch !== MASK) {
        for (const r of results) r.push(c);
        continue;
      }
      let j = i;
      while (j + 1 < alternative.length && alternative[j + 1]!.ch === MASK) j++;
      const offset = scriptOffset(c.at);
      const found = expressions.find((e) => offset >= e.start && offset < e.end);
      const known = found && value ? value(found.expression) : undefined;
      const split = c.kind === 'lit';
      const values: string[] =
        typeof known === 'string'
          ? [known]
          : known && known !== null
            ? [...known.values, ...(known.unknown ? [UNKNOWN] : [])]
            : [UNKNOWN];
      const next: Char[][] = [];
      for (const r of results)
        for (const v of values.length > 0 ? values : [UNKNOWN]) {
          if (next.length >= 8) break;
          next.push([...r, ...[...v].map((ch) => ({ ch, at: c.at, kind: 'exp' as const, split }))]);
        }
      results = next;
      i = j;
    }
    out.push(...results);
  }
  return out.slice(0, 8);
}
