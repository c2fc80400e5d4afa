/** Fixes for findings on workflow jobs: permissions, limits, checkouts, agent flags and actor gates. */
import { fixesOf } from '../../agents/index.js';
import type { Deployment, FixProposal, SourceRef } from '../../model.js';
import type { FixInput } from '../../rules/types.js';
import { advice, at, itemPath, lastKey, proposal, textOf } from './shared.js';

const isJob = (d: Deployment, ref: SourceRef): boolean =>
  d.kind === 'workflow-job' && ref.file === d.at.file && ref.path.join('\u0000') === d.at.path.join('\u0000');

/** `permissions: contents: read` on a job that inherits the default token, or a workflow-wide `write-all`. */
export function workflowCredentials({ finding, deployment }: FixInput): FixProposal | null {
  if (deployment.kind !== 'workflow-job') return null;
  const ref = finding.at;
  if (isJob(deployment, ref)) {
    return proposal(
      `Add \`permissions: { contents: read }\` to job \`${deployment.name}\`, so the agent's token can read the repository and nothing more; grant any write a later step needs in a job that runs no model output.`,
      'safe',
      [{ kind: 'set', at: at(ref, [...ref.path, 'permissions']), value: { contents: 'read' } }],
    );
  }
  const key = lastKey(ref);
  if (key === 'permissions') {
    return proposal(
      '`permissions:` grants write scopes to the agent; scope it to `contents: read` and grant writes in a job that runs no model output.',
      'unsafe',
      [{ kind: 'set', at: ref, value: { contents: 'read' } }],
    );
  }
  if (ref.path.includes('permissions') && typeof key === 'string') {
    // `id-token` takes only `write` or `none`; every other scope has `read`.
    const value = key === 'id-token' ? 'none' : 'read';
    return proposal(`Set \`${key}: ${value}\` (or remove it) so the agent's token cannot write ${key}.`, 'unsafe', [
      { kind: 'set', at: ref, value },
    ]);
  }
  return null;
}

export function workflowLimits({ finding, deployment }: FixInput): FixProposal | null {
  if (deployment.kind !== 'workflow-job') return null;
  const ref = finding.at;
  const target = isJob(deployment, ref)
    ? at(ref, [...ref.path, 'timeout-minutes'])
    : lastKey(ref) === 'timeout-minutes'
      ? ref
      : null;
  if (!target) return null;
  return proposal(
    `Set \`timeout-minutes: 30\` on job \`${deployment.name}\` (GitHub's default is 360), so a looping or hijacked agent stops.`,
    'safe',
    [{ kind: 'set', at: target, value: 30 }],
  );
}

export function credentialsPersisted({ finding }: FixInput): FixProposal {
  const ref = finding.at;
  const step = itemPath(ref.path, 'steps');
  const description =
    'Set `persist-credentials: false` on the checkout, so the token is not left in `.git/config` for the agent.';
  if (!step) return advice(description);
  return proposal(description, 'safe', [
    { kind: 'set', at: at(ref, [...step, 'with', 'persist-credentials']), value: false },
  ]);
}

const GATE_INPUTS = new Set(['allowed_non_write_users', 'allowed_bots', 'allow-users', 'allow-bots']);

/** Which event field holds the acting user's association, per outsider event, most specific first. */
const ASSOCIATION_FIELD: Record<string, string> = {
  issue_comment: 'comment',
  pull_request_review_comment: 'comment',
  discussion_comment: 'comment',
  pull_request_review: 'review',
  issues: 'issue',
  pull_request_target: 'pull_request',
  discussion: 'discussion',
};
const FIELD_ORDER = ['comment', 'review', 'issue', 'pull_request', 'discussion'];

export function actorGate({ finding, deployment }: FixInput): FixProposal {
  const ref = finding.at;
  const key = lastKey(ref);
  if (typeof key === 'string' && GATE_INPUTS.has(key)) {
    return proposal(`Remove \`${key}\`, so the action's own write-access check refuses outsiders again.`, 'safe', [
      { kind: 'remove', at: ref },
    ]);
  }
  if (key === 'CLAUDE_CODE_SUBPROCESS_ENV_SCRUB') {
    return proposal(
      'Remove `CLAUDE_CODE_SUBPROCESS_ENV_SCRUB`, so credentials stay scrubbed from the commands the agent runs.',
      'safe',
      [{ kind: 'remove', at: ref }],
    );
  }
  const details = deployment.kind === 'workflow-job' ? deployment.details : null;
  if (!details || !isJob(deployment, ref)) {
    return advice(
      'Gate the job on the author\'s association: `if: contains(fromJSON(\'["OWNER","MEMBER","COLLABORATOR"]\'), github.event.comment.author_association)`.',
    );
  }
  const triggers = details.actorGate.outsiderTriggers.map((t) => t.name);
  const fields = FIELD_ORDER.filter((f) => triggers.some((t) => ASSOCIATION_FIELD[t] === f));
  if (fields.length === 0) fields.push('comment', 'issue');
  const actor = fields.map((f) => `github.event.${f}.author_association`).join(' || ');
  const condition = `contains(fromJSON('["OWNER","MEMBER","COLLABORATOR"]'), ${actor})`;
  return proposal(
    `Run job \`${deployment.name}\` only for the repository's owners, members and collaborators: add \`if: ${condition}\`.`,
    'safe',
    [{ kind: 'add-condition', at: ref, condition }],
  );
}

/** Bypass switches and what replaces them: nothing, or what the agent's catalogue entry names. */
const BYPASS =
  /^(--dangerously-skip-permissions|--dangerously-bypass-approvals-and-sandbox|--yolo|--yes-always|--allow-all-tools|--permission-mode[ =]bypassPermissions|--approval-mode[ =]yolo)$/;

export function bypassFlag({ finding, deployment }: FixInput): FixProposal | null {
  const ref = finding.at;
  const flag = textOf(ref);
  if (!flag || !BYPASS.test(flag) || ref.text === undefined) return null;
  const own = fixesOf(deployment.agent)?.bypassReplacement;
  const replaced = own && own.flags.test(flag) ? own : null;
  const replacement = replaced?.replacement ?? '';
  return proposal(
    replaced
      ? replaced.message.replace('{flag}', flag)
      : `Remove \`${flag}\`, so the agent asks before running tools outside its allowlist; allow what the task needs with \`--allowedTools\`.`,
    'safe',
    [{ kind: 'replace-text', at: { ...ref, text: ref.text }, replacement }],
  );
}

/** codex's `--sandbox danger-full-access` and codex-action's `sandbox`/`safety-strategy` inputs. */
export function workflowSandboxEscape({ finding }: FixInput): FixProposal | null {
  const ref = finding.at;
  const flag = textOf(ref);
  if (flag && /^--sandbox[ =]danger-full-access$/.test(flag) && ref.text !== undefined) {
    return proposal('Use `--sandbox workspace-write`, so commands stay inside the workspace sandbox.', 'safe', [
      { kind: 'replace-text', at: { ...ref, text: ref.text }, replacement: '--sandbox workspace-write' },
    ]);
  }
  if (flag === '--privileged' && ref.text !== undefined) {
    return proposal(
      'Remove `--privileged` from the container options, so the agent cannot take over the runner.',
      'unsafe',
      [{ kind: 'replace-text', at: { ...ref, text: ref.text }, replacement: '' }],
    );
  }
  const key = lastKey(ref);
  if (key === 'sandbox' && ref.path.includes('with')) {
    return proposal(
      "Set the action's `sandbox: workspace-write`, so the agent writes only inside the workspace.",
      'safe',
      [{ kind: 'set', at: ref, value: 'workspace-write' }],
    );
  }
  if (key === 'safety-strategy') {
    return proposal(
      'Remove `safety-strategy: unsafe`, so the action drops sudo before the agent runs (its default).',
      'safe',
      [{ kind: 'remove', at: ref }],
    );
  }
  return null;
}

/** An agent's sandbox through its own action's input, when the job runs only that agent and sets none. */
export function workflowSandbox({ deployment }: FixInput): FixProposal | null {
  const details = deployment.kind === 'workflow-job' ? deployment.details : null;
  if (!details) return null;
  const step = details.agentSteps.find((s) => s.via === 'action' && fixesOf(s.agent)?.actionSandbox);
  const fix = step ? fixesOf(step.agent)?.actionSandbox : undefined;
  const path = step ? itemPath(step.at.path, 'steps') : null;
  if (!step || !fix || !path || details.agentSteps.some((s) => s.agent !== step.agent)) return null;
  return proposal(fix.message.replace('{step}', step.label).replace('{value}', fix.value), 'safe', [
    { kind: 'set', at: at(step.at, [...path, 'with', fix.input]), value: fix.value, ifAbsent: true },
  ]);
}

/** Unsafe: take one entry out of an allowlist written inside a string (`--allowedTools "Bash,Read"`). */
export function workflowToolGrant({ finding }: FixInput): FixProposal | null {
  const ref = finding.at;
  const entry = textOf(ref);
  if (!entry || typeof ref.text !== 'string') return null;
  const esc = entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The entry with the separator after it, or before it when it is last; never a longer entry it prefixes.
  const text = new RegExp(`(?<![\\w(:*-])${esc}(?![\\w(])\\s*,\\s*|\\s*,\\s*(?<![\\w(:*-])${esc}(?![\\w(])`);
  return proposal(
    `Remove \`${entry}\` from the allowlist and list the exact commands the task needs instead (\`Bash(npm test:*)\`).`,
    'unsafe',
    [{ kind: 'replace-text', at: { ...ref, text }, replacement: '' }],
  );
}
