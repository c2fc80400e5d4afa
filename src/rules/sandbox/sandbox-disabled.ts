import { DEPLOYMENT_KINDS } from '../../model.js';
import { z } from 'zod';
import { reportFact } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'sandbox-disabled',
    title: 'A setting turns the agent sandbox off or lets the agent escape it',
    rationale: `The configuration declares a sandbox and then defeats it: Claude Code \`sandbox.enabled: false\`, Codex \`danger-full-access\`, codex-action \`safety-strategy: unsafe\`, Cursor \`insecure_none\`, OpenHands \`runtime = "local"\`, a Codex rules file (\`.codex/rules/*.rules\`) whose \`prefix_rule(..., decision = "allow")\` lets a shell, an interpreter or a command runner (\`python\`, \`npm\`, \`find\`, \`uv run\`) run outside the sandbox unasked, or a container that is privileged, mounts the Docker socket, shares the host's namespaces or mounts the host's root. A dev container's \`initializeCommand\` runs on the host before the container exists, so an agent it starts (by name, as \`opencode\` or \`["aider", …]\`) is outside the container. Each of these hands the agent the machine it runs on.

Remove the setting. If the agent truly needs the capability, run it inside a VM boundary (gVisor, Kata, a disposable runner) instead.`,
    examples: {
      fail: '```toml\nsandbox_mode = "danger-full-access"\n```',
      pass: '```toml\nsandbox_mode = "workspace-write"\n```',
    },
    defaultSeverity: 'error',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 9.0,
    owasp: ['ASI05', 'ASI02', 'MCP05'],
    cwe: [653, 250],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { isolation } = deployment.sandbox;
    // Only explicit escapes: a sandbox that is merely absent is sandbox-required's finding.
    if (isolation.value !== 'none' || !isolation.source) return;
    reportFact(deployment, isolation, context, (reason) => `The sandbox is defeated: ${reason}.`);
  },
});
