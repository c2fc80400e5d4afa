/** engine/components: what a deployment launches, names and may call, as the report lists it. */
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { writeRepo } from '../helpers/temp-repo.js';

const job = (run: string, extra = '') =>
  `on: issue_comment\njobs:\n  fix:\n    runs-on: ubuntu-latest\n    steps:\n${extra}      - run: |\n${run
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n')}\n`;

function components(files: Record<string, string>) {
  const { report } = scanDirectory({ root: writeRepo(files), policy: defaultPolicy() });
  return report.deployments.flatMap((d) => (d.components ?? []).map((c) => `${c.kind} ${c.purl ?? c.name}`));
}

describe('deployment components', () => {
  it('lists globally installed and launched agent packages, not the project dependencies a job installs', () => {
    const listed = components({
      '.github/workflows/a.yml': job(
        'npm install\nnpm i lodash\npnpm add left-pad\nnpm install -g @anthropic-ai/claude-code@2.1.0\npip install aider-chat==0.86.1\nclaude -p "fix" --dangerously-skip-permissions',
      ),
    });
    expect(listed).toEqual(
      expect.arrayContaining([
        'package pkg:npm/%40anthropic-ai/claude-code@2.1.0',
        'package pkg:pypi/aider-chat@0.86.1',
      ]),
    );
    expect(listed.some((c) => c.includes('lodash') || c.includes('left-pad'))).toBe(false);
  });

  it('skips models and images written as expressions, which the file does not name', () => {
    const listed = components({
      '.github/workflows/a.yml': job(
        'claude -p "x" --model ${{ inputs.model }} --dangerously-skip-permissions',
        '      - uses: ./local-action\n',
      ),
      '.claude/settings.json': JSON.stringify({ model: '${MODEL}', permissions: { allow: ['Bash'] } }),
    });
    expect(listed.filter((c) => c.startsWith('model'))).toEqual([]);
    expect(listed.some((c) => c.includes('local-action'))).toBe(false);
    expect(listed).toContain('tool Bash');
  });

  it('gives Kubernetes env models and images their purls, with a registry host as repository_url', () => {
    const listed = components({
      'deploy/agent.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: registry.example.com:5000/team/agent@sha256:${'a'.repeat(64)}\n          command: [claude, -p, review]\n          env:\n            - name: ANTHROPIC_MODEL\n              value: claude-sonnet-4-5\n`,
    });
    expect(listed).toEqual(
      expect.arrayContaining([
        `image pkg:docker/team/agent@sha256%3A${'a'.repeat(64)}?repository_url=registry.example.com%3A5000`,
        'model claude-sonnet-4-5',
      ]),
    );
  });
});
