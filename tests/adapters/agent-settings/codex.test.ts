/** Codex config.toml: sandbox modes, network, writable roots, profiles and permission profiles, with TOML positions. */
import { describe, expect, it } from 'vitest';
import { lineOf, only, scanFiles } from './helpers.js';
import { detailsOf } from '../../helpers/details.js';

const at = (files: Record<string, string>, ruleId: string) =>
  scanFiles(files)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => [f.line, f.column, f.endLine, f.endColumn, f.severity]);

describe('Codex configuration', () => {
  it('reports danger-full-access and `never` approvals at their lines', () => {
    const text = '# local\nmodel = "gpt-5"\nsandbox_mode = "danger-full-access"\napproval_policy = "never"\n';
    expect(at({ '.codex/config.toml': text }, 'sandbox-disabled')).toEqual([[3, 1, 3, 36, 'error']]);
    expect(at({ '.codex/config.toml': text }, 'approval-bypassed')).toEqual([[4, 1, 4, 26, 'error']]);
  });

  it('keeps the default sandbox when nothing is declared, without a finding', () => {
    const scanned = scanFiles({ '.codex/config.toml': 'model = "gpt-5"\n' });
    const d = only(scanned);
    expect([d.sandbox.isolation.value, d.sandbox.isolation.source, d.sandbox.network.value]).toEqual([
      'process',
      null,
      'none',
    ]);
    expect(scanned.findings).toEqual([]);
  });

  it('reads network_access from a table and from an inline table', () => {
    const table =
      'sandbox_mode = "workspace-write"\n\n[sandbox_workspace_write]\nwritable_roots = ["/tmp/cache"]\nnetwork_access = true\n';
    expect(at({ '.codex/config.toml': table }, 'egress-restricted')).toEqual([[5, 1, 5, 22, 'warning']]);
    const inline =
      'sandbox_mode = "workspace-write"\nsandbox_workspace_write = { network_access = true, writable_roots = ["/"] }\n';
    expect(at({ '.codex/config.toml': inline }, 'egress-restricted')).toEqual([[2, 29, 2, 50, 'warning']]);
    expect(at({ '.codex/config.toml': inline }, 'filesystem-scoped')).toEqual([[2, 70, 2, 73, 'warning']]);
  });

  it('takes the selected profile over the top level', () => {
    const text = 'sandbox_mode = "read-only"\nprofile = "ci"\n\n[profiles.ci]\nsandbox_mode = "danger-full-access"\n';
    expect(at({ '.codex/config.toml': text }, 'sandbox-disabled')).toEqual([[5, 1, 5, 36, 'error']]);
    expect(at({ '.codex/config.toml': text }, 'settings-dangerous-profile')).toEqual([]);
  });

  it('reads permission profiles: built-ins, network domains, disk-wide writes', () => {
    const named = [
      'default_permissions = "api"',
      '',
      '[permissions.api]',
      'extends = ":workspace"',
      '[permissions.api.network]',
      'enabled = true',
      '[permissions.api.network.domains]',
      '"api.example.com" = "allow"',
    ].join('\n');
    const scanned = scanFiles({ '.codex/config.toml': named });
    const d = only(scanned);
    expect([d.sandbox.isolation.value, d.sandbox.network.value, d.sandbox.filesystem.value]).toEqual([
      'process',
      'allowlist',
      'workspace',
    ]);
    expect(lineOf(scanned, d.sandbox.network.source)).toBe(7);
    expect(at({ '.codex/config.toml': 'default_permissions = ":danger-full-access"\n' }, 'sandbox-disabled')).toEqual([
      [1, 1, 1, 44, 'error'],
    ]);
    const root = 'default_permissions = "all"\n[permissions.all.filesystem]\n":root" = "write"\n';
    expect(at({ '.codex/config.toml': root }, 'filesystem-scoped')).toEqual([[3, 1, 3, 18, 'warning']]);
  });

  it('recognises subagents and user configs kept in a repository, and no other config.toml', () => {
    expect(
      detailsOf(only(scanFiles({ '.codex/agents/scout.toml': 'sandbox_mode = "read-only"\n' })), 'agent-config').format,
    ).toBe('codex-agent');
    expect(
      detailsOf(only(scanFiles({ 'config/codex/config.toml': 'approval_policy = "on-request"\n' })), 'agent-config')
        .scope,
    ).toBe('user');
    expect(scanFiles({ 'tools/codex/config.toml': '[build]\ntarget = "x"\n' }).deployments).toEqual([]);
    expect(scanFiles({ '.cargo/config.toml': '[build]\ntarget = "x"\n' }).deployments).toEqual([]);
  });
});
