/** workflows/shell: words of argument strings, with raw offsets, and agents' options parsed from them. */
import { describe, expect, it } from 'vitest';
import { parseArgs, splitArgs } from '../../../src/adapters/workflows/shell.js';

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
