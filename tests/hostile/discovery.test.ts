/**
 * Discovery and reading against a hostile checkout: links out of the repository and link loops, names
 * built to inject, sizes past the cap, binary and odd encodings, FIFOs, and a git config that names a
 * command. Each runs both through git's listing and through the walk used outside a work tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/types.js';
import type { ParsedFile } from '../../src/documents/types.js';
import { discover } from '../../src/discovery/discover.js';
import { readRepoFile } from '../../src/discovery/read.js';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { agentsAdapter, quoteRule, tempDir, tempRepo } from './helpers.js';

const AGENT = 'agents:\n  bot:\n    mode: yolo\n';

function gitInit(root: string): void {
  const git = (...args: string[]): void =>
    void execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      cwd: root,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'fixture', '--no-verify');
}

const scanOf = (root: string, listing?: string[]) =>
  scanDirectory({
    root,
    policy: defaultPolicy(),
    adapters: [agentsAdapter],
    rules: [quoteRule],
    ...(listing ? { listing } : {}),
  }).report;

describe.each([
  ['a walk', false],
  ['the git listing', true],
])('links, through %s', (_name, useGit) => {
  function hostileRepo(): { root: string; outside: string } {
    const outside = tempRepo({ 'secret.yml': `${AGENT}leak: outside-the-repo\n` });
    const root = tempRepo({ 'real.yml': AGENT, 'dir/inner.yml': AGENT });
    symlinkSync('/etc/passwd', path.join(root, 'passwd.yml'));
    symlinkSync('/', path.join(root, 'rootfs'));
    symlinkSync(outside, path.join(root, 'outside'));
    symlinkSync(path.join(outside, 'secret.yml'), path.join(root, 'secret.yml'));
    symlinkSync('../../../../../../../../etc/hostname', path.join(root, 'dir/relative.yml'));
    symlinkSync('loop-b.yml', path.join(root, 'loop-a.yml'));
    symlinkSync('loop-a.yml', path.join(root, 'loop-b.yml'));
    symlinkSync('.', path.join(root, 'self'));
    symlinkSync('..', path.join(root, 'dir/up'));
    symlinkSync('real.yml', path.join(root, 'linked.yml'));
    symlinkSync('dir', path.join(root, 'dir-link'));
    if (useGit) gitInit(root);
    return { root, outside };
  }

  it('never follows a link out of the repository, survives loops, and keeps links inside it', () => {
    const { root } = hostileRepo();
    const report = scanOf(root);
    const json = JSON.stringify(report);
    expect(json).not.toContain('outside-the-repo');
    expect(json).not.toMatch(/root:x:0|\/bin\/(ba)?sh/);
    expect(report.deployments.map((d) => d.file).sort()).toEqual(['dir/inner.yml', 'linked.yml', 'real.yml']);
    const skipped = Object.fromEntries(report.coverage.skipped.map((s) => [s.file, s.status]));
    for (const file of ['passwd.yml', 'secret.yml', 'dir/relative.yml']) expect(skipped[file]).toBe('symlink-outside');
    expect(report.coverage.skipped.every((s) => !s.file.startsWith('rootfs/') && !s.file.startsWith('outside/'))).toBe(
      true,
    );
  });

  it('refuses paths from a caller listing or an adapter that leave the root', () => {
    const { root, outside } = hostileRepo();
    const escapes = [
      '../outside.yml',
      '/etc/passwd',
      `${outside}/secret.yml`,
      'outside/secret.yml',
      'rootfs/etc/passwd',
      'dir/../../x.yml',
      'self/self/real.yml',
    ];
    const listed = scanOf(root, escapes);
    expect(JSON.stringify(listed)).not.toContain('outside-the-repo');
    expect(listed.deployments.map((d) => d.file)).toEqual(['self/self/real.yml']); // a loop inside the repository is harmless

    const loaded = new Map<string, ParsedFile | null>();
    const loader: Adapter = {
      id: 'loader',
      claims: (file) => file === 'real.yml',
      extract(_parsed, context) {
        for (const file of [...escapes, 'loop-a.yml', 'dir', 'self', 'dir-link/inner.yml'])
          loaded.set(file, context.load(file));
        return { deployments: [], findings: [], artifacts: [] };
      },
    };
    scanDirectory({ root, policy: defaultPolicy(), adapters: [loader], rules: [] });
    for (const file of [...escapes.slice(0, 5), 'loop-a.yml', 'dir', 'self']) expect(loaded.get(file), file).toBeNull();
    expect(loaded.get('dir-link/inner.yml')?.documents[0]?.value).toEqual({ agents: { bot: { mode: 'yolo' } } });
  });
});

describe('the reader', () => {
  it('refuses FIFOs, devices and folders without blocking', () => {
    const root = tempRepo({ 'a.yml': AGENT });
    execFileSync('mkfifo', [path.join(root, 'fifo.yml')]);
    symlinkSync('/dev/zero', path.join(root, 'zero.yml'));
    const started = Date.now();
    expect(readRepoFile(root, 'fifo.yml', 1000)).toMatchObject({ ok: false, status: 'unreadable' });
    expect(readRepoFile(root, 'zero.yml', 1000)).toMatchObject({ ok: false, status: 'symlink-outside' });
    mkdirSync(path.join(root, 'folder.yml'));
    expect(readRepoFile(root, 'folder.yml', 1000)).toMatchObject({ ok: false, status: 'unreadable' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(scanOf(root).deployments.map((d) => d.file)).toEqual(['a.yml']);
  });

  it('refuses a file over the size cap without reading it, memory bounded, and names the limit', () => {
    const root = tempRepo({ 'small.yml': AGENT });
    writeFileSync(path.join(root, 'huge.yml'), AGENT);
    truncateSync(path.join(root, 'huge.yml'), 64 * 1024 * 1024); // sparse: 64 MiB on paper, nothing on disk
    const before = process.memoryUsage().arrayBuffers;
    const report = scanOf(root);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(report.coverage.skipped).toEqual([
      { file: 'huge.yml', status: 'too-large', reason: `${64 * 1024 * 1024} bytes, over the 1048576-byte limit` },
    ]);
    expect(report.deployments.map((d) => d.file)).toEqual(['small.yml']);
  });

  it('reads a file of exactly the cap and refuses one byte more', () => {
    const at = AGENT + '#'.repeat(1000 - AGENT.length);
    expect(readRepoFile(tempRepo({ 'a.yml': at }), 'a.yml', 1000)).toMatchObject({ ok: true });
    expect(readRepoFile(tempRepo({ 'a.yml': at + '#' }), 'a.yml', 1000)).toMatchObject({
      ok: false,
      status: 'too-large',
    });
  });
});

describe('encodings and line endings through a whole scan', () => {
  const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return bigEndian ? le.swap16() : le;
  };
  const readable: Record<string, string | Uint8Array> = {
    'lf.yml': `# x\n${AGENT}`,
    'crlf.yml': `# x\r\n${AGENT.replace(/\n/g, '\r\n')}`,
    'cr.yml': `# x\r${AGENT.replace(/\n/g, '\r')}`,
    'bom.yml': `\uFEFF# x\n${AGENT}`,
    'utf16le.yml': utf16(`# x\r\n${AGENT}`, false),
    'utf16be.yml': utf16(`# x\n${AGENT}`, true),
    'bom-crlf.json': '\uFEFF{\r\n  "agents": {\r\n    "bot": {\r\n      "mode": "yolo"\r\n    }\r\n  }\r\n}\r\n',
    'cr.toml': '# x\r[agents.bot]\rmode = "yolo"\r',
  };
  const unreadable: Record<string, [Uint8Array, string]> = {
    'binary.yml': [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'binary'],
    'settings.json': [
      Buffer.concat([
        Buffer.from('{"agents": {"bot": {"mode": "'),
        Buffer.from([0xff, 0xfe, 0xfd]),
        Buffer.from('"}}}'),
      ]),
      'unreadable',
    ],
    'overlong.yml': [Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0xaf, 0x0a]), 'unreadable'],
    'no-bom-utf16.yml': [Buffer.from(AGENT, 'utf16le'), 'binary'],
    'lone-surrogate.yml': [Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x0a, 0x00]), 'unreadable'],
  };

  it('reports findings at the exact line in every readable encoding, and lists the rest in coverage', () => {
    const root = tempRepo({
      ...readable,
      ...Object.fromEntries(Object.entries(unreadable).map(([f, [bytes]]) => [f, bytes])),
    });
    const report = scanOf(root);
    const judged = report.findings.filter((f) => f.ruleId !== 'unparsable-file');
    const lines = Object.fromEntries(judged.map((f) => [f.file, [f.line, f.column]]));
    for (const file of ['lf.yml', 'crlf.yml', 'cr.yml', 'bom.yml', 'utf16le.yml', 'utf16be.yml'])
      expect(lines[file], file).toEqual([4, 5]);
    expect(lines['bom-crlf.json']).toEqual([4, 7]);
    expect(lines['cr.toml']).toEqual([3, 1]);
    expect(report.coverage.skipped.map((s) => [s.file, s.status]).sort()).toEqual(
      Object.entries(unreadable)
        .map(([f, [, status]]) => [f, status])
        .sort(),
    );
    expect(judged.map((f) => f.file).sort()).toEqual(Object.keys(readable).sort());
    // A claimed config that cannot be read is never judged silently: each gets a finding at its first line.
    const refused = report.findings.filter((f) => f.ruleId === 'unparsable-file');
    expect(refused.map((f) => [f.file, f.line]).sort()).toEqual(
      Object.keys(unreadable)
        .sort()
        .map((f) => [f, 1]),
    );
  });
});

describe('file names built to inject', () => {
  const names = [
    'a,b.yml',
    'a:b.yml',
    '100%25%.yml',
    'new\nline.yml',
    '::error::x.yml',
    'tab\tname.yml',
    '#1 @here.yml',
    'quote"\'`.yml',
    '\u202eevil.yml',
    'ça.yml',
    '-dash.yml',
    ' lead.yml',
  ];

  it.each([false, true])('lists and reports each name exactly (git listing: %s)', (useGit) => {
    const root = tempRepo(Object.fromEntries(names.map((n) => [n, AGENT])));
    if (useGit) gitInit(root);
    const report = scanOf(root);
    expect(report.deployments.map((d) => d.file).sort()).toEqual([...names].sort());
    expect(discover(root, { include: [], exclude: [] }).files).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
  });
});

describe('git configuration in the scanned repository', () => {
  it('never runs a command the repository configures (core.fsmonitor)', () => {
    const root = tempRepo({ 'a.yml': AGENT });
    gitInit(root);
    const marker = path.join(tempDir(), 'ran');
    const hook = path.join(root, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    execFileSync('git', ['config', 'core.fsmonitor', hook], { cwd: root });
    const report = scanOf(root);
    expect(existsSync(marker)).toBe(false);
    expect(report.deployments.map((d) => d.file)).toEqual(['a.yml']);
  });
});
