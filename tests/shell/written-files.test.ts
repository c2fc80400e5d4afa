import { describe, expect, it } from 'vitest';
import { readShell, UNKNOWN } from '../../src/shell/index.js';

/** What the script wrote to `file` (as written), or undefined. */
const written = (script: string, file: string): string | undefined => readShell(script).written.get(file)?.value;

describe('text a block writes to a file', () => {
  it('appends each write, with echo joining its words by spaces', () => {
    const script = 'echo "A=1" >> "$GITHUB_ENV"\necho B=2 three >> "$GITHUB_ENV"';
    expect(written(script, '$GITHUB_ENV')).toBe('A=1\nB=2 three');
  });

  it('prints printf formats of text, escapes and %s, reusing the format for more arguments', () => {
    expect(written(`printf 'A=%s\\n' x >> f`, 'f')).toBe('A=x\n');
    expect(written(`printf '%s=%s\\n' A 1 B 2 > f`, 'f')).toBe('A=1\nB=2\n');
    expect(written(`printf '100%%\\tdone' > f`, 'f')).toBe('100%\tdone');
    // Any other directive is not modelled: nothing is taken as written.
    expect(written(`printf '%d\\n' 3 > f`, 'f')).toBeUndefined();
  });

  it('sends every command of a redirected group to the file, truncated once', () => {
    const script = 'echo old > f\n{\n  echo "A<<EOF"\n  echo x\n  echo EOF\n} > f';
    expect(written(script, 'f')).toBe('A<<EOF\nx\nEOF');
    expect(written('{ echo A=1; echo B=2 > g; } >> f', 'f')).toBe('A=1');
    expect(written('{ echo A=1; echo B=2 > g; } >> f', 'g')).toBe('B=2');
  });

  it('points each written character at where it is written, and marks what cannot be known', () => {
    const script = 'echo "A=$(date)" >> out';
    const text = readShell(script, { base: 100 }).written.get('out')!;
    expect(text.value).toBe(`A=${UNKNOWN}`);
    expect(text.offsets[0]).toBe(100 + script.indexOf('A='));
  });
});

describe('scripts handed to an interpreter', () => {
  const targets = (script: string): [string, string | undefined][] =>
    readShell(script).invocations.map((i) => [i.target?.value ?? '', i.runner]);

  it('names the script file python or node runs, after their options', () => {
    expect(targets('python3 -u ci/agent.py --task x')).toEqual([['ci/agent.py', 'python3']]);
    expect(targets('node --env-file .env scripts/review.mjs')).toEqual([['scripts/review.mjs', 'node']]);
    expect(targets('deno run tools/x.ts')).toEqual([['tools/x.ts', 'deno']]);
  });

  it('names none for a module, inline code or an operand that is not a script', () => {
    expect(targets('python -m aider --yes')).toEqual([]);
    expect(targets(`python -c 'import os'`)).toEqual([]);
    expect(targets(`node -e 'console.log(1)'`)).toEqual([]);
    expect(targets('python manage')).toEqual([]);
  });
});
