/**
 * paths: the sparse-checkout patterns cover every file the scanner reads. Checked three ways: each
 * adapter's patterns cover every path its own `claims` accepts (fixture paths and generated ones);
 * every file a scan of a fixture repository reads matches; and a real sparse checkout made with the
 * patterns judges exactly like the full checkout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import { anyCase, sparseMatcher, sparsePatterns } from '../../src/cli/commands/paths.js';
import { main } from '../../src/cli/main.js';
import { repoReader } from '../../src/discovery/read.js';
import { scan, scanDirectory } from '../../src/engine/index.js';
import { RULES } from '../../src/rules/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { FIXTURES, listFiles } from '../helpers/golden.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Fixture repositories: golden rule cases, the workflow corpus, policy cases and the example repository. */
function fixtureRepos(): string[] {
  const repos = [path.join(ROOT, 'examples/repo')];
  const dirs = (dir: string): string[] => {
    try {
      return readdirSync(dir)
        .map((n) => path.join(dir, n))
        .filter((p) => statSync(p).isDirectory());
    } catch {
      return [];
    }
  };
  for (const rule of dirs(FIXTURES)) for (const kind of ['pass', 'fail']) repos.push(...dirs(path.join(rule, kind)));
  repos.push(...dirs(path.join(ROOT, 'tests/adapters/workflows/corpus')));
  repos.push(...dirs(path.join(ROOT, 'tests/fixtures/policies/test-command/cases')));
  return repos;
}

const REPOS = fixtureRepos();
const ALL_FILES = REPOS.flatMap((r) => listFiles(r));
const { patterns } = sparsePatterns();
const covered = sparseMatcher(patterns);

describe('agent-sandbox-guard paths', () => {
  it('prints the patterns one per line, or as JSON, and every adapter declares its own', async () => {
    let out = '';
    const io = { cwd: ROOT, stdout: (t: string) => (out += t), stderr: () => undefined };
    expect(await main(['paths'], io)).toBe(0);
    expect(out.trimEnd().split('\n')).toEqual(patterns);
    out = '';
    expect(await main(['paths', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(out)).toEqual(patterns);
    for (const adapter of ADAPTERS) expect(adapter.paths?.length, adapter.id).toBeGreaterThan(0);
    expect(patterns).toContain(anyCase('*.yml'));
    expect(patterns).not.toContain('/*');
  });

  it('asks for the whole repository when an adapter declares no paths', () => {
    const bare = { ...ADAPTERS[0]!, id: 'bare', paths: undefined };
    expect(sparsePatterns([...ADAPTERS, bare])).toEqual({ patterns: ['/*'], undeclared: ['bare'] });
  });

  for (const adapter of ADAPTERS) {
    it(`${adapter.id}: its patterns cover every fixture path it claims`, () => {
      const own = sparseMatcher((adapter.paths ?? []).map(anyCase));
      const claimed = ALL_FILES.filter((f) => adapter.claims(f));
      expect(claimed.length).toBeGreaterThan(0);
      expect(claimed.filter((f) => !own(f))).toEqual([]);
    });

    it(`${adapter.id}: its patterns cover every generated path it claims`, () => {
      const own = sparseMatcher((adapter.paths ?? []).map(anyCase));
      // Segments real paths use, recombined at any depth and in any case.
      const segments = [...new Set(ALL_FILES.flatMap((f) => f.split('/')))];
      const segment = fc.oneof(
        fc.constantFrom(...segments),
        fc.constantFrom(...segments).map((s) => s.toUpperCase()),
        fc.constantFrom('.github', 'workflows', '.claude', '.codex', 'agents', 'src', 'deploy', 'goose', '.continue'),
      );
      fc.assert(
        fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (parts) => {
          const file = parts.join('/');
          return !adapter.claims(file) || own(file);
        }),
        { numRuns: 3000, seed: 17 },
      );
    });
  }

  it('covers every file a scan of each fixture repository reads', () => {
    const read = new Set<string>();
    for (const root of REPOS) {
      const reader = repoReader(root, 1024 * 1024);
      scan({
        files: listFiles(root),
        skipped: [],
        read: (file) => {
          read.add(`${path.relative(ROOT, root)}\u0000${file}`);
          return reader(file);
        },
        policy: defaultPolicy(),
        adapters: ADAPTERS,
        rules: RULES,
        today: '2026-12-01',
      });
    }
    const files = [...read].map((k) => k.split('\u0000')[1]!);
    expect(files.length).toBeGreaterThan(100);
    // Files an adapter claims are read, and so are files they follow (Dockerfiles, scripts, settings).
    const uncovered = [...read].filter((k) => !covered(k.split('\u0000')[1]!)).map((k) => k.replace('\u0000', ' → '));
    expect(uncovered).toEqual([]);
  });

  it('a real sparse checkout with these patterns judges exactly like the full checkout', () => {
    const full = mkdtempSync(path.join(tmpdir(), 'asg-full-'));
    REPOS.forEach((root, i) => {
      const target = path.join(full, `r${String(i).padStart(3, '0')}`);
      mkdirSync(target, { recursive: true });
      cpSync(root, target, { recursive: true });
    });
    // Unrelated files the sparse checkout should leave out.
    mkdirSync(path.join(full, 'big/src'), { recursive: true });
    cpSync(path.join(ROOT, 'README.md'), path.join(full, 'big/src/README.md'));
    const git = (cwd: string, args: string[], input?: string) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
        cwd,
        input,
        stdio: ['pipe', 'pipe', 'pipe'],
      }).toString();
    git(full, ['init', '-q']);
    git(full, ['add', '-A']);
    git(full, ['commit', '-qm', 'fixtures']);
    const sparse = mkdtempSync(path.join(tmpdir(), 'asg-sparse-'));
    git(sparse, ['clone', '-q', '--no-checkout', full, '.']);
    git(sparse, ['sparse-checkout', 'set', '--no-cone', '--stdin'], `${patterns.join('\n')}\n`);
    git(sparse, ['checkout', '-q', 'main']);
    const listed = (dir: string) =>
      git(dir, ['ls-files', '-t'])
        .split('\n')
        .filter((l) => l.startsWith('H ')).length;
    expect(listed(sparse)).toBeLessThan(listed(full));
    const judge = (root: string) => {
      const { report } = scanDirectory({ root, policy: defaultPolicy(), today: '2026-12-01' });
      return { deployments: report.deployments, findings: report.findings, skipped: report.coverage.skipped };
    };
    expect(judge(sparse)).toEqual(judge(full));
  });
});
