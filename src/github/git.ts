/**
 * Read-only git plumbing in the checkout: is a commit present, a file's text at a commit, the files
 * two commits differ in. Arguments are fixed shapes (shas, repo-relative paths); nothing from the
 * repository is executed: external diff drivers, text conversion and fsmonitor are turned off.
 */
import { execFileSync } from 'node:child_process';

const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.allow=never'];
const SHA = /^[0-9a-f]{7,64}$/i;

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', [...SAFE, ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
  } catch {
    return null;
  }
}

/** The commit a ref names (`main`, `origin/main`, `HEAD~1`, a sha), or null; never an option. */
export function resolveCommit(cwd: string, ref: string): string | null {
  if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref)) return null;
  const out = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const sha = out?.trim() ?? '';
  return SHA.test(sha) ? sha : null;
}

export function hasCommit(cwd: string, sha: string): boolean {
  return SHA.test(sha) && git(cwd, ['cat-file', '-e', `${sha}^{commit}`]) !== null;
}

/** The file's text at `sha`, or null when the commit or the file is absent. */
export function showFile(cwd: string, sha: string, file: string): string | null {
  if (!hasCommit(cwd, sha) || file.startsWith('-')) return null;
  return git(cwd, ['show', '--no-textconv', `${sha}:${file}`]);
}

/** Files changed between the merge base of `base` and `head`, and `head` (what a PR's "Files changed" shows). */
export function changedBetween(cwd: string, base: string, head: string): string[] | null {
  if (!hasCommit(cwd, base) || !hasCommit(cwd, head)) return null;
  const out = git(cwd, [
    'diff',
    '--no-ext-diff',
    '--no-textconv',
    '--name-only',
    '--no-renames',
    '-z',
    `${base}...${head}`,
  ]);
  return out === null ? null : out.split('\0').filter(Boolean);
}
