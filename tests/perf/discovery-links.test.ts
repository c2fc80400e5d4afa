/** Discovery's memoised folder check and compiled globs must keep the old semantics: links may not leave the root. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover, matchesFilters } from '../../src/discovery/discover.js';

const base = mkdtempSync(path.join(os.tmpdir(), 'asg-links-'));
const root = path.join(base, 'repo');
const outside = path.join(base, 'outside');
afterAll(() => rmSync(base, { recursive: true, force: true }));

function touch(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'a: 1\n');
}

touch(path.join(root, 'real/a.yml'));
touch(path.join(root, 'real/deeper/x.yml'));
touch(path.join(outside, 'b.yml'));
symlinkSync(path.join(root, 'real'), path.join(root, 'linkin'));
symlinkSync(outside, path.join(root, 'linkout'));
symlinkSync(path.join(outside, 'b.yml'), path.join(root, 'c.yml'));
symlinkSync('../linkout', path.join(root, 'real/back'));

const listing = [
  'real/a.yml',
  'real/deeper/x.yml',
  'linkin/a.yml',
  'linkin/deeper/x.yml',
  'linkout/b.yml',
  'c.yml',
  'real/back/b.yml',
  'missing/z.yml',
];

describe('discover with links', () => {
  it('keeps files reached through folders inside the root and refuses every path that leaves it', () => {
    const found = discover(root, { include: [], exclude: [], listing });
    expect(found.files).toEqual(['linkin/a.yml', 'linkin/deeper/x.yml', 'real/a.yml', 'real/deeper/x.yml']);
    expect(found.skipped.map((s) => [s.file, s.status])).toEqual([
      ['c.yml', 'symlink-outside'],
      ['linkout/b.yml', 'symlink-outside'],
      ['real/back/b.yml', 'symlink-outside'],
    ]);
  });

  it('gives the same answer whichever order the same folder is first seen in', () => {
    const reversed = discover(root, { include: [], exclude: [], listing: [...listing].reverse() });
    expect(reversed).toEqual(discover(root, { include: [], exclude: [], listing }));
  });

  it('applies include and exclude globs', () => {
    const found = discover(root, { include: ['real/**'], exclude: ['**/deeper/**'], listing });
    expect(found.files).toEqual(['real/a.yml']);
    expect(matchesFilters('.github/x.yml', { include: ['**/*.yml'], exclude: [] })).toBe(true);
    expect(matchesFilters('a/b.yml', { include: [], exclude: ['a/**'] })).toBe(false);
  });
});
