import { z } from 'zod';
import { redactSecrets } from '../../secrets.js';
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'run-not-followed',
    title: 'A command in an agent job runs something from the repository that could not be read',
    rationale: `An agent job is judged by everything its steps run, and much of that lives in the repository: a committed script (\`./ci/agent.sh\`, \`bash ci/agent.sh\`, \`source env.sh\`, \`sh -c ./x\`), a \`package.json\` script (\`npm run review\`, \`pnpm run agent\`) or a Makefile recipe (\`make agent\`, \`make -C tools review\`). The scanner reads each of them (it never runs them), to any depth, and judges an agent found there as part of the job, with the job's token, permissions and triggers. When a command names a file that is not in the repository (made by an earlier step, downloaded, or misspelt), a path or name known only at run time (\`"$TOOLS/run.sh"\`, \`npm run "$TASK"\`), a make target no Makefile defines, a script under an interpreter that is not a shell, or when a bound is reached (more than 8 scripts deep, more than 100 files for one step), what runs there could hold an agent without a sandbox and was not judged. That is a finding, never a silent pass: a warning under \`recommended\`, an error under \`strict\`. A step that is handed a model key (\`ANTHROPIC_API_KEY\`, \`OPENAI_API_KEY\`, …) and runs such a script is judged as a deployment of an unknown agent even when no agent is recognised elsewhere in the job. The finding points at the command and traces how it was reached (\`step "Review" → ./ci/review.sh → make agent\`).

Commit what the step runs and name it literally, or run the agent itself in the workflow step where it can be judged. Cycles (a script that calls itself) are read once and are not reported; tools installed into \`node_modules\` and binaries that \`yarn\`, \`pnpm\` or \`bun\` run by name are not repository content and are not reported. Nor is a script that a remote action installed earlier in the same job (gh-aw's setup action copies its scripts into \`destination\`, and later steps run \`bash "\${RUNNER_TEMP}/gh-aw/actions/x.sh"\`): it is that pinned action's code, which is not followed, as no remote action is. It counts only for a file directly in the directory the step names (\`destination:\`, else the action's default), when no step of the job writes into that directory and the script does not set the runner variable its path starts from; the same script with no installing step before it in the job is reported.`,
    examples: {
      fail: '```yaml\n- uses: anthropics/claude-code-action@v1\n- run: ./scripts/generated.sh   # not in the repository\n```',
      pass: '```yaml\n- uses: anthropics/claude-code-action@v1\n- run: ./scripts/lint.sh        # committed: read and judged\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['workflow-job'],
    securitySeverity: 4.0,
    owasp: ['ASI10', 'ASI05'],
    cwe: [693],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    for (const miss of deployment.details.unfollowed ?? []) {
      context.report({
        message: `${redactSecrets(miss.trace)} is not followed: ${redactSecrets(miss.message)}. What it runs was not judged; an agent there would run with this job's token and triggers.`,
        at: miss.at,
      });
    }
  },
});
