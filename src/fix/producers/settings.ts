/** Fixes for agent settings files and the MCP entries in them. */
import { fixesOf } from '../../agents/index.js';
import type { FixProposal } from '../../model.js';
import type { FixInput } from '../../rules/types.js';
import { advice, at, lastKey, proposal } from './shared.js';

/** A sandbox for an agent-config deployment that has none: the key its agent's catalogue entry names. */
export function settingsSandbox({ deployment, finding }: FixInput): FixProposal | null {
  if (deployment.kind !== 'agent-config') return null;
  const ref = finding.at;
  const fix = fixesOf(deployment.agent)?.settingsSandbox;
  if (!fix || !fix.file.test(ref.file)) return null;
  return proposal(fix.message, 'safe', [{ kind: 'set', at: at(ref, [...fix.path]), value: fix.value, ifAbsent: true }]);
}

/** A settings value that turns the sandbox off. */
export function settingsSandboxEscape({ finding }: FixInput): FixProposal | null {
  const ref = finding.at;
  const key = lastKey(ref);
  if (key === 'enabled' && ref.path[ref.path.length - 2] === 'sandbox') {
    return proposal(
      'Set `sandbox.enabled: true` (and `failIfUnavailable: true`), so commands run inside the sandbox.',
      'safe',
      [{ kind: 'set', at: at(ref, ref.path.slice(0, -1)), value: { enabled: true, failIfUnavailable: true } }],
    );
  }
  if (key === 'sandbox_mode') {
    return proposal(
      'Use `sandbox_mode = "workspace-write"`, so commands run in the sandbox and write only the workspace.',
      'safe',
      [{ kind: 'set', at: ref, value: 'workspace-write' }],
    );
  }
  return null;
}

/** Approval switches in settings files. */
export function settingsBypass({ finding }: FixInput): FixProposal | null {
  const ref = finding.at;
  const key = lastKey(ref);
  if (key === 'defaultMode' && ref.text === undefined) {
    return proposal(
      'Remove `defaultMode: bypassPermissions`, so Claude Code asks before tools outside `permissions.allow`.',
      'safe',
      [{ kind: 'remove', at: ref }],
    );
  }
  if (key === 'approval_policy') {
    return proposal('Set `approval_policy = "on-request"`, so the agent asks before leaving its sandbox.', 'safe', [
      { kind: 'set', at: ref, value: 'on-request' },
    ]);
  }
  return null;
}

export function escapeHatch({ finding }: FixInput): FixProposal {
  const ref = finding.at;
  const key = lastKey(ref);
  const parent = ref.path.slice(0, -1);
  if (key === 'allowUnsandboxedCommands') {
    return proposal(
      'Set `allowUnsandboxedCommands: false`, so the model cannot rerun a command outside the sandbox.',
      'safe',
      [{ kind: 'set', at: ref, value: false }],
    );
  }
  if (key === 'enabled' || key === 'failIfUnavailable') {
    return proposal(
      'Set `failIfUnavailable: true` and `allowUnsandboxedCommands: false`, so nothing runs outside the sandbox.',
      'safe',
      [{ kind: 'set', at: at(ref, parent), value: { failIfUnavailable: true, allowUnsandboxedCommands: false } }],
    );
  }
  if (typeof key === 'number') {
    return proposal(
      `Remove this entry from \`${String(parent[parent.length - 1])}\`, so the command runs inside the sandbox.`,
      'unsafe',
      [{ kind: 'remove', at: ref }],
    );
  }
  return advice(
    'Close the way out: `allowUnsandboxedCommands: false`, `failIfUnavailable: true`, no `excludedCommands` or `allowUnixSockets`.',
  );
}

/** Unsafe: remove an allowlist entry from a list (JSON array, YAML sequence, TOML array). */
export function removeListEntry(what: string) {
  return ({ finding }: FixInput): FixProposal => {
    const ref = finding.at;
    if (typeof lastKey(ref) !== 'number') return advice(`Remove or narrow ${what}.`);
    return proposal(`Remove this ${what} and list the exact commands the task needs instead.`, 'unsafe', [
      { kind: 'remove', at: ref },
    ]);
  };
}

export function mcpAutoApprove({ finding }: FixInput): FixProposal {
  const ref = finding.at;
  if (lastKey(ref) === 'enableAllProjectMcpServers') {
    return proposal(
      'Set `enableAllProjectMcpServers: false`, so each project MCP server is approved once by a person.',
      'safe',
      [{ kind: 'set', at: ref, value: false }],
    );
  }
  return proposal(
    'Remove the pre-approval, so each MCP server is approved by a person when it is first used.',
    'unsafe',
    [{ kind: 'remove', at: ref }],
  );
}

export function permissionWidening({ finding }: FixInput): FixProposal {
  const ref = finding.at;
  const key = lastKey(ref);
  if (key === 'skipDangerousModePermissionPrompt') {
    return proposal(
      'Remove `skipDangerousModePermissionPrompt`, so a person confirms before bypass mode starts.',
      'safe',
      [{ kind: 'remove', at: ref }],
    );
  }
  if (typeof key === 'number') {
    return proposal('Remove this directory from the list, so the agent works in the project only.', 'unsafe', [
      { kind: 'remove', at: ref },
    ]);
  }
  return advice('Narrow the setting to the project directory.');
}

export function dangerousProfile({ finding }: FixInput): FixProposal {
  const ref = finding.at;
  const key = lastKey(ref);
  if (key === 'sandbox_mode') {
    return proposal('Use `sandbox_mode = "workspace-write"` in this profile.', 'safe', [
      { kind: 'set', at: ref, value: 'workspace-write' },
    ]);
  }
  if (key === 'network_access') {
    return proposal(
      'Set `network_access = false`, so sandboxed commands have no network (enable a proxy allowlist if they need one).',
      'unsafe',
      [{ kind: 'set', at: ref, value: false }],
    );
  }
  if (typeof key === 'number') {
    return proposal('Remove this writable root, so the profile writes only inside the workspace.', 'unsafe', [
      { kind: 'remove', at: ref },
    ]);
  }
  return advice(
    'Use a profile that keeps the workspace sandbox (`workspace-write`, no network, no extra writable roots).',
  );
}

export function baseUrlOverride({ finding }: FixInput): FixProposal {
  return proposal(
    'Remove the base-URL override, so the agent talks to the provider it is configured for (keep it only for a proxy you run).',
    'unsafe',
    [{ kind: 'remove', at: finding.at }],
  );
}
