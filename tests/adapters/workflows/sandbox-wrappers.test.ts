/** Sandbox wrappers in `run:` (awf, srt, sbx, docker sandbox) and gh-aw's compiled lock-file launch. */
import { describe, expect, it } from 'vitest';
import { extract, only, scanFiles } from './helpers.js';

const WF = '.github/workflows/agent.yml';
const workflow = (run: string, env = ''): Record<string, string> => ({
  [WF]: `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${run
    .split('\n')
    .map((line) => `          ${line}`)
    .join('\n')}\n${env}`,
});

describe('gh-aw compiled lock files', () => {
  const lock = (inner: string): string =>
    [
      `printf '%s\\n' "{\\"network\\":{\\"allowDomains\\":[\\"api.github.com\\",\\"github.com\\",\\"registry.npmjs.org\\"]}}" > "\${RUNNER_TEMP}/gh-aw/awf-config.json"`,
      'GH_AW_TOOL_CACHE_MOUNT=""',
      'bash "${RUNNER_TEMP}/gh-aw/actions/run_awf_with_startup_retries.sh" -- \\',
      '  awf --config "${RUNNER_TEMP}/gh-aw/awf-config.json" --container-workdir "${GITHUB_WORKSPACE}" ${GH_AW_TOOL_CACHE_MOUNT:+--mount "$GH_AW_TOOL_CACHE_MOUNT"} --tty --env-all --exclude-env GH_TOKEN --log-level info --skip-pull --difc-proxy-host awmg-cli-proxy:18443 \\',
      `  -- /bin/bash -c 'GH_AW_NODE_EXEC="$(command -v node 2>/dev/null || true)"; ${inner}'`,
    ].join('\n');

  it('finds codex handed to its harness inside awf, credited with the container and the config allowlist', () => {
    const d = only(
      workflow(
        lock(
          '"$GH_AW_NODE_EXEC" ${RUNNER_TEMP}/gh-aw/actions/codex_harness.cjs codex exec --dangerously-bypass-approvals-and-sandbox --prompt-file /tmp/p.txt',
        ),
      ),
    );
    expect(d.agent).toBe('codex');
    expect(d.sandbox.isolation).toMatchObject({
      value: 'container',
      reason: "`awf` runs the agent in the gh-aw firewall's container",
    });
    expect(d.sandbox.network).toMatchObject({
      value: 'allowlist',
      reason: 'the `awf --config` file written in this step lets the agent reach only 3 listed domain(s)',
      source: { text: '--config' },
    });
    // The bypass flag still bypasses codex's approvals inside the container.
    expect(d.sandbox.approval).toMatchObject({
      value: 'bypassed',
      source: { text: '--dangerously-bypass-approvals-and-sandbox' },
    });
  });

  it("reads claude's flags after the harness", () => {
    const d = only(
      workflow(
        lock(
          '"$GH_AW_NODE_EXEC" ${RUNNER_TEMP}/gh-aw/actions/claude_harness.cjs claude --print --permission-mode bypassPermissions --max-turns 5',
        ),
      ),
    );
    expect(d.agent).toBe('claude-code');
    expect(d.sandbox.isolation.value).toBe('container');
    expect(d.sandbox.approval).toMatchObject({
      value: 'bypassed',
      source: { text: '--permission-mode bypassPermissions' },
    });
  });

  it('finds copilot driven by the SDK driver with no task flags of its own', () => {
    const d = only(
      workflow(
        lock(
          '"$GH_AW_NODE_EXEC" "${RUNNER_TEMP}/gh-aw/actions/copilot_harness.cjs" "$GH_AW_NODE_EXEC" "${RUNNER_TEMP}/gh-aw/actions/copilot_sdk_driver.cjs" "${RUNNER_TEMP}/gh-aw/bin/copilot"',
        ),
      ),
    );
    expect(d.agent).toBe('copilot');
    expect(d.sandbox.network.value).toBe('allowlist');
  });

  it('gives no network credit for a config file the step does not write', () => {
    const d = only(
      workflow('sudo -E awf --config /etc/awf.json -- node /opt/x_harness.cjs claude -p "x" --allowed-tools Read'),
    );
    expect(d.sandbox.isolation.value).toBe('container');
    expect(d.sandbox.network.reason).not.toContain('awf');
  });
});

describe('older gh-aw lock files', () => {
  // Compiled before the harness (gh-aw ≤ v0.4x): awf is handed the whole agent command line as one quoted word after `--`.
  const older = [
    'set -o pipefail',
    'sudo -E awf --env-all --container-workdir "${GITHUB_WORKSPACE}" --allow-domains api.githubcopilot.com,github.com --log-level info --image-tag 0.17.0 --skip-pull \\',
    `  -- '/usr/local/bin/copilot --add-dir /tmp/gh-aw/ --disable-builtin-mcps --allow-all-tools --allow-all-paths --prompt "$(cat /tmp/gh-aw/aw-prompts/prompt.txt)"\${GH_AW_MODEL_AGENT_COPILOT:+ --model "$GH_AW_MODEL_AGENT_COPILOT"}' \\`,
    '  2>&1 | tee /tmp/gh-aw/agent-stdio.log',
  ].join('\n');

  it('reads the one quoted word after -- as the command line awf runs', () => {
    const d = only(workflow(older));
    expect(d.agent).toBe('copilot');
    expect(d.sandbox.isolation).toMatchObject({ value: 'container', source: { text: 'awf' } });
    expect(d.sandbox.network).toMatchObject({ value: 'allowlist', source: { text: '--allow-domains' } });
    expect(d.sandbox.approval).toMatchObject({ value: 'bypassed', source: { text: '--allow-all-tools' } });
  });

  it('still reads several words after -- as the command itself', () => {
    const d = only(workflow("awf --allow-domains github.com -- copilot --allow-all-tools --prompt 'fix it'"));
    expect(d.sandbox.approval).toMatchObject({ value: 'bypassed', source: { text: '--allow-all-tools' } });
  });
});

describe('awf options', () => {
  it('reads an attached short allowlist and ends options at --', () => {
    const d = only(
      workflow('awf -dgithub.com,api.anthropic.com --dns-over-https -- claude -p "x" --allowed-tools Read'),
    );
    expect(d.sandbox.network).toMatchObject({
      value: 'allowlist',
      reason: '`awf -d` lets the agent reach only 2 listed domain(s)',
      source: { text: '-dgithub.com,api.anthropic.com' },
    });
  });

  it('takes an optional value only when it is no option (`--dns-over-https URL`)', () => {
    const d = only(
      workflow(
        'awf --dns-over-https https://dns.example/q --allow-domains github.com -- claude -p "x" --allowed-tools Read',
      ),
    );
    expect(d.sandbox.network.value).toBe('allowlist');
  });

  it('reads the Cloud Hypervisor options and credits `--container-runtime` micro-VMs and gVisor', () => {
    // The shape of gh-aw's cloud-hypervisor smoke lock files: valued options whose values are paths in variables.
    const hypervisor = [
      'sudo --preserve-env awf --config /tmp/awf.json --container-workdir "${GITHUB_WORKSPACE}"',
      '--cloud-hypervisor-binary "${GH_AW_CLOUD_HYPERVISOR_BINARY}" --cloud-hypervisor-kernel "${GH_AW_CLOUD_HYPERVISOR_KERNEL}"',
      '--cloud-hypervisor-rootfs "${GH_AW_CLOUD_HYPERVISOR_ROOTFS}" --cloud-hypervisor-vcpus 2 --cloud-hypervisor-memory-mib 4096',
      '--cloud-hypervisor-binary-sha256 "${SHA}" --container-runtime cloud-hypervisor --cloud-hypervisor-preview --allow-domains api.anthropic.com',
      '-- claude --print --allowed-tools Read "x"',
    ].join(' ');
    const d = only(workflow(hypervisor));
    expect(d.agent).toBe('claude-code');
    expect(d.sandbox.isolation).toMatchObject({
      value: 'microvm',
      reason: '`awf --container-runtime cloud-hypervisor` runs the agent in a micro-VM',
      source: { text: '--container-runtime' },
    });
    const gvisor = only(workflow('awf --container-runtime gvisor --allow-domains github.com -- claude -p "x"'));
    expect(gvisor.sandbox.isolation.value).toBe('gvisor');
    // A runtime awf passes through to Docker unchanged is the container it always was; dind still hands over the host.
    const raw = only(workflow('awf --container-runtime runc --allow-domains github.com -- claude -p "x"'));
    expect(raw.sandbox.isolation).toMatchObject({ value: 'container', source: { text: 'awf' } });
    const dind = only(
      workflow('awf --container-runtime sbx --enable-dind --allow-domains github.com -- claude -p "x"'),
    );
    expect(dind.sandbox.isolation.value).toBe('none');
  });

  it("an agent flag after -- is the agent's, not awf's", () => {
    const d = only(workflow('awf --allow-domains github.com -- claude -p "x" --enable-dind --allowed-tools Read'));
    expect(d.sandbox.isolation.value).toBe('container');
  });

  it('is no sandbox when the program is a repository script named like it', () => {
    for (const program of ['./awf', 'scripts/awf', 'tools/srt']) {
      const d = only(workflow(`${program} --allow-domains github.com -- claude -p "x" --dangerously-skip-permissions`));
      expect(d.sandbox.isolation.value, program).toBe('none');
      expect(d.sandbox.network.reason, program).not.toContain('--allow-domains');
    }
  });

  it('is the tool at an absolute path', () => {
    const d = only(workflow('/usr/local/bin/awf --allow-domains github.com -- claude -p "x" --allowed-tools Read'));
    expect(d.sandbox.isolation.value).toBe('container');
  });
});

describe('srt and Docker Sandboxes', () => {
  it('reads srt -c as a script', () => {
    const d = only(workflow(`srt --settings ci/srt.json -c 'claude -p "x" --dangerously-skip-permissions'`));
    expect(d.sandbox.isolation).toMatchObject({ value: 'process', source: { text: 'srt' } });
    expect(d.sandbox.approval.source).toMatchObject({ text: '--dangerously-skip-permissions' });
  });

  it("reads sbx run's agent operand and the agent's arguments after --", () => {
    const d = only(
      workflow('sbx run --name ci --memory 4g claude . /docs:ro -- --dangerously-skip-permissions -p "x"'),
    );
    expect(d.agent).toBe('claude-code');
    expect(d.sandbox.isolation.value).toBe('microvm');
    expect(d.sandbox.approval).toMatchObject({ value: 'bypassed', source: { text: '--dangerously-skip-permissions' } });
    expect(d.sandbox.limits).toMatchObject({ value: 'bounded', source: { text: '--memory' } });
  });

  it('docker sandbox run --mount-docker-socket hands over the host', () => {
    const d = only(workflow('docker sandbox run --mount-docker-socket claude -- -p "x" --allowed-tools Read'));
    expect(d.sandbox.isolation).toMatchObject({ value: 'none', source: { text: '--mount-docker-socket' } });
  });

  it('finds nothing when no agent runs inside', () => {
    expect(extract(workflow('awf --allow-domains github.com -- curl https://github.com'))).toEqual([]);
  });
});

describe('a lock file and its gh-aw source', () => {
  it('stay two deployments that name each other', () => {
    const report = scanFiles({
      '.github/workflows/triage.md':
        '---\non:\n  issues:\n    types: [opened]\nengine: claude\n---\nTriage the issue.\n',
      '.github/workflows/triage.lock.yml':
        'on:\n  issues:\n    types: [opened]\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sudo -E awf --allow-domains api.anthropic.com -- claude -p "x" --allowed-tools Read\n',
    });
    const lock = report.deployments.find((d) => d.file === '.github/workflows/triage.lock.yml')!;
    const source = report.deployments.find((d) => d.file === '.github/workflows/triage.md')!;
    expect(lock.signals).toContain('compiled from .github/workflows/triage.md');
    expect(source.signals).toContain('compiled to .github/workflows/triage.lock.yml, reported there as it runs');
  });

  it('links nothing for a workflow that is not a lock file', () => {
    const report = scanFiles({
      '.github/workflows/triage.md': '---\non: push\nengine: claude\n---\nx\n',
      '.github/workflows/triage.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: claude -p "x" --allowed-tools Read\n',
    });
    const job = report.deployments.find((d) => d.file === '.github/workflows/triage.yml')!;
    expect(job.signals.some((s) => s.startsWith('compiled from'))).toBe(false);
  });
});

describe('forked, rebranded and monorepo agent actions', () => {
  const step = (uses: string, rest: string): Record<string, string> => ({
    [WF]: `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n${rest}`,
  });

  it('recognises a monorepo subpath by its name and reads its args input', () => {
    const d = only(
      step('acme/actions/claude-code@v1', '        with:\n          claude_args: --dangerously-skip-permissions\n'),
    );
    expect(d.agent).toBe('claude-code');
    expect(d.sandbox.approval).toMatchObject({ value: 'bypassed', source: { text: '--dangerously-skip-permissions' } });
  });

  it('recognises a rebranded action by an agent program’s args input', () => {
    const d = only(step('acme/ai-review@v2', '        with:\n          codex_args: --yolo\n'));
    expect(d.agent).toBe('codex');
    expect(d.signals).toContain("uses acme/ai-review@v2 (its inputs and env are codex's)");
  });

  it('recognises a rebranded action by env only that agent reads', () => {
    const d = only(step('acme/ai-review@v2', '        env:\n          OPENCODE_MODEL: x\n'));
    expect(d.agent).toBe('opencode');
  });

  it("is no agent when only the job's env names an agent variable", () => {
    const files = {
      [WF]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      OPENCODE_MODEL: x\n    steps:\n      - uses: actions/cache@v4\n',
    };
    expect(extract(files)).toEqual([]);
  });

  it("is no agent for a sub-action of an agent's repository that runs none", () => {
    expect(
      extract(step('anthropics/claude-code-action/check-permissions@v1', '        with:\n          token: x\n')),
    ).toEqual([]);
  });
});
