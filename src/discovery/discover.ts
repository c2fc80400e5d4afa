/**
 * Lists the repository's files: `git ls-files` in a work tree (honours .gitignore), else a walk.
 * Never follows a link out of the root; paths come back repo-relative, forward slashes, sorted.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import type { CoverageEntry } from '../engine/report.js';

/** Folders a walk never enters: dependencies, VCS data, build output. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'bower_components', '.venv', 'venv', '__pycache__', '.tox', '.terraform']);

export interface DiscoveryOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Use this listing instead of asking git or walking (tests, `scope: changed`). */
  listing?: readonly string[];
}

export interface Discovered {
  files: string[];
  skipped: CoverageEntry[];
}

export function discover(root: string, options: DiscoveryOptions): Discovered {
  const realRoot = realpathSync(root);
  const listed = options.listing ? [...options.listing] : (gitListing(realRoot) ?? walk(realRoot));
  const files: string[] = [];
  const skipped: CoverageEntry[] = [];
  const seen = new Set<string>();
  for (const raw of listed) {
    const file = raw.split(path.sep).join('/');
    if (seen.has(file) || !isSafeRelative(file)) continue;
    seen.add(file);
    if (!matchesFilters(file, options)) continue;
    const verdict = checkInside(realRoot, file);
    if (verdict === 'outside') skipped.push({ file, status: 'symlink-outside', reason: 'a symbolic link that leads outside the repository; not followed' });
    else if (verdict === 'file') files.push(file);
  }
  files.sort(compareCodeUnits);
  skipped.sort((a, b) => compareCodeUnits(a.file, b.file));
  return { files, skipped };
}

export function matchesFilters(file: string, options: Pick<DiscoveryOptions, 'include' | 'exclude'>): boolean {
  const opts = { dot: true, nocomment: true, nonegate: true };
  if (options.include.length > 0 && !options.include.some((g) => minimatch(file, g, opts))) return false;
  return !options.exclude.some((g) => minimatch(file, g, opts));
}

/** Sort by UTF-16 code units: independent of locale and of the file system's order. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isSafeRelative(file: string): boolean {
  return file.length > 0 && !file.startsWith('/') && !file.split('/').includes('..');
}

/** 'file' for a regular file inside the root (through in-repo links), 'outside' for a link that escapes. */
function checkInside(realRoot: string, file: string): 'file' | 'outside' | 'other' {
  const absolute = path.join(realRoot, file);
  let info;
  try {
    info = lstatSync(absolute);
  } catch {
    return 'other'; // deleted since it was listed
  }
  if (info.isFile()) return parentsInside(realRoot, absolute) ? 'file' : 'outside';
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

/** A listed path can pass through a linked folder; its real location must still be inside. */
function parentsInside(realRoot: string, absolute: string): boolean {
  try {
    return isWithin(realRoot, realpathSync(path.dirname(absolute)));
  } catch {
    return false;
  }
}

const isWithin = (root: string, target: string): boolean => target === root || target.startsWith(root + path.sep);

function gitListing(root: string): string[] | null {
  try {
    const inside = execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (inside !== 'true') return null;
    // Tracked plus untracked-but-not-ignored files, relative to `root`, NUL-separated so any name survives.
    const out = execFileSync('git', ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 512 * 1024 * 1024,
    });
    return out.toString('utf8').split('\0').filter((f) => f.length > 0);
  } catch {
    return null;
  }
}

function walk(root: string): string[] {
  const out: string[] = [];
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
      // Links are listed, never entered: checkInside decides whether a linked file may be read.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(rel);
      } else out.push(rel);
    }
  }
  return out;
}
