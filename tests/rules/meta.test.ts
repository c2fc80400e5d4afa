/** The rule contract, checked over the registry: metadata, docs, fixtures and options for every rule. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES, RULES } from '../../src/rules/index.js';
import { isAgenticRisk, isMcpRisk } from '../../src/rules/owasp.js';
import { caseDirs } from '../helpers/golden.js';

const SRC = path.resolve(import.meta.dirname, '../../src/rules');
const DOCS = path.resolve(import.meta.dirname, '../../docs/rules');

function ruleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of readdirSync(SRC, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(path.join(SRC, folder.name))) {
      if (file !== 'index.ts' && file.endsWith('.ts') && !file.startsWith('_'))
        files.set(file.replace(/\.ts$/, ''), `${folder.name}/${file}`);
    }
  }
  return files;
}

describe('rule registry', () => {
  it('has unique ids', () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every rule file, and every rule has a file named after its id', () => {
    const files = ruleFiles();
    expect([...files.keys()].sort()).toEqual(ALL_RULES.map((r) => r.meta.id).sort());
  });

  for (const rule of ALL_RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has complete metadata', () => {
        expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(meta.title.length).toBeGreaterThan(10);
        expect(meta.title).not.toMatch(/\.$/);
        expect(meta.rationale.length).toBeGreaterThan(80);
        expect(meta.examples.fail.length).toBeGreaterThan(0);
        expect(meta.examples.pass.length).toBeGreaterThan(0);
        expect(meta.securitySeverity).toBeGreaterThanOrEqual(0);
        expect(meta.securitySeverity).toBeLessThanOrEqual(10);
      });

      it('names its OWASP entries and CWE ids', () => {
        expect(Array.isArray(meta.owasp)).toBe(true);
        expect(Array.isArray(meta.cwe)).toBe(true);
        const owasp = meta.owasp ?? [];
        const cwe = meta.cwe ?? [];
        for (const id of owasp) expect(isAgenticRisk(id) || isMcpRisk(id), id).toBe(true);
        expect(new Set(owasp).size).toBe(owasp.length);
        for (const n of cwe) expect(Number.isInteger(n) && n > 0, String(n)).toBe(true);
        expect(new Set(cwe).size).toBe(cwe.length);
        // A rule that judges deployments addresses at least one agentic risk; an MCP rule, an MCP one too.
        if (meta.kinds.length > 0) {
          expect(owasp.some(isAgenticRisk)).toBe(true);
          expect(cwe.length).toBeGreaterThan(0);
        }
        const mcpRule = ruleFiles().get(meta.id)?.startsWith('mcp/') || meta.id.includes('mcp');
        if (mcpRule) expect(owasp.some(isMcpRisk)).toBe(true);
      });

      it('parses empty options and rejects unknown ones', () => {
        expect(() => rule.options.parse({})).not.toThrow();
        expect(rule.options.safeParse({ 'no-such-option-xyz': 1 }).success).toBe(false);
      });

      it('has a generated docs page', () => {
        expect(existsSync(path.join(DOCS, `${meta.id}.md`))).toBe(true);
      });
    });
  }

  for (const rule of RULES) {
    it(`${rule.meta.id} has pass and fail fixtures`, () => {
      expect(caseDirs(rule.meta.id, 'pass').length).toBeGreaterThan(0);
      expect(caseDirs(rule.meta.id, 'fail').length).toBeGreaterThan(0);
    });
  }
});
