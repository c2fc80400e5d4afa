/** workflows adapter: the six sandbox facts of a job, with their reasons and sources. */
import { describe, expect, it } from 'vitest';
import { only, yaml } from './helpers.js';

const WF = '.github/workflows/agent.yml';

describe('claude-code-action', () => {
  it('points a bypass at its flag and reports what the job does not declare as defaults', () => {
    const d = only({
      [WF]: yaml`
      on: pull_request_target
      jobs:
        fix:
          runs-on: ubuntu-latest
          steps:
            - uses: anthropics/claude-code-action@v1
              with:
                claude_args: --max-turns 5 --dangerously-skip-permissions
    `,
    });
    const { isolation, network, approval, credentials, limits } = d.sandbox;
    expect(approval).toEqual({
      value: 'bypassed',
      reason: '`--dangerously-skip-permissions` in `claude_args` turns every permission check off',
      source: {
        file: WF,
        path: ['jobs', 'fix', 'steps', 0, 'with', 'claude_args'],
        text: '--dangerously-skip-permissions',
      },
    });
    expect([isolation.value, isolation.source, isolation.reason]).toEqual([
      'none',
      null,
      expect.stringContaining("beside the job's token and secrets"),
    ]);
    expect([network.value, network.source]).toEqual(['open', null]);
    expect(credentials).toEqual({
      value: 'write',
      reason: 'no permissions block: the token gets the repository default, which may be read-write',
      source: null,
    });
    // `--max-turns` bounds the session where it is written (Claude Code's flag facts).
    expect([limits.value, limits.source]).toEqual([
      'bounded',
      { file: WF, path: ['jobs', 'fix', 'steps', 0, 'with', 'claude_args'], text: '--max-turns' },
    ]);
  });

  it('reads the allowlist, inline settings, the job permissions and the timeout', () => {
    const d = only({
      [WF]: yaml`
      on: pull_request
      permissions:
        contents: write
      jobs:
        review:
          runs-on: ubuntu-latest
          timeout-minutes: 15
          permissions:
            contents: read
          steps:
            - uses: anthropics/claude-code-action@v1
              with:
                claude_args: --allowedTools "Read,Grep,Bash(gh pr diff:*)"
                settings: '{"sandbox": {"enabled": true, "network": {"allowedDomains": ["api.github.com"]}}}'
    `,
    });
    const step = ['jobs', 'review', 'steps', 0, 'with'];
    expect(d.sandbox.isolation).toMatchObject({
      value: 'process',
      source: { path: [...step, 'settings'], text: '"enabled": true' },
    });
    expect(d.sandbox.network).toMatchObject({
      value: 'allowlist',
      source: { path: [...step, 'settings'], text: '"allowedDomains": ["api.github.com"]' },
    });
    expect(d.sandbox.approval).toMatchObject({
      value: 'restricted',
      reason: '`--allowedTools` in `claude_args` allows only 3 listed tool(s)',
    });
    expect(d.sandbox.filesystem.value).toBe('workspace');
    expect(d.sandbox.credentials).toEqual({
      value: 'read',
      reason: 'every scope in `permissions:` is read or none',
      source: { file: WF, path: ['jobs', 'review', 'permissions'] },
    });
    expect(d.sandbox.limits.source).toEqual({ file: WF, path: ['jobs', 'review', 'timeout-minutes'] });
  });

  it('marks arbitrary-execution allowlist entries unrestricted, one source per entry', () => {
    const d = only({
      [WF]: yaml`
      on: workflow_dispatch
      jobs:
        fix:
          runs-on: ubuntu-latest
          steps:
            - uses: anthropics/claude-code-action@v1
              with:
                allowed_tools: "Edit,Bash(npx:*),Bash(python3:*)"
    `,
    });
    const path = ['jobs', 'fix', 'steps', 0, 'with', 'allowed_tools'];
    expect(d.sandbox.approval.value).toBe('unrestricted');
    expect(d.sandbox.approval.source).toEqual({ file: WF, path, text: 'Bash(npx:*)' });
    expect(d.sandbox.approval.more?.map((m) => m.source)).toEqual([{ file: WF, path, text: 'Bash(python3:*)' }]);
    expect(d.sandbox.filesystem.value).toBe('full');
  });

  it('counts write scopes, handed secrets and persisted checkout tokens as write credentials', () => {
    const d = only({
      [WF]: yaml`
      on: workflow_dispatch
      permissions:
        contents: read
        issues: write
      jobs:
        fix:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
              with:
                token: \${{ secrets.BOT_PAT }}
            - uses: anthropics/claude-code-action@v1
              with:
                anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
                github_token: \${{ secrets.RELEASE_TOKEN }}
              env:
                GIT_USERNAME: \${{ secrets.BOT_USERNAME }}
    `,
    });
    const { credentials } = d.sandbox;
    expect(credentials.source).toEqual({ file: WF, path: ['permissions', 'issues'] });
    expect(credentials.more?.map((m) => m.source.path)).toEqual([
      ['jobs', 'fix', 'steps', 1, 'with', 'github_token'],
      ['jobs', 'fix', 'steps', 0, 'with', 'token'],
    ]);
    expect(credentials.more?.[0]?.reason).toBe(
      '`github_token` hands the agent secret RELEASE_TOKEN, whose scope cannot be checked here',
    );
  });

  it('does not count a model provider key handed to the agent as a write credential', () => {
    // Ahoo-Wang/fetcher .github/workflows/opencode.yml hands opencode MINIMAX_API_KEY, its model key.
    const d = only({
      [WF]: yaml`
      on: workflow_dispatch
      permissions:
        contents: read
      jobs:
        opencode:
          runs-on: ubuntu-latest
          steps:
            - uses: anomalyco/opencode/github@latest
              env:
                MINIMAX_API_KEY: \${{ secrets.MINIMAX_API_KEY }}
                OPENCODE_API_KEY: \${{ secrets.OPENCODE_API_KEY }}
                ZHIPU_API_KEY: \${{ secrets.ZHIPU_API_KEY }}
                MOONSHOT_API_KEY: \${{ secrets.KIMI_API_KEY }}
                CEREBRAS_API_KEY: \${{ secrets.CEREBRAS_API_KEY }}
              with:
                model: minimax/MiniMax-M2
    `,
    });
    expect(d.sandbox.credentials.value).toBe('read');
  });
});

describe('codex', () => {
  it('credits the action default sandbox and resolves matrix inputs to their weakest value', () => {
    const d = only({
      [WF]: yaml`
      on: workflow_dispatch
      jobs:
        codex:
          runs-on: ubuntu-latest
          strategy:
            matrix:
              sandbox: [read-only, danger-full-access]
          steps:
            - uses: openai/codex-action@v1
              with:
                sandbox: \${{ matrix.sandbox }}
                codex-args: '["--config", "sandbox_workspace_write.network_access=true"]'
    `,
    });
    expect(d.sandbox.isolation).toMatchObject({
      value: 'none',
      source: { path: ['jobs', 'codex', 'strategy', 'matrix', 'sandbox', 1] },
    });
    expect(d.sandbox.network.value).toBe('open');
  });

  it('keeps the default sandbox when nothing is declared', () => {
    const d = only({
      [WF]: 'on: push\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: openai/codex-action@v1\n',
    });
    expect([
      d.sandbox.isolation.value,
      d.sandbox.isolation.source,
      d.sandbox.network.value,
      d.sandbox.filesystem.value,
    ]).toEqual(['process', null, 'none', 'workspace']);
  });

  it('reads codex exec flags in run:, including -c overrides', () => {
    const d = only({
      [WF]: 'on: push\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - run: codex exec -c sandbox_mode="danger-full-access" "fix"\n',
    });
    expect(d.sandbox.isolation).toMatchObject({
      value: 'none',
      source: { path: ['jobs', 'c', 'steps', 0, 'run'], text: 'sandbox_mode="danger-full-access"' },
    });
  });
});

describe('gemini', () => {
  it('treats run-gemini-cli as --yolo unless settings restrict its tools', () => {
    const bare = only({
      [WF]: 'on: issues\njobs:\n  g:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: google-github-actions/run-gemini-cli@v0\n',
    });
    expect(bare.sandbox.approval).toEqual({
      value: 'bypassed',
      reason:
        'google-github-actions/run-gemini-cli@v0 always runs `gemini --yolo` and no `tools.core` allowlist in `settings` limits its tools',
      source: { file: WF, path: ['jobs', 'g', 'steps', 0, 'uses'] },
    });
    const restricted = only({
      [WF]: yaml`
      on: issues
      jobs:
        g:
          runs-on: ubuntu-latest
          steps:
            - uses: google-github-actions/run-gemini-cli@v0
              env:
                GEMINI_SANDBOX: runsc
              with:
                settings: '{"tools": {"core": ["read_file", "run_shell_command(echo)"]}}'
    `,
    });
    expect(restricted.sandbox.approval.value).toBe('restricted');
    expect(restricted.sandbox.isolation).toMatchObject({
      value: 'gvisor',
      source: { path: ['jobs', 'g', 'steps', 0, 'env', 'GEMINI_SANDBOX'] },
    });
  });
});

describe('gemini (legacy action)', () => {
  it('reads the legacy gemini-cli-action settings from its `settings_json` input', () => {
    const restricted = only({
      [WF]: yaml`
      on: issues
      jobs:
        g:
          runs-on: ubuntu-latest
          steps:
            - uses: google-gemini/gemini-cli-action@main
              with:
                settings_json: |
                  { "coreTools": [ "run_shell_command(gh issue comment)" ] }
    `,
    });
    expect(restricted.sandbox.approval.value).toBe('restricted');
    const bare = only({
      [WF]: 'on: issues\njobs:\n  g:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: google-gemini/gemini-cli-action@main\n',
    });
    expect(bare.sandbox.approval.reason).toContain('allowlist in `settings_json`');
  });
});

describe('job layers', () => {
  it('credits a job container unless its options hand it the host', () => {
    const contained = only({
      [WF]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: node:22\n    steps:\n      - run: codex --yolo exec "x"\n',
    });
    expect(contained.sandbox.isolation).toMatchObject({
      value: 'container',
      source: { path: ['jobs', 'a', 'container'] },
    });
    expect(contained.sandbox.approval.value).toBe('bypassed');
    const escaped = only({
      [WF]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: node:22\n      volumes:\n        - /var/run/docker.sock:/var/run/docker.sock\n    steps:\n      - run: claude -p "x"\n',
    });
    expect(escaped.sandbox.isolation).toMatchObject({
      value: 'none',
      source: { path: ['jobs', 'a', 'container', 'volumes', 0] },
    });
  });

  it('counts harden-runner only with egress-policy block before the agent', () => {
    const steps = (policy: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: step-security/harden-runner@v2\n        with:\n          egress-policy: ${policy}\n      - run: claude -p "x"\n`;
    expect(only({ [WF]: steps('block') }).sandbox.network).toMatchObject({
      value: 'allowlist',
      source: { path: ['jobs', 'a', 'steps', 0, 'with', 'egress-policy'] },
    });
    expect(only({ [WF]: steps('audit') }).sandbox.network).toMatchObject({
      value: 'open',
      reason: 'harden-runner runs with `egress-policy: audit`, which only logs connections',
    });
  });

  it('names a self-hosted runner in the isolation reason', () => {
    const d = only({
      [WF]: 'on: push\njobs:\n  a:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: aider -m "x"\n',
    });
    expect(d.sandbox.isolation.reason).toContain('a self-hosted runner, which keeps state between jobs');
  });

  it('follows flags through environment variables set in env: or earlier in the script', () => {
    const fromEnv = only({
      [WF]: yaml`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          env:
            CLAUDE_FLAGS: --max-turns 5 --dangerously-skip-permissions
          steps:
            - run: claude -p "fix" $CLAUDE_FLAGS
    `,
    });
    expect(fromEnv.sandbox.approval).toEqual({
      value: 'bypassed',
      reason: '`--dangerously-skip-permissions` in `CLAUDE_FLAGS` in env turns every permission check off',
      source: { file: WF, path: ['jobs', 'a', 'env', 'CLAUDE_FLAGS'], text: '--dangerously-skip-permissions' },
    });
    const fromScript = only({
      [WF]: yaml`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - run: |
                ARGS="--yolo"
                codex $ARGS exec "fix"
    `,
    });
    expect(fromScript.sandbox.approval).toMatchObject({
      value: 'bypassed',
      source: { path: ['jobs', 'a', 'steps', 0, 'run'], text: '--yolo' },
    });
  });

  it("reads gh-aw's awf firewall as a container behind a domain allowlist", () => {
    const run = `sudo -E awf --env-all --allow-domains api.anthropic.com,github.com --log-level info 'claude --print "x" --allowed-tools Read'`;
    const d = only({
      [WF]: `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${JSON.stringify(run)}\n`,
    });
    expect(d.sandbox.isolation).toMatchObject({ value: 'container', source: { text: 'awf' } });
    expect(d.sandbox.network).toMatchObject({
      value: 'allowlist',
      reason: '`awf --allow-domains` lets the agent reach only 2 listed domain(s)',
    });
    expect(d.sandbox.approval.value).toBe('restricted');
  });

  it('reads wrappers in run: as boundaries and bounds', () => {
    const d = only({
      [WF]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: timeout 600 docker run --network none --privileged img claude -p "x"\n',
    });
    expect(d.sandbox.isolation).toMatchObject({ value: 'none', source: { text: '--privileged' } });
    expect(d.sandbox.network).toMatchObject({ value: 'none', source: { text: 'none' } });
    expect(d.sandbox.limits).toMatchObject({ value: 'bounded', source: { text: 'timeout' } });
  });
});

describe('token scopes that only call a model', () => {
  const job = (permissions: string): string =>
    `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    permissions:\n${permissions}\n    steps:\n      - run: copilot -p "x" --allow-tool 'shell(ls)'\n        env:\n          GITHUB_TOKEN: \${{ github.token }}\n`;

  it('`copilot-requests: write` and `models: write` are no repository write', () => {
    const d = only({ [WF]: job('      contents: read\n      copilot-requests: write\n      models: write') });
    expect(d.sandbox.credentials).toMatchObject({
      value: 'read',
      reason: 'every scope in `permissions:` is read or none',
    });
  });

  it('a repository write scope beside them still writes', () => {
    const d = only({ [WF]: job('      copilot-requests: write\n      issues: write') });
    expect(d.sandbox.credentials).toMatchObject({
      value: 'write',
      source: { path: ['jobs', 'agent', 'permissions', 'issues'] },
    });
  });
});
