/** `agent-sandbox-guard docs`: generated references are deterministic, complete, and CI fails when they are stale. */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocs } from '../../src/cli/commands/docs.js';
import { main } from '../../src/cli/main.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { repo } from '../policy/_helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['docs', ...args], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('agent-sandbox-guard docs', () => {
  it('finds the committed docs, schema and presets up to date (run `agent-sandbox-guard docs` when this fails)', async () => {
    const result = await run(['--check'], ROOT);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('generates a page per rule, the index, the policy schema and the presets, the same way every time', () => {
    const first = generateDocs();
    expect([...first.keys()].filter((f) => f.startsWith('docs/rules/')).sort()).toEqual(
      ALL_RULES.map((r) => `docs/rules/${r.meta.id}.md`).sort(),
    );
    expect([...first.keys()]).toEqual(
      expect.arrayContaining([
        'docs/rules.md',
        'docs/policy.schema.json',
        'policies/recommended.yml',
        'policies/strict.yml',
      ]),
    );
    expect(generateDocs()).toEqual(first);
    for (const [file, text] of first) expect(text, file).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    const page = first.get('docs/rules/sandbox-required.md')!;
    expect(page).toContain('| `minimum` | one of none, process, container, gvisor, microvm, vm | `"process"` |');
    expect(page).toContain(
      '| error | every deployment kind | 7.5 | error (minimum: process) | error (minimum: container) |',
    );
    const index = first.get('docs/rules.md')!;
    expect(index).toContain(
      '| [`limits-required`](rules/limits-required.md) | The agent has no time or resource limit | warning | ASI08, ASI10 | CWE-400, CWE-770 | warning | error |',
    );
  });

  /** A tree that looks like this project's checkout: the only kind `docs` writes into. */
  const projectTree = (): string =>
    repo({ 'package.json': '{ "name": "agent-sandbox-guard" }\n', 'src/rules/index.ts': '' });

  it("refuses to write anywhere but this project's own source tree, and is not in the user help", async () => {
    const root = repo({ 'package.json': '{ "name": "someone-else" }\n', 'src/rules/index.ts': '' });
    const refused = await run([], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^agent-sandbox-guard: docs .* writes only into its source tree; .* is not one/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(root).sort()).toEqual(['package.json', 'src']);

    let help = '';
    await main(['--help'], { cwd: root, stdout: (s) => (help += s), stderr: () => {} });
    expect(help).toContain('scan [PATH]');
    expect(help).not.toMatch(/^\s+docs\b/m);
  });

  it("keeps the README's command reference and example output fresh, and touches nothing outside the markers", async () => {
    const root = projectTree();
    writeFileSync(
      path.join(root, 'README.md'),
      '# x\n\n<!-- generated:cli-reference -->\nold\n<!-- /generated:cli-reference -->\n\ntail\n',
    );
    expect((await run([], root)).code).toBe(0);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme.startsWith('# x\n\n<!-- generated:cli-reference -->\n### `agent-sandbox-guard scan [PATH]`')).toBe(
      true,
    );
    expect(readme).toContain('| `--fail-on LEVEL` |');
    expect(readme.endsWith('<!-- /generated:cli-reference -->\n\ntail\n')).toBe(true);
    writeFileSync(path.join(root, 'README.md'), readme.replace('--fail-on LEVEL', '--fail-on X'));
    const stale = await run(['--check'], root);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale or missing: README.md');
  });

  it('writes into an empty tree, then --check passes; a changed, missing or left-over file makes --check exit 1', async () => {
    const root = projectTree();
    const written = await run([], root);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^(\d+) of \1 generated files updated\n$/);
    expect((await run(['--check', root], ROOT)).code).toBe(0);

    appendFileSync(path.join(root, 'docs/rules/sandbox-required.md'), 'hand edit\n');
    writeFileSync(path.join(root, 'docs/rules/retired-rule.md'), '# gone\n');
    const stale = await run(['--check'], root);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale or missing: docs/rules/sandbox-required.md');
    expect(stale.stderr).toContain('no longer generated: docs/rules/retired-rule.md');

    const fixed = await run([], root);
    expect(fixed.stdout).toContain('1 removed');
    expect((await run(['--check'], root)).code).toBe(0);
    expect(readFileSync(path.join(root, 'policies/strict.yml'), 'utf8')).toContain('extends: recommended');
  });

  it('exits 2 on usage errors', async () => {
    const root = projectTree();
    mkdirSync(path.join(root, 'x'));
    expect((await run(['--nope'], root)).code).toBe(2);
    expect((await run(['a', 'b'], root)).code).toBe(2);
  });
});
