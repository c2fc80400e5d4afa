/* eslint-disable no-control-regex -- these tests look for the ANSI escapes the terminal renderer writes */
/** cli/terminal: colour follows NO_COLOR / FORCE_COLOR and the TTY; a slow scan shows progress on stderr. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli/main.js';
import { colorEnabled, progressLine, terminalOf } from '../../src/cli/terminal.js';
import { writeRepo } from '../helpers/temp-repo.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/repo');
const ESC = /\u001b\[/;

async function scan(io: Partial<CliIO>, args: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', EXAMPLE, ...args], {
    cwd: EXAMPLE,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...io,
  });
  return { code, stdout, stderr };
}

describe('colour', () => {
  it('follows NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('colours the text report on a terminal or with FORCE_COLOR, and nothing else', async () => {
    expect((await scan({ env: { FORCE_COLOR: '1' } })).stdout).toMatch(ESC);
    expect((await scan({ env: {}, stdoutIsTTY: true })).stdout).toMatch(ESC);
    expect((await scan({ env: { NO_COLOR: '1' }, stdoutIsTTY: true })).stdout).not.toMatch(ESC);
    expect((await scan({ env: {} })).stdout).not.toMatch(ESC);
    expect((await scan({ env: { FORCE_COLOR: '1' } }, ['--format', 'json'])).stdout).not.toMatch(ESC);
    const out = path.join(writeRepo({}), 'report.txt');
    await scan({ env: { FORCE_COLOR: '1' }, stdoutIsTTY: true }, ['--output', out]);
    expect(readFileSync(out, 'utf8')).not.toMatch(ESC);
  });

  it('wraps to the terminal width only on a terminal', async () => {
    const tty = await scan({ env: {}, stdoutIsTTY: true, stdoutColumns: 90 });
    const plain = tty.stdout.replace(/\u001b\[\d+m/g, '');
    expect(Math.max(...plain.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(90);
    const pipe = await scan({ env: {}, stdoutColumns: 90 });
    expect(Math.max(...pipe.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(150);
    expect(
      terminalOf({ cwd: '/', stdout: () => {}, stderr: () => {}, stdoutIsTTY: true, stdoutColumns: 12 }).stdout.width,
    ).toBeUndefined();
  });
});

describe('progress', () => {
  const io = () => {
    const written: string[] = [];
    return { written, io: { cwd: '/', stdout: () => {}, stderr: (t: string) => written.push(t) } as CliIO };
  };

  it('says nothing for a scan under a second, and nothing when stderr is not a terminal', () => {
    let now = 0;
    const a = io();
    const quick = progressLine(a.io, { stdout: { color: false }, stderrIsTTY: true }, 'repo', () => now);
    for (let i = 0; i < 100; i++) {
      now += 5;
      quick.tick(`f${i}`);
    }
    quick.done();
    expect(a.written).toEqual([]);

    const b = io();
    const piped = progressLine(b.io, { stdout: { color: false }, stderrIsTTY: false }, 'repo', () => (now += 500));
    for (let i = 0; i < 10; i++) piped.tick(`f${i}`);
    piped.done();
    expect(b.written).toEqual([]);
  });

  it('after a second redraws one line in place at most ten times a second, and erases it at the end', () => {
    let now = 0;
    const a = io();
    const slow = progressLine(a.io, { stdout: { color: false }, stderrIsTTY: true }, 'repo', () => now);
    for (let i = 0; i < 300; i++) {
      now += 10;
      slow.tick(`f${i}`);
    }
    slow.done();
    expect(a.written.length).toBeGreaterThan(5);
    expect(a.written.length).toBeLessThanOrEqual(22);
    expect(a.written[0]).toMatch(/^\r\u001b\[2Kscanning repo: \d+ files read, 1\.\d s$/);
    expect(a.written.every((w) => !w.includes('\n'))).toBe(true);
    expect(a.written.at(-1)).toBe('\r\u001b[2K');
  });
});
