import { describe, expect, it } from 'vitest';
import { readShell } from '../../src/shell/index.js';

/** Each command the reader sees: its program name and argument words. */
const commands = (script: string): string[] =>
  readShell(script).commands.map((c) => [c.name, ...c.args.map((a) => a.value)].join(' '));

describe('shell aliases', () => {
  it('runs the alias text in place of the name, with the rest of the line after it', () => {
    expect(commands('alias c=\'claude --dangerously-skip-permissions\'\nc -p "x"')).toContain(
      'claude --dangerously-skip-permissions -p x',
    );
    // Several in one command, and an alias whose text starts with another alias.
    expect(commands("alias a=b b='codex --yolo'\na exec fix")).toContain('codex --yolo exec fix');
  });

  it('points the alias words at where the alias is defined', () => {
    const script = "alias c='claude --dangerously-skip-permissions'\nc -p x";
    const run = readShell(script, { base: 10 }).commands.find((c) => c.name === 'claude')!;
    const flag = run.args.find((a) => a.value === '--dangerously-skip-permissions')!;
    expect(flag.start).toBe(10 + script.indexOf('--dangerously'));
    expect(run.args.find((a) => a.value === '-p')!.start).toBe(10 + script.lastIndexOf('-p'));
  });

  it('does not expand an alias before its definition, after unalias, for a quoted name, or inside itself', () => {
    expect(commands("c -p x\nalias c='claude --yolo'")).toContain('c -p x');
    expect(commands("alias c='claude --yolo'\nunalias c\nc -p x")).toContain('c -p x');
    expect(commands("alias c='claude --yolo'\nunalias -a\nc -p x")).toContain('c -p x');
    expect(commands("alias c='claude --yolo'\n'c' -p x\n  \\c -p y")).toEqual(
      expect.arrayContaining(['c -p x', 'c -p y']),
    );
    // `alias ls='ls -la'`: the inner `ls` is the program, not the alias again.
    expect(commands("alias ls='ls -la'\nls src")).toContain('ls -la src');
    expect(commands("alias a='b x' b='a y'\na z")).toEqual(expect.arrayContaining(['a y x z']));
  });

  it('defines nothing with `alias NAME` or `alias -p`, and reads the alias command itself', () => {
    expect(commands('alias -p\nalias c\nc -p x')).toEqual(['alias -p', 'alias c', 'c -p x']);
  });
});

describe('a backslash at the start of a line', () => {
  it('starts a command of its own, as in bash (tree-sitter-bash glues it onto the line before)', () => {
    expect(commands('echo start\n\\claude --dangerously-skip-permissions -p x')).toEqual([
      'echo start',
      'claude --dangerously-skip-permissions -p x',
    ]);
    expect(commands('x=1\n\\codex --yolo exec fix')).toContain('codex --yolo exec fix');
    expect(commands('echo start # note\n\\claude -p x')).toEqual(['echo start', 'claude -p x']);
    // An empty continuation line: bash joins it to the next line, a command of its own.
    expect(commands('echo start\n\\\nclaude -p x')).toEqual(['echo start', 'claude -p x']);
    // Not at the start of a line, or before a special character: read as written.
    expect(commands('echo a \\\n  b')).toEqual(['echo a b']);
  });

  it('keeps every position where it is written', () => {
    const script = 'echo start\n\\claude --dangerously-skip-permissions -p x';
    const run = readShell(script).commands.find((c) => c.name === 'claude')!;
    expect(run.program.start).toBe(script.indexOf('claude'));
    expect(run.args[0]!.start).toBe(script.indexOf('--dangerously'));
  });
});
