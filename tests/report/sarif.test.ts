/**
 * report/sarif: the log validates against the SARIF 2.1.0 schema and carries what GitHub code
 * scanning reads. tests/fixtures/sarif-schema-2.1.0.json is an unmodified copy of the OASIS schema
 * as vendored by github/codeql-action (src/sarif-schema-2.1.0.json, commit 11fba502); two known
 * defects are patched in memory before compiling (see patchSchema).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildSarif, renderSarif } from '../../src/report/sarif.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { deployment, finding, HOSTILE_FILE, many, report } from './sample.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON schema document, patched by key
type Json = Record<string, any>;

/** As shipped, `region.properties.anyOf` sits in the wrong place and two patterns use `(?i)`, which JS rejects. */
function patchSchema(schema: Json): Json {
  const region = schema.definitions.region;
  region.anyOf = region.properties.anyOf;
  delete region.properties.anyOf;
  for (const name of ['run', 'toolComponent'])
    schema.definitions[name].properties.language.pattern = '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$';
  return schema;
}

const schema = patchSchema(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/sarif-schema-2.1.0.json'), 'utf8')),
);
// CommonJS default export seen through NodeNext ESM interop.
const Ajv = ajv2020.default as unknown as typeof ajv2020.Ajv2020;
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

const sample = report({
  deployments: [deployment()],
  findings: [
    ...many(3, 'error'),
    finding({
      severity: 'warning',
      ruleId: 'egress-restricted',
      file: HOSTILE_FILE,
      related: [
        {
          message: 'settings loaded here',
          file: '.claude/settings.json',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 9,
        },
      ],
    }),
    finding({
      severity: 'notice',
      ruleId: 'limits-required',
      suppressed: { kind: 'inline', reason: 'bounded by the runner', source: 'x.yml:3' },
    }),
  ],
  coverage: {
    filesConsidered: 4,
    filesParsed: 3,
    skipped: [
      { file: 'chart/deploy.yaml', status: 'not-evaluated', reason: 'templated YAML' },
      { file: 'bad.yml', status: 'unparsable', reason: 'bad indent', line: 3, column: 1 },
    ],
  },
});

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(renderSarif(sample));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('fails validation for a broken log (the validator is not a no-op)', () => {
    const log = buildSarif(sample) as Json;
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes every rule of the report, from the report alone, with the fields code scanning uses', () => {
    const { rules } = buildSarif(sample).runs[0]!.tool.driver;
    expect(rules!.map((r) => r.id)).toEqual(sample.rules.map((r) => r.id).sort());
    expect(rules!.length).toBeGreaterThan(1);
    // A stored report renders the same SARIF without the registry: nothing is looked up by id.
    const renamed = { ...sample, rules: sample.rules.map((r) => ({ ...r, title: `stored: ${r.title}` })) };
    for (const rule of buildSarif(renamed).runs[0]!.tool.driver.rules!)
      expect(rule.shortDescription!.text).toMatch(/^stored: /);
    for (const rule of rules!) {
      const meta = ALL_RULES.find((r) => r.meta.id === rule.id)!.meta;
      expect(rule.shortDescription?.text).toBe(meta.title);
      expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help?.text).toBe(meta.rationale);
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.properties?.['security-severity']).toBe(meta.securitySeverity.toFixed(1));
      expect(rule.properties?.tags).toContain('security');
    }
  });

  it('gives every result a rule index, a level, a message and a region at a repo-relative URI', () => {
    const run = buildSarif(sample).runs[0]!;
    expect(run.automationDetails?.id).toBe('agent-sandbox-guard/');
    expect(run.results).toHaveLength(sample.findings.length);
    for (const [i, result] of run.results!.entries()) {
      const f = sample.findings[i]!;
      expect(run.tool.driver.rules![result.ruleIndex!]!.id).toBe(f.ruleId);
      expect(result.level).toBe({ error: 'error', warning: 'warning', notice: 'note' }[f.severity]);
      const loc = result.locations![0]!.physicalLocation!;
      expect(loc.region).toEqual({
        startLine: f.line,
        startColumn: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
      });
      expect(loc.artifactLocation!.uri).not.toMatch(/^(\/|[a-z]+:)/);
    }
  });

  it('percent-encodes hostile file names and keeps related locations and suppressions', () => {
    const results = buildSarif(sample).runs[0]!.results!;
    const hostile = results.find((r) => r.ruleId === 'egress-restricted')!;
    expect(hostile.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(
      '.github/workflows/a%2Cb%3Ac%2525%20%3A%3Ax%20%281%29.yml',
    );
    expect(hostile.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('.claude/settings.json');
    const suppressed = results.find((r) => r.ruleId === 'limits-required')!;
    expect(suppressed.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'bounded by the runner' },
    ]);
  });

  it('reports skipped files as notifications and takes a category', () => {
    const run = buildSarif(sample, { category: 'agents/pr' }).runs[0]!;
    expect(run.automationDetails?.id).toBe('agents/pr/');
    expect(
      run.invocations?.[0]?.toolExecutionNotifications?.map(
        (n) => n.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      ),
    ).toEqual(['chart/deploy.yaml', 'bad.yml']);
  });

  it('masks secrets in messages', () => {
    const token = `ghp_${'Zx9Yw8Vu7Ts6Rq5Po4Nm'.repeat(2)}`;
    const out = renderSarif(report({ findings: [finding({ message: `token ${token} in env` })] }));
    expect(out).not.toContain(token);
  });
});

describe('SARIF fixes', () => {
  it('carries each finding’s edits as fixes[] that validate against the schema', async () => {
    const { scanDirectory } = await import('../../src/engine/index.js');
    const { defaultPolicy } = await import('../../src/policy/defaults.js');
    const root = path.resolve(import.meta.dirname, '../../examples/repo');
    const scanned = scanDirectory({ root, policy: defaultPolicy() }).report;
    const log = buildSarif(scanned);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const results = log.runs[0]!.results!;
    const withEdits = scanned.findings.filter((f) => f.fix && f.fix.edits.length > 0);
    expect(withEdits.length).toBeGreaterThan(3);
    expect(results.filter((r) => r.fixes).length).toBe(withEdits.length);
    scanned.findings.forEach((f, i) => {
      const fix = results[i]!.fixes?.[0];
      if (!f.fix || f.fix.edits.length === 0) return expect(fix).toBeUndefined();
      const replacements = fix!.artifactChanges.flatMap((c) =>
        c.replacements.map((r) => ({
          file: c.artifactLocation.uri,
          ...r.deletedRegion,
          text: r.insertedContent?.text,
        })),
      );
      expect(replacements).toEqual(
        f.fix.edits.map((e) => ({
          file: e.file,
          startLine: e.startLine,
          startColumn: e.startColumn,
          endLine: e.endLine,
          endColumn: e.endColumn,
          text: e.replacement,
        })),
      );
    });
  });
});
