/**
 * Suggested fixes through the bundled action against the loopback API: one review with ```suggestion
 * blocks on the lines the pull request added, edited (not reposted) on a re-run, removed when the
 * fix is gone, and skipped with one warning on a read-only token.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent, writeRepo } from './harness.js';
import { actionSuite } from './suite.js';

const FILE = '.github/workflows/claude.yml';
const WORKFLOW = `on: pull_request
jobs:
  fix:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: anthropics/claude-code-action@v1
        with:
          anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
          claude_args: --dangerously-skip-permissions --max-turns 5
          prompt: Fix the failing test.
`;

/** The pull request adds the whole file. */
const addedPatch = (text: string): string => {
  const lines = text.replace(/\n$/, '').split('\n');
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
};

const suite = actionSuite();
const run = suite.run;

function openPull(text: string): string {
  const workspace = writeRepo({ [FILE]: text });
  suite.api.pullFiles.set(7, [FILE]);
  suite.api.pullPatches.set(FILE, addedPatch(text));
  return workspace;
}

const comments = () => suite.api.reviewComments.get(7) ?? [];
const suggestionOf = (body: string): string => /```suggestion\n([\s\S]*?)\n```$/.exec(body)![1]!;

/** What committing one suggestion does to the file. */
function commit(text: string, c: { line: number; start_line?: number; body: string }): string {
  const lines = text.split('\n');
  const start = c.start_line ?? c.line;
  lines.splice(start - 1, c.line - start + 1, ...suggestionOf(c.body).split('\n'));
  return lines.join('\n');
}

describe('suggested fixes on the pull request', () => {
  it('posts one review whose suggestions, committed, are the fixes', async () => {
    const workspace = openPull(WORKFLOW);
    const r = await run({ workspace });
    expect(r.stderr).toBe('');
    expect(suite.api.postedReviews).toHaveLength(1);
    expect(suite.api.postedReviews[0]).toMatchObject({
      event: 'COMMENT',
      commit_id: 'headsha00000000000000000000000000000000',
    });
    expect(suite.api.postedReviews[0]!.body).toContain('agent-sandbox-guard');
    const byRule = new Map(comments().map((c) => [/\*\*([\w-]+)\*\*/.exec(c.body)![1], c]));
    expect([...byRule.keys()].sort()).toEqual([
      'approval-bypassed',
      'credentials-persisted',
      'credentials-scoped',
      'sandbox-required',
    ]);
    // limits-required fixes the same line as credentials-scoped: one suggestion per line per run.
    expect(commit(WORKFLOW, byRule.get('credentials-persisted')!)).toBe(
      WORKFLOW.replace(
        '      - uses: actions/checkout@v4\n',
        '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n',
      ),
    );
    expect(commit(WORKFLOW, byRule.get('approval-bypassed')!)).toBe(
      WORKFLOW.replace(' --dangerously-skip-permissions', ''),
    );
    expect(byRule.get('credentials-scoped')).toMatchObject({ line: 4, path: FILE });
    expect(r.stdout).toMatch(/Suggested fixes: 4 new in review \d+, 0 updated, 0 unchanged, 0 removed\./);
  });

  it('edits its own comments on a re-run instead of posting another review, and removes stale ones', async () => {
    const workspace = openPull(WORKFLOW);
    await run({ workspace });
    const first = comments().map((c) => ({ ...c }));

    const same = await run({ workspace });
    expect(suite.api.postedReviews).toHaveLength(1);
    expect(same.stdout).toMatch(/Suggested fixes: 0 new, 0 updated, 4 unchanged, 0 removed\./);

    // The author fixes the bypass by hand and renames the runner: one suggestion goes, one changes.
    const edited = WORKFLOW.replace(' --dangerously-skip-permissions', '').replace('ubuntu-latest', 'ubuntu-24.04');
    writeFileSync(path.join(workspace, FILE), edited);
    suite.api.pullPatches.set(FILE, addedPatch(edited));
    const again = await run({ workspace });
    expect(again.stdout).toMatch(/Suggested fixes: 0 new, 1 updated, 2 unchanged, 1 removed\./);
    expect(suite.api.postedReviews).toHaveLength(1);
    const now = comments();
    expect(now.map((c) => c.id).sort()).toEqual(
      first
        .filter((c) => !c.body.includes('approval-bypassed'))
        .map((c) => c.id)
        .sort(),
    );
    expect(now.find((c) => c.body.includes('credentials-scoped'))!.body).toContain('runs-on: ubuntu-24.04');
    const methods = suite.api.writes().map((w) => `${w.method} ${w.path.replace(/\d+$/, 'N')}`);
    expect(methods.filter((m) => m.includes('/pulls/comments/'))).toEqual([
      'PATCH /repos/octo/repo/pulls/comments/N',
      'DELETE /repos/octo/repo/pulls/comments/N',
    ]);
  });

  it('leaves lines the pull request did not change alone', async () => {
    const workspace = openPull(WORKFLOW);
    // Only the claude_args line is new in this pull request.
    suite.api.pullPatches.set(
      FILE,
      `@@ -9,1 +9,2 @@\n   anthropic_api_key: x\n+          claude_args: --dangerously-skip-permissions --max-turns 5`,
    );
    await run({ workspace });
    expect(comments().map((c) => /\*\*([\w-]+)\*\*/.exec(c.body)![1])).toEqual(['approval-bypassed']);
  });

  it('skips with one warning on a read-only token (a fork) and posts nothing', async () => {
    const workspace = openPull(WORKFLOW);
    suite.api.readOnly = true;
    const r = await run({ workspace, event: pullRequestEvent({ fork: true }) });
    const warnings = r.annotations.filter((a) => a.name === 'warning' && /token cannot/.test(a.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('post suggested fixes (it needs `pull-requests: write`)');
    expect(suite.api.postedReviews).toHaveLength(0);
  });

  it('is off with suggestions: false, and by default outside pull_request events', async () => {
    const workspace = openPull(WORKFLOW);
    await run({ workspace, inputs: { suggestions: 'false' } });
    await run({ workspace, eventName: 'pull_request_target' });
    expect(suite.api.requests.some((q) => q.path.endsWith('/pulls/7/comments'))).toBe(false);
    expect(readFileSync(path.join(workspace, FILE), 'utf8')).toBe(WORKFLOW);
  });
});
