import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'actor-gate-open',
    title: 'Any GitHub user can start the agent',
    rationale: `On \`issues\`, \`issue_comment\`, \`pull_request_target\`, \`workflow_run\` (which a fork's pull request can start), review and discussion events, whoever opens the issue or writes the comment starts the job. claude-code-action and codex-action refuse actors without write access unless told otherwise; \`allowed_non_write_users: '*'\`, \`allowed_bots: '*'\` and \`allow-users: '*'\` tell them otherwise. Agent CLIs in \`run:\`, run-gemini-cli and most wrappers have no such check at all. \`CLAUDE_CODE_SUBPROCESS_ENV_SCRUB: 0\` next to non-write users also removes the credential scrub claude-code-action turns on for them.

Keep the action's write-access check, or gate the job: \`if: contains(fromJSON('["OWNER","MEMBER","COLLABORATOR"]'), github.event.comment.author_association)\`, a permission-check step, or triggers only triagers can fire (\`labeled\`, \`assigned\`). A check on a bot's name is not a gate: anyone can name an app that way.

A gate counts only when it stops outsiders: an \`if:\` that compares \`author_association\` with trusted values or looks the actor up in a list the repository writes, or a step that checks the permission and exits non-zero (or fails when an earlier step's check says so); in the job itself, in a job it \`needs:\` (skipped or failed, that job stops its dependents, unless a dependent's \`if:\` calls \`always()\`, \`failure()\` or \`cancelled()\` without asking for that job's success, or that it was not skipped when it is skipped for outsiders), in a needed job whose \`if:\` reads the output of a job that checks the actor (gh-aw's \`pre_activation\` → \`activation\` → \`agent\` chain), or in the job that calls a reusable workflow. A step that only prints the association, \`contains(github.event.comment.body, github.actor)\`, an \`if:\` with text around its \`\${{ }}\` (always true) and \`allowed_non_write_users: \${{ github.actor }}\` stop no one.`,
    examples: {
      fail: "```yaml\non: issue_comment\njobs:\n  fix:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          allowed_non_write_users: '*'\n```",
      pass: '```yaml\non: issue_comment\njobs:\n  fix:\n    if: contains(fromJSON(\'["OWNER","MEMBER","COLLABORATOR"]\'), github.event.comment.author_association)\n    steps:\n      - run: gemini -p "summarise"\n```',
    },
    defaultSeverity: 'error',
    kinds: ['workflow-job'],
    securitySeverity: 8.0,
    owasp: ['ASI01', 'ASI03'],
    cwe: [862],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    const gate = details.actorGate;
    for (const opening of gate.openings) {
      context.report({
        message: `The agent's write-access check is open: ${opening.reason}, so an outsider's issue or comment drives an agent that holds this job's credentials.`,
        at: opening.at,
      });
    }
    if (gate.gated || gate.exposedAgents.length === 0 || gate.outsiderTriggers.length === 0) return;
    const triggers = gate.outsiderTriggers.map((t) => `\`${t.name}\``).join(', ');
    context.report({
      message: `Any GitHub user can start ${gate.exposedAgents.join(', ')} through ${triggers}: the agent has no write-access check of its own, and neither the job's \`if:\` nor a step checks the author's association or permission.`,
      at: deployment.at,
      related: gate.outsiderTriggers.map((t) => ({ message: `trigger \`${t.name}\``, at: t.at })),
    });
  },
});
