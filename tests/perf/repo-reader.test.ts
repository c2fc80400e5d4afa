/** repoReader (folder realpaths resolved once, files opened without following links) gives readRepoFile's verdicts. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRepoFile, repoReader } from '../../src/discovery/read.js';

const base = mkdtempSync(path.join(os.tmpdir(), 'asg-reader-'));
const root = path.join(base, 'repo');
const outside = path.join(base, 'outside');
afterAll(() => rmSync(base, { recursive: true, force: true }));

function write(file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

write(path.join(root, 'a.yml'), 'a: 1\n');
write(path.join(root, 'dir/deep/b.yml'), 'b: 2\n');
write(path.join(root, 'big.yml'), 'x'.repeat(200));
write(path.join(root, 'bin.yml'), Buffer.from([0x61, 0x00, 0x62]));
write(path.join(outside, 'secret.yml'), 'token: x\n');
mkdirSync(path.join(root, 'folder.yml'));
symlinkSync(path.join(root, 'dir'), path.join(root, 'linked-in'));
symlinkSync(outside, path.join(root, 'linked-out'));
symlinkSync(path.join(outside, 'secret.yml'), path.join(root, 'file-out.yml'));
symlinkSync('a.yml', path.join(root, 'file-in.yml'));
symlinkSync('missing.yml', path.join(root, 'dangling.yml'));
symlinkSync('../linked-out', path.join(root, 'dir/back'));
execFileSync('mkfifo', [path.join(root, 'pipe.yml')]);

const files = [
  'a.yml',
  'dir/deep/b.yml',
  'big.yml',
  'bin.yml',
  'folder.yml',
  'linked-in/deep/b.yml',
  'linked-out/secret.yml',
  'file-out.yml',
  'file-in.yml',
  'dangling.yml',
  'dir/back/secret.yml',
  'pipe.yml',
  'missing.yml',
  'missing/x.yml',
  '../outside/secret.yml',
  '/etc/passwd',
  'dir/../a.yml',
];

describe('repoReader', () => {
  it('gives the same result as readRepoFile for every kind of path, in any order', () => {
    const expected = files.map((f) => readRepoFile(root, f, 100));
    expect(files.map(repoReader(root, 100))).toEqual(expected);
    expect([...files].reverse().map(repoReader(root, 100)).reverse()).toEqual(expected);
    expect(expected.filter((r) => r.ok).length).toBe(4); // a, b, b through the inner link, the inner file link
    expect(expected.map((r) => (r.ok ? 'ok' : r.status))).toContain('symlink-outside');
  });
});
