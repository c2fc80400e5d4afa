import { z } from 'zod';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'value-not-determinable',
    title: 'A value that can weaken the sandbox is not written in the repository',
    rationale: `A value the repository does not hold is unknown, not absent: \`\${{ vars.CODEX_SANDBOX }}\` as codex-action's \`sandbox:\` can be \`danger-full-access\`, \`\${{ secrets.CLAUDE_FLAGS }}\` in \`claude_args\` can be \`--dangerously-skip-permissions\`, and \`allowed_non_write_users: \${{ vars.USERS }}\` can be \`*\`. Whoever can change repository or organisation variables, secrets or a caller's inputs then decides the sandbox, and no review of the pull request sees it.

The scanner first takes every value the expression can produce from what is written: literals in it (\`vars.MODE || 'danger-full-access'\` is judged as \`danger-full-access\`), every combination of the job's matrix (after \`exclude:\` and \`include:\`), an input's \`options:\` or \`default:\`, \`env:\` the file sets, and \`format()\`/\`fromJSON()\` of literals; the weakest decides, and other rules report it. Only what still rests on \`vars.*\`, \`secrets.*\`, step or job outputs, an input without a default, a matrix key that is not listed or a variable set outside the file is reported here, at the expression, and only where it can weaken the sandbox: a flag position or a sandbox flag's value in an args input or an agent's command line in \`run:\` (not \`--model\` or \`--max-turns\`; in \`run:\` also an unquoted operand, which the shell can split into flags, and a program position where another value starts an agent; there a shell variable nothing in the file sets (\`claude $FLAGS\`) or a command's output (\`$(cat flags.txt)\`) in a flag position or unquoted operand is reported too), codex-action's \`sandbox:\` and \`safety-strategy:\`, a \`settings\` input, and the actor lists of agent actions. An empty or unknown \`container:\` is judged as the runner itself by \`sandbox-disabled\`.

Write the value in the workflow (\`sandbox: workspace-write\`), or restrict the expression to literals (\`\${{ inputs.fast && 'workspace-write' || 'read-only' }}\`, an input with \`type: choice\`). A warning in \`recommended\`, an error in \`strict\`.`,
    examples: {
      fail: '```yaml\n- uses: openai/codex-action@v1\n  with:\n    sandbox: ${{ vars.CODEX_SANDBOX }}\n```',
      pass: "```yaml\n- uses: openai/codex-action@v1\n  with:\n    sandbox: ${{ vars.CODEX_SANDBOX == 'read-only' && 'read-only' || 'workspace-write' }}\n```",
    },
    defaultSeverity: 'warning',
    kinds: ['workflow-job'],
    securitySeverity: 5.5,
    owasp: ['ASI03', 'ASI05'],
    cwe: [15, 807],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    for (const u of deployment.details.undetermined ?? []) {
      const refs = u.unknown.map((r) => `\`${r}\``).join(', ');
      context.report({
        message: `${refs} ${u.unknown.length > 1 ? 'decide' : 'decides'} ${u.what}, and ${u.unknown.length > 1 ? 'their values are' : 'its value is'} not in the repository, so whether ${u.unknown.length > 1 ? 'they weaken' : 'it weakens'} the sandbox cannot be judged.`,
        at: u.at,
      });
    }
  },
});
