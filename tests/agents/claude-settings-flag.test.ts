/** `claude --settings FILE|JSON` in a workflow: a repository file is the job's settings; anything else cannot be judged. */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/model.js';
import { only } from '../adapters/workflows/helpers.js';

const WF = '.github/workflows/claude.yml';
const job = (run: string, env = ''): string =>
  `on: pull_request\njobs:\n  review:\n    runs-on: ubuntu-latest\n${env}    steps:\n      - run: ${run}\n`;
type WorkflowJob = Deployment & { kind: 'workflow-job' };
const scan = (files: Record<string, string>): WorkflowJob => only(files, WF) as WorkflowJob;
const BYPASS = '{"permissions": {"defaultMode": "bypassPermissions"}}';
const SANDBOX = '{"sandbox": {"enabled": true}}';

describe('claude --settings', () => {
  for (const path of [
    'ci/claude.json',
    './ci/claude.json',
    '"$GITHUB_WORKSPACE/ci/claude.json"',
    '${{ github.workspace }}/ci/claude.json',
  ]) {
    it(`\`--settings ${path}\` is judged as the job's settings`, () => {
      const d = scan({ [WF]: job(`claude -p "review" --settings ${path}`), 'ci/claude.json': SANDBOX });
      expect(d.sandbox.isolation.value).toBe('process');
      expect(d.sandbox.isolation.source).toEqual({ file: 'ci/claude.json', path: ['sandbox', 'enabled'] });
    });
  }

  it('a variable is not determinable, at the flag value', () => {
    const d = scan({
      [WF]: job('claude -p "review" --settings "$SETTINGS"', '    env:\n      SETTINGS: ${{ vars.CLAUDE_SETTINGS }}\n'),
    });
    expect(d.details.undetermined).toEqual([
      expect.objectContaining({
        what: 'the Claude Code settings `--settings` loads (known only when the job runs)',
        unknown: ['$SETTINGS'],
        at: expect.objectContaining({ file: WF, text: '"$SETTINGS"' }),
      }),
    ]);
  });

  it('a file outside the checkout is not determinable; a missing repository file is a note', () => {
    const outside = scan({ [WF]: job('claude -p "review" --settings /tmp/claude.json') });
    expect(outside.details.undetermined?.[0]).toMatchObject({
      what: 'the Claude Code settings `--settings` loads (outside the repository)',
      unknown: ['/tmp/claude.json'],
    });
    const missing = scan({ [WF]: job('claude -p "review" --settings ci/none.json') });
    expect(missing.details.undetermined).toBeUndefined();
    expect(missing.details.notes).toContain('`--settings ci/none.json` names a file that was not found');
  });

  it('inline JSON is read as it was', () => {
    const d = scan({ [WF]: job(`|\n          claude -p "review" --settings '${BYPASS}'`) });
    expect(d.sandbox.approval.value).toBe('bypassed');
  });

  it('in claude_args, an unknown --settings value is reported once', () => {
    const wf =
      'on: pull_request\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: --settings ${{ vars.SETTINGS }}\n';
    const d = scan({ [WF]: wf });
    expect(d.details.undetermined).toHaveLength(1);
    expect(d.details.undetermined?.[0]?.unknown).toEqual(['vars.SETTINGS']);
  });
});
