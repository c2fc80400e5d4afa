/** A bypass switch in a workflow that the repository settings the agent loads refuse (`security.disableYoloMode`). */
import { describe, expect, it } from 'vitest';
import { detailsOf } from '../../helpers/details.js';
import { extract, scanFiles, yaml } from './helpers.js';

const WF = '.github/workflows/agent.yml';
const GEMINI_OFF = '{ "security": { "disableYoloMode": true } }';
const CLAUDE_OFF = '{ "permissions": { "disableBypassPermissionsMode": "disable" } }';

const workflow = (trigger: string, checkout: string, command: string) => yaml`
    on: ${trigger}
    jobs:
      agent:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
${checkout}
          - run: ${command}
  `;

const judge = (files: Record<string, string>) => {
  const [job] = extract(files, WF);
  return { approval: job!.sandbox.approval, notes: detailsOf(job!, 'workflow-job').notes };
};

describe('bypass switches refused by the settings the agent loads', () => {
  it('does not take gemini --yolo as a bypass when .gemini/settings.json disables YOLO', () => {
    const { approval, notes } = judge({
      [WF]: workflow('push', '', 'gemini --yolo -p "triage"'),
      '.gemini/settings.json': GEMINI_OFF,
    });
    expect([approval.value, approval.source]).toEqual([
      'restricted',
      { file: '.gemini/settings.json', path: ['security', 'disableYoloMode'] },
    ]);
    expect(notes).toContain(
      '`security.disableYoloMode: true` in .gemini/settings.json refuses the bypass switch: Gemini CLI exits instead of starting in YOLO mode',
    );
  });

  it('keeps the bypass when the key is false, absent, or the file is missing', () => {
    for (const settings of ['{ "security": { "disableYoloMode": false } }', '{}', null]) {
      const files: Record<string, string> = { [WF]: workflow('push', '', 'gemini --approval-mode=yolo -p "x"') };
      if (settings) files['.gemini/settings.json'] = settings;
      expect(judge(files).approval.value).toBe('bypassed');
    }
  });

  it('does not credit the file when the job checks out the pull request head before the agent', () => {
    const checkout = ['            with:', '              ref: ${{ github.event.pull_request.head.sha }}'].join('\n');
    const { approval, notes } = judge({
      [WF]: workflow('pull_request_target', checkout, 'gemini -y -p "review"'),
      '.gemini/settings.json': GEMINI_OFF,
    });
    expect(approval.value).toBe('bypassed');
    expect(notes.some((n) => n.includes('is not credited against the bypass') && n.includes('head'))).toBe(true);
  });

  it('does not credit the file when the step points Gemini CLI at system settings, which take precedence', () => {
    const files = { '.gemini/settings.json': GEMINI_OFF };
    const exported = 'export GEMINI_CLI_SYSTEM_SETTINGS_PATH=ci/gemini.json; gemini --yolo -p "x"';
    expect(judge({ ...files, [WF]: workflow('push', '', exported) }).approval.value).toBe('bypassed');
    const viaEnv = yaml`
        on: push
        env:
          GEMINI_CLI_SYSTEM_SETTINGS_PATH: ci/gemini.json
        jobs:
          agent:
            runs-on: ubuntu-latest
            steps:
              - run: gemini --yolo -p "x"
      `;
    const { approval, notes } = judge({ ...files, [WF]: viaEnv });
    expect(approval.value).toBe('bypassed');
    expect(notes.some((n) => n.includes('the step sets GEMINI_CLI_SYSTEM_SETTINGS_PATH'))).toBe(true);
  });

  it('takes Claude Code disableBypassPermissionsMode from the project and local settings it loads', () => {
    const run = 'claude -p --dangerously-skip-permissions "update the docs"';
    expect(judge({ [WF]: workflow('push', '', run), '.claude/settings.json': CLAUDE_OFF }).approval.value).not.toBe(
      'bypassed',
    );
    expect(
      judge({ [WF]: workflow('push', '', run), '.claude/settings.local.json': CLAUDE_OFF }).approval.value,
    ).not.toBe('bypassed');
    // `--setting-sources user` loads neither project file, so neither can refuse the switch.
    const userOnly = 'claude -p --setting-sources user --dangerously-skip-permissions "x"';
    expect(judge({ [WF]: workflow('push', '', userOnly), '.claude/settings.json': CLAUDE_OFF }).approval.value).toBe(
      'bypassed',
    );
  });

  it('leaves a bypass the settings cannot refuse: another agent, or one that has no such key', () => {
    // The Gemini key does not stop Claude Code, and Qwen Code documents no key that refuses its -y.
    expect(
      judge({
        [WF]: workflow('push', '', 'claude -p --dangerously-skip-permissions "x"'),
        '.gemini/settings.json': GEMINI_OFF,
      }).approval.value,
    ).toBe('bypassed');
    expect(
      judge({ [WF]: workflow('push', '', 'qwen -y -p "x"'), '.qwen/settings.json': GEMINI_OFF }).approval.value,
    ).toBe('bypassed');
  });
});

describe('settings adopted from the checkout', () => {
  const action = (checkout: string) => yaml`
      on: pull_request_target
      jobs:
        review:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
${checkout}
            - uses: google-github-actions/run-gemini-cli@v0
              with:
                prompt: review this pull request
    `;
  const RESTRICTED = '{ "tools": { "core": ["read_file", "run_shell_command(git diff)"] } }';
  const approvalOf = (files: Record<string, string>) =>
    scanFiles(files).deployments.find((d) => d.kind === 'workflow-job')!.sandbox.approval;

  it('adopts a protective fact from the base checkout, not from the pull request head', () => {
    expect(approvalOf({ [WF]: action(''), '.gemini/settings.json': RESTRICTED }).value).toBe('restricted');
    const head = ['              with:', '                ref: ${{ github.event.pull_request.head.sha }}'].join('\n');
    expect(approvalOf({ [WF]: action(head), '.gemini/settings.json': RESTRICTED }).value).toBe('bypassed');
  });
});
