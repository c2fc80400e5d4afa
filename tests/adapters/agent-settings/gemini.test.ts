/** Gemini CLI settings (JSONC): the sandbox in boolean, string and object forms, v1 keys, allowlists. */
import { describe, expect, it } from 'vitest';
import { only, scanFiles } from './helpers.js';
import { detailsOf } from '../../helpers/details.js';

const FILE = '.gemini/settings.json';
const facts = (text: string) => {
  const d = only(scanFiles({ [FILE]: text }));
  return [d.sandbox.isolation.value, d.sandbox.network.value, d.sandbox.filesystem.value, d.sandbox.approval.value];
};
const at = (text: string, ruleId: string) =>
  scanFiles({ [FILE]: text })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => [f.line, f.column, f.severity]);

describe('Gemini CLI settings', () => {
  it('treats a boolean or command string as a sandbox with the network on, reported at that line', () => {
    const text = '{\n  // sandboxed, but online\n  "tools": { "sandbox": true },\n}\n';
    expect(facts(text)).toEqual(['process', 'open', 'workspace', 'unrestricted']);
    expect(at(text, 'egress-restricted')).toEqual([[3, 14, 'warning']]);
    expect(at(text, 'sandbox-required')).toEqual([]);
    expect(facts('{ "tools": { "sandbox": "docker" } }')[0]).toBe('container');
    expect(facts('{ "tools": { "sandbox": "runsc" } }')[0]).toBe('gvisor');
  });

  it('reads the object form: `networkAccess: false` closes the network, `enabled: false` turns it off', () => {
    expect(
      facts('{ "tools": { "sandbox": { "enabled": true, "command": "podman", "networkAccess": false } } }'),
    ).toEqual(['container', 'none', 'workspace', 'unrestricted']);
    const off = '{\n  "tools": {\n    "sandbox": { "enabled": false }\n  }\n}\n';
    expect(at(off, 'sandbox-disabled')).toEqual([[3, 18, 'error']]);
  });

  it('reads the v1 top-level `sandbox` and reports an absent sandbox at the first line', () => {
    expect(at('{\n  "sandbox": false\n}\n', 'sandbox-disabled')).toEqual([[2, 3, 'error']]);
    expect(at('{ "general": { "vimMode": true } }', 'sandbox-required')).toEqual([[1, 1, 'error']]);
  });

  it('`security.disableYoloMode: true` refuses a YOLO default; without it YOLO bypasses approvals', () => {
    const yolo = '{\n  "general": { "defaultApprovalMode": "yolo" },\n  "security": { "disableYoloMode": true }\n}\n';
    expect(facts(yolo)[3]).toBe('unrestricted');
    expect(at(yolo, 'approval-bypassed')).toEqual([]);
    const d = only(scanFiles({ [FILE]: yolo }));
    expect(d.sandbox.approval.reason).toContain('`defaultApprovalMode: yolo` included');
    expect(d.sandbox.approval.source?.path).toEqual(['security', 'disableYoloMode']);
    const on = yolo.replace('"disableYoloMode": true', '"disableYoloMode": false');
    expect(at(on, 'approval-bypassed')).toEqual([[2, 16, 'error']]);
    // A tool allowlist still restricts under the lock.
    expect(facts('{ "security": { "disableYoloMode": true }, "tools": { "core": ["read_file"] } }')[3]).toBe(
      'restricted',
    );
  });

  it('counts `tools.core` as an allowlist unless it holds the whole shell tool', () => {
    expect(facts('{ "tools": { "core": ["read_file", "run_shell_command(git status)"] } }')[3]).toBe('restricted');
    expect(facts('{ "tools": { "core": ["read_file", "run_shell_command"] } }')[3]).toBe('unrestricted');
  });

  it('leaves mcpServers to the MCP adapter and still reads the file', () => {
    const d = only(
      scanFiles({ [FILE]: '{ "mcpServers": { "gh": { "command": "npx", "args": ["-y", "x"], "trust": true } } }' }),
    );
    expect(d.agent).toBe('gemini-cli');
    expect(detailsOf(d, 'agent-config').toolGrants).toEqual([]);
  });
});
