/**
 * A repository with many failing agent deployments of several kinds (workflow jobs, MCP servers,
 * Compose services), scanned for real: what the comment and summary must stay readable for.
 */
import { scanDirectory } from '../../src/engine/index.js';
import type { ScanReport } from '../../src/model/report.js';
import { loadPreset } from '../../src/policy/load.js';
import { writeRepo } from '../helpers/temp-repo.js';

const workflow = (i: number): string => `on:
  pull_request_target:
  issue_comment:
jobs:
  agent-${i}:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: anthropics/claude-code-action@v1
        with:
          prompt: \${{ github.event.comment.body }}
          claude_args: --dangerously-skip-permissions
`;

export function manyAgentsRepo(workflows = 20, servers = 5, services = 5): string {
  const files: Record<string, string> = {};
  for (let i = 1; i <= workflows; i++)
    files[
      // Long names in some rows, as real repositories have; workflows stay at the folder's top level (GitHub runs no others).
      `.github/workflows/${i % 4 === 0 ? 'a-rather-long-workflow-file-name-' : ''}agent-${String(i).padStart(2, '0')}.yml`
    ] = workflow(i);
  files['.mcp.json'] = `${JSON.stringify(
    {
      mcpServers: Object.fromEntries(
        Array.from({ length: servers }, (_, i) => [
          `tool-${i + 1}`,
          {
            command: 'npx',
            args: ['-y', `@example/mcp-tool-${i + 1}@latest`],
            env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' },
          },
        ]),
      ),
    },
    null,
    2,
  )}\n`;
  files['compose.yaml'] = `services:\n${Array.from(
    { length: services },
    (_, i) =>
      `  agent-${i + 1}:\n    image: ghcr.io/example/claude-agent:latest\n    command: ["claude", "-p", "work", "--dangerously-skip-permissions"]\n    environment:\n      ANTHROPIC_API_KEY: \${ANTHROPIC_API_KEY}\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n`,
  ).join('')}`;
  return writeRepo(files);
}

export function manyAgentsReport(workflows = 20, servers = 5, services = 5): ScanReport {
  const root = manyAgentsRepo(workflows, servers, services);
  return scanDirectory({ root, policy: loadPreset('recommended'), today: '2026-12-01' }).report;
}
