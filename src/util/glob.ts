/**
 * Globs for values that are not paths (names, images, labels): `*` spans any characters, `/`
 * included. They come from policies a pull request may propose, so they never become regular
 * expressions: a glob is matched in O(value × glob) time with no backtracking blow-up, and the
 * schema bounds a glob's length (MAX_GLOB_LENGTH), so matching is linear in the value.
 */

/** The longest glob a policy may write; long enough for any real name, short enough to keep matching linear. */
export const MAX_GLOB_LENGTH = 256;

type Token =
  | { kind: 'star' }
  | { kind: 'one' }
  | { kind: 'char'; code: number }
  | { kind: 'class'; negate: boolean; ranges: [number, number][] };

const cache = new Map<string, Token[]>();
const CACHE_LIMIT = 10_000;

/** `*` any run of characters, `?` one character, `[abc]`, `[a-z]`, `[!abc]` a class; everything else is literal. */
function compile(glob: string, classes: boolean): Token[] {
  const key = `${classes ? 'c' : 'l'}${glob}`;
  let hit = cache.get(key);
  if (hit) return hit;
  hit =
    tokens(glob, classes) ??
    Array.from({ length: glob.length }, (_, i) => ({ kind: 'char' as const, code: glob.charCodeAt(i) }));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, hit);
  return hit;
}

/** The glob's tokens, or null for an impossible class such as `[z-a]` (then the glob is literal text). */
function tokens(glob: string, classes: boolean): Token[] | null {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const end = classes && c === '[' ? glob.indexOf(']', i + 2) : -1;
    if (c === '*') {
      if (out.at(-1)?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'one' });
    else if (end > i) {
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      const ranges: [number, number][] = [];
      for (let j = 0; j < body.length; j++) {
        const from = body.charCodeAt(j);
        if (body[j + 1] === '-' && j + 2 < body.length) {
          const to = body.charCodeAt(j + 2);
          if (to < from) return null;
          ranges.push([from, to]);
          j += 2;
        } else ranges.push([from, from]);
      }
      out.push({ kind: 'class', negate, ranges });
      i = end;
    } else out.push({ kind: 'char', code: glob.charCodeAt(i) });
  }
  return out;
}

/** ASCII case folding, both ways. */
const lower = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);
const upper = (code: number): number => (code >= 97 && code <= 122 ? code - 32 : code);

function matchesOne(token: Token, code: number, caseless: boolean): boolean {
  switch (token.kind) {
    case 'one':
      return true;
    case 'char':
      return caseless ? lower(token.code) === lower(code) : token.code === code;
    case 'class': {
      const within = (c: number): boolean => token.ranges.some(([from, to]) => c >= from && c <= to);
      const inside = within(code) || (caseless && (within(lower(code)) || within(upper(code))));
      return inside !== token.negate;
    }
    default:
      return false;
  }
}

/**
 * Greedy wildcard matching: on a mismatch, only the last `*` is widened by one character. Each
 * step advances the value or the last star's start, so the cost is at most value × glob steps.
 */
export function globMatches(
  glob: string,
  value: string,
  options: { caseless?: boolean; classes?: boolean } = {},
): boolean {
  const pattern = compile(glob, options.classes ?? true);
  const caseless = options.caseless ?? false;
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const token = pattern[p];
    if (token && token.kind !== 'star' && matchesOne(token, value.charCodeAt(v), caseless)) {
      p++;
      v++;
    } else if (token?.kind === 'star') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (pattern[p]?.kind === 'star') p++;
  return p === pattern.length;
}

export const matchesValue = (value: string, glob: string): boolean => globMatches(glob, value);
