import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'settings-sandbox-escape-hatch',
    title: 'The agent sandbox is on but leaves a way out',
    rationale: `A sandbox that is on can still be left. In Claude Code, \`allowUnsandboxedCommands\` (true by default) lets the model rerun a command outside the sandbox, \`excludedCommands\` always run outside it, \`network.allowUnixSockets\` hands sandboxed commands a host service, and \`enableWeakerNetworkIsolation\` opens a macOS system service. Without \`failIfUnavailable: true\`, a machine without bubblewrap or Seatbelt runs every command unsandboxed with only a warning.

A Codex \`prefix_rule\` with \`decision = "allow"\` (or no decision, which Codex takes as allow) for one fixed command (\`git status\`, \`yarn test\`) is such a hole too, reported as a notice: that command runs outside the sandbox without asking.

Set \`allowUnsandboxedCommands: false\` and \`failIfUnavailable: true\`, and keep \`excludedCommands\` and \`allowUnixSockets\` empty. Settings that hand over the host outright (a Docker socket, \`enableWeakerNestedSandbox\`) are \`sandbox-disabled\` findings instead. Explicit holes are warnings; defaults left in place are notices.`,
    examples: {
      fail: '```json\n{ "sandbox": { "enabled": true, "allowUnsandboxedCommands": true } }\n```',
      pass: '```json\n{ "sandbox": { "enabled": true, "allowUnsandboxedCommands": false, "failIfUnavailable": true } }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['agent-config'],
    securitySeverity: 5.0,
    owasp: ['ASI05'],
    cwe: [653, 693],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    for (const gap of details.sandboxGaps) {
      const item = typeof gap.source.path[gap.source.path.length - 1] === 'number';
      const value = `\`${redactSecrets(gap.value)}\``;
      const what =
        gap.value === 'defaults'
          ? `\`${gap.key}\` keeps its defaults`
          : `\`${gap.key}\` ${item ? 'has' : 'is'} ${value}`;
      context.report({
        message: `${what}: ${gap.why}.`,
        at: gap.source,
        ...(gap.level === 'note' ? { severity: 'notice' as const } : {}),
      });
    }
  },
});
