/** workflows/shell: commands and words of run: blocks and argument strings, with raw offsets. */
import { describe, expect, it } from 'vitest';
import { parseArgs, splitArgs, splitCommands } from '../../../src/adapters/workflows/shell.js';

const words = (script: string): string[][] => splitCommands(script).map((c) => c.words.map((w) => w.text));

describe('splitCommands', () => {
  it('splits on newlines and operators and joins continuations', () => {
    expect(words('set -e\nclaude -p \\\n  "fix it" && echo done | tee log; codex exec x &')).toEqual([
      ['set', '-e'],
      ['claude', '-p', 'fix it'],
      ['echo', 'done'],
      ['tee', 'log'],
      ['codex', 'exec', 'x'],
    ]);
  });

  it('removes quotes and escapes but keeps the raw offsets', () => {
    const script = `claude -p 'a "b"' "c \\"d\\" $X" e\\ f`;
    const [command] = splitCommands(script);
    expect(command!.words.map((w) => w.text)).toEqual(['claude', '-p', 'a "b"', 'c "d" $X', 'e f']);
    const quoted = command!.words[3]!;
    expect(script.slice(quoted.start, quoted.end)).toBe('"c \\"d\\" $X"');
  });

  it('makes command substitutions commands of their own', () => {
    expect(words('OUT=$(claude -p "x")\nR=`gemini -p y`')).toEqual([
      ['OUT='],
      ['claude', '-p', 'x'],
      ['R='],
      ['gemini', '-p', 'y'],
    ]);
  });

  it('skips comments, heredoc bodies and redirection targets', () => {
    const script = [
      '# claude -p "in a comment"',
      'cat <<EOF > prompt.md',
      'claude -p "inside the heredoc"',
      'EOF',
      'codex exec "$(cat prompt.md)" 2>&1 > out.txt',
    ].join('\n');
    // A substitution inside double quotes stays part of the quoted word.
    expect(words(script)).toEqual([['cat'], ['codex', 'exec', '$(cat prompt.md)']]);
    expect(words('echo hi > out.txt 2>&1\nrun <in')).toEqual([['echo', 'hi'], ['run']]);
  });

  it('skips indented heredocs closed with <<-', () => {
    expect(words("cat <<-'END'\n\tclaude -p x\n\tEND\nnext")).toEqual([['cat'], ['next']]);
  });
});

describe('splitArgs', () => {
  it('keeps parenthesised tool patterns with spaces together', () => {
    expect(
      splitArgs('--max-turns 5\n--allowedTools mcp__x,Bash(gh pr diff:*),Bash(git log:*)').map((w) => w.text),
    ).toEqual(['--max-turns', '5', '--allowedTools', 'mcp__x,Bash(gh pr diff:*),Bash(git log:*)']);
  });

  it('skips commented-out lines but keeps # inside words and quotes', () => {
    expect(
      splitArgs('--model x\n# --dangerously-skip-permissions\n--append-system-prompt "# rules" a#b').map((w) => w.text),
    ).toEqual(['--model', 'x', '--append-system-prompt', '# rules', 'a#b']);
  });

  it('reads quoted values', () => {
    expect(splitArgs(`--allowedTools "Read,Bash(npm test:*)" --settings '{"a": 1}'`).map((w) => w.text)).toEqual([
      '--allowedTools',
      'Read,Bash(npm test:*)',
      '--settings',
      '{"a": 1}',
    ]);
  });
});

describe('parseArgs', () => {
  const spec = {
    valued: new Set(['--model', '-s']),
    variadic: new Set(['--allowedTools']),
    isVariadicValue: (t: string) => !t.includes(' '),
  };
  it('reads --a=b, --a b, variadic lists and positionals', () => {
    const parsed = parseArgs(
      splitArgs('exec --model=o3 -s read-only --allowedTools Read Grep "do the task" -- --not-a-flag'),
      spec,
    );
    expect(parsed.flags.map((f) => [f.name, f.values.map((v) => v.text)])).toEqual([
      ['--model', ['o3']],
      ['-s', ['read-only']],
      ['--allowedTools', ['Read', 'Grep']],
    ]);
    expect(parsed.positionals.map((p) => p.text)).toEqual(['exec', 'do the task', '--not-a-flag']);
  });
});
