/**
 * policy/problems and the loader's messages: suggestions come from the keys valid at that place and
 * are never the word itself; types are named as a policy author reads them; and every problem of a
 * policy is reported in one pass, each at its own line and column.
 */
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { suggest } from '../../src/policy/problems.js';
import { keysAt, policyKeysAt } from '../../src/policy/validate.js';
import { writeRepo } from '../helpers/temp-repo.js';

function problemsOf(policy: string): string[] {
  const root = writeRepo({ '.github/agent-sandbox.yml': policy });
  try {
    loadPolicy({ root });
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const at = (p: { file: string; line?: number; column?: number }) => `${p.line}:${p.column}`;
    return [`${at(error.position!)} ${error.message}`, ...error.details.map((d) => `${at(d.position!)} ${d.message}`)];
  }
  throw new Error('the policy loaded');
}

describe('did you mean', () => {
  it('suggests the nearest key valid at that level: `rulez` and `rule` at the top are near `rules`', () => {
    expect(problemsOf('rulez:\n  sandbox-required: off\n')).toEqual([
      '1:1 unknown key `rulez` (did you mean `rules`?)',
    ]);
    expect(problemsOf('rule:\n  sandbox-required: off\n')).toEqual(['1:1 unknown key `rule` (did you mean `rules`?)']);
    expect(problemsOf('exceptions:\n  - rulez: x\n    reason: y\n')).toContain(
      '2:5 `exceptions[0]`: unknown key `rulez` (did you mean `rule`?)',
    );
    expect(problemsOf('rules:\n  sandbox-required:\n    options: {minimun: container}\n')).toEqual([
      '3:15 `rules.sandbox-required.options`: unknown key `minimun` (did you mean `minimum`?)',
    ]);
  });

  it('never suggests the word itself, and stays silent when nothing is near', () => {
    expect(suggest('rule', ['rule', 'rules'])).toBe('rules');
    expect(suggest('rules', ['rules'])).toBeUndefined();
    expect(suggest('zzzzzz', ['rules', 'extends'])).toBeUndefined();
    expect(problemsOf('frobnicate: 1\n')).toEqual(['1:1 unknown key `frobnicate`']);
  });

  it('reads the keys of each level from the schema, through lists, mappings and unions', () => {
    expect(policyKeysAt([])).toEqual(expect.arrayContaining(['rules', 'extends', 'fail-on', 'exceptions']));
    expect(policyKeysAt([])).not.toContain('rule');
    expect(policyKeysAt(['exceptions', 0])).toEqual(expect.arrayContaining(['rule', 'reason', 'paths']));
    expect(policyKeysAt(['rules', 'sandbox-required'])).toEqual(['options', 'severity']);
    expect(
      keysAt({ type: 'object', properties: { a: { $ref: '#/$defs/x' } }, $defs: { x: { properties: { b: {} } } } }, [
        'a',
      ]),
    ).toEqual(['b']);
  });
});

describe('types', () => {
  it('names the expected type in words', () => {
    expect(problemsOf('rules: [sandbox-required]\n')).toEqual([
      '1:1 `rules`: expected a mapping (key: value, …), got a list',
    ]);
    expect(problemsOf('include: "src/**"\n')).toEqual(['1:1 `include`: expected a list, got string `src/**`']);
  });
});

describe('one pass', () => {
  it('reports a schema problem, an unknown rule and a bad option in the same run, in file order', () => {
    expect(
      problemsOf(
        'rules:\n  sandbox-required: {severity: error, optons: {}}\n  foo-bar: off\nfail-on: bad\nonly: [sandbox-requird]\n',
      ),
    ).toEqual([
      '2:39 `rules.sandbox-required`: unknown key `optons` (did you mean `options`?)',
      '3:3 unknown rule `foo-bar`; `agent-sandbox-guard explain --list` lists the rules',
      '4:1 `fail-on`: expected one of error, warning, notice, never; got `bad`',
      '5:8 unknown rule `sandbox-requird` (did you mean `sandbox-required`?); `agent-sandbox-guard explain --list` lists the rules',
    ]);
  });

  it('also reports a bad extends and a bad custom-rule field beside a schema error', () => {
    const problems = problemsOf(
      'extends: recomended\nfail-on: 3\ncustom-rules:\n  - id: mine\n    message: m\n    require: { field: "a[", equals: 1 }\n',
    );
    expect(problems[0]).toMatch(/^1:1 unknown preset `recomended` \(did you mean `recommended`\?\)/);
    expect(problems[1]).toBe('2:1 `fail-on`: expected one of error, warning, notice, never; got `3`');
    expect(problems[2]).toMatch(/^6:\d+ `custom-rules\[0\]\.require\.field`: /);
    expect(problems).toHaveLength(3);
  });

  it('never loads a policy that had a problem, even when the rest is salvageable', () => {
    expect(() => loadPolicy({ root: writeRepo({ '.github/agent-sandbox.yml': 'fail-on: bad\n' }) })).toThrow(
      PolicyError,
    );
  });
});
