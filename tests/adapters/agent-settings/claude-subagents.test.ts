/** Claude Code subagents and skills: judged only where they widen the session that `.claude/settings.json` sets. */
import { describe, expect, it } from 'vitest';
import { lineOf, scanFiles } from './helpers.js';

const agent = (front: string, body = 'You review code.\n'): string => `---\n${front}\n---\n\n${body}`;
const SANDBOXED = JSON.stringify({ sandbox: { enabled: true, network: { allowedDomains: ['github.com'] } } }, null, 2);
const ruleIds = (scanned: ReturnType<typeof scanFiles>, file: string): string[] =>
  scanned.findings.filter((f) => f.file === file).map((f) => f.ruleId);

describe('Claude Code subagents', () => {
  it('adds no deployment for a subagent that only lists or removes tools', () => {
    const scanned = scanFiles({
      '.claude/agents/code-reviewer.md': agent(
        'name: code-reviewer\ndescription: Reviews code\ntools: Read, Grep, Glob, Bash\ndisallowedTools: Write\nmodel: inherit\npermissionMode: acceptEdits\nmaxTurns: 20',
      ),
    });
    expect(scanned.deployments).toEqual([]);
    expect(scanned.findings).toEqual([]);
  });

  it('judges bypassPermissions inside the sandbox of the settings beside it', () => {
    const file = '.claude/agents/infra.md';
    const scanned = scanFiles({
      '.claude/settings.json': SANDBOXED,
      [file]: agent(
        'name: infra\ndescription: Infra work\ntools: Read, Bash\npermissionMode: bypassPermissions\nmaxTurns: 12',
      ),
    });
    const sub = scanned.deployments.find((d) => d.file === file)!;
    expect(sub.sandbox.isolation.value).toBe('process');
    expect(sub.sandbox.isolation.derived).toBe(true);
    expect(sub.sandbox.isolation.reason).toContain('`.claude/settings.json`');
    expect([sub.sandbox.approval.value, lineOf(scanned, sub.sandbox.approval.source)]).toEqual(['bypassed', 5]);
    // Bypass approves the sandbox's network prompts: the domain list no longer holds.
    expect([sub.sandbox.network.value, lineOf(scanned, sub.sandbox.network.source)]).toEqual(['open', 5]);
    expect([sub.sandbox.limits.value, lineOf(scanned, sub.sandbox.limits.source)]).toEqual(['bounded', 6]);
    expect(ruleIds(scanned, file).sort()).toEqual(['approval-bypassed', 'egress-restricted']);
  });

  it('reads a generated subagent whose unquoted description holds `: ` as Claude Code loads it', () => {
    const file = '.claude/agents/sre.md';
    const description =
      'description: Use this agent for incidents. Examples: <example>Context: prod is down. user: "fix it" assistant: "I\'ll use the sre agent"</example>';
    const scanned = scanFiles({
      [file]: agent(`name: sre\n${description}\ntools: Read, Bash\npermissionMode: bypassPermissions`),
    });
    expect(scanned.findings.filter((f) => f.ruleId === 'unparsable-file')).toEqual([]);
    const sub = scanned.deployments.find((d) => d.file === file)!;
    expect([sub.sandbox.approval.value, lineOf(scanned, sub.sandbox.approval.source)]).toEqual(['bypassed', 5]);
    expect(ruleIds(scanned, file)).toContain('approval-bypassed');
  });

  it('reads the settings of the nearest .claude folder (a package in a monorepo)', () => {
    const file = 'packages/api/.claude/agents/ops.md';
    const scanned = scanFiles({
      'packages/api/.claude/settings.json': SANDBOXED,
      [file]: agent('name: ops\ndescription: Ops\npermissionMode: bypassPermissions'),
    });
    expect(scanned.deployments.find((d) => d.file === file)?.sandbox.isolation.value).toBe('process');
  });

  it('is no separate deployment when the session already bypasses, or bypass is disabled', () => {
    const sub = agent('name: x\ndescription: X\npermissionMode: bypassPermissions');
    for (const permissions of [{ defaultMode: 'bypassPermissions' }, { disableBypassPermissionsMode: 'disable' }]) {
      const scanned = scanFiles({
        '.claude/settings.json': JSON.stringify({ permissions }),
        '.claude/agents/x.md': sub,
      });
      expect(scanned.deployments.map((d) => d.file)).toEqual(['.claude/settings.json']);
    }
  });

  it('treats bypass over read tools only as restricted, and any other tool as acting', () => {
    const readOnly = scanFiles({
      '.claude/agents/planner.md': agent(
        'name: planner\ndescription: Plans\ntools: Read, Glob, Grep\npermissionMode: bypassPermissions',
      ),
    });
    expect(readOnly.deployments).toEqual([]);
    const mcp = scanFiles({
      '.claude/agents/planner.md': agent(
        'name: planner\ndescription: Plans\ntools: [Read, mcp__github__create_issue]\npermissionMode: bypassPermissions',
      ),
    });
    expect(mcp.deployments[0]?.sandbox.approval.value).toBe('bypassed');
  });

  it('reports the missing sandbox once, at the settings file, when one is committed', () => {
    const scanned = scanFiles({
      '.claude/settings.json': '{ "permissions": { "allow": ["Read"] } }',
      '.claude/agents/runner.md': agent(
        'name: runner\ndescription: Runs\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: ./notify.sh',
      ),
    });
    expect(scanned.findings.filter((f) => f.ruleId === 'sandbox-required').map((f) => f.file)).toEqual([
      '.claude/settings.json',
    ]);
    expect(ruleIds(scanned, '.claude/agents/runner.md')).toEqual(['settings-hooks']);
  });

  it('reads inline MCP servers in list and mapping form, and leaves named ones to their own config', () => {
    const list = scanFiles({
      '.claude/agents/a.md': agent(
        'name: a\ndescription: A\nmcpServers:\n  - github\n  - playwright:\n      command: npx\n      args: ["-y", "@playwright/mcp@latest"]',
      ),
    });
    const map = scanFiles({
      '.claude/agents/a.md': agent(
        'name: a\ndescription: A\nmcpServers:\n  db:\n    type: stdio\n    command: uvx\n    args: [mcp-server-sqlite]',
      ),
    });
    const named = scanFiles({ '.claude/agents/a.md': agent('name: a\ndescription: A\nmcpServers:\n  - github') });
    const messages = (s: ReturnType<typeof scanFiles>) =>
      s.findings.filter((f) => f.ruleId === 'settings-hooks').map((f) => `${f.line} ${f.message.split(' with ')[0]}`);
    expect(messages(list)).toEqual(['7 `mcpServers.playwright` runs `npx -y @playwright/mcp@latest`']);
    expect(messages(map)).toEqual(['7 `mcpServers.db` runs `uvx mcp-server-sqlite`']);
    expect(named.deployments).toEqual([]);
  });

  it('skips a README and a file without front matter', () => {
    const scanned = scanFiles({
      '.claude/agents/README.md': '# Agents\n\npermissionMode: bypassPermissions\n',
      '.claude/agents/notes.md': 'permissionMode: bypassPermissions\n',
    });
    expect(scanned.deployments).toEqual([]);
  });
});

describe('Claude Code skills and custom commands', () => {
  it('lists inline shell as a signal and judges the allowed-tools grant', () => {
    const file = '.claude/skills/sync/SKILL.md';
    const scanned = scanFiles({
      '.claude/settings.json': SANDBOXED,
      [file]: agent('name: sync\ndescription: Sync\nallowed-tools: Bash, Read', '- Status: !`git status`\n'),
    });
    const skill = scanned.deployments.find((d) => d.file === file)!;
    expect(skill.signals).toEqual(['Claude Code skill', '1 inline shell command(s): `git status`']);
    // Inside the session's sandbox the grant is a warning.
    expect(scanned.findings.filter((f) => f.file === file).map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['settings-unrestricted-tools', 'warning', 4],
    ]);
  });

  it('adds no deployment for narrow allowed-tools', () => {
    const scanned = scanFiles({
      '.claude/commands/commit.md': agent(
        'description: Commit\nallowed-tools: Bash(git add:*), Bash(git status:*), Bash(git commit:*)',
        '- Status: !`git status`\n',
      ),
    });
    expect(scanned.deployments).toEqual([]);
  });

  it('does not read other Markdown in a skill folder', () => {
    const scanned = scanFiles({ '.claude/skills/x/reference.md': agent('allowed-tools: Bash') });
    expect(scanned.deployments).toEqual([]);
  });
});

describe('Claude Code permissions.deny', () => {
  it('cancels an allow rule for a tool it refuses outright, and only then', () => {
    const settings = (deny: string[]) =>
      scanFiles({
        '.claude/settings.json': JSON.stringify({ permissions: { allow: ['Bash', 'WebFetch'], deny } }, null, 2),
      });
    const refused = settings(['Bash', 'WebFetch(*)']);
    expect(refused.findings.filter((f) => f.ruleId === 'settings-unrestricted-tools')).toEqual([]);
    expect(refused.deployments[0]?.sandbox.network.source).toBeNull();
    const narrow = settings(['Bash(curl:*)', 'WebFetch(domain:evil.example)']);
    expect(narrow.findings.filter((f) => f.ruleId === 'settings-unrestricted-tools')).toHaveLength(1);
    expect(lineOf(narrow, narrow.deployments[0]!.sandbox.network.source)).toBe(5);
  });
});
