/**
 * report/cyclonedx: every fixture repository's scan renders to a BOM valid against the official
 * CycloneDX 1.7 schema, and the BOM says what the report says.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { renderCycloneDx } from '../../src/report/cyclonedx.js';
import { render } from '../../src/report/index.js';
import { cyclonedxValidator } from '../helpers/cyclonedx-schema.js';
import { FIXTURES, listFiles } from '../helpers/golden.js';
import { writeRepo } from '../helpers/temp-repo.js';

const validate = cyclonedxValidator();
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every fixture repository: golden rule cases, policy test cases and the example repository. */
function fixtureRepos(): string[] {
  const repos = [path.join(ROOT, 'examples/repo')];
  for (const rule of readdirSync(FIXTURES))
    for (const kind of ['pass', 'fail']) {
      const dir = path.join(FIXTURES, rule, kind);
      try {
        for (const name of readdirSync(dir))
          if (statSync(path.join(dir, name)).isDirectory()) repos.push(path.join(dir, name));
      } catch {
        // a rule without this kind of case
      }
    }
  const cases = path.join(ROOT, 'tests/fixtures/policies/test-command/cases');
  for (const name of readdirSync(cases))
    if (statSync(path.join(cases, name)).isDirectory()) repos.push(path.join(cases, name));
  return repos;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a BOM is walked freely in assertions, after schema validation
type Bom = Record<string, any>;
const scanRepo = (root: string) =>
  scanDirectory({ root, policy: defaultPolicy(), listing: listFiles(root), today: '2026-12-01' }).report;

describe('cyclonedx format', () => {
  const repos = fixtureRepos();
  it('covers many fixture repositories', () => {
    expect(repos.length).toBeGreaterThan(50);
  });

  for (const root of repos) {
    it(`validates against CycloneDX 1.7: ${path.relative(ROOT, root)}`, () => {
      const report = scanRepo(root);
      const bom = JSON.parse(render('cyclonedx', report)) as Bom;
      expect(validate(bom)).toEqual([]);
      // One application component per deployment, each with its result and one property per fact.
      const apps = (bom.components as Bom[]).filter((c) => c['bom-ref'].startsWith('deployment:'));
      expect(apps.map((c) => c.name)).toEqual(report.deployments.map((d) => d.name));
      for (const [i, app] of apps.entries()) {
        const props = new Map((app.properties as Bom[]).map((p) => [p.name, p.value]));
        const d = report.deployments[i]!;
        expect(props.get('agent-sandbox-guard:result')).toBe(d.result);
        expect(props.get('agent-sandbox-guard:sandbox:network')).toBe(d.sandbox.network.value);
        expect(props.get('agent-sandbox-guard:kind')).toBe(d.kind);
      }
      const refs = collectRefs(bom);
      expect(new Set(refs).size).toBe(refs.length);
    });
  }

  it('rejects what the schema rejects (the validator is live)', () => {
    const bom = JSON.parse(renderCycloneDx(scanRepo(path.join(ROOT, 'examples/repo')))) as Bom;
    bom.components[0].type = 'agent';
    expect(validate(bom).length).toBeGreaterThan(0);
  });

  it('is deterministic, with a serial number derived from the content', () => {
    const report = scanRepo(path.join(ROOT, 'examples/repo'));
    const a = renderCycloneDx(report);
    expect(renderCycloneDx(scanRepo(path.join(ROOT, 'examples/repo')))).toBe(a);
    const changed = renderCycloneDx({ ...report, repository: 'acme/other' });
    expect(JSON.parse(changed).serialNumber).not.toBe(JSON.parse(a).serialNumber);
    expect(JSON.parse(a).serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('lists packages, images and models with purls, tools as services, and the verdict as claims', () => {
    const root = writeRepo({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'] },
          fetch: { command: 'uvx', args: ['mcp-server-fetch'] },
          pg: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/acme/pg-mcp:1.2'] },
        },
      }),
      '.github/workflows/agent.yml': [
        'on: issue_comment',
        'jobs:',
        '  fix:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: |',
        '          npm install -g @openai/codex@0.50.0',
        '          codex exec --model gpt-5-codex --full-auto "fix it"',
        '',
      ].join('\n'),
      '.claude/settings.json': JSON.stringify({
        model: 'claude-sonnet-4-5',
        permissions: { allow: ['Bash(git:*)', 'Edit'] },
      }),
    });
    const report = scanDirectory({ root, policy: defaultPolicy() }).report;
    const bom = JSON.parse(renderCycloneDx({ ...report, repository: 'acme/app', commit: 'abc123' })) as Bom;
    expect(validate(bom)).toEqual([]);
    const purls = (bom.components as Bom[]).map((c) => c.purl).filter(Boolean);
    expect(purls).toEqual(
      expect.arrayContaining([
        'pkg:npm/%40modelcontextprotocol/server-github@2025.4.8',
        'pkg:pypi/mcp-server-fetch',
        'pkg:docker/acme/pg-mcp@1.2?repository_url=ghcr.io',
        'pkg:npm/%40openai/codex@0.50.0',
        'pkg:githubactions/actions/checkout@v4',
      ]),
    );
    const models = (bom.components as Bom[]).filter((c) => c.type === 'machine-learning-model').map((c) => c.name);
    expect(models.sort()).toEqual(['claude-sonnet-4-5', 'gpt-5-codex']);
    const codexModel = (bom.components as Bom[]).find((c) => c.name === 'gpt-5-codex')!;
    expect(codexModel.properties).toContainEqual({
      name: 'agent-sandbox-guard:named-at',
      value: '.github/workflows/agent.yml:9',
    });
    expect((bom.services as Bom[]).map((s) => s.name)).toEqual(expect.arrayContaining(['Bash(git:*)', 'Edit']));
    expect(bom.metadata.component).toMatchObject({
      name: 'acme/app',
      version: 'abc123',
      purl: 'pkg:github/acme/app@abc123',
    });

    // The failing workflow job's claim carries counter-evidence at its findings' lines.
    const job = report.deployments.find((d) => d.kind === 'workflow-job')!;
    expect(job.result).toBe('fail');
    const claim = (bom.declarations.claims as Bom[]).find((c) => c.target === `deployment:${job.id}`)!;
    const evidence = new Map((bom.declarations.evidence as Bom[]).map((e) => [e['bom-ref'], e]));
    const lines = (claim.counterEvidence as string[]).map((r) => evidence.get(r)!.data[0].contents.attachment.content);
    const expected = report.findings
      .filter((f) => f.deployment === job.id)
      .map((f) => `${f.file}:${f.line}:${f.column}`);
    expect(lines).toEqual(expected);
    expect(bom.declarations.attestations[0].map[0].counterClaims).toContain(claim['bom-ref']);
    // Each used rule is a requirement of the policy standard.
    const reqs = (bom.definitions.standards[0].requirements as Bom[]).map((r) => r.identifier);
    expect(reqs).toEqual(['policy', ...report.rules.map((r) => r.id)]);
  });

  it('masks secrets in every string', () => {
    const root = writeRepo({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          s: {
            command: 'npx',
            args: ['-y', 'srv@1.0.0'],
            env: { API_KEY: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
          },
        },
      }),
    });
    const out = renderCycloneDx(scanDirectory({ root, policy: defaultPolicy() }).report);
    expect(out).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });
});

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'bom-ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  return out;
}
