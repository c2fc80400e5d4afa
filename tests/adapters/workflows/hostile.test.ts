/** workflows adapter on hostile input: large or repetitive workflows stay fast and positions exact. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/documents/index.js';
import { extract, only } from './helpers.js';

const WF = '.github/workflows/agent.yml';
/**
 * A guard against hangs, not a speed target (those live in `npm run bench`): every `run:` block is
 * parsed whole by the bash grammar, about 25-50 µs per word on a loaded 2-core runner.
 */
const HANG = 30_000;
const timed = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const result = f();
  return [result, performance.now() - start];
};

describe('hostile workflows', () => {
  it('points each repeated flag at its own line, and stays linear with many repeats', () => {
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `          claude -p "task ${i}" --dangerously-skip-permissions`,
    );
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${lines.join('\n')}\n`;
    const [deployments, ms] = timed(() => extract({ [WF]: text }));
    expect(ms).toBeLessThan(HANG);
    const { approval } = deployments[0]!.sandbox;
    const sources = [approval.source!, ...(approval.more ?? []).map((m) => m.source)];
    // Runs per step are capped, so the count is bounded whatever the input.
    expect(sources.length).toBe(50);
    const doc = parseDocument(WF, text).documents[0]!;
    expect(sources.slice(0, 3).map((s) => doc.locateText(s.path, s.text!).line)).toEqual([7, 8, 9]);
    expect(doc.locateText(sources[49]!.path, sources[49]!.text!).line).toBe(56);
  });

  it('reads long lines of expressions, PR refs and conditions quickly', () => {
    const noise = 'pull/x '.repeat(100_000) + '${{ '.repeat(50_000);
    const condition = "contains(github.event.comment.body, 'x') && ".repeat(5_000) + "github.actor == 'a'";
    const text = `on: issue_comment\njobs:\n  a:\n    if: ${JSON.stringify(condition)}\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${JSON.stringify(noise)}\n      - run: ${JSON.stringify(`git checkout ${noise}; claude -p "x"`)}\n`;
    const [deployment, ms] = timed(() => only({ [WF]: text }));
    expect(ms).toBeLessThan(HANG);
    expect(deployment.agent).toBe('claude-code');
  });
});
