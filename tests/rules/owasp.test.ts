/** OWASP and CWE metadata reach SARIF (as tags) and the rules reference (table and pages). */
import { describe, expect, it } from 'vitest';
import { generateDocs } from '../../src/cli/commands/docs.js';
import { ruleDescriptor } from '../../src/engine/build-report.js';
import { buildSarif } from '../../src/report/sarif.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { taxonomyTags } from '../../src/rules/owasp.js';
import { report } from '../report/sample.js';

describe('OWASP and CWE mapping', () => {
  it('tags every SARIF rule descriptor with its OWASP entries and CWE ids', () => {
    const driver = buildSarif(report({ rules: ALL_RULES.map(ruleDescriptor) })).runs[0]!.tool.driver;
    for (const rule of ALL_RULES) {
      const descriptor = driver.rules!.find((r) => r.id === rule.meta.id)!;
      const tags = descriptor.properties!.tags as string[];
      for (const id of rule.meta.owasp ?? [])
        expect(tags).toContain(id.startsWith('ASI') ? `external/owasp-asi/${id}` : `external/owasp-mcp/${id}`);
      for (const n of rule.meta.cwe ?? []) expect(tags).toContain(`external/cwe/cwe-${n}`);
    }
    const unpinned = driver.rules!.find((r) => r.id === 'mcp-unpinned-package')!;
    expect(unpinned.properties!.tags).toEqual(
      expect.arrayContaining(['external/owasp-mcp/MCP04', 'external/cwe/cwe-494']),
    );
  });

  it('writes tags in the external/<taxonomy>/<id> form', () => {
    expect(taxonomyTags({ owasp: ['ASI02', 'MCP01'], cwe: [798] })).toEqual([
      'external/owasp-asi/ASI02',
      'external/owasp-mcp/MCP01',
      'external/cwe/cwe-798',
    ]);
    expect(taxonomyTags({})).toEqual([]);
  });

  it('lists them in the rules index and on each rule page', () => {
    const docs = generateDocs();
    const index = docs.get('docs/rules.md')!;
    expect(index).toContain('| OWASP | CWE |');
    for (const rule of ALL_RULES) {
      const page = docs.get(`docs/rules/${rule.meta.id}.md`)!;
      expect(page).toContain('## Standards');
      for (const id of rule.meta.owasp ?? []) expect(page).toContain(`[${id} `);
      for (const n of rule.meta.cwe ?? [])
        expect(page).toContain(`[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`);
      const row = index.split('\n').find((l) => l.startsWith(`| [\`${rule.meta.id}\`]`))!;
      for (const id of rule.meta.owasp ?? []) expect(row).toContain(id);
    }
  });
});
