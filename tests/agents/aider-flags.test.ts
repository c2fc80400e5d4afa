/** What an aider run in a workflow loads: flags over AIDER_* variables over its YAML config. */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/model.js';
import { only } from '../adapters/workflows/helpers.js';

const WF = '.github/workflows/aider.yml';
const job = (run: string, env = ''): string =>
  `on: pull_request\njobs:\n  fix:\n    runs-on: ubuntu-latest\n${env}    steps:\n      - run: ${run}\n`;
type WorkflowJob = Deployment & { kind: 'workflow-job' };
const scan = (files: Record<string, string>): WorkflowJob => only(files, WF) as WorkflowJob;

describe('aider configuration in a workflow', () => {
  for (const flag of [
    '--config ci/aider.yml',
    '-c ci/aider.yml',
    '--config=./ci/aider.yml',
    '-c ${{ github.workspace }}/ci/aider.yml',
  ]) {
    it(`\`${flag}\` loads that YAML`, () => {
      const d = scan({ [WF]: job(`aider ${flag} -m "fix"`), 'ci/aider.yml': 'yes-always: true\n' });
      expect(d.sandbox.approval.value).toBe('bypassed');
      expect(d.sandbox.approval.source).toEqual({ file: 'ci/aider.yml', path: ['yes-always'] });
    });
  }

  it('`--config` replaces the default .aider.conf.yml', () => {
    const files = { 'ci/aider.yml': 'yes-always: false\n', '.aider.conf.yml': 'yes-always: true\n' };
    expect(scan({ ...files, [WF]: job('aider --config ci/aider.yml -m "fix"') }).sandbox.approval.value).not.toBe(
      'bypassed',
    );
    expect(scan({ ...files, [WF]: job('aider -m "fix"') }).sandbox.approval.value).toBe('bypassed');
  });

  it('AIDER_* variables decide over the config file; flags over both', () => {
    const config = { '.aider.conf.yml': 'yes-always: true\nauto-commits: true\n' };
    const off = scan({ ...config, [WF]: job('aider -m "fix"', '    env:\n      AIDER_YES_ALWAYS: "false"\n') });
    expect(off.sandbox.approval.value).not.toBe('bypassed');
    const on = scan({ [WF]: job('AIDER_YES_ALWAYS=yes aider -m "fix"') });
    expect(on.sandbox.approval.value).toBe('bypassed');
    expect(on.sandbox.approval.reason).toContain('`AIDER_YES_ALWAYS=yes`');
    const flag = scan({
      ...config,
      [WF]: job('aider --no-auto-commits -m "fix"', '    env:\n      AIDER_AUTO_COMMITS: "true"\n'),
    });
    expect(flag.details.notes).toContain('`--no-auto-commits`: aider does not commit each change it makes');
    const env = scan({ [WF]: job('aider -m "fix"', '    env:\n      AIDER_AUTO_COMMITS: "false"\n') });
    expect(env.details.notes).toContain('`AIDER_AUTO_COMMITS=false`: aider does not commit each change it makes');
  });

  it('a config known only at run time, or outside the repository, is not determinable', () => {
    const unknown = scan({
      [WF]: job('aider --config "$CFG" -m "fix"', '    env:\n      CFG: ${{ vars.AIDER_CONFIG }}\n'),
    });
    expect(unknown.details.undetermined).toEqual([
      expect.objectContaining({
        what: 'the aider configuration `--config` loads (known only when the job runs)',
        unknown: ['$CFG'],
      }),
    ]);
    const outside = scan({ [WF]: job('aider -c /etc/aider.yml -m "fix"') });
    expect(outside.details.undetermined?.[0]).toMatchObject({
      what: 'the aider configuration `-c` loads (outside the repository)',
      unknown: ['/etc/aider.yml'],
      at: { file: WF, text: '/etc/aider.yml' },
    });
  });

  it('a named config the repository does not hold is a note, not a pass in silence', () => {
    const d = scan({ [WF]: job('aider --config ci/missing.yml -m "fix"') });
    expect(d.details.notes).toContain(
      '`--config ci/missing.yml` names a file the repository does not hold: aider stops',
    );
  });
});
