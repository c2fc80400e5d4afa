import { describe, expect, it } from 'vitest';
import { fetchedTexts } from '../../../src/adapters/workflows/fetched-text.js';

/** What reaches the command at the last line of `script`. */
const fetched = (script: string, reads: string[] = []): [string, string | null][] => {
  const start = script.lastIndexOf('\n') + 1;
  return fetchedTexts(script, start, script.length, reads).map((f) => [f.command, f.via]);
};

describe('outsider text a script fetches', () => {
  it('finds gh issue, pr and api fetches substituted into the command or a variable it reads', () => {
    expect(fetched('x\nclaude -p "$(gh issue view 5 --json body -q .body)"')).toEqual([
      ['gh issue view 5 --json body -q .body', null],
    ]);
    expect(fetched('BODY=$(gh pr view "$PR" --json title,body)\nclaude -p "$BODY"', ['BODY'])).toEqual([
      ['gh pr view "$PR" --json title,body', '$BODY'],
    ]);
    expect(
      fetched('  local c\n  c="$(gh api repos/o/r/issues/1/comments --jq .[].body)"\nclaude -p "$c"', ['c']),
    ).toEqual([['gh api repos/o/r/issues/1/comments --jq .[].body', '$c']]);
  });

  it('passes over fields no outsider writes, output only printed, and variables the command does not read', () => {
    expect(fetched('S=$(gh issue view 5 --json number,state,labels)\nclaude -p "$S"', ['S'])).toEqual([]);
    expect(fetched('gh issue view 5\nclaude -p "review"')).toEqual([]);
    expect(fetched('B=$(gh issue view 5)\nclaude -p "review"', [])).toEqual([]);
    expect(fetched('x\nclaude -p "$(gh release view v1)"')).toEqual([]);
  });
});

describe('hostile scripts', () => {
  it('stay linear with many fetches and substitutions', () => {
    const script = `${'B=$(gh issue view 1 ; '.repeat(20_000)}\nclaude -p "$B"`;
    const started = performance.now();
    expect(fetchedTexts(script, script.lastIndexOf('\n') + 1, script.length, ['B']).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000); // a hang guard, not a speed target
  });
});
