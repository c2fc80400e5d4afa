/** Claude Code and Codex settings fields of late 2026: network prompts under bypass/auto, hooks, plugins. */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/model.js';
import { detailsOf } from '../../helpers/details.js';

/** The agent-settings details of a deployment, or undefined for another kind. */
const agentSettingsDetails = (d: Deployment | undefined) =>
  d?.kind === 'agent-config' ? detailsOf(d, 'agent-config') : undefined;
import { lineOf, only, scanFiles } from './helpers.js';

const sandboxed = (extra: Record<string, unknown>, network: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      ...extra,
      sandbox: { enabled: true, network: { allowedDomains: ['github.com'], ...network } },
    },
    null,
    2,
  );

describe('Claude Code sandbox network under bypass and auto modes', () => {
  for (const mode of ['bypassPermissions', 'auto']) {
    it(`is open under \`${mode}\` without strictAllowlist, at the mode's line`, () => {
      const scanned = scanFiles({ '.claude/settings.json': sandboxed({ permissions: { defaultMode: mode } }) });
      const network = only(scanned).sandbox.network;
      expect(network.value).toBe('open');
      expect(lineOf(scanned, network.source)).toBe(3);
    });
  }

  it('is an allowlist under bypassPermissions with strictAllowlist: true', () => {
    const text = sandboxed({ permissions: { defaultMode: 'bypassPermissions' } }, { strictAllowlist: true });
    expect(only(scanFiles({ '.claude/settings.json': text })).sandbox.network.value).toBe('allowlist');
  });

  it('stays an allowlist in the default mode', () => {
    expect(only(scanFiles({ '.claude/settings.json': sandboxed({}) })).sandbox.network.value).toBe('allowlist');
  });

  it('counts `sandbox.filesystem.disabled` as full filesystem reach', () => {
    const text =
      '{\n  "sandbox": {\n    "enabled": true,\n    "filesystem": {\n      "disabled": true\n    }\n  }\n}\n';
    const scanned = scanFiles({ '.claude/settings.json': text });
    const fs = only(scanned).sandbox.filesystem;
    expect([fs.value, lineOf(scanned, fs.source)]).toEqual(['full', 5]);
  });

  it('credits `disableBypassPermissionsMode: "disable"` over a bypass default', () => {
    const text = JSON.stringify({
      permissions: { defaultMode: 'bypassPermissions', disableBypassPermissionsMode: 'disable' },
    });
    const scanned = scanFiles({ '.claude/settings.json': text });
    expect(only(scanned).sandbox.approval.value).toBe('unrestricted');
    expect(scanned.findings.filter((f) => f.ruleId === 'approval-bypassed')).toEqual([]);
  });
});

describe('Codex hooks', () => {
  const toml = (features: string) =>
    `${features}[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = "command"\ncommand = "./scripts/stop.sh"\n`;
  const commands = (files: Record<string, string>) =>
    scanFiles(files).deployments.flatMap((d) => agentSettingsDetails(d)?.commands.map((c) => c.command) ?? []);

  it('reads `[hooks]` in config.toml when features say nothing', () => {
    expect(commands({ '.codex/config.toml': toml('') })).toEqual(['./scripts/stop.sh']);
  });

  it('skips them with `[features] hooks = false` and with the older `codex_hooks = false`', () => {
    expect(commands({ '.codex/config.toml': toml('[features]\nhooks = false\n\n') })).toEqual([]);
    expect(commands({ '.codex/config.toml': toml('[features]\ncodex_hooks = false\n\n') })).toEqual([]);
  });

  it('reads `.codex/hooks.json` as a Codex deployment with the default sandbox', () => {
    const text = '{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"node","args":["a.js","b"]}]}]}}';
    const scanned = scanFiles({ '.codex/hooks.json': text });
    const d = only(scanned);
    expect([d.agent, d.sandbox.isolation.value]).toEqual(['codex', 'process']);
    expect(agentSettingsDetails(d)?.commands.map((c) => c.command)).toEqual(['node a.js b']);
  });
});

describe('Claude Code plugin marketplaces', () => {
  it('records owners: GitHub owner, URL host, scoped npm package, local path', () => {
    const text = JSON.stringify({
      extraKnownMarketplaces: {
        a: { source: { source: 'github', repo: 'Acme/plugins' } },
        b: { source: { source: 'git', url: 'git@gitlab.example.com:team/mk.git' } },
        c: { source: { source: 'npm', package: '@corp/claude-marketplace' } },
        d: { source: { source: 'directory', path: './plugins' } },
        e: { source: { source: 'url', url: 'https://github.com/someone/mk/raw/main/marketplace.json' } },
      },
      enabledPlugins: { 'x@a': true, 'y@a': false },
    });
    const marketplaces = agentSettingsDetails(only(scanFiles({ '.claude/settings.json': text })))!.marketplaces;
    expect(marketplaces.map((m) => [m.name, m.owner, m.local, m.enabled])).toEqual([
      ['a', 'acme', false, ['x']],
      ['b', 'gitlab.example.com', false, []],
      ['c', 'corp', false, []],
      ['d', null, true, []],
      ['e', 'someone', false, []],
    ]);
  });
});
