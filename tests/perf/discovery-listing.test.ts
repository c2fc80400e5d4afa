/**
 * Discovery trusts the git index (and the walk's directory entries) for plain files and checks only the
 * rest; these cases pin what that must still list, skip and refuse.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover, listAhead } from '../../src/discovery/discover.js';

const base = mkdtempSync(path.join(os.tmpdir(), 'asg-listing-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(base, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const git = (cwd: string, ...args: string[]): void => {
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd, stdio: 'ignore' },
  );
};

const outsideFile = path.join(tree('outside', { 'secret.yml': 'x: 1\n' }), 'secret.yml');
const none = { include: [], exclude: [] };

describe('discovery listings', () => {
  it('lists tracked and untracked files from git, refuses tracked links out of the root, skips ignored, sparse and gitlink entries', () => {
    const root = tree('repo', {
      '.gitignore': 'ignored/\n',
      'a.yml': 'a: 1\n',
      'dir/b.json': '{}',
      'ignored/c.yml': 'c: 1\n',
      'sparse.yml': 's: 1\n',
    });
    symlinkSync(outsideFile, path.join(root, 'out.yml'));
    symlinkSync('a.yml', path.join(root, 'in.yml'));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'x');
    git(root, 'update-index', '--skip-worktree', 'sparse.yml');
    unlinkSync(path.join(root, 'sparse.yml'));
    writeFileSync(path.join(root, 'new.yml'), 'n: 1\n');
    const found = discover(root, none);
    expect(found.files).toEqual(['.gitignore', 'a.yml', 'dir/b.json', 'in.yml', 'new.yml']);
    expect(found.skipped).toEqual([{ file: 'out.yml', status: 'symlink-outside', reason: expect.any(String) }]);
  });

  it('lists relative to a sub-folder of a work tree', () => {
    const root = tree('nested', { 'top.yml': 't: 1\n', 'sub/x.yml': 'x: 1\n', 'sub/deeper/y.yml': 'y: 1\n' });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    expect(discover(path.join(root, 'sub'), none).files).toEqual(['deeper/y.yml', 'x.yml']);
  });

  it('walks a folder that is not a work tree: plain files listed, links checked, dependency folders skipped', () => {
    const root = tree('plain', { 'a.yml': 'a: 1\n', 'node_modules/p/x.yml': 'x: 1\n', 'deep/b.yml': 'b: 1\n' });
    symlinkSync(outsideFile, path.join(root, 'out.yml'));
    symlinkSync(path.join(root, 'deep'), path.join(root, 'linked'));
    const found = discover(root, none);
    expect(found.files).toEqual(['a.yml', 'deep/b.yml']);
    expect(found.skipped.map((s) => [s.file, s.status])).toEqual([['out.yml', 'symlink-outside']]);
  });

  it('takes the listing git gave ahead (`listAhead`) as its own, and walks where git failed or the root differs', async () => {
    const root = tree('ahead', { '.gitignore': 'ignored/\n', 'a.yml': 'a: 1\n', 'ignored/c.yml': 'c: 1\n' });
    symlinkSync(outsideFile, path.join(root, 'out.yml'));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'x');
    writeFileSync(path.join(root, 'new.yml'), 'n: 1\n');
    const ahead = await listAhead(root);
    expect(ahead.records).not.toBeNull();
    // Written after git listed: a listing taken ahead is what discovery reports, so the file is not in it.
    writeFileSync(path.join(root, 'later.yml'), 'l: 1\n');
    const found = discover(root, { ...none, ahead });
    expect(found.files).toEqual(['.gitignore', 'a.yml', 'new.yml']);
    expect(found.skipped).toEqual([{ file: 'out.yml', status: 'symlink-outside', reason: expect.any(String) }]);
    expect(discover(root, none).files).toEqual(['.gitignore', 'a.yml', 'later.yml', 'new.yml']);

    const plain = tree('ahead-plain', { 'x.yml': 'x: 1\n', 'node_modules/y.yml': 'y: 1\n' });
    const failed = await listAhead(plain);
    expect(failed.records).toBeNull();
    expect(discover(plain, { ...none, ahead: failed }).files).toEqual(['x.yml']);
    // Taken for another root: ignored, the root is listed itself.
    expect(discover(plain, { ...none, ahead }).files).toEqual(['x.yml']);
    expect((await listAhead(path.join(base, 'no-such-folder'))).records).toBeNull();
  });
});
