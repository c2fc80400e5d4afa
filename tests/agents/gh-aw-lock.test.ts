/** gh-aw compiled lock files: the Copilot SDK driver's arguments and awf config keys written in the step. */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/model.js';
import { only } from '../adapters/workflows/helpers.js';

const WF = '.github/workflows/agent.lock.yml';
type WorkflowJob = Deployment & { kind: 'workflow-job' };
const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

function lock(config: string, inner: string, env = ''): Record<string, string> {
  const run = [
    `printf '%s\\n' "${config.replace(/"/g, '\\"')}" > "\${RUNNER_TEMP}/gh-aw/awf-config.json"`,
    'bash "${RUNNER_TEMP}/gh-aw/actions/run_awf_with_startup_retries.sh" -- \\',
    '  awf --config "${RUNNER_TEMP}/gh-aw/awf-config.json" --env-all --log-level info --skip-pull \\',
    `  -- /bin/bash -c 'GH_AW_NODE_EXEC="$(command -v node 2>/dev/null || true)"; ${inner}'`,
  ].join('\n');
  return {
    [WF]: `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${indent(run, '          ')}\n${env}`,
  };
}

const SDK_DRIVER =
  '"$GH_AW_NODE_EXEC" "${RUNNER_TEMP}/gh-aw/actions/copilot_harness.cjs" "$GH_AW_NODE_EXEC" "${GITHUB_WORKSPACE}/.github/drivers/driver.ts" "${RUNNER_TEMP}/gh-aw/bin/copilot"';
const ALLOW = '{"network":{"allowDomains":["api.github.com"]}}';
const sdkArgs = (args: string[]): string =>
  `        env:\n          GH_AW_COPILOT_SDK_DRIVER: 1\n          GH_AW_COPILOT_SDK_SERVER_ARGS: '${JSON.stringify(args)}'\n`;

describe('gh-aw Copilot SDK driver', () => {
  it('finds copilot handed to the harness after a driver, and reads its arguments from GH_AW_COPILOT_SDK_SERVER_ARGS', () => {
    const d = only(
      lock(ALLOW, SDK_DRIVER, sdkArgs(['--headless', '--port', '3002', '--allow-tool', 'shell'])),
    ) as WorkflowJob;
    expect(d.agent).toBe('copilot');
    expect(d.details.toolGrants).toEqual([
      expect.objectContaining({
        entry: 'shell',
        list: '`--allow-tool` in `GH_AW_COPILOT_SDK_SERVER_ARGS` in env',
        at: expect.objectContaining({ path: ['jobs', 'agent', 'steps', 0, 'env', 'GH_AW_COPILOT_SDK_SERVER_ARGS'] }),
      }),
    ]);
  });

  it('a bypass switch in the SDK arguments bypasses approvals', () => {
    const d = only(lock(ALLOW, SDK_DRIVER, sdkArgs(['--headless', '--allow-all-tools']))) as WorkflowJob;
    expect(d.sandbox.approval.value).toBe('bypassed');
    expect(d.sandbox.approval.source).toMatchObject({ text: '--allow-all-tools' });
  });

  it('the variable is not read when copilot is run directly', () => {
    const files = {
      [WF]: `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: copilot -p "fix"\n${sdkArgs(['--allow-all-tools'])}`,
    };
    expect((only(files) as WorkflowJob).sandbox.approval.value).not.toBe('bypassed');
  });
});

describe('awf config written in the step', () => {
  const CLAUDE = '"$GH_AW_NODE_EXEC" ${RUNNER_TEMP}/gh-aw/actions/claude_harness.cjs claude --print "fix"';
  it('`container.enableDind: true` is `--enable-dind`: the agent escapes the container', () => {
    const d = only(lock('{"network":{"allowDomains":["api.github.com"]},"container":{"enableDind":true}}', CLAUDE));
    expect(d.sandbox.isolation.value).toBe('none');
    expect(d.sandbox.isolation.reason).toContain('`container.enableDind: true`');
    expect(d.sandbox.network.value).toBe('open');
  });

  it('`container.mounts` with the Docker socket or the host root hands the agent the host', () => {
    for (const mount of ['/var/run/docker.sock:/var/run/docker.sock', '/:/host:ro']) {
      const d = only(lock(`{"container":{"mounts":["/tmp/x:/tmp/x:rw","${mount}"]}}`, CLAUDE));
      expect(d.sandbox.isolation.value).toBe('none');
      expect(d.sandbox.isolation.reason).toContain(`mounts \`${mount}\``);
    }
  });

  it('`container.containerRuntime` is `--container-runtime`: gVisor or a micro-VM as the option would give', () => {
    const gvisor = only(lock('{"container":{"containerRuntime":"gvisor"}}', CLAUDE));
    expect(gvisor.sandbox.isolation.value).toBe('gvisor');
    expect(gvisor.sandbox.isolation.reason).toContain('`container.containerRuntime: gvisor`');
    expect(only(lock('{"container":{"containerRuntime":"cloud-hypervisor"}}', CLAUDE)).sandbox.isolation.value).toBe(
      'microvm',
    );
    // A runtime awf does not know gives nothing stronger than its container; a weakening key still wins.
    expect(only(lock('{"container":{"containerRuntime":"runc"}}', CLAUDE)).sandbox.isolation.value).toBe('container');
    const both = only(lock('{"container":{"containerRuntime":"gvisor","enableDind":true}}', CLAUDE));
    expect(both.sandbox.isolation.value).toBe('none');
  });

  it('an expansion inside the written JSON still parses; harmless keys keep the container', () => {
    const d = only(
      lock(
        '{"apiProxy":{"maxAiCredits":${GH_AW_MAX_AI_CREDITS}},"container":{"enableDind":false,"mounts":["/tmp/a:/tmp/a:ro"]}}',
        CLAUDE,
      ),
    );
    expect(d.sandbox.isolation.value).toBe('container');
    const dind = only(
      lock('{"apiProxy":{"maxAiCredits":${GH_AW_MAX_AI_CREDITS}},"container":{"enableDind":true}}', CLAUDE),
    );
    expect(dind.sandbox.isolation.value).toBe('none');
  });
});

describe('awf and srt policy files the repository holds', () => {
  const step = (run: string): Record<string, string> => ({
    [WF]: `on: push\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`,
  });
  it('`awf --config FILE`: its allowDomains and the keys that weaken the container, pointed into the file', () => {
    const allow = only({
      ...step('awf --config .github/awf.json -- claude -p "fix"'),
      '.github/awf.json': '{"network": {"allowDomains": ["api.anthropic.com", "github.com"]}}',
    });
    expect(allow.sandbox.isolation.value).toBe('container');
    expect(allow.sandbox.network).toMatchObject({
      value: 'allowlist',
      reason: '.github/awf.json (`awf --config`) lets the agent reach only 2 listed domain(s)',
    });
    const dind = only({
      ...step('awf --config ./.github/awf.json -- claude -p "fix"'),
      '.github/awf.json': '{"container": {"enableDind": true}}',
    });
    expect(dind.sandbox.isolation).toMatchObject({
      value: 'none',
      source: { file: '.github/awf.json', path: ['container', 'enableDind'] },
    });
  });

  it('`srt --settings FILE`: its allowedDomains', () => {
    const d = only({
      ...step('srt --settings ci/srt.json claude -p "fix"'),
      'ci/srt.json': '{"network": {"allowedDomains": ["*"]}}',
    });
    expect(d.sandbox.network.value).toBe('open');
  });
});
