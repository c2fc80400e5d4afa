/**
 * Fix fixtures: tests/fixtures/fixes/<rule-id>/<case>/before/ is a repository with findings of the
 * rule, after/ is what `fix --rule <rule-id>` makes of it (with --unsafe for cases named unsafe-*),
 * and fix.diff is what `--diff` prints. The fixed repository re-scans without a finding of that rule
 * and a second run changes nothing. UPDATE_FIX_FIXTURES=1 rewrites after/ and fix.diff for review.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { listFiles } from '../helpers/golden.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/fixes');
const UPDATE = process.env.UPDATE_FIX_FIXTURES === '1';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function copy(dir: string): string {
  const to = mkdtempSync(path.join(os.tmpdir(), 'asg-fix-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'latin1')]));

const findingsOf = (dir: string, rule: string) =>
  scanDirectory({ root: dir, policy: defaultPolicy(), listing: listFiles(dir) }).report.findings.filter(
    (f) => f.ruleId === rule,
  );

export const fixCases = (): { rule: string; name: string; dir: string }[] =>
  readdirSync(ROOT)
    .sort()
    .flatMap((rule) =>
      readdirSync(path.join(ROOT, rule))
        .sort()
        .map((name) => ({ rule, name, dir: path.join(ROOT, rule, name) })),
    );

describe('fix fixtures', () => {
  for (const { rule, name, dir } of fixCases()) {
    it(`${rule}/${name}`, async () => {
      const flags = ['--rule', rule, ...(name.startsWith('unsafe-') ? ['--unsafe'] : [])];
      const before = path.join(dir, 'before');
      expect(findingsOf(before, rule).length).toBeGreaterThan(0);

      const preview = copy(before);
      const diff = await run(['fix', preview, '--diff', ...flags]);
      expect(diff.code).toBe(0);
      expect(tree(preview)).toEqual(tree(before)); // --diff changes nothing

      const work = copy(before);
      const applied = await run(['fix', work, ...flags]);
      expect(applied.code).toBe(0);
      if (UPDATE) {
        rmSync(path.join(dir, 'after'), { recursive: true, force: true });
        cpSync(work, path.join(dir, 'after'), { recursive: true });
        writeFileSync(path.join(dir, 'fix.diff'), diff.stdout);
      }
      expect(existsSync(path.join(dir, 'after'))).toBe(true);
      expect(tree(work)).toEqual(tree(path.join(dir, 'after')));
      expect(diff.stdout).toBe(readFileSync(path.join(dir, 'fix.diff'), 'utf8'));
      expect(diff.stdout).not.toBe('');

      // The fixed repository is clean for the rule, and fixing again changes nothing.
      expect(findingsOf(work, rule).map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
      const again = await run(['fix', work, '--diff', ...flags]);
      expect(again.stdout).toBe('');
      await run(['fix', work, ...flags]);
      expect(tree(work)).toEqual(tree(path.join(dir, 'after')));
    });
  }
});
