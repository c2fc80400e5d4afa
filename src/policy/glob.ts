/** Globs for values that are not paths (names, images, labels): `*` spans any characters, `/` included. */
import { minimatch } from 'minimatch';

const cache = new Map<string, RegExp>();

/** `*` any run of characters, `?` one character, `[abc]` a class; everything else is literal. */
export function valueGlob(glob: string): RegExp {
  let hit = cache.get(glob);
  if (hit) return hit;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[' && glob.indexOf(']', i + 2) > i) {
      const end = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    hit = new RegExp(`^${source}$`, 's');
  } catch {
    // An impossible class such as `[z-a]`: match the glob as literal text instead.
    hit = new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's');
  }
  cache.set(glob, hit);
  return hit;
}

export const matchesValue = (value: string, glob: string): boolean => valueGlob(glob).test(value);

/** Repo-relative path globs, with the same options discovery uses for include/exclude. */
export const matchesPath = (file: string, glob: string): boolean =>
  minimatch(file, glob, { dot: true, nocomment: true, nonegate: true });
