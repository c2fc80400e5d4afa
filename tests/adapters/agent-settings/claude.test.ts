/** Claude Code settings: facts with their lines, escapes, recognition of sample files. */
import { describe, expect, it } from 'vitest';
import { lineOf, only, scanFiles } from './helpers.js';
import { detailsOf } from '../../helpers/details.js';

const findings = (files: Record<string, string>, ruleId: string) =>
  scanFiles(files)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => ({ file: f.file, line: f.line, column: f.column, severity: f.severity }));

describe('Claude Code settings', () => {
  it('reports `defaultMode: bypassPermissions` at that line', () => {
    const text = '{\n  "permissions": {\n    "allow": ["Read"],\n    "defaultMode": "bypassPermissions"\n  }\n}\n';
    expect(findings({ '.claude/settings.json': text }, 'approval-bypassed')).toEqual([
      { file: '.claude/settings.json', line: 4, column: 5, severity: 'error' },
    ]);
  });

  it('passes a file with the sandbox on, no bypass and a restricted allowlist', () => {
    const text = JSON.stringify(
      {
        permissions: { defaultMode: 'dontAsk', allow: ['Read', 'Bash(npm test:*)'], deny: ['WebFetch'] },
        sandbox: {
          enabled: true,
          failIfUnavailable: true,
          allowUnsandboxedCommands: false,
          network: { allowedDomains: ['registry.npmjs.org'] },
        },
      },
      null,
      2,
    );
    const scanned = scanFiles({ '.claude/settings.json': text });
    expect(scanned.findings).toEqual([]);
    const d = only(scanned);
    expect([
      d.sandbox.isolation.value,
      d.sandbox.network.value,
      d.sandbox.filesystem.value,
      d.sandbox.approval.value,
    ]).toEqual(['process', 'allowlist', 'workspace', 'restricted']);
    expect(lineOf(scanned, d.sandbox.network.source)).toBe(17);
  });

  it('reports a missing sandbox at the first line of a local settings file', () => {
    const text = '{\n  "permissions": { "allow": ["Bash(git status)"] }\n}\n';
    expect(findings({ '.claude/settings.local.json': text }, 'sandbox-required')).toEqual([
      { file: '.claude/settings.local.json', line: 1, column: 1, severity: 'error' },
    ]);
  });

  it('reports `sandbox.enabled: false` as a disabled sandbox, not a missing one', () => {
    const text = '{\n  "sandbox": {\n    "enabled": false\n  }\n}\n';
    expect(findings({ '.claude/settings.json': text }, 'sandbox-disabled')).toEqual([
      { file: '.claude/settings.json', line: 3, column: 5, severity: 'error' },
    ]);
    expect(findings({ '.claude/settings.json': text }, 'sandbox-required')).toEqual([]);
  });

  it('reports every line that lets a sandboxed command escape to the host', () => {
    const text = [
      '{',
      '  "sandbox": {',
      '    "enabled": true,',
      '    "enableWeakerNestedSandbox": true,',
      '    "excludedCommands": ["npm", "docker compose"],',
      '    "network": {',
      '      "allowUnixSockets": ["/var/run/docker.sock"],',
      '      "allowAllUnixSockets": true',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const scanned = scanFiles({ '.claude/settings.json': text });
    expect(only(scanned).sandbox.isolation.value).toBe('none');
    expect(scanned.findings.filter((f) => f.ruleId === 'sandbox-disabled').map((f) => [f.line, f.column])).toEqual([
      [4, 5],
      [5, 33],
      [7, 28],
      [8, 7],
    ]);
  });

  it('reads the network allowlist, a wildcard domain and an unscoped WebFetch', () => {
    const base = (domains: string, allow = '[]') =>
      `{\n  "permissions": { "allow": ${allow} },\n  "sandbox": {\n    "enabled": true,\n    "network": { "allowedDomains": ${domains} }\n  }\n}\n`;
    const listed = scanFiles({ '.claude/settings.json': base('["github.com", "*.npmjs.org"]') });
    expect(only(listed).sandbox.network.value).toBe('allowlist');
    expect(findings({ '.claude/settings.json': base('["github.com", "*"]') }, 'egress-restricted')).toEqual([
      { file: '.claude/settings.json', line: 5, column: 51, severity: 'warning' },
    ]);
    expect(findings({ '.claude/settings.json': base('[]', '["Read", "WebFetch"]') }, 'egress-restricted')).toEqual([
      { file: '.claude/settings.json', line: 2, column: 38, severity: 'warning' },
    ]);
  });

  it('reports writes to the whole disk or home directory', () => {
    const text =
      '{\n  "sandbox": {\n    "enabled": true,\n    "filesystem": { "allowWrite": ["./build", "~/"] }\n  }\n}\n';
    expect(findings({ '.claude/settings.json': text }, 'filesystem-scoped')).toEqual([
      { file: '.claude/settings.json', line: 4, column: 47, severity: 'warning' },
    ]);
  });

  it('parses comments and trailing commas with exact positions', () => {
    const text =
      '// team settings\n{\n  /* bypass for speed */\n  "permissions": {\n    "defaultMode": "bypassPermissions",\n  },\n}\n';
    expect(findings({ '.claude/settings.json': text }, 'approval-bypassed')).toEqual([
      { file: '.claude/settings.json', line: 5, column: 5, severity: 'error' },
    ]);
  });

  it('recognises sample and managed settings by their keys, and nothing else named settings', () => {
    const lax = '{\n  "permissions": {\n    "disableBypassPermissionsMode": "disable"\n  }\n}\n';
    expect(
      scanFiles({ 'examples/settings/settings-lax.json': lax }).deployments.map(
        (d) => detailsOf(d, 'agent-config').scope,
      ),
    ).toEqual(['sample']);
    expect(
      scanFiles({ 'managed-settings.json': '{}' }).deployments.map((d) => detailsOf(d, 'agent-config').scope),
    ).toEqual(['managed']);
    expect(
      scanFiles({ 'config/settings.json': '{ "theme": "dark", "permissions": { "allow": ["read"] } }' }).deployments,
    ).toEqual([]);
    expect(scanFiles({ '.vscode/settings.json': '{ "enableAllProjectMcpServers": true }' }).deployments).toEqual([]);
    expect(scanFiles({ 'packages/api/.claude/settings.json': '{}' }).deployments.map((d) => d.name)).toEqual([
      'packages/api/.claude/settings.json',
    ]);
  });

  it('keeps env values for the secret scanner and reads endpoint overrides', () => {
    const text = '{ "env": { "ANTHROPIC_BASE_URL": "https://proxy.internal.acme.io", "LANG": "C.UTF-8" } }';
    const d = only(scanFiles({ '.claude/settings.json': text }));
    expect(detailsOf(d, 'agent-config').endpoints.map((e) => e.host)).toEqual(['proxy.internal.acme.io']);
    expect(detailsOf(d, 'agent-config').inlineValues.map((v) => v.label)).toEqual([
      'env.ANTHROPIC_BASE_URL',
      'env.LANG',
    ]);
  });
});

describe('credentials typed into settings', () => {
  it('are reported by inline-secret at the value, masked', () => {
    const token = ['ghp', '_', 'Q7m2VkX9pLr4Tz8WbN3cYd6Hs1JfA0uEoGiK'].join('');
    const text = `{\n  "env": {\n    "GITHUB_TOKEN": "${token}",\n    "LANG": "C.UTF-8"\n  }\n}\n`;
    const found = scanFiles({ '.claude/settings.json': text }).findings.filter((f) => f.ruleId === 'inline-secret');
    expect(found.map((f) => [f.line, f.column, f.endColumn, f.severity])).toEqual([[3, 22, 62, 'error']]);
    expect(found[0]!.message).toContain('ghp_…(40 chars)');
    expect(found[0]!.message).not.toContain(token);
    expect(found[0]!.message).toContain('`apiKeyHelper`');
  });

  it('cover Aider API keys and OpenHands LLM keys', () => {
    const key = ['sk-ant-api03-', 'Zr8Kq2Vn5Xw7Lm4Pt9Bc3Hd6Jf1Gs0Ya'].join('');
    const aider = scanFiles({ '.aider.conf.yml': `model: sonnet\nanthropic-api-key: ${key}\n` }).findings.filter(
      (f) => f.ruleId === 'inline-secret',
    );
    expect(aider.map((f) => [f.line, f.column])).toEqual([[2, 20]]);
    const openhands = scanFiles({
      'config.toml': `[core]\nruntime = "docker"\n\n[llm]\napi_key = "${key}"\n`,
    }).findings.filter((f) => f.ruleId === 'inline-secret');
    expect(openhands.map((f) => [f.line, f.column])).toEqual([[5, 12]]);
  });
});

describe('files that only look like settings', () => {
  it('are not read as Claude Code settings', () => {
    expect(
      scanFiles({
        'src/App/appsettings.json': '{ "Logging": { "defaultMode": "verbose" }, "permissions": { "allow": ["Bash"] } }',
      }).deployments,
    ).toEqual([]);
    expect(
      scanFiles({ 'conf/user-settings.json': '{ "permissions": { "defaultMode": "plan" } }' }).deployments.map(
        (d) => d.agent,
      ),
    ).toEqual(['claude-code']);
  });
});
