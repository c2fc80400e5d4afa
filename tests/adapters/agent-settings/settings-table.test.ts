/**
 * The agent-settings adapter's table comes from the catalogue (`settingsFiles` of each agent): its
 * order decides which agent reads a file two could match, its patterns must cover every file it
 * claims, and the files workflows load are the agents' own word.
 */
import { describe, expect, it } from 'vitest';
import { agentSettingsAdapter } from '../../../src/adapters/agent-settings/index.js';
import { inSettingsOrder, settingsFiles } from '../../../src/agents/index.js';
import type { SettingsFile } from '../../../src/agents/settings-reading.js';
import { anyCase, sparseMatcher } from '../../../src/cli/commands/paths.js';
import { only, scanFiles } from './helpers.js';

const kind = (order: number): SettingsFile => ({ order, paths: [], match: () => true, read: () => null });

describe('the settings-file table', () => {
  it('is tried by order, and refuses two kinds with one order', () => {
    expect(inSettingsOrder([kind(30), kind(10), kind(20)]).map((f) => f.order)).toEqual([10, 20, 30]);
    expect(() => inSettingsOrder([kind(10), kind(20), kind(10)])).toThrow(/share order 10/);
    const orders = settingsFiles().map((f) => f.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
  });

  const claude = '{ "permissions": { "defaultMode": "bypassPermissions" } }';
  it.each([
    // A project settings file before the keys-only fallback, which would call it a sample.
    ['.claude/settings.json', claude, 'claude-code', 'Claude Code project settings file'],
    ['docs/settings-lax.json', claude, 'claude-code', 'Claude Code settings keys in a sample settings file'],
    // Gemini's and Qwen's own paths before the fallback, although the keys are Claude's too.
    ['.gemini/settings.json', claude, 'gemini-cli', 'Gemini CLI project settings file'],
    ['.qwen/settings.json', claude, 'qwen-code', 'Qwen Code project settings file'],
    // A Codex config before OpenHands' generic `config.toml`.
    ['.codex/config.toml', '[sandbox]\nsandbox_mode = "read-only"\n', 'codex', 'Codex project configuration'],
    ['dot_codex/config.toml', 'sandbox_mode = "read-only"\n', 'codex', 'Codex user configuration'],
    ['config.toml', '[core]\nworkspace_base = "."\n[llm]\nmodel = "x"\n', 'openhands', null],
  ])('%s is read by %s', (file, text, agent, signal) => {
    const d = only(scanFiles({ [file]: text }));
    expect(d.agent).toBe(agent);
    if (signal) expect(d.signals[0]).toBe(signal);
  });

  it('has patterns that cover a file of every kind it claims', () => {
    const covered = sparseMatcher((agentSettingsAdapter.paths ?? []).map(anyCase));
    const files = [
      '.claude/settings.json',
      'sub/.claude/settings.local.json',
      'etc/managed-settings.json',
      'examples/settings-strict.json',
      '.claude/agents/review.md',
      '.claude/skills/deploy/SKILL.md',
      '.claude/commands/ship.md',
      '.codex/config.toml',
      '.codex/agents/reviewer.toml',
      '.codex/hooks.json',
      '.codex/rules/default.rules',
      'home/codex/rules/x.rules',
      'dot_codex/rules/x.rules',
      '.codex-home/rules/x.rules',
      'config/codex/config.toml',
      '.gemini/settings.json',
      '.qwen/settings.json',
      '.cursor/sandbox.json',
      '.cursor/cli.json',
      '.cursor/permissions.json',
      '.cursor/hooks.json',
      '.cursor/environment.json',
      '.github/hooks/audit.json',
      'opencode.jsonc',
      '.config/opencode/opencode.json',
      '.github/agents/reviewer.md',
      '.aider.conf.yml',
      '.continue/config.yaml',
      '.continue/permissions.yaml',
      'dot_config/goose/config.yaml',
      'dot_config/goose/permission.yaml',
      '.github/workflows/triage.md',
      'config.template.toml',
    ];
    for (const file of files) expect(agentSettingsAdapter.claims(file), file).toBe(true);
    expect(files.filter((f) => !covered(f))).toEqual([]);
  });

  it('feeds workflow jobs the files each agent says a workflow run loads', () => {
    const fed = (file: string) => agentSettingsAdapter.feeds?.(file, '{}') ?? [];
    for (const file of ['.claude/settings.json', '.claude/settings.local.json', '.gemini/settings.json'])
      expect(fed(file), file).toEqual(['workflow-job']);
    expect(fed('.codex/config.toml')).toEqual(['workflow-job']);
    expect(fed('.qwen/settings.json')).toEqual([]);
    expect(fed('sub/.claude/settings.json')).toEqual([]);
  });
});

describe('gh-aw `engine.args`', () => {
  const wf = (args: string) => `---\non: issues\nengine:\n  id: claude\n  args: [${args}]\n---\n# Task\n`;
  it.each([
    ['"--dangerously-skip-permissions"'],
    ['"--permission-mode=bypassPermissions"'],
    ['"--dangerously-bypass-approvals-and-sandbox"'],
    ['"--yolo"'],
    ['"--approval-mode yolo"'],
    ['"--allow-all-tools"'],
    ['"--allow-all"'],
  ])('reads %s, an engine’s own approval bypass, as bypassed approvals', (args) => {
    const d = only(scanFiles({ '.github/workflows/t.md': wf(args) }));
    expect(d.sandbox.approval).toMatchObject({ value: 'bypassed', source: { path: ['engine', 'args', 0] } });
  });
  it('leaves other engine arguments to the defaults', () => {
    const d = only(scanFiles({ '.github/workflows/t.md': wf('"--model", "x", "--approval-mode=default"') }));
    expect(d.sandbox.approval.value).toBe('unrestricted');
  });
});
