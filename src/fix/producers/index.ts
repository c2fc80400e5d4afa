/**
 * The fix of every rule: a producer that proposes changes for one finding, or, for rules whose
 * findings the tool cannot change by itself, the reason (`noEdits`) and the advice it gives instead.
 * Kept apart from the rule files so a rule's check and its fix can change independently.
 */
import { fixesOf } from '../../agents/index.js';
import type { FixProposal } from '../../model.js';
import type { FixInput, RuleFix } from '../../rules/types.js';
import { composeHardening, containerLimits, filesystemScope, k8sEgress, podSecurity } from './containers.js';
import {
  baseUrlOverride,
  dangerousProfile,
  escapeHatch,
  mcpAutoApprove,
  permissionWidening,
  removeListEntry,
  settingsBypass,
  settingsSandbox,
  settingsSandboxEscape,
} from './settings.js';
import { advice, lastKey, proposal } from './shared.js';
import {
  actorGate,
  bypassFlag,
  credentialsPersisted,
  workflowCredentials,
  workflowLimits,
  workflowSandbox,
  workflowSandboxEscape,
  workflowToolGrant,
} from './workflow.js';

type Producer = (input: FixInput) => FixProposal | null;

/** The first producer with a proposal, else the advice. */
const first =
  (fallback: string | ((input: FixInput) => string), ...producers: Producer[]) =>
  (input: FixInput): FixProposal => {
    for (const produce of producers) {
      const fix = produce(input);
      if (fix) return fix;
    }
    return advice(typeof fallback === 'string' ? fallback : fallback(input));
  };

const only = (description: string, noEdits: string): RuleFix => ({
  produce: () => advice(description),
  noEdits,
  advice: description,
});

const composeCapability: Producer = ({ deployment, finding }) =>
  deployment.kind === 'compose-service' && typeof lastKey(finding.at) === 'number'
    ? proposal('Remove this entry, which hands the agent the host.', 'unsafe', [{ kind: 'remove', at: finding.at }])
    : null;

export const RULE_FIXES: Record<string, RuleFix> = {
  'actor-gate-open': { produce: actorGate },
  'approval-bypassed': {
    produce: first(
      'Remove the bypass switch and allow only the tools the task needs (`--allowedTools`, `permissions.allow`).',
      bypassFlag,
      settingsBypass,
    ),
  },
  'compose-env-secret-literal': only(
    'Revoke the secret, then pass it from the environment (`KEY: ${KEY}`) or as a Compose secret.',
    'a revoked secret needs a new one, and where it comes from (an env file, a secret store) is the team’s choice',
  ),
  'compose-hardening': { produce: composeHardening },
  'credentials-persisted': { produce: credentialsPersisted },
  'credentials-scoped': {
    produce: first(
      'Give the agent read-only credentials and move writes to a step or job that runs no model output.',
      workflowCredentials,
    ),
  },
  'devcontainer-root-user': only(
    'Set a non-root user the image has (`"remoteUser": "node"` or `"vscode"`).',
    'which non-root user exists depends on the image, which the tool does not pull',
  ),
  'egress-restricted': {
    produce: first(
      'Restrict egress to the hosts the agent needs (a sandbox network allowlist, harden-runner `egress-policy: block`, a NetworkPolicy).',
      k8sEgress,
    ),
  },
  'filesystem-scoped': {
    produce: first(
      'Limit writes to the workspace (`workspace-write`, `readOnlyRootFilesystem: true`, a project-rooted MCP server).',
      filesystemScope,
    ),
  },
  'inline-secret': only(
    'Revoke the secret, then reference it from the environment or a secret store instead of the file.',
    'a leaked secret must be revoked and replaced; removing it from the file alone leaves it in the history',
  ),
  'k8s-env-secret-literal': only(
    'Revoke the secret, then read it from a Secret (`valueFrom.secretKeyRef`).',
    'the Secret the value should come from does not exist yet, and a leaked value must be revoked first',
  ),
  'limits-required': {
    produce: first(
      'Bound the agent: `timeout-minutes` on jobs, CPU and memory limits on containers.',
      workflowLimits,
      containerLimits,
    ),
  },
  'mcp-unpinned-package': only(
    'Pin the package to the exact version you reviewed (`pkg@1.2.3`, `image@sha256:…`).',
    'the version to pin is the one the team reviewed; the tool never asks a registry which versions exist',
  ),
  'pod-security-restricted': { produce: podSecurity },
  'value-not-determinable': only(
    "Write the value in the workflow, or limit the expression to literals (`${{ inputs.fast && 'workspace-write' || 'read-only' }}`, an input with `type: choice`).",
    'which value the team means is not in the repository; only they can write it',
  ),
  'prompt-injection': only(
    'Keep outsider text out of the agent’s prompt, or gate who can trigger the job and reduce what the agent holds.',
    'the text the agent reads is what the job is for; the fixes lie in who may start it (actor-gate-open) and what the agent holds',
  ),
  'sandbox-disabled': {
    produce: first(
      'Remove the setting that defeats the sandbox; run the agent inside a VM boundary if it truly needs it.',
      workflowSandboxEscape,
      bypassFlag,
      settingsSandboxEscape,
      composeCapability,
    ),
  },
  'sandbox-required': {
    produce: first(
      ({ deployment }) => {
        // An MCP server is a process its client starts, outside the client's own tool sandbox.
        if (deployment.kind === 'mcp-server')
          return 'Run the server in a container or VM (`docker run --rm -i IMAGE` with no host mounts) instead of as a host process.';
        const own = deployment.agent ? fixesOf(deployment.agent)?.sandboxHint : undefined;
        return `Run the agent in a sandbox: ${own ? `${own}, ` : 'its own sandbox setting, '}a container or VM.`;
      },
      workflowSandbox,
      settingsSandbox,
    ),
  },
  'settings-base-url-override': { produce: baseUrlOverride },
  'settings-dangerous-profile': { produce: dangerousProfile },
  'settings-hooks': only(
    'Check that each hook or helper command is one the team wrote and expects to run on every session.',
    'hooks are often wanted; whether one belongs is a review question, not an edit',
  ),
  'settings-mcp-auto-approve': { produce: mcpAutoApprove },
  'settings-permission-widening': { produce: permissionWidening },
  'settings-sandbox-escape-hatch': { produce: escapeHatch },
  'settings-unrestricted-tools': { produce: removeListEntry('allowlist entry') },
  'unrestricted-tools': {
    produce: first('List the exact commands the task needs instead of a shell or runner.', workflowToolGrant),
  },
  'untrusted-checkout': only(
    'Check out the pull request’s code only in a job without secrets or write tokens, and never run the agent on it with them.',
    'checking out the pull request is what the job is for; the fix is splitting the job, which changes the workflow',
  ),
  'internal-error': only(
    'Report the error; the rest of the scan completed.',
    'a bug in the tool, not in the repository',
  ),
  'unparsable-file': only(
    'Fix the syntax error (or raise `max-file-size`), so the file can be judged.',
    'what the file should say is unknown until it parses',
  ),
  'not-evaluated': only(
    'Make the file evaluable (no templating; a reference to a file in this repository), or exclude it if it holds no agent.',
    'templated files are rendered by tools the scan never runs, and a missing or remote file is not here to read',
  ),
  'run-not-followed': only(
    'Commit the script, package script or make target the step runs and name it literally, or run the agent in the workflow step itself, so it can be judged.',
    'what the missing or run-time-named script should hold is unknown to the scanner',
  ),
  'suppression-expired': only(
    'Fix the finding, or renew the suppression with a new expiry and reason.',
    'renewing a suppression is a decision for its owner',
  ),
  'suppression-unused': only(
    'Remove the suppression: nothing it names is reported any more.',
    'the suppression may live in a policy on another branch or repository',
  ),
  'suppression-not-allowed': only(
    'Move the exception into the base branch’s policy, where a reviewer approves it.',
    'a pull request cannot approve its own exception',
  ),
  'settings-plugin-marketplace': only(
    'Remove the marketplace, or list its owner in the rule’s `trustedOwners` once you have reviewed what its plugins run.',
    'whether a marketplace is trusted is the repository owner’s decision',
  ),
  'attestation-expired': only(
    'Check that the outside control still holds, then renew the attestation with fresh evidence and a new `expires`, or remove it.',
    'only the attestation’s owner can say whether the control outside the repository still holds',
  ),
  'attestation-expiring': only(
    'Re-check the control and move `expires` forward (at most `attestations.max-days`), with fresh evidence.',
    'renewing an attestation is a decision for its owner, with evidence the scan cannot see',
  ),
  'attestation-unused': only(
    'Remove the attestation, or fix its `applies-to` so it selects the deployments it was written for.',
    'whether the selector is wrong or the attestation is obsolete is the owner’s call',
  ),
};

/** The fix for one finding, or null for rules without an entry (a policy's custom rules). */
export function proposeFix(ruleId: string, input: FixInput): FixProposal | null {
  const entry = RULE_FIXES[ruleId];
  return entry ? entry.produce(input) : null;
}

/** The fix of a finding that belongs to no deployment: advice only. */
export function fileLevelFix(ruleId: string): FixProposal | null {
  const text = RULE_FIXES[ruleId]?.advice;
  return text ? advice(text) : null;
}
