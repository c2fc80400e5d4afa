import { z } from 'zod';
import { DEPLOYMENT_KINDS, ISOLATION_LEVELS } from '../../model.js';
import { reportFact, strength } from '../facts.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'approval-bypassed',
    title: 'The agent runs with every approval and permission check turned off',
    rationale: `Bypass switches such as \`--dangerously-skip-permissions\`, \`defaultMode: bypassPermissions\`, \`--yolo\`, \`--dangerously-bypass-approvals-and-sandbox\`, \`--yes-always\` or \`--allow-all-tools\` let the model run any tool without asking. Prompt-injected text then becomes shell commands with the agent's credentials. An agent operator's own switch does the same on a cluster: K8sGPT's \`spec.ai.autoRemediation.enabled: true\` lets its operator apply the patches the model proposes without anyone approving them. Gemini CLI's \`security.disableYoloMode: true\` refuses YOLO, so a \`defaultApprovalMode: yolo\` beside it is not reported, and neither is a workflow's \`gemini --yolo\` (\`-y\`, \`--approval-mode yolo\`) when the \`.gemini/settings.json\` that run loads sets it: Gemini CLI reads the key from its merged settings, the workspace file included, and exits rather than start in YOLO mode (unless the step sets \`GEMINI_CLI_SYSTEM_SETTINGS_PATH\`: system settings take precedence over the workspace file). Claude Code's \`permissions.disableBypassPermissionsMode: "disable"\` in the \`.claude/settings.json\` or \`.claude/settings.local.json\` a run loads (per \`--setting-sources\`) does the same for \`--dangerously-skip-permissions\`. Neither file is credited when the job checks out the pull request's head before the agent step: the agent then loads the pull request's own copy, which can drop the key, and a pull request cannot approve itself. Qwen Code is not credited either: its settings document no key that refuses \`--yolo\` or \`--dangerously-skip-permissions\`.

A Claude Code subagent (\`.claude/agents/*.md\`) with \`permissionMode: bypassPermissions\` counts too, unless the session's settings set \`disableBypassPermissionsMode: "disable"\` or its \`tools\` list holds only read tools; a subagent that only lists tools inherits its session and is judged through \`.claude/settings.json\`.

Remove the switch and grant the tools the task needs through an allowlist (\`--allowedTools\`, \`tools.core\`, \`permissions.allow\`). When the agent already runs inside a container or VM boundary the finding is a warning, because that boundary still contains it. A workflow job's \`container:\` is the exception when the job's token can write: every step runs in that container, so the token and secrets sit beside the agent and the finding stays an error.`,
    examples: {
      fail: '```yaml\n- uses: anthropics/claude-code-action@v1\n  with:\n    claude_args: --dangerously-skip-permissions\n```',
      pass: '```yaml\n- uses: anthropics/claude-code-action@v1\n  with:\n    claude_args: --allowedTools "Read,Grep"\n```',
    },
    defaultSeverity: 'error',
    kinds: DEPLOYMENT_KINDS,
    securitySeverity: 8.8,
    owasp: ['ASI02', 'ASI09', 'MCP07'],
    cwe: [862],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { approval, isolation } = deployment.sandbox;
    if (approval.value !== 'bypassed') return;
    const boundary = strength(ISOLATION_LEVELS, isolation.value) >= strength(ISOLATION_LEVELS, 'container');
    // A job container holds the job's token and secrets beside the agent: it contains the host, not them.
    const jobContainer = deployment.kind === 'workflow-job' ? deployment.details.jobContainer : undefined;
    const beside =
      boundary &&
      jobContainer !== undefined &&
      deployment.sandbox.credentials.value === 'write' &&
      sameKeyPath(isolation.source?.path, jobContainer.path);
    const contained = boundary && !beside;
    reportFact(
      deployment,
      approval,
      context,
      (reason) =>
        `Approvals are bypassed: ${reason}.${contained ? ` The ${isolation.value} boundary still contains the agent.` : ''}${beside ? " The job container holds the job's write token and secrets beside the agent, so it contains neither." : ''}`,
      contained ? 'warning' : undefined,
    );
  },
});

const sameKeyPath = (a: readonly (string | number)[] | undefined, b: readonly (string | number)[]): boolean =>
  a !== undefined && a.length === b.length && a.every((k, i) => k === b[i]);
