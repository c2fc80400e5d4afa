/** Runs every rule's golden fixtures: pass cases stay silent, fail cases match their expected findings. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { caseDirs, expectedFor, fullFindingsFor } from '../helpers/golden.js';

for (const rule of RULES) {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    for (const dir of caseDirs(id, 'pass')) {
      it(`stays silent on pass/${path.basename(dir)}`, () => {
        expect(fullFindingsFor(id, dir).map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const dir of caseDirs(id, 'fail')) {
      it(`reports fail/${path.basename(dir)} at the expected positions`, () => {
        const expected = expectedFor(dir);
        const actual = fullFindingsFor(id, dir);
        const shape = actual.map(({ ruleId, severity, file, line, column, endLine, endColumn }) => ({
          ruleId,
          severity,
          file,
          line,
          column,
          endLine,
          endColumn,
        }));
        expect(shape).toEqual(expected.map(({ message: _m, ...rest }) => rest));
        expected.forEach((e, i) => {
          if (e.message) expect(actual[i]!.message).toContain(e.message);
        });
      });
    }
  });
}
