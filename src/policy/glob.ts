/** Policy globs: value globs (linear, src/util/glob.ts) and repo-relative path globs (minimatch). */
import { minimatch } from 'minimatch';

export { globMatches, matchesValue, MAX_GLOB_LENGTH } from '../util/glob.js';

/** Repo-relative path globs, with the same options discovery uses for include/exclude. */
export const matchesPath = (file: string, glob: string): boolean =>
  minimatch(file, glob, { dot: true, nocomment: true, nonegate: true });
