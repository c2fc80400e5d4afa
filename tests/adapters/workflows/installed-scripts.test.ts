/**
 * Scripts a remote action installs for a job's later steps (gh-aw's setup action copies its scripts
 * into `destination`): that action's code, not followed and not reported as run-not-followed, and
 * never the reason a job is taken for an unknown agent. Lock-file shapes are written by hand.
 */
import { describe, expect, it } from 'vitest';
import { spelledPath } from '../../../src/adapters/workflows/installed.js';
import type { Finding } from '../../../src/model.js';
import { extract, scanFiles } from './helpers.js';

const SETUP = 'github/gh-aw-actions/setup@ea4b911d44a5336c74325a122a5fd9110b45ff06';
const TEMP_DIR = '${{ runner.temp }}/gh-aw/actions';
const HARNESS =
  'node "${RUNNER_TEMP}/gh-aw/actions/claude_harness.cjs" claude --print --dangerously-skip-permissions "$(cat /tmp/gh-aw/prompt.txt)"';

interface StepSpec {
  name: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  env?: Record<string, string>;
  if?: string;
  shell?: string;
}

const quoted = (value: string): string => JSON.stringify(value);

/** A compiled-workflow-shaped job: its steps, in order, under `jobs.<id>`. */
function lockFile(jobs: Record<string, StepSpec[]>): string {
  const lines = ['on: pull_request', 'permissions: {}', 'jobs:'];
  for (const [id, steps] of Object.entries(jobs)) {
    lines.push(`  ${id}:`, '    runs-on: ubuntu-latest', '    permissions:', '      contents: read', '    steps:');
    for (const step of steps) {
      lines.push(`      - name: ${step.name}`);
      if (step.if) lines.push(`        if: ${step.if}`);
      if (step.uses) lines.push(`        uses: ${step.uses}`);
      if (step.shell) lines.push(`        shell: ${step.shell}`);
      if (step.with) {
        lines.push('        with:');
        for (const [k, v] of Object.entries(step.with)) lines.push(`          ${k}: ${quoted(v)}`);
      }
      if (step.run) lines.push(`        run: ${quoted(step.run)}`);
      if (step.env) {
        lines.push('        env:');
        for (const [k, v] of Object.entries(step.env)) lines.push(`          ${k}: ${quoted(v)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const setup = (destination?: string, extra: Partial<StepSpec> = {}): StepSpec => ({
  name: 'Setup Scripts',
  uses: SETUP,
  ...(destination === undefined ? {} : { with: { destination } }),
  ...extra,
});
const validate = (script = '"${RUNNER_TEMP}/gh-aw/actions/validate_multi_secret.sh"'): StepSpec => ({
  name: 'Validate ANTHROPIC_API_KEY secret',
  run: `bash ${script} ANTHROPIC_API_KEY`,
  env: { ANTHROPIC_API_KEY: '${{ secrets.ANTHROPIC_API_KEY }}' },
});
const agent = (): StepSpec => ({
  name: 'Execute Claude Code CLI',
  run: HARNESS,
  env: { ANTHROPIC_API_KEY: '${{ secrets.ANTHROPIC_API_KEY }}' },
});
const tmpDir = (script: string): StepSpec => ({ name: 'Create gh-aw temp directory', run: `bash ${script}` });

const WORKFLOW = '.github/workflows/smoke.lock.yml';
const notFollowed = (findings: readonly Finding[]): string[] =>
  findings
    .filter((f) => f.ruleId === 'run-not-followed')
    .map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
const scan = (jobs: Record<string, StepSpec[]>) => scanFiles({ [WORKFLOW]: lockFile(jobs) });

describe('scripts an earlier step’s action installed', () => {
  it('are that action’s code: not followed, not reported, kept on the job with the installing step', () => {
    const jobs = {
      agent: [setup(TEMP_DIR), tmpDir('"${RUNNER_TEMP}/gh-aw/actions/create_gh_aw_tmp_dir.sh"'), agent()],
    };
    const report = scan(jobs);
    expect(notFollowed(report.findings)).toEqual([]);
    const [deployment] = extract({ [WORKFLOW]: lockFile(jobs) });
    expect(deployment?.agent).toBe('claude-code');
    if (deployment?.kind !== 'workflow-job') throw new Error('expected a workflow job');
    expect(deployment.details.unfollowed).toBeUndefined();
    expect(deployment.details.actionCode).toEqual([
      {
        at: expect.objectContaining({ file: WORKFLOW, path: ['jobs', 'agent', 'steps', 1, 'run'] }),
        target: '"${RUNNER_TEMP}/gh-aw/actions/create_gh_aw_tmp_dir.sh"',
        action: SETUP,
        installedAt: { file: WORKFLOW, path: ['jobs', 'agent', 'steps', 0, 'uses'] },
        trace: 'step "Create gh-aw temp directory" → bash "${RUNNER_TEMP}/gh-aw/actions/create_gh_aw_tmp_dir.sh"',
      },
    ]);
    expect(deployment.details.notes).toContain(
      `1 command(s) run scripts that \`uses: ${SETUP}\` installed earlier in the job: that action's code, not followed (as no remote action is)`,
    );
  });

  it('lie in the directory the step names, or the action’s default one when it names none', () => {
    for (const [destination, script] of [
      [undefined, '/opt/gh-aw/actions/create_gh_aw_tmp_dir.sh'],
      ['/opt/gh-aw/actions', '/opt/gh-aw/actions/create_gh_aw_tmp_dir.sh'],
      ['/opt/gh-aw/actions/', '"/opt/gh-aw/actions"/x.sh'],
      [TEMP_DIR, '$RUNNER_TEMP/gh-aw/actions/create_gh_aw_tmp_dir.sh'],
      ['${{runner.temp}}/gh-aw/./actions', '"${{ runner.temp }}/gh-aw/actions/create_gh_aw_tmp_dir.sh"'],
    ] as const) {
      const report = scan({ agent: [setup(destination), tmpDir(script), agent()] });
      expect(notFollowed(report.findings), `${destination} ${script}`).toEqual([]);
    }
  });

  it('are installed by the setup action under each name it is published as, and by no fork of it', () => {
    const run = (uses: string) => scan({ agent: [{ ...setup(), uses }, tmpDir('/opt/gh-aw/actions/x.sh'), agent()] });
    for (const uses of ['github/gh-aw/actions/setup@v0.53.3', 'githubnext/gh-aw/actions/setup@a933c83', SETUP])
      expect(notFollowed(run(uses).findings), uses).toEqual([]);
    for (const uses of ['someone/gh-aw/actions/setup@v1', 'github/gh-aw/actions/other@v1', './actions/setup'])
      expect(notFollowed(run(uses).findings), uses).toHaveLength(1);
  });

  it('are the action’s code when a committed script the step runs calls them too', () => {
    const script = '#!/usr/bin/env bash\nbash "$RUNNER_TEMP/gh-aw/actions/create_gh_aw_tmp_dir.sh"\n';
    const files = { [WORKFLOW]: lockFile({ agent: [setup(TEMP_DIR), tmpDir('ci/prepare.sh'), agent()] }) };
    expect(notFollowed(scanFiles({ ...files, 'ci/prepare.sh': script }).findings)).toEqual([]);
    const reset = '#!/usr/bin/env bash\nRUNNER_TEMP=/tmp/mine\nbash "$RUNNER_TEMP/gh-aw/actions/x.sh"\n';
    expect(notFollowed(scanFiles({ ...files, 'ci/prepare.sh': reset }).findings)).toHaveLength(1);
  });

  it('count when the installing step has an `if:` that may skip it: skipped, the script is missing and fails', () => {
    const report = scan({ agent: [setup(TEMP_DIR, { if: 'github.event_name != "push"' }), validate(), agent()] });
    expect(notFollowed(report.findings)).toEqual([]);
  });

  it('stay not followed without an installing step before them in the same job', () => {
    const script = '"${RUNNER_TEMP}/gh-aw/actions/create_gh_aw_tmp_dir.sh"';
    // No setup step; the setup step after the script; the setup step in another job.
    expect(notFollowed(scan({ agent: [tmpDir(script), agent()] }).findings)).toEqual(['10:9-10:77']);
    expect(notFollowed(scan({ agent: [tmpDir(script), setup(TEMP_DIR), agent()] }).findings)).toEqual(['10:9-10:77']);
    const apart = scan({ activation: [setup(TEMP_DIR)], agent: [tmpDir(script), agent()] });
    expect(notFollowed(apart.findings)).toEqual(['19:9-19:77']);
  });

  it('stay not followed outside the installed directory, or where the directory is not known', () => {
    for (const [destination, script] of [
      [TEMP_DIR, '/opt/gh-aw/actions/x.sh'], // installed into the temp directory, run from the default one
      [TEMP_DIR, '"${RUNNER_TEMP}/gh-aw/actions/../../evil.sh"'],
      [TEMP_DIR, '"${RUNNER_TEMP}/gh-aw/actions-other/x.sh"'],
      [TEMP_DIR, '"${RUNNER_TEMP}/gh-aw/actions/sub/x.sh"'], // the action copies its scripts flat
      [TEMP_DIR, '"$TOOLS/gh-aw/actions/x.sh"'],
      ['${{ inputs.dir }}/gh-aw/actions', '"${RUNNER_TEMP}/gh-aw/actions/x.sh"'],
      ['gh-aw/actions', 'gh-aw/actions/x.sh'],
      // Directories other programs write to as well: a script there may be anyone's.
      ['/tmp', '/tmp/x.sh'],
      ['${{ runner.temp }}', '"$RUNNER_TEMP/x.sh"'],
      ['/', '/x.sh'],
    ] as const) {
      const report = scan({ agent: [setup(destination), tmpDir(script), agent()] });
      expect(notFollowed(report.findings), `${destination} ${script}`).toHaveLength(1);
    }
  });

  it('stay not followed once the job points the runner variable elsewhere or writes into the directory', () => {
    const script = '"${RUNNER_TEMP}/gh-aw/actions/x.sh"';
    for (const step of [
      { name: 'Run it', run: `bash ${script}`, env: { RUNNER_TEMP: '/tmp/mine' } },
      { name: 'Run it', run: `RUNNER_TEMP=$(mktemp -d)\nbash ${script}` },
      { name: 'Run it', run: `RUNNER_TEMP=/tmp bash ${script}` },
      { name: 'Run it', run: `curl -sSL https://example.com/x.sh > ${script}\nbash ${script}` },
      { name: 'Run it', run: `cp ./mine.sh "$RUNNER_TEMP/gh-aw/actions/"\nbash ${script}` },
    ]) {
      const report = scan({ agent: [setup(TEMP_DIR), step, agent()] });
      expect(notFollowed(report.findings), step.run).toHaveLength(1);
    }
    // Written in one step, run in a later one: the directory is no longer only the action's, whether
    // the write comes after the setup step or before it (the action copies only its own files).
    const written = { name: 'Write', run: `echo 'claude -p hi' > "$RUNNER_TEMP/gh-aw/actions/x.sh"` };
    const download = {
      name: 'Download',
      uses: 'actions/download-artifact@v4',
      with: { name: 'scripts', path: '${{ runner.temp }}/gh-aw' },
    };
    const github = (script: string) => ({ name: 'Script', uses: 'actions/github-script@v7', with: { script } });
    const fromScript = github(
      "require('fs').writeFileSync(process.env.RUNNER_TEMP + '/gh-aw/actions/x.sh', 'claude -p hi')",
    );
    const fromPython = {
      name: 'Python',
      shell: 'python',
      run: "open('/opt/gh-aw/actions/x.sh', 'w').write('claude -p hi')",
    };
    for (const steps of [
      [setup(TEMP_DIR), written, tmpDir(script)],
      [written, setup(TEMP_DIR), tmpDir(script)],
      [setup(TEMP_DIR), download, tmpDir(script)],
      [setup(TEMP_DIR), fromScript, tmpDir(script)],
      [setup(), fromPython, tmpDir('/opt/gh-aw/actions/x.sh')],
    ])
      expect(notFollowed(scan({ agent: [...steps, agent()] }).findings), steps[1]!.name).toHaveLength(1);
    // A write elsewhere, or after the script ran, changes nothing.
    const elsewhere = { name: 'Write', run: `echo '{}' > "$RUNNER_TEMP/gh-aw/mcp-config.json"` };
    const requires = github("const { main } = require(process.env.RUNNER_TEMP + '/gh-aw/actions/main.cjs');");
    for (const steps of [
      [setup(TEMP_DIR), elsewhere, tmpDir(script)],
      [setup(TEMP_DIR), requires, tmpDir(script)],
      [setup(TEMP_DIR), tmpDir(script), written],
    ])
      expect(notFollowed(scan({ agent: [...steps, agent()] }).findings)).toEqual([]);
  });
});

describe('a gh-aw activation job', () => {
  it('that validates the model key with a setup script is not an unknown agent', () => {
    const report = scan({ activation: [setup(TEMP_DIR), validate()], agent: [setup(TEMP_DIR), agent()] });
    expect(report.deployments.map((d) => `${d.name}: ${d.agent}`)).toEqual(['agent: claude-code']);
  });

  it('still is one when the script it hands the model key is not the action’s (no setup step before it)', () => {
    const report = scan({ activation: [validate()], agent: [setup(TEMP_DIR), agent()] });
    expect(report.deployments.map((d) => `${d.name}: ${d.agent}`)).toEqual([
      'activation: unknown',
      'agent: claude-code',
    ]);
  });

  it('keeps the agent job’s harness found and judged as the agent', () => {
    const report = scan({ agent: [setup(TEMP_DIR), validate(), agent()] });
    const [deployment] = report.deployments;
    expect(deployment?.agent).toBe('claude-code');
    expect(deployment?.sandbox.approval.value).toBe('bypassed');
    expect(deployment?.signals).toEqual(['run: claude --print']);
  });
});

describe('spelledPath', () => {
  it('spells a runner directory one way and resolves dots', () => {
    expect(spelledPath('${{ runner.temp }}/gh-aw/actions')).toBe('$RUNNER_TEMP/gh-aw/actions');
    expect(spelledPath('"${RUNNER_TEMP}/gh-aw/actions/x.sh"')).toBe('$RUNNER_TEMP/gh-aw/actions/x.sh');
    expect(spelledPath('"$RUNNER_TEMP"/a/./b/../c')).toBe('$RUNNER_TEMP/a/c');
    expect(spelledPath('/opt//gh-aw/actions/')).toBe('/opt/gh-aw/actions');
  });

  it('refuses what is not known before the run', () => {
    for (const text of [
      'gh-aw/actions',
      '$HOME/x',
      '${{ inputs.dir }}/x',
      '$RUNNER_TEMP/$X/y',
      '/opt/*/x',
      '$RUNNER_TEMP/../x',
    ])
      expect(spelledPath(text), text).toBeNull();
  });
});
