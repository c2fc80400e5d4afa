/**
 * Faults inside the scan: adapters and rules that throw (anything, anywhere), readers that throw,
 * a scanned file that tries to reach into the process (prototype pollution), and determinism of the
 * report whatever order the file system gives.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Adapter } from '../../src/adapters/types.js';
import { scan, scanDirectory } from '../../src/engine/index.js';
import type { ReadResult } from '../../src/discovery/read.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { render } from '../../src/report/index.js';
import { defineRule, type Rule } from '../../src/rules/types.js';
import { fixtureSeeds } from './fuzz.js';
import { agentsAdapter, quoteRule, tempDir } from './helpers.js';

const AGENT = (name: string): string => `agents:\n  ${name}:\n    mode: yolo\n`;

function run(files: Record<string, string>, extra: Partial<Parameters<typeof scan>[0]> = {}) {
  return scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file): ReadResult =>
      file in files ? { ok: true, text: files[file]! } : { ok: false, status: 'unreadable', reason: 'absent' },
    policy: defaultPolicy(),
    adapters: [agentsAdapter],
    rules: [quoteRule],
    ...extra,
  }).report;
}

/** Everything a hostile or buggy extension might throw. */
const THROWN: [string, () => unknown][] = [
  ['an Error', () => new Error('kaput')],
  ['a string', () => 'kaput as a string'],
  ['null', () => null],
  [
    'an object whose toString throws',
    () => ({
      toString: () => {
        throw new Error('no');
      },
    }),
  ],
  ['a null-prototype object', () => Object.create(null)],
  [
    'an Error whose message getter throws',
    () =>
      Object.defineProperty(new Error(), 'message', {
        get: () => {
          throw new Error('no');
        },
      }),
  ],
  ['a 1 MB multi-line message', () => new Error(`first line\n${'x'.repeat(1_000_000)}`)],
];

const throwingRule = (thrown: () => unknown): Rule =>
  defineRule({
    ...quoteRule,
    meta: { ...quoteRule.meta, id: 'throws' },
    options: z.strictObject({}),
    check: () => {
      throw thrown();
    },
  }) as Rule;

describe('an exception inside an extension costs one file, never the scan', () => {
  for (const [name, thrown] of THROWN) {
    it(`a rule throwing ${name}`, () => {
      const report = run(
        { 'a.yml': AGENT('one'), 'b.yml': AGENT('two') },
        { rules: [throwingRule(thrown), quoteRule] },
      );
      const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
      expect(internal.map((f) => f.file)).toEqual(['a.yml', 'b.yml']);
      expect(internal.every((f) => f.severity === 'error' && f.message.length < 600 && !f.message.includes('\n'))).toBe(
        true,
      );
      expect(report.findings.filter((f) => f.ruleId === 'hostile-quote')).toHaveLength(2);
      expect(report.result).toBe('fail');
    });
  }

  // A throwing sniff falls back to extracting (judge rather than skip); this adapter extracts nothing.
  const bad: Adapter = {
    id: 'bad',
    claims: (f) => f === 'b.yml',
    extract: () => ({ deployments: [], findings: [], artifacts: [] }),
  };
  const places: [string, (thrown: () => unknown) => Adapter][] = [
    [
      'claims',
      (t) => ({
        ...bad,
        claims: (f) => {
          if (f === 'b.yml') throw t();
          return false;
        },
      }),
    ],
    [
      'sniff',
      (t) => ({
        ...bad,
        sniff: () => {
          throw t();
        },
      }),
    ],
    [
      'extract',
      (t) => ({
        ...bad,
        extract: () => {
          throw t();
        },
      }),
    ],
    [
      'link',
      (t) => ({
        ...bad,
        link: () => {
          throw t();
        },
      }),
    ],
  ];
  for (const [place, make] of places) {
    it(`an adapter's ${place} throwing, for each kind of thrown value`, () => {
      for (const [name, thrown] of THROWN) {
        const report = run(
          { 'a.yml': AGENT('one'), 'b.yml': AGENT('two') },
          { adapters: [agentsAdapter, make(thrown)] },
        );
        const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
        expect(internal, name).toHaveLength(1);
        if (place !== 'link') expect(internal[0]!.file).toBe('b.yml');
        expect(internal[0]!.message).toMatch(/^Internal error: adapter bad failed/);
        // The healthy adapter still judged both files.
        expect(
          report.deployments.map((d) => d.name),
          name,
        ).toEqual(['one', 'two']);
        expect(report.result).toBe('fail');
      }
    });
  }

  it('a stack overflow inside a rule', () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const report = run({ 'a.yml': AGENT('one') }, { rules: [throwingRule(() => recurse(0)), quoteRule] });
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['hostile-quote', 'internal-error']);
    expect(report.result).toBe('fail');
  });

  it('a reader that throws', () => {
    const report = run(
      {},
      {
        files: ['a.yml', 'b.yml'],
        read: (file) => {
          if (file === 'a.yml') throw new Error('EIO');
          return { ok: true, text: AGENT('two') };
        },
      },
    );
    expect(report.coverage.skipped).toEqual([{ file: 'a.yml', status: 'unreadable', reason: 'cannot read: EIO' }]);
    expect(report.deployments.map((d) => d.name)).toEqual(['two']);
  });
});

describe('a scanned file cannot reach into the process', () => {
  it('a TOML `[__proto__]` table cannot switch a rule off for the whole scan', () => {
    const report = run({
      'a.toml': '[__proto__]\n"hostile-quote" = "off"\nfail-on = "never"\n',
      'b.yml': AGENT('two'),
    });
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([['hostile-quote', 'b.yml']]);
    expect(report.result).toBe('fail');
  });
});

describe('deterministic output', () => {
  /** The same tree written in two different orders (directory order differs on most file systems). */
  function writeTree(files: [string, string][]): string {
    const root = tempDir();
    for (const [file, text] of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  it('gives byte-identical JSON and SARIF (apart from timestamps) whatever order files arrive in', () => {
    const files: [string, string][] = [];
    for (let i = 0; i < 40; i++)
      files.push([`d${i % 7}/f${(i * 17) % 40}.yml`, AGENT(`agent${(i * 13) % 40}`) + `  b${i}:\n    mode: x\n`]);
    files.push(
      ['Z.yml', AGENT('Z')],
      ['a.yml', AGENT('a')],
      ['é.yml', AGENT('é')],
      ['e\u0301.yml', AGENT('e')],
      ['_.yml', 'bad: ['],
    );
    const outputs = [files, [...files].reverse(), [...files].sort(() => 0.5 - ((files.length * 7) % 3) / 3)].map(
      (order) => {
        const root = writeTree(order);
        const policy = defaultPolicy();
        const listing = order.map(([f]) => f);
        const { report: walked } = scanDirectory({ root, policy, adapters: [agentsAdapter], rules: [quoteRule] });
        const { report: listed } = scanDirectory({
          root,
          policy,
          adapters: [agentsAdapter],
          rules: [quoteRule],
          listing,
        });
        const stamp = (text: string): string =>
          text.replace(/"(startTimeUtc|endTimeUtc|timestamp|generatedAt)": "[^"]*"/g, '"$1": "T"');
        const json = render('json', walked);
        expect(render('json', listed)).toBe(json);
        return { json, sarif: stamp(render('sarif', walked)) };
      },
    );
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    expect(JSON.parse(outputs[0]!.json).findings.length).toBeGreaterThan(80);
  });
});

describe('deterministic output with the real adapters and rules', () => {
  it('the demo repository and every golden fixture, copied in three file orders, give byte-identical JSON and SARIF', () => {
    const seeds = fixtureSeeds();
    // One tree: each fixture file under its own numbered folder, so paths stay as adapters expect them.
    const files: [string, string][] = seeds.map((s, i) => [`r${String(i).padStart(3, '0')}/${s.file}`, s.text]);
    const stamp = (text: string): string =>
      text.replace(/"(startTimeUtc|endTimeUtc|timestamp|generatedAt)": "[^"]*"/g, '"$1": "T"');
    // A stride coprime to the count, so the shuffle is a permutation (a multiple of 7 files once dropped some).
    const stride = [7, 11, 13].find((k) => files.length % k !== 0)!;
    const shuffled = files.map((_, i) => files[(i * stride) % files.length]!);
    const outputs = [files, [...files].reverse(), shuffled].map((order) => {
      const root = tempDir();
      for (const [file, text] of order) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      const { report } = scanDirectory({ root, policy: defaultPolicy() });
      return { json: render('json', report), sarif: stamp(render('sarif', report)), text: render('text', report) };
    });
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    expect(JSON.parse(outputs[0]!.json).deployments.length).toBeGreaterThan(50);
  });
});

describe('the scan never reaches the network or runs what it reads', () => {
  it('opens no socket and calls no fetch, over every fixture', async () => {
    const net = await import('node:net');
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const root = tempDir();
      fixtureSeeds().forEach((s, i) => {
        const file = path.join(root, `r${i}`, s.file);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, s.text);
      });
      const { report } = scanDirectory({ root, policy: defaultPolicy() });
      expect(report.deployments.length).toBeGreaterThan(50);
      expect(connect).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
      fetchSpy.mockRestore();
    }
  });

  it('only discovery and the read-only git plumbing (github/git.ts, shared by the action and --base) start processes (git, hardened); only the GitHub client talks to the network', () => {
    const SRC = path.resolve(import.meta.dirname, '../../src');
    const sources: [string, string][] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts'))
          sources.push([path.relative(SRC, full).split(path.sep).join('/'), readFileSync(full, 'utf8')]);
      }
    };
    walk(SRC);
    const importing = (pattern: RegExp): string[] =>
      sources
        .filter(([, text]) => pattern.test(text))
        .map(([file]) => file)
        .sort();
    expect(importing(/from ['"](node:)?child_process['"]/)).toEqual(['discovery/discover.ts', 'github/git.ts']);
    for (const file of ['discovery/discover.ts', 'github/git.ts']) {
      const text = sources.find(([f]) => f === file)![1];
      expect(text).toContain("'core.fsmonitor=false'");
      expect(text).not.toMatch(/\b(exec|execSync|spawn)\(|shell:\s*true/);
    }
    expect(importing(/from ['"](node:)?(http|https|net|tls|dgram|http2)['"]|from ['"]undici['"]|\bfetch\(/)).toEqual(
      [],
    );
    expect(importing(/\beval\(|new Function\(|\bimport\(|\brequire\(/)).toEqual([]);
    expect(
      importing(/@actions\/github|@octokit/).every((f) => f.startsWith('github/') || f.startsWith('action/')),
    ).toBe(true);
  });
});

describe('a malformed deployment from an adapter', () => {
  it('becomes an internal error for its file; the rest is judged and every renderer still renders', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each breaker writes a wrong type on purpose
    const breakers: ((d: Record<string, any>) => void)[] = [
      (d) => (d['agent'] = Object),
      (d) => (d['name'] = ['x']),
      (d) => (d['sandbox']['isolation']['value'] = 'bogus'),
      (d) => (d['sandbox']['network'] = undefined),
      (d) => (d['sandbox']['approval']['reason'] = { toString: 'x' }),
      (d) => (d['signals'] = [Symbol('s')]),
      (d) => (d['at'] = { file: 'c.yml', path: 'agents' }),
    ];
    for (const breakIt of breakers) {
      const broken: Adapter = {
        ...agentsAdapter,
        id: 'broken',
        claims: (f) => f === 'c.yml',
        extract(parsed, context) {
          const out = agentsAdapter.extract(parsed, context);
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the breakers above
          for (const d of out.deployments) breakIt(d as unknown as Record<string, any>);
          return out;
        },
      };
      const report = run({ 'a.yml': AGENT('one'), 'c.yml': AGENT('bad') }, { adapters: [agentsAdapter, broken] });
      expect(report.deployments.map((d) => [d.file, d.name])).toEqual([
        ['a.yml', 'one'],
        ['c.yml', 'bad'],
      ]);
      const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
      expect(
        internal.map((f) => f.file),
        breakIt.toString(),
      ).toEqual(['c.yml']);
      expect(internal[0]!.message).toMatch(/malformed deployment/);
      expect(report.result).toBe('fail');
      for (const format of ['text', 'json', 'sarif', 'github'] as const)
        expect(typeof render(format, report)).toBe('string');
    }
  });
});
