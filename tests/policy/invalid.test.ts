/**
 * Invalid policies fail closed: each shape under tests/fixtures/policies/invalid/<case>/ is a small
 * repository whose policy must be refused with the position and message in <case>.expected.json,
 * and the CLI must exit 2 without scanning.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PolicyError } from '../../src/errors.js';
import { loadPolicy } from '../../src/policy/load.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/policies/invalid');
const CASES = readdirSync(DIR)
  .filter((name) => statSync(path.join(DIR, name)).isDirectory())
  .sort();

interface Expected {
  file: string;
  line: number;
  column: number;
  message: string;
}

function refusal(root: string): PolicyError {
  try {
    loadPolicy({ root });
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('the policy loaded');
}

describe('invalid policies', () => {
  it('cover at least ten different shapes', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of CASES) {
    it(`${name}: refused at the right line and column`, async () => {
      const root = path.join(DIR, name);
      const expected = JSON.parse(readFileSync(`${root}.expected.json`, 'utf8')) as Expected;
      const error = refusal(root);
      expect(error.position).toEqual({ file: expected.file, line: expected.line, column: expected.column });
      expect(error.message).toContain(expected.message);

      let stdout = '';
      let stderr = '';
      const code = await main(['scan', root, '--format', 'json'], {
        cwd: root,
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
      });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${expected.file}:${expected.line}:${expected.column}: `);
    });
  }

  it('lists every problem of a file, each with its position, sorted', () => {
    const text =
      'fail-on: fatal\nrules:\n  nope: error\n  limits-required:\n    options: { max: 3 }\nexceptions:\n  - rule: sandbox-required\n';
    let error: PolicyError | undefined;
    try {
      loadPolicy({ root: DIR, text });
    } catch (e) {
      error = e as PolicyError;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const all = [error!.position, ...error!.details.map((d) => d.position)].map((p) => `${p!.line}:${p!.column}`);
    // One pass: the schema problems and the unknown rule and bad option behind them, all at once.
    expect(all).toEqual(['1:1', '3:3', '5:16', '7:5']);
    expect(error!.details[2]!.message).toContain('an exception needs a `reason`');

    try {
      loadPolicy({ root: DIR, text: 'rules:\n  nope: error\n  limits-required:\n    options: { max: 3 }\n' });
    } catch (e) {
      error = e as PolicyError;
    }
    expect([error!.position, ...error!.details.map((d) => d.position)].map((p) => `${p!.line}:${p!.column}`)).toEqual([
      '2:3',
      '4:16',
    ]);
    expect(error!.details[0]!.message).toBe('`rules.limits-required.options`: unknown key `max`');
  });
});

describe('hostile policies', () => {
  it('refuse conditions nested deeper than the validators should recurse, with a position', () => {
    let condition = '{ fact: isolation, equals: none }';
    for (let i = 0; i < 200; i++) condition = `{ not: ${condition} }`;
    const text = `custom-rules:\n  - id: deep\n    message: m\n    require: ${condition}\n`;
    expect(() => loadPolicy({ root: DIR, text })).toThrow(/nests deeper than 64 levels/);
    try {
      loadPolicy({ root: DIR, text });
    } catch (error) {
      expect((error as PolicyError).position).toEqual({ file: '.github/agent-sandbox.yml', line: 1, column: 1 });
    }
  });
});
