/** A word as written, quotes removed and expansions kept: what a judgement of `$HOME` mounts reads. */
import { describe, expect, it } from 'vitest';
import { readShell, unquote, writtenValue } from '../../src/shell/index.js';

describe('unquote', () => {
  it('removes quotes and escapes, keeps expansions as written', () => {
    expect(unquote(`"$HOME/.ssh":/root/.ssh`)).toBe('$HOME/.ssh:/root/.ssh');
    expect(unquote(`'a b'"c \\"d\\""e\\ f`)).toBe('a bc "d"e f');
    expect(unquote(`"$(printf '%s' "x y")"`)).toBe(`$(printf '%s' "x y")`);
    expect(unquote('`id -u`:"${GID:-0}"')).toBe('`id -u`:${GID:-0}');
    expect(unquote(`"single ' inside"`)).toBe("single ' inside");
    expect(unquote(`'double " inside'`)).toBe('double " inside');
  });
});

describe('writtenValue', () => {
  it('is the resolved value when every part is known, the unquoted text otherwise', () => {
    const [command] = readShell(`docker run -v "$HOME/.aws":/x -e 'A=1' --name "n"`).commands;
    expect(command!.args.map(writtenValue)).toEqual(['run', '-v', '$HOME/.aws:/x', '-e', 'A=1', '--name', 'n']);
  });
});

describe('unwrap: false', () => {
  it('reports each simple command as written, its first word the program', () => {
    const reading = readShell(`sudo -E npx -y @openai/codex exec "x" && bash -c 'claude -p y'`, { unwrap: false });
    expect(reading.commands.map((c) => [c.name, c.via.length, c.args.length])).toEqual([
      ['sudo', 0, 6],
      ['bash', 0, 2],
    ]);
    expect(readShell(`sudo -E npx -y @openai/codex exec "x"`).commands[0]!.name).toBe('codex');
  });
});
