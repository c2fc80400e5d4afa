import { z } from 'zod';
import { DEPLOYMENT_KINDS, ISOLATION_LEVELS, NETWORK_LEVELS } from '../../model.js';
import { strength } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'sandbox-required',
    title: 'The agent has no sandbox of the required strength',
    rationale: `An agent that runs tools needs a boundary between those tools and everything the host can reach: an OS sandbox (Claude Code's sandbox, Codex's workspace sandbox, \`srt\`), a container, gVisor, a micro-VM or a VM. Without one, a prompt injection runs with the host's files, network and credentials.

The \`minimum\` option sets the weakest accepted isolation (\`process\` by default; the strict preset asks for \`container\`). A missing sandbox is reported at the deployment's key. When egress is restricted (for example harden-runner with \`egress-policy: block\`) a missing sandbox is a warning instead of an error, because exfiltration is contained. Explicitly disabled sandboxes are \`sandbox-disabled\` findings instead.

An agent whose shell and web tools are all taken away needs no sandbox for them, and is not reported: tools removed (\`--disallowedTools Bash,WebFetch,WebSearch\`, \`--tools Read,Grep\`, \`permissions.deny\` naming each whole), or, for an agent CLI in \`run:\`, an allowlist that names no shell, web or MCP tool (\`--allowedTools Read,Grep\` with nothing that bypasses it). An action's allowlist alone is not credited, since the action may add tools of its own.`,
    examples: {
      fail: '```yaml\njobs:\n  fix:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "fix the bug"\n```',
      pass: '```json\n{ "sandbox": { "enabled": true, "failIfUnavailable": true } }\n```',
    },
    defaultSeverity: 'error',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 7.5,
    owasp: ['ASI05', 'ASI02', 'MCP05'],
    cwe: [653, 250],
  },
  options: z.strictObject({
    minimum: z.enum(ISOLATION_LEVELS).default('process'),
  }),
  check(deployment, context) {
    const { isolation, network } = deployment.sandbox;
    const required = context.options.minimum;
    if (strength(ISOLATION_LEVELS, isolation.value) >= strength(ISOLATION_LEVELS, required)) return;
    // No shell and no web tool: nothing runs that a sandbox would contain.
    if (deployment.sandbox.approval.noExec) return;
    if (isolation.derived) return; // inherited from a file whose own deployment reports it (a subagent's settings)
    if (isolation.value === 'none' && isolation.source) return; // sandbox-disabled reports explicit escapes
    if (isolation.value === 'none') {
      const egressContained = strength(NETWORK_LEVELS, network.value) >= strength(NETWORK_LEVELS, 'allowlist');
      context.report({
        message: `No sandbox is declared for this agent: ${isolation.reason}.${egressContained ? ` Egress is restricted (${network.reason}), which limits exfiltration but not what the agent can do on the host.` : ''}`,
        at: deployment.at,
        ...(egressContained ? { severity: 'warning' as const } : {}),
      });
      return;
    }
    context.report({
      message: `Isolation is ${isolation.value} (${isolation.reason}); the policy requires at least ${required}.`,
      at: isolation.source ?? deployment.at,
    });
  },
});
