/* eslint-disable @typescript-eslint/no-explicit-any -- manifests parsed from JSON and YAML are walked freely in these assertions */
/**
 * Packaging: the npm manifest publishes the CLI bundle for the supported Node lines with
 * provenance, pre-commit and the release workflow call what exists, and action.yml meets the
 * Marketplace's rules (description length, branding).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as Record<string, any>;

describe('npm package', () => {
  it('is publishable, with the CLI bundle as its bin and nothing else but the README and licence', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ 'agent-sandbox-guard': 'dist/cli/index.js' });
    expect(manifest.files).toEqual(['dist/cli/', 'README.md', 'LICENSE']);
    for (const file of ['README.md', 'LICENSE', 'scripts/pack.sh'])
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    expect(read('src/cli/index.ts').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('supports Node 22 and 24, and is ready for provenance', () => {
    expect(manifest.engines).toEqual({ node: '>=22' });
    expect(manifest.publishConfig).toMatchObject({ access: 'public', provenance: true });
    expect(manifest.repository.url).toMatch(/github\.com\/agent-sandbox-guard\/agent-sandbox-guard/);
    expect(read('README.md')).toContain('**Node.js 22 and 24**');
  });
});

describe('pre-commit hook', () => {
  it('runs the bin of this package on the whole repository', () => {
    const hooks = parse(read('.pre-commit-hooks.yaml')) as Record<string, unknown>[];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: 'agent-sandbox-guard',
      entry: `${Object.keys(manifest.bin)[0]} scan`,
      language: 'node',
      pass_filenames: false,
    });
  });
});

describe('release workflow', () => {
  const workflow = parse(read('.github/workflows/release.yml')) as Record<string, any>;
  const steps = workflow.jobs.release.steps as { run?: string; name?: string }[];
  const script = steps.map((s) => s.run ?? '').join('\n');

  it('checks dist/ through .ci/run before it tags, then tags vX.Y.Z and moves vX', () => {
    const ci = steps.findIndex((s) => s.run?.includes('.ci/run'));
    const tag = steps.findIndex((s) => s.run?.includes('git tag'));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(tag).toBeGreaterThan(ci);
    expect(read('.ci/run')).toMatch(/git status --porcelain -- dist/);
    expect(script).toContain('git tag -a "v$VERSION"');
    expect(script).toContain('major="v${VERSION%%.*}"');
    expect(script).toContain('git push --force origin "refs/tags/$major"');
  });

  it('publishes the packed CLI with provenance, holding only the permissions it needs', () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.release.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(script).toMatch(/scripts\/pack\.sh[\s\S]*npm publish "\$tarball" --provenance/);
  });
});

describe('action.yml', () => {
  const action = parse(read('action.yml')) as Record<string, any>;
  it('meets the Marketplace rules: a name, a description under 125 characters, branding', () => {
    expect(action.name).toBe('agent-sandbox-guard');
    expect(action.description.length).toBeLessThanOrEqual(125);
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
    expect(action.runs.using).toBe('node24');
  });
});
