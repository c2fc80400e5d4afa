/**
 * A `scopeOnly` scan must judge the changed files exactly as a full scan does, cross-file facts
 * included: for each file of a small repository with every registered adapter and rule, the
 * deployments and findings in that file are compared between the two runs.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/model/report.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { RULES } from '../../src/rules/index.js';

const agent = (name: string, labels: string, extra = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: agents\nspec:\n  template:\n    metadata:\n      labels: {${labels}}\n    spec:\n      serviceAccountName: ${name}-sa\n${extra}      containers:\n        - name: agent\n          image: ghcr.io/block/goose:1.0\n          env:\n            - name: ANTHROPIC_API_KEY\n              valueFrom: {secretKeyRef: {name: llm, key: key}}\n`;

const REPO: Record<string, string> = {
  'deploy/coder.yaml': agent('coder', 'app: coder'),
  'deploy/reviewer.yaml': agent('reviewer', 'app: reviewer', '      runtimeClassName: gvisor\n'),
  'deploy/web.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: agents}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
  'policies/deny.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: agents}\nspec:\n  podSelector: {matchLabels: {app: coder}}\n  policyTypes: [Egress]\n',
  'rbac/admin.yaml':
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: reviewer-admin}\nsubjects:\n  - {kind: ServiceAccount, name: reviewer-sa, namespace: agents}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n',
  'sandbox/template.yaml':
    'apiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxTemplate\nmetadata: {name: tpl, namespace: agents}\nspec:\n  podTemplate:\n    spec:\n      containers: [{name: a, image: ghcr.io/anthropics/claude-code:latest}]\n',
  'sandbox/claim.yaml':
    'apiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxClaim\nmetadata: {name: c, namespace: agents}\nspec:\n  sandboxTemplateRef: {name: tpl}\n',
  'compose.yaml':
    'services:\n  agent:\n    image: ghcr.io/all-hands-ai/openhands:0.59\n    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n',
  'compose.override.yaml': 'services:\n  agent:\n    privileged: true\n',
  '.github/workflows/claude.yml':
    'on: pull_request_target\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with: {ref: "${{ github.event.pull_request.head.sha }}"}\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: --dangerously-skip-permissions\n',
  '.claude/settings.json': '{ "permissions": { "defaultMode": "bypassPermissions" } }\n',
  '.mcp.json':
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem"] } } }\n',
  'README.md': '# repo\n',
};

function run(scope: ReadonlySet<string>, scopeOnly: boolean): ScanReport {
  return scan({
    files: Object.keys(REPO).sort(),
    skipped: [],
    read: (file) => ({ ok: true, text: REPO[file]! }),
    policy: defaultPolicy(),
    adapters: ADAPTERS,
    rules: RULES,
    scope,
    scopeOnly,
    today: '2026-01-01',
  }).report;
}

/** What the run says about one file: its deployments (with facts and signals) and its findings. */
function about(report: ScanReport, file: string): unknown {
  return {
    deployments: report.deployments.filter((d) => d.file === file),
    findings: report.findings.filter((f) => f.file === file),
  };
}

describe('scopeOnly equivalence', () => {
  const full = run(new Set(), false);

  it('the repository exercises cross-file facts', () => {
    expect(full.deployments.length).toBeGreaterThanOrEqual(6);
    const coder = full.deployments.find((d) => d.name.endsWith('coder'));
    expect(coder?.sandbox.network.source?.file).toBe('policies/deny.yaml');
  });

  for (const file of Object.keys(REPO).sort()) {
    it(`judges ${file} alone as the full scan does`, () => {
      const scope = new Set([file]);
      const limited = run(scope, true);
      const gated = run(scope, false);
      expect(about(limited, file)).toEqual(about(gated, file));
      expect(limited.result).toBe(gated.result);
    });
  }
});
