/**
 * `npm test` runs its files in shared worker threads without isolation (vitest.config.ts), so a file
 * there that mocks a module or changes globals would leak into the files after it. Such a test
 * belongs in the isolated `slow` project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { SLOW_TESTS } from '../projects.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GLOBAL_CHANGES =
  /\bvi\s*\.\s*(?:mock|doMock|hoisted|stubEnv|stubGlobal|useFakeTimers|setSystemTime)\s*\(|\bprocess\s*\.\s*(?:chdir\s*\(|env\s*(?:\.\s*\w+|\[[^\]]+\])\s*=(?!=)|exitCode\s*=(?!=))|\bdelete\s+process\s*\.\s*env\b/;

function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(rel);
    return rel.endsWith('.test.ts') ? [rel] : [];
  });
}

const SELF = path
  .relative(ROOT, import.meta.filename)
  .split(path.sep)
  .join('/'); // its samples would match
const unitFiles = testFiles('tests').filter((file) => !SLOW_TESTS.some((glob) => minimatch(file, glob)));

describe('unit test files', () => {
  it('are most of the suite, and the slow globs each match a file', () => {
    expect(unitFiles.length).toBeGreaterThan(20);
    for (const glob of SLOW_TESTS)
      expect(
        testFiles('tests').some((f) => minimatch(f, glob)),
        glob,
      ).toBe(true);
  });

  it('change no global state (module mocks, env, cwd, timers)', () => {
    const offenders = unitFiles.filter(
      (file) => file !== SELF && GLOBAL_CHANGES.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('the check itself recognises a global change', () => {
    for (const text of ["vi.mock('x')", 'process.env.TOKEN = "a"', "process.env['A'] = 'b'", 'process.chdir(dir)'])
      expect(GLOBAL_CHANGES.test(text), text).toBe(true);
    for (const text of ["process.env['PATH']", 'if (process.env.CI === "1")', 'vi.fn()'])
      expect(GLOBAL_CHANGES.test(text), text).toBe(false);
  });
});
