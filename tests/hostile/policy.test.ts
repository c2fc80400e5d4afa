/**
 * Malformed policy files of many shapes through the CLI: exit 2 with `file:line:col`, nothing
 * scanned or printed as a report, and never a pass because the policy could not be read (fail
 * closed). Plus a property: any policy text ends in a valid policy or a positioned user error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PolicyError } from '../../src/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { settingFor } from '../../src/policy/settings.js';
import { tempRepo } from './helpers.js';

/** Gemini CLI with --yolo on the runner: fails under any readable policy that keeps the defaults. */
const WORKFLOW =
  'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "fix"\n';
const POLICY = '.github/agent-sandbox.yml';

async function cli(root: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', root, '--format', 'json', ...args], {
    cwd: root,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const positioned = (file: string) =>
  new RegExp(`^agent-sandbox-guard: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `);

const MALFORMED: Record<string, string> = {
  'a YAML syntax error': 'rules: [\n',
  'a wrong type': 'fail-on: 7\n',
  'a misspelt key': 'fail_on: never\n',
  'an unknown rule': 'rules:\n  no-such-rule: off\n',
  'an invalid severity': 'rules:\n  sandbox-required: maybe\n',
  'a negative size': 'max-file-size: -1\n',
  'an infinite size': 'max-file-size: 1e400\n',
  'a duplicate key (which one wins?)': 'fail-on: error\nfail-on: never\n',
  'a second document': 'fail-on: error\n---\nfail-on: never\n',
  'a __proto__ key': '__proto__:\n  fail-on: never\n',
  'an alias bomb':
    'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  'deep nesting': '['.repeat(20_000),
  'a list': '- fail-on: never\n',
  'a scalar': 'never\n',
  'extends of a missing file': 'extends: ./nope.yml\n',
  'extends out of the repository': 'extends: ../../../../etc/passwd\n',
  'extends of an absolute path': 'extends: /etc/passwd\n',
  'extends of itself': `extends: ./${POLICY}\n`,
  'extends of a URL': 'extends: https://evil.example/p.yml\n',
};

describe('a malformed policy fails the run with its position and scans nothing', () => {
  for (const [name, text] of Object.entries(MALFORMED)) {
    it(name, async () => {
      const root = tempRepo({ '.github/workflows/a.yml': WORKFLOW, [POLICY]: text });
      const r = await cli(root);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(positioned(POLICY));
    });
  }

  const unreadable: Record<string, (root: string) => void> = {
    'binary content': (root) => writeFileSync(path.join(root, POLICY), Buffer.from([0x66, 0x00, 0x01])),
    'invalid UTF-8': (root) => writeFileSync(path.join(root, POLICY), Buffer.from([0x66, 0x3a, 0x20, 0xff, 0x0a])),
    'a folder': (root) => mkdirSync(path.join(root, POLICY)),
    'a FIFO (would block a plain read forever)': (root) => execFileSync('mkfifo', [path.join(root, POLICY)]),
    'a link out of the repository': (root) => symlinkSync('/etc/hostname', path.join(root, POLICY)),
    'a link to /dev/zero': (root) => symlinkSync('/dev/zero', path.join(root, POLICY)),
    'a 64 MiB file (sparse, never read)': (root) => {
      writeFileSync(path.join(root, POLICY), 'fail-on: never\n');
      truncateSync(path.join(root, POLICY), 64 * 1024 * 1024);
    },
  };
  for (const [name, make] of Object.entries(unreadable)) {
    it(`an unreadable policy: ${name}`, async () => {
      const root = tempRepo({ '.github/workflows/a.yml': WORKFLOW });
      mkdirSync(path.join(root, '.github'), { recursive: true });
      make(root);
      const started = Date.now();
      const r = await cli(root);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^agent-sandbox-guard: ${POLICY.replace(/\./g, '\\.')}(:\\d+:\\d+)?: `));
    });
  }

  it('an explicit --policy that is a FIFO, a device or missing', async () => {
    const root = tempRepo({ '.github/workflows/a.yml': WORKFLOW });
    execFileSync('mkfifo', [path.join(root, 'fifo.yml')]);
    for (const policy of ['fifo.yml', '/dev/zero', 'missing.yml']) {
      const r = await cli(root, ['--policy', policy]);
      expect(r.code, policy).toBe(2);
      expect(r.stdout).toBe('');
    }
  });

  it('a __proto__ entry under rules or overrides never switches a rule off', () => {
    const root = tempRepo({});
    for (const text of [
      'rules:\n  __proto__:\n    sandbox-required: off\n',
      'overrides:\n  - files: ["**"]\n    rules:\n      __proto__:\n        sandbox-required: off\n',
    ]) {
      const policy = loadPolicy({ root, text });
      expect(settingFor(policy, 'sandbox-required', 'error', 'a.yml').severity).toBe('error');
      expect(Object.prototype).not.toHaveProperty('sandbox-required');
    }
  });
});

describe('any policy text', () => {
  const KEYS = [
    'extends',
    'fail-on',
    'include',
    'exclude',
    'max-file-size',
    'templated',
    'rules',
    'detect',
    'overrides',
    'only',
    'sandbox-required',
    'severity',
    'options',
    'files',
    '__proto__',
    'minimum',
  ];
  const VALUES = [
    'never',
    'error',
    'off',
    'recommended',
    'strict',
    '"**"',
    '[]',
    '{}',
    '-1',
    '0',
    '1e400',
    '~',
    'true',
    '&a x',
    '*a',
    '!!binary x',
  ];
  const line = fc
    .tuple(
      fc.nat(3),
      fc.constantFrom(...KEYS),
      fc.oneof(fc.constantFrom(...VALUES), fc.constant(''), fc.string({ maxLength: 5 })),
    )
    .map(([indent, key, value]) => `${'  '.repeat(indent)}${key}: ${value}`);
  const text = fc.oneof(
    fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n') + '\n'),
    fc.string({ maxLength: 80 }),
  );

  it('ends in a valid policy or a positioned policy error; exit 2 always means nothing was scanned, and a pass means the policy loaded', async () => {
    const root = tempRepo({ '.github/workflows/a.yml': WORKFLOW });
    await fc.assert(
      fc.asyncProperty(text, async (policy) => {
        writeFileSync(path.join(root, POLICY), policy);
        let loaded = true;
        try {
          loadPolicy({ root });
        } catch (error) {
          if (!(error instanceof PolicyError)) throw error;
          loaded = false;
        }
        const r = await cli(root);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code === 2) {
          expect(loaded).toBe(false);
          expect(r.stdout).toBe('');
          expect(r.stderr).toMatch(/^agent-sandbox-guard: \.github\/agent-sandbox\.yml(:\d+:\d+)?: \S/);
        } else expect(loaded).toBe(true);
      }),
      { seed: Number(process.env['FC_SEED'] ?? 7), numRuns: 120 },
    );
  });
});
