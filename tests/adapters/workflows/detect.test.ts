/** workflows adapter: which jobs are agent deployments, and why. */
import { describe, expect, it } from 'vitest';
import { workflowsAdapter } from '../../../src/adapters/workflows/index.js';
import { extract, only, yaml } from './helpers.js';

const WF = '.github/workflows/agent.yml';
/** A workflow with one job `agent`; `steps` are indented for the steps list, `extra` adds job keys. */
const job = (steps: string, extra = ''): string =>
  `on: workflow_dispatch\njobs:\n  agent:\n    runs-on: ubuntu-latest${extra}\n    steps:\n${steps}\n`;

describe('claims and sniff', () => {
  it('claims YAML files and reads workflow-shaped ones outside .github/workflows only', () => {
    expect(workflowsAdapter.claims('.github/workflows/ci.yml')).toBe(true);
    expect(workflowsAdapter.claims('.github/workflows/agent.md')).toBe(false);
    expect(workflowsAdapter.sniff!('.github/workflows/ci.yml', 'broken: [')).toBe(true);
    expect(workflowsAdapter.sniff!('examples/review.yml', 'on:\n  pull_request:\njobs:\n  a: {}\n')).toBe(true);
    expect(workflowsAdapter.sniff!('k8s/deploy.yaml', 'apiVersion: v1\nkind: Pod\n')).toBe(false);
  });

  it('says a caller of a local reusable workflow feeds the called jobs', () => {
    expect(
      workflowsAdapter.feeds!(
        '.github/workflows/caller.yml',
        'jobs:\n  call:\n    uses: ./.github/workflows/agent.yml\n',
      ),
    ).toEqual(['workflow-job']);
    expect(
      workflowsAdapter.feeds!(
        '.github/workflows/ci.yml',
        'jobs:\n  a:\n    steps:\n      - uses: ./.github/actions/setup\n',
      ),
    ).toEqual([]);
    expect(workflowsAdapter.feeds!('README.md', 'uses: ./x.yml')).toEqual([]);
  });
});

describe('agent steps', () => {
  it('recognises agent actions by name, whatever the ref', () => {
    const cases: [string, string][] = [
      ['anthropics/claude-code-action@v1', 'claude-code'],
      ['anthropics/claude-code-base-action@beta', 'claude-code'],
      ['openai/codex-action@0123456789abcdef0123456789abcdef01234567', 'codex'],
      ['openai/codex/.github/actions/codex@main', 'codex'],
      ['google-github-actions/run-gemini-cli@v0', 'gemini-cli'],
      ['google-gemini/gemini-cli-action@main', 'gemini-cli'],
      ['mirrajabi/aider-github-action@main', 'aider'],
      ['block/goose-action@v1', 'goose'],
    ];
    for (const [uses, agent] of cases) {
      const d = only({ [WF]: job(`      - uses: ${uses}`) });
      expect([d.agent, d.signals[0]]).toEqual([agent, expect.stringContaining(uses)]);
    }
  });

  it('recognises agent CLIs behind launchers and wrappers', () => {
    const cases: [string, string][] = [
      ['claude -p "review"', 'claude-code'],
      ['npx -y @anthropic-ai/claude-code@1.0.0 --print "review"', 'claude-code'],
      ['OUT=$(claude -p "x" --output-format json)', 'claude-code'],
      ['timeout 20m codex exec --full-auto "fix"', 'codex'],
      ['codex --yolo exec "fix"', 'codex'],
      ['npx @google/gemini-cli --yolo --prompt "fix"', 'gemini-cli'],
      ['uvx --from aider-chat aider -m "fix" file.py', 'aider'],
      ['GOOSE_MODE=auto goose run -t "fix"', 'goose'],
      ['copilot -p "fix" --allow-tool "shell(git:*)"', 'copilot'],
      ['cline -y "fix the tests"', 'cline'],
      ['opencode run "fix"', 'opencode'],
      ['cursor-agent -p "fix" --force', 'cursor'],
      ['python -m openhands.resolver.resolve_issue --issue-number 1', 'openhands'],
      ['bash -c "claude -p review"', 'claude-code'],
      ['sudo -E env FOO=1 srt claude -p "x"', 'claude-code'],
      ['docker run --rm -v "$PWD:/w" node:22 npx -y @openai/codex exec "fix"', 'codex'],
    ];
    for (const [run, agent] of cases) {
      const d = only({ [WF]: job(`      - run: ${JSON.stringify(run)}`) });
      expect(d.agent, run).toBe(agent);
    }
  });

  it('ignores setup actions and look-alike names', () => {
    for (const uses of [
      'someone/setup-claude-code@v1',
      'someone/codex-cli-installer@v2',
      'mscno/setup-goose@v1',
      'pressly/goose-migrate-action@v1',
    ]) {
      expect(extract({ [WF]: job(`      - uses: ${uses}`) }), uses).toEqual([]);
    }
  });

  it('ignores installs, management commands, comments, echoes and disabled jobs or steps', () => {
    const runs = [
      'npm install -g @anthropic-ai/claude-code',
      'claude mcp add github -- npx server',
      'claude --version',
      'codex login --api-key "$KEY"',
      'echo "run claude -p to review"',
      '# claude -p "commented out"',
      'gemini mcp list',
      'python -m openhands.resolver.send_pull_request',
    ];
    for (const run of runs) expect(extract({ [WF]: job(`      - run: ${JSON.stringify(run)}`) }), run).toEqual([]);
    expect(extract({ [WF]: job('      - uses: anthropics/claude-code-action@v1', '\n    if: false') })).toEqual([]);
    expect(extract({ [WF]: job('      - if: ${{ false }}\n        uses: openai/codex-action@v1') })).toEqual([]);
    expect(extract({ [WF]: job('      # - uses: openai/codex-action@v1\n      - run: ":"') })).toEqual([]);
  });

  it('takes an unquoted word nobody knows for any flag or subcommand, but not after a known subcommand', () => {
    const env = '\n        env:\n          ARGS: ${{ vars.AGENT_ARGS }}';
    for (const run of ['claude $ARGS', 'codex $ARGS', 'opencode $ARGS', 'claude ${{ vars.X }}', 'goose $UNSET_HERE']) {
      const found = extract({ [WF]: job(`      - run: ${JSON.stringify(run)}${env}`) });
      expect(
        found.map((d) => d.agent),
        run,
      ).toHaveLength(1);
    }
    // A quoted word is one word (the task's text), and after `login` it is that subcommand's argument.
    for (const run of ['claude "$PROMPT"', 'codex login $KEY', 'claude mcp add x $URL'])
      expect(extract({ [WF]: job(`      - run: ${JSON.stringify(run)}${env}`) }), run).toEqual([]);
  });

  it('yields one deployment per agent job, keyed by the job', () => {
    const text = yaml`
      on: push
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - run: npm test
        review:
          runs-on: ubuntu-latest
          steps:
            - uses: anthropics/claude-code-action@v1
            - run: claude -p "second pass"
    `;
    const [d, ...rest] = extract({ [WF]: text });
    expect(rest).toEqual([]);
    expect(d!.id).toBe(`workflow-job:${WF}#review`);
    expect(d!.at).toEqual({ file: WF, path: ['jobs', 'review'] });
    expect(d!.signals).toEqual(['uses anthropics/claude-code-action@v1', 'run: claude -p']);
  });

  it('follows a local composite action that runs an agent', () => {
    const d = only({
      [WF]: job('      - uses: ./.github/actions/review'),
      '.github/actions/review/action.yml': yaml`
        name: review
        runs:
          using: composite
          steps:
            - shell: bash
              run: claude -p "review" --dangerously-skip-permissions
      `,
    });
    expect(d.signals[0]).toContain('in .github/actions/review/action.yml, used by step 1');
    expect(d.sandbox.approval.source).toEqual({
      file: '.github/actions/review/action.yml',
      path: ['runs', 'steps', 0, 'run'],
      text: '--dangerously-skip-permissions',
    });
  });

  it('treats the Copilot setup job as the Copilot coding agent', () => {
    const d = only({
      '.github/workflows/copilot-setup-steps.yml': yaml`
      on: workflow_dispatch
      jobs:
        copilot-setup-steps:
          runs-on: ubuntu-latest
          permissions:
            contents: read
          steps:
            - uses: actions/checkout@v4
    `,
    });
    expect([d.agent, d.sandbox.network.value, d.sandbox.credentials.value]).toEqual(['copilot', 'open', 'read']);
    expect(d.sandbox.network.outside).toContain('Copilot coding agent firewall');
  });

  it('reads only the file name GitHub reads as the Copilot setup job, not one that merely ends like it', () => {
    const setup = (file: string) =>
      extract({
        [file]:
          'on: workflow_call\njobs:\n  copilot-setup-steps:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
      });
    expect(setup('.github/workflows/_copilot-setup-steps.yml')).toEqual([]);
    expect(setup('.github/workflows/copilot-setup-steps.yaml').map((d) => d.agent)).toEqual(['copilot']);
  });

  it('recognises an agent step by its name and model key, and by detect.agent-commands', () => {
    const named = job(
      '      - name: Run the review agent\n        run: python agent.py\n        env:\n          OPENAI_API_KEY: x',
    );
    expect(only({ [WF]: named }).agent).toBe('unknown');
    expect(
      extract({
        [WF]: job('      - name: Build\n        run: python build.py\n        env:\n          OPENAI_API_KEY: x'),
      }),
    ).toEqual([]);
    expect(
      extract({
        [WF]: job(
          '      - name: Set up the agent\n        run: pip install -r requirements.txt\n        env:\n          OPENAI_API_KEY: x',
        ),
      }),
    ).toEqual([]);
    const custom = extract({ [WF]: job('      - run: my-agent --task "fix"') }, WF, { 'agent-commands': ['my-agent'] });
    expect(custom.map((d) => d.signals[0])).toEqual(['run: my-agent (listed in detect.agent-commands)']);
  });

  it('reads workflow-shaped files outside .github/workflows and says GitHub does not run them', () => {
    const d = only({ 'examples/review.yml': job('      - uses: anthropics/claude-code-action@v1') });
    expect(d.signals).toContain('workflow-shaped file outside .github/workflows: GitHub does not run it from here');
    expect(
      extract({ 'config/jobs.yml': 'jobs:\n  a:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n' }),
    ).toEqual([]);
  });
});
