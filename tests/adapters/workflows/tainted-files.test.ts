import { describe, expect, it } from 'vitest';
import { fetchOnLine, pipedFetch } from '../../../src/adapters/workflows/fetched-text.js';
import {
  fileKey,
  filesRead,
  filesWritten,
  mentionsPath,
  pipelineStart,
} from '../../../src/adapters/workflows/tainted-files.js';

/** Files `script` writes, judging a line tainted when it mentions `$BODY`. */
const written = (script: string): string[] => [
  ...filesWritten(script, (s, e) => (script.slice(s, e).includes('$BODY') ? 'body' : null)).keys(),
];

/** Files the command `command` (its words, as the shell reader's span has them) reads in `script`. */
const read = (script: string, command: string): string[] => {
  const start = script.indexOf(command);
  return filesRead(script, start, start + command.length).map((r) => `${r.path}@${script.slice(r.start, r.end)}`);
};

describe('files a step writes outsider text into', () => {
  it('reads every redirect and tee, and only on lines that carry the text', () => {
    expect(
      written('echo "$BODY" > a.md\necho hi > b.md\nprintf %s "$BODY" >> "./c.md"\necho "$BODY" | tee -a d.md'),
    ).toEqual(['a.md', 'c.md', 'd.md']);
    expect(written('echo "$BODY" &> "$GITHUB_WORKSPACE/e.md"; echo "$BODY" >| f.md')).toEqual(['e.md', 'f.md']);
  });

  it('passes over the runner files, devices and descriptors', () => {
    expect(written('echo "B=$BODY" >> $GITHUB_ENV\necho "$BODY" > /dev/null 2>&1\necho "$BODY" >&2')).toEqual([]);
  });

  it('stops at the command it is asked about', () => {
    const script = 'echo "$BODY" > a.md\nclaude -p x\necho "$BODY" > b.md';
    expect([...filesWritten(script, () => 'body', script.indexOf('claude')).keys()]).toEqual(['a.md']);
  });
});

describe('files the agent command reads', () => {
  it.each([
    ['substituted', 'claude -p "$(cat p.md)"', 'claude -p "$(cat p.md)"', ['p.md@$(cat p.md)']],
    ['$(< f)', 'claude -p "$(< ./p.md)"', 'claude -p "$(< ./p.md)"', ['p.md@$(< ./p.md)']],
    ['backticks', 'claude -p "`cat p.md`"', 'claude -p "`cat p.md`"', ['p.md@`cat p.md`']],
    ['its standard input', 'claude -p x < p.md', 'claude -p x', ['p.md@ < p.md']],
    ['piped from cat', 'cat "p.md" | jq . | claude -p x', 'claude -p x', ['p.md@cat "p.md" |']],
    ['not a cat before another command', 'cat p.md | wc -l; claude -p x', 'claude -p x', []],
    ['not a heredoc or process substitution', "claude -p x <<'EOF'\nhi\nEOF", 'claude -p x', []],
    ['not the next command’s input', 'claude -p x | tee out && wc < p.md', 'claude -p x', []],
  ])('%s', (_label, script, command, reads) => {
    expect(read(script, command)).toEqual(reads);
  });
});

describe('paths and pipelines', () => {
  it('names a file one way however the workspace is spelled', () => {
    for (const p of ['./p.md', '$GITHUB_WORKSPACE/p.md', '${GITHUB_WORKSPACE}/p.md', '${{ github.workspace }}/p.md'])
      expect(fileKey(p)).toBe('p.md');
    expect(fileKey('$RUNNER_TEMP/p.md')).toBe('$RUNNER_TEMP/p.md');
  });

  it('finds a path only as a whole word', () => {
    expect(mentionsPath('jq -r .body issue.json > p', 'issue.json')).toBe(true);
    expect(mentionsPath('jq -r .body ./issue.json', 'issue.json')).toBe(true);
    expect(mentionsPath('cat old-issue.json.bak', 'issue.json')).toBe(false);
    expect(mentionsPath('cat docs/issue.json', 'issue.json')).toBe(false);
  });

  it('a pipeline starts after the last list operator on its line', () => {
    const script = 'a; b && gh issue view 1 | claude';
    expect(script.slice(pipelineStart(script, script.indexOf('claude')))).toBe(' gh issue view 1 | claude');
  });
});

describe('fetches on a line, and piped into a command', () => {
  it('a line runs a fetch or reads a variable an earlier line assigned one', () => {
    const script = 'BODY=$(gh issue view 5 --json body)\necho "B=$BODY" >> "$GITHUB_ENV"\necho "N=$N" >> "$GITHUB_ENV"';
    const line = (n: number): [number, number] => {
      const lines = script.split('\n');
      const start = lines.slice(0, n).join('\n').length + (n > 0 ? 1 : 0);
      return [start, start + lines[n]!.length];
    };
    expect(fetchOnLine(script, ...line(1))).toBe('gh issue view 5 --json body');
    expect(fetchOnLine(script, ...line(2))).toBeNull();
    expect(fetchOnLine('gh pr view 3 --json body > pr.json', 0, 34)).toBe('gh pr view 3 --json body');
    expect(fetchOnLine('gh pr view 3 --json number > pr.json', 0, 36)).toBeNull();
  });

  it('only a fetch whose output the command reads', () => {
    const piped = (script: string) => {
      const start = script.indexOf('claude');
      return pipedFetch(script, pipelineStart(script, start), start)?.command ?? null;
    };
    expect(piped('gh issue list --json title | jq . | claude -p x')).toBe('gh issue list --json title');
    expect(piped('curl -s https://api.github.com/repos/o/r/pulls/1/comments | claude -p x')).toBe(
      'curl -s https://api.github.com/repos/o/r/pulls/1/comments',
    );
    expect(piped('gh issue view 1; claude -p x')).toBeNull();
    expect(piped('gh label list | claude -p x')).toBeNull();
  });
});

describe('hostile scripts', () => {
  it('stay linear with many writing lines and fetch assignments', () => {
    const script = 'B=$(gh issue view 1)\n' + 'echo "$B" > f.md\n'.repeat(20_000);
    const started = performance.now();
    filesWritten(script, (s, e) => fetchOnLine(script, s, e));
    expect(performance.now() - started).toBeLessThan(5_000); // a hang guard, not a speed target
  });
});
