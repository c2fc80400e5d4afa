/**
 * Lists the repository's files: `git ls-files` in a work tree (honours .gitignore), else a walk.
 * Never follows a link out of the root; paths come back repo-relative, forward slashes, sorted.
 */
import { execFile, execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { compareCodeUnits } from '../util/order.js';
import type { CoverageEntry } from '../model/report.js';

/** Folders a walk never enters: dependencies, VCS data, build output. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.terraform',
]);

export interface DiscoveryOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Use this listing instead of asking git or walking (tests, `scope: changed`). */
  listing?: readonly string[];
  /** What `listAhead` got from git for this root, so discovery need not wait for git again. */
  ahead?: ListedAhead;
}

/** `git ls-files` run ahead of discovery (`listAhead`): its records, or null where git failed (then the tree is walked). */
export interface ListedAhead {
  realRoot: string;
  records: readonly string[] | null;
}

export interface Discovered {
  files: string[];
  skipped: CoverageEntry[];
}

/**
 * Paths a listing produced: `regular` ones the listing itself knows are plain files (the git index says
 * so, or the walk's directory entry did), `unchecked` ones that need an lstat (links, untracked files,
 * a caller's listing). Skipping the lstat for the first kind is what keeps discovery of a large
 * repository cheap; `readRepoFile` still refuses, at read time, any path that leads out of the root.
 */
interface Listing {
  regular: readonly string[];
  unchecked: readonly string[];
}

export function discover(root: string, options: DiscoveryOptions): Discovered {
  const realRoot = realpathSync(root);
  const listed: Listing = options.listing
    ? { regular: [], unchecked: options.listing }
    : listingOf(realRoot, options.ahead?.realRoot === realRoot ? options.ahead.records : gitRecords(realRoot));
  const files: string[] = [];
  const skipped: CoverageEntry[] = [];
  const seen = new Set<string>();
  const wanted = compileFilters(options);
  const folderInside = folderChecker(realRoot);
  const consider = (raw: string, regular: boolean): void => {
    const file = path.sep === '/' ? raw : raw.split(path.sep).join('/');
    if (seen.has(file) || !isSafeRelative(file)) return;
    seen.add(file);
    if (!wanted(file)) return;
    const verdict = regular ? 'file' : checkInside(realRoot, file, folderInside);
    if (verdict === 'outside')
      skipped.push({
        file,
        status: 'symlink-outside',
        reason: 'a symbolic link that leads outside the repository; not followed',
      });
    else if (verdict === 'file') files.push(file);
  };
  for (const file of listed.regular) consider(file, true);
  for (const file of listed.unchecked) consider(file, false);
  files.sort(compareCodeUnits);
  skipped.sort((a, b) => compareCodeUnits(a.file, b.file));
  return { files, skipped };
}

export function matchesFilters(file: string, options: Pick<DiscoveryOptions, 'include' | 'exclude'>): boolean {
  return compileFilters(options)(file);
}

/** The include/exclude test with each glob compiled once (`minimatch(file, glob)` recompiles per call). */
export function compileFilters(options: Pick<DiscoveryOptions, 'include' | 'exclude'>): (file: string) => boolean {
  const opts = { dot: true, nocomment: true, nonegate: true };
  const include = options.include.map((g) => new Minimatch(g, opts));
  const exclude = options.exclude.map((g) => new Minimatch(g, opts));
  return (file) => (include.length === 0 || include.some((m) => m.match(file))) && !exclude.some((m) => m.match(file));
}

function isSafeRelative(file: string): boolean {
  // No `..` segment; tested without splitting, as this runs for every file of the repository.
  return (
    file.length > 0 &&
    !file.startsWith('/') &&
    file !== '..' &&
    !file.startsWith('../') &&
    !file.endsWith('/..') &&
    !file.includes('/../')
  );
}

/** 'file' for a regular file inside the root (through in-repo links), 'outside' for a link that escapes. */
function checkInside(
  realRoot: string,
  file: string,
  folderInside: (folder: string) => boolean,
): 'file' | 'outside' | 'other' {
  const absolute = path.join(realRoot, file);
  let info;
  try {
    info = lstatSync(absolute);
  } catch {
    return 'other'; // deleted since it was listed
  }
  if (info.isFile()) return folderInside(parentOf(file)) ? 'file' : 'outside';
  if (!info.isSymbolicLink()) return 'other';
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch {
    return 'other'; // dangling or looping link
  }
  if (!isWithin(realRoot, target)) return 'outside';
  try {
    return statSync(target).isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

/**
 * A listed path can pass through a linked folder; its real location must still be inside. A folder is
 * inside when its parent is and it is a real folder or a link resolving inside. Memoised per folder: one
 * lstat per folder instead of a full realpath per file (which dominated discovery of large repositories).
 */
function folderChecker(realRoot: string): (folder: string) => boolean {
  const known = new Map<string, boolean>([['', true]]);
  const inside = (folder: string): boolean => {
    const hit = known.get(folder);
    if (hit !== undefined) return hit;
    let ok = inside(parentOf(folder));
    if (ok) {
      const absolute = path.join(realRoot, folder);
      try {
        const info = lstatSync(absolute);
        ok = info.isSymbolicLink() ? isWithin(realRoot, realpathSync(absolute)) : info.isDirectory();
      } catch {
        ok = false;
      }
    }
    known.set(folder, ok);
    return ok;
  };
  return inside;
}

const parentOf = (file: string): string => {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
};

const isWithin = (root: string, target: string): boolean => target === root || target.startsWith(root + path.sep);

/**
 * The scanned checkout's own `.git/config` is input too: `core.fsmonitor` names a command that
 * `git ls-files` runs. Switch it off (and any hook path) so listing never executes anything.
 */
const SAFE_GIT = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.allow=never'];

// Outside a work tree (no repository, a bare one, inside `.git`) ls-files fails and the tree is walked.
// One pass, relative to `root`, NUL-separated so any name survives: tracked files with their status
// tag and index mode (`H 100644 <object> 0\tpath`), and untracked-but-not-ignored ones (`? path`).
const LS_FILES = [
  ...SAFE_GIT,
  '-c',
  'core.quotePath=false',
  'ls-files',
  '-z',
  '--cached',
  '--stage',
  '-t',
  '--others',
  '--exclude-standard',
  '--',
  '.',
];
const GIT_MAX_BUFFER = 512 * 1024 * 1024;

const recordsOf = (out: Buffer): string[] =>
  out
    .toString('utf8')
    .split('\0')
    .filter((f) => f.length > 0);

function gitRecords(realRoot: string): string[] | null {
  try {
    return recordsOf(
      execFileSync('git', LS_FILES, { cwd: realRoot, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: GIT_MAX_BUFFER }),
    );
  } catch {
    return null;
  }
}

/**
 * Starts `git ls-files` for `root` without waiting for it, so git walks the tree while the caller
 * reads its options and policy; hand the result to `discover` as `ahead`. Same command and verdicts
 * as discovery's own call (a failure means the tree is walked).
 */
export function listAhead(root: string): Promise<ListedAhead> {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return Promise.resolve({ realRoot: '', records: null }); // `discover` reports the missing root itself
  }
  return new Promise((resolve) => {
    try {
      execFile('git', LS_FILES, { cwd: realRoot, maxBuffer: GIT_MAX_BUFFER, encoding: 'buffer' }, (error, stdout) =>
        resolve({ realRoot, records: error ? null : recordsOf(stdout) }),
      );
    } catch {
      resolve({ realRoot, records: null });
    }
  });
}

/**
 * Size in bytes of the git index at `root` (`.git/index`), 0 when there is none: about 100 bytes
 * per tracked file, so a cheap early measure of how large a repository is, before it is listed.
 */
export function gitIndexBytes(root: string): number {
  try {
    return statSync(path.join(root, '.git', 'index')).size;
  } catch {
    return 0;
  }
}

/** The listing git's records give, or a walk where git failed. */
function listingOf(realRoot: string, records: readonly string[] | null): Listing {
  if (!records) return walk(realRoot);
  const regular: string[] = [];
  const unchecked: string[] = [];
  for (const record of records) {
    if (record.startsWith('? ')) {
      unchecked.push(record.slice(2));
      continue;
    }
    // Fixed layout: a one-letter tag, a space, a six-digit mode (read without splitting: this runs per file).
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const tag = record[0];
    const mode = record.slice(2, 8);
    const file = record.slice(tab + 1);
    if (tag === 'S' || mode === '160000') continue; // outside a sparse checkout, or a submodule
    if (tag === 'H' && record[1] === ' ' && (mode === '100644' || mode === '100755')) regular.push(file);
    else unchecked.push(file); // links, conflicts, anything unusual
  }
  return { regular, unchecked };
}

/** Lists without git. Directory entries carry their type, so plain files need no lstat; links are listed, never entered. */
function walk(root: string): Listing {
  const regular: string[] = [];
  const unchecked: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(rel);
      } else if (entry.isFile()) regular.push(rel);
      else unchecked.push(rel); // checkInside decides whether a linked file may be read
    }
  }
  return { regular, unchecked };
}
