/** Every rule either fixes what it finds (with fix fixtures) or says in its fix metadata why it cannot. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { RULE_FIXES } from '../../src/fix/producers/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { ALL_RULES, RULES } from '../../src/rules/index.js';
import { caseDirs, listFiles } from '../helpers/golden.js';

const FIXES = path.resolve(import.meta.dirname, '../fixtures/fixes');

const failFindings = RULES.flatMap((r) => caseDirs(r.meta.id, 'fail')).flatMap(
  (dir) => scanDirectory({ root: dir, policy: defaultPolicy(), listing: listFiles(dir) }).report.findings,
);

describe('fix metadata', () => {
  it('covers exactly the registered rules', () => {
    expect(Object.keys(RULE_FIXES).sort()).toEqual(ALL_RULES.map((r) => r.meta.id).sort());
  });

  for (const rule of ALL_RULES) {
    const id = rule.meta.id;
    const entry = RULE_FIXES[id]!;
    if (entry.noEdits) {
      it(`${id} says why it has no edits, and writes none`, () => {
        expect(entry.noEdits!.length).toBeGreaterThan(20);
        expect(existsSync(path.join(FIXES, id))).toBe(false);
        const edited = failFindings.filter((f) => f.ruleId === id && (f.fix?.edits.length ?? 0) > 0);
        expect(edited).toEqual([]);
      });
    } else {
      it(`${id} has fix fixtures`, () => {
        const cases = existsSync(path.join(FIXES, id)) ? readdirSync(path.join(FIXES, id)) : [];
        expect(cases.length).toBeGreaterThan(0);
      });
    }
  }

  it('gives every finding of the fail fixtures a fix with a description', () => {
    const missing = failFindings.filter((f) => !f.fix || f.fix.description.length < 10);
    expect(missing.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([]);
    for (const f of failFindings) expect(['safe', 'unsafe']).toContain(f.fix!.safety);
  });
});
