import { describe, expect, it } from 'vitest';
import { readArgv, type ArgvElement } from '../../src/shell/index.js';

/** Elements of a JSON/YAML flow array as written in `text`, each quoted value mapped 1:1. */
function elements(text: string): ArgvElement[] {
  return [...text.matchAll(/"([^"\\]*)"/g)].map((m) => ({
    value: m[1]!,
    start: m.index!,
    end: m.index! + m[0].length,
    valueStart: m.index! + 1,
  }));
}

describe('exec-form argv', () => {
  it('unwraps wrappers and launchers without a shell', () => {
    const text = '["env", "FOO=1", "npx", "-y", "@openai/codex@latest", "exec", "--yolo"]';
    const [command] = readArgv(elements(text)).commands;
    expect(command!.via.map((v) => v.name)).toEqual(['env', 'npx']);
    expect(command!.via[1]!.packageName).toBe('@openai/codex');
    expect(text.slice(command!.args[1]!.start, command!.args[1]!.end)).toBe('"--yolo"');
  });

  it('reads sh -c scripts with positions inside the element', () => {
    const text = '["/bin/sh", "-c", "cd /app && exec claude -p hi --dangerously-skip-permissions"]';
    const reading = readArgv(elements(text));
    const claude = reading.commands.find((c) => c.name === 'claude')!;
    expect(text.slice(claude.program.start, claude.program.end)).toBe('claude');
    expect(text.slice(claude.args[2]!.start, claude.args[2]!.end)).toBe('--dangerously-skip-permissions');
    expect(claude.via.map((v) => v.name)).toEqual(['sh -c', 'exec']);
  });

  it('points at the element when its value is not the text character for character', () => {
    const [command] = readArgv([
      { value: 'claude -p x', start: 10, end: 30 },
      { value: '-c', start: 0, end: 2 },
    ]).commands;
    expect(command!.name).toBe('claude -p x');
    const reading = readArgv([
      { value: 'bash', start: 0, end: 6 },
      { value: '-c', start: 8, end: 12 },
      { value: 'claude -p "x"', start: 14, end: 34 },
    ]);
    const claude = reading.commands[0]!;
    expect([claude.program.start, claude.program.end]).toEqual([14, 34]);
  });

  it('never splits an element and never expands variables in it', () => {
    const [command] = readArgv(elements('["claude", "-p", "$PROMPT with spaces"]')).commands;
    expect(command!.args.map((a) => a.value)).toEqual(['-p', '$PROMPT with spaces']);
  });

  it('an empty argv reads nothing', () => {
    expect(readArgv([]).commands).toEqual([]);
  });
});
