/** workflows adapter link(): facts a job's agent loads from repository settings files. */
import { describe, expect, it } from 'vitest';
import { workflowsAdapter } from '../../../src/adapters/workflows/index.js';
import type { AdapterContext } from '../../../src/adapters/types.js';
import type { Deployment, Fact, Sandbox } from '../../../src/model.js';
import { detectSettings } from '../../../src/policy/schema.js';
import { only, scanFiles, yaml } from './helpers.js';
import { emptyKind } from '../../helpers/details.js';

const WF = '.github/workflows/agent.yml';
const workflow = (step: string): string =>
  `on: pull_request\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n${step}\n`;

const fact = <T extends string>(value: T, file: string, path: string[]): Fact<T> => ({
  value,
  reason: `${path.join('.')} says ${value}`,
  source: { file, path },
});
const unset = <T extends string>(value: T): Fact<T> => ({ value, reason: 'default', source: null });

/** A hand-built agent-config deployment, as the agent-settings adapter would produce it. */
function config(file: string, sandbox: Partial<Sandbox>, kind: Deployment['kind'] = 'agent-config'): Deployment {
  const at = { file, path: [] };
  return {
    id: `${kind}:${file}`,
    ...emptyKind(kind),
    name: file,
    agent: 'claude-code',
    file,
    at,
    root: at,
    signals: [],
    labels: {},
    sandbox: {
      isolation: unset('none'),
      network: unset('open'),
      filesystem: unset('full'),
      approval: unset('unrestricted'),
      credentials: unset('read'),
      limits: unset('bounded'),
      ...sandbox,
    },
  };
}

function link(job: Deployment, others: Deployment[]): Deployment {
  const context: AdapterContext = {
    settings: detectSettings.parse(undefined),
    load: () => null,
    files: [job.file, ...others.map((d) => d.file)].sort(),
  };
  expect(workflowsAdapter.link!([job, ...others], [], context)).toEqual([]);
  return job;
}

describe('link', () => {
  it("adopts a sandbox the project's Claude settings enable when the job declares none", () => {
    const job = link(only({ [WF]: workflow('      - uses: anthropics/claude-code-action@v1') }), [
      config('.claude/settings.json', { isolation: fact('process', '.claude/settings.json', ['sandbox', 'enabled']) }),
    ]);
    expect(job.sandbox.isolation).toEqual({
      value: 'process',
      reason: 'sandbox.enabled says process (.claude/settings.json, which the agent loads)',
      source: { file: '.claude/settings.json', path: ['sandbox', 'enabled'] },
    });
    expect(job.signals).toContain('isolation comes from .claude/settings.json');
  });

  it('mentions weakening settings without adopting them, and lets a weaker local file win over the project file', () => {
    const job = link(only({ [WF]: workflow('      - run: claude -p "review"') }), [
      config('.claude/settings.json', {
        isolation: fact('process', '.claude/settings.json', ['sandbox', 'enabled']),
        approval: fact('bypassed', '.claude/settings.json', ['permissions', 'defaultMode']),
      }),
      config('.claude/settings.local.json', {
        isolation: fact('none', '.claude/settings.local.json', ['sandbox', 'enabled']),
      }),
    ]);
    expect(job.sandbox.isolation.value).toBe('none');
    expect(job.sandbox.isolation.source).toBeNull();
    expect(job.sandbox.approval.value).toBe('restricted');
    expect(job.signals).toContain(
      'loads .claude/settings.json: approval bypassed (permissions.defaultMode says bypassed), reported on .claude/settings.json',
    );
  });

  it("keeps the job's own declaration and honours --setting-sources", () => {
    const settings = config('.claude/settings.json', {
      isolation: fact('process', '.claude/settings.json', ['sandbox', 'enabled']),
    });
    const declared = link(
      only({
        [WF]: workflow(
          `      - uses: anthropics/claude-code-action@v1\n        with:\n          settings: '{"sandbox": {"enabled": false}}'`,
        ),
      }),
      [settings],
    );
    expect(declared.sandbox.isolation).toMatchObject({
      value: 'none',
      source: { file: WF, path: ['jobs', 'agent', 'steps', 0, 'with', 'settings'] },
    });
    const userOnly = link(only({ [WF]: workflow('      - run: claude -p "x" --setting-sources user') }), [settings]);
    expect(userOnly.sandbox.isolation).toMatchObject({ value: 'none', source: null });
    const project = link(only({ [WF]: workflow('      - run: claude -p "x" --setting-sources user,project') }), [
      settings,
    ]);
    expect(project.sandbox.isolation.value).toBe('process');
  });

  it('does not adopt Codex project config, which loads only for trusted projects', () => {
    const job = link(only({ [WF]: workflow('      - uses: openai/codex-action@v1') }), [
      config('.codex/config.toml', { approval: fact('restricted', '.codex/config.toml', ['approval_policy']) }),
    ]);
    expect(job.sandbox.approval).toMatchObject({ value: 'unrestricted', source: null });
    expect(job.signals).toContain(
      'loads .codex/config.toml: approval restricted (approval_policy says restricted) if the project is trusted',
    );
  });

  it('skips .gemini/settings.json when run-gemini-cli writes its own, and counts .mcp.json servers for Claude', () => {
    const gemini = config('.gemini/settings.json', {
      approval: fact('restricted', '.gemini/settings.json', ['tools', 'core']),
    });
    const replaced = link(
      only({
        [WF]: workflow(
          "      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: '{}'",
        ),
      }),
      [gemini],
    );
    expect(replaced.sandbox.approval.value).toBe('bypassed');
    const loaded = link(only({ [WF]: workflow('      - uses: google-github-actions/run-gemini-cli@v0') }), [gemini]);
    expect(loaded.sandbox.approval).toMatchObject({ value: 'restricted', source: { file: '.gemini/settings.json' } });
    const mcp = link(only({ [WF]: workflow('      - uses: anthropics/claude-code-action@v1') }), [
      config('.mcp.json', {}, 'mcp-server'),
      { ...config('.mcp.json', {}, 'mcp-server'), id: 'second' },
    ]);
    expect(mcp.signals).toContain('its Claude Code agent can start 2 MCP server(s) from .mcp.json');
  });

  it('adopts the real agent-settings deployment end to end', () => {
    const report = scanFiles({
      [WF]: workflow('      - uses: anthropics/claude-code-action@v1'),
      '.claude/settings.json': yaml`
        {
          "sandbox": { "enabled": true, "failIfUnavailable": true, "allowUnsandboxedCommands": false }
        }
      `,
    });
    const job = report.deployments.find((d) => d.kind === 'workflow-job')!;
    expect(job.sandbox.isolation).toMatchObject({
      value: 'process',
      source: { file: '.claude/settings.json', line: 2 },
    });
    expect(report.findings.filter((f) => f.ruleId === 'sandbox-required')).toEqual([]);
  });

  it("gives a called workflow its caller's triggers and token", () => {
    const report = scanFiles({
      '.github/workflows/caller.yml': yaml`
        on: pull_request_target
        jobs:
          call:
            permissions:
              contents: write
            uses: ./.github/workflows/agent.yml
            secrets: inherit
      `,
      '.github/workflows/agent.yml': yaml`
        on: workflow_call
        jobs:
          fix:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: \${{ github.event.pull_request.head.sha }}
              - uses: anthropics/claude-code-action@v1
      `,
    });
    const job = report.deployments.find((d) => d.name === 'fix')!;
    expect(job.signals).toContain('called by job call in .github/workflows/caller.yml');
    expect(job.sandbox.credentials).toMatchObject({
      value: 'write',
      reason: '`contents: write` lets the token push code and tags (set by the calling workflow)',
      source: { file: '.github/workflows/caller.yml', line: 5 },
    });
    const checkout = report.findings.filter((f) => f.ruleId === 'untrusted-checkout');
    expect(checkout.map((f) => [f.file, f.line, f.related?.[0]?.file, f.related?.[0]?.line])).toEqual([
      ['.github/workflows/agent.yml', 8, '.github/workflows/caller.yml', 1],
    ]);
  });

  it('opens the actor gate of a called workflow when an ungated caller runs on outsider events', () => {
    const callee = yaml`
      on: workflow_call
      jobs:
        answer:
          runs-on: ubuntu-latest
          steps:
            - run: gemini -p "answer the comment"
    `;
    const caller = (condition: string) =>
      `on: issue_comment\njobs:\n  call:\n${condition}    uses: ./.github/workflows/agent.yml\n`;
    const open = scanFiles({ '.github/workflows/caller.yml': caller(''), '.github/workflows/agent.yml': callee });
    expect(open.findings.filter((f) => f.ruleId === 'actor-gate-open').map((f) => `${f.file}:${f.line}`)).toEqual([
      '.github/workflows/agent.yml:3',
    ]);
    const gated = scanFiles({
      '.github/workflows/caller.yml': caller("    if: github.event.comment.author_association == 'OWNER'\n"),
      '.github/workflows/agent.yml': callee,
    });
    expect(gated.findings.filter((f) => f.ruleId === 'actor-gate-open')).toEqual([]);
  });
});
