/**
 * kagent objects beyond their pod (harnesses, sandbox egress lists, MCP tool lists and approvals,
 * TLS checks turned off, stdio ToolServers) and agent operators found by kind in the catalogue (K8sGPT).
 * Shapes follow kagent-dev/kagent contrib/ and docs/, kagent-dev/kmcp config/samples and
 * k8sgpt-ai/k8sgpt-operator AUTO_REMEDIATION.md.
 */
import { describe, expect, it } from 'vitest';
import { at, fact, scanFiles, where } from './helpers.js';

const F = 'agents.yaml';
/** 1-based line of the `nth` occurrence of `needle`. */
const lineOf = (text: string, needle: string, nth = 0): number => Number(where(F, text, needle, nth).split(':')[1]);

// contrib/tools/k8sgpt-mcp-server/k8sgpt-agent.yaml, with a second tool and an egress list added.
const sandboxAgent = (tools: string, extra = ''): string =>
  [
    'apiVersion: kagent.dev/v1alpha3',
    'kind: SandboxAgent',
    'metadata:',
    '  name: k8sgpt-agent',
    '  namespace: kagent',
    'spec:',
    '  declarative:',
    '    modelConfig: default-model-config',
    '    stream: true',
    '    systemMessage: |-',
    "      You're a helpful agent. Use k8sgpt analyze tool to troubleshoot issues in a kubernetes cluster",
    '    tools:',
    tools,
    '  description: this is k8sgpt agent',
    '  type: Declarative',
    extra,
  ].join('\n');

const namedTools = [
  '    - mcpServer:',
  '        apiGroup: kagent.dev',
  '        kind: RemoteMCPServer',
  '        name: k8sgpt-mcp-server',
  '        toolNames:',
  '        - analyze',
  '        - delete_pod',
  '        requireApproval:',
  '        - delete_pod',
  '      type: McpServer',
].join('\n');

describe('kagent declarative agents', () => {
  it('toolNames limit the tools (requireApproval gates some); a server without toolNames gives every tool', () => {
    const text = sandboxAgent(namedTools);
    const report = scanFiles({ [F]: text });
    expect(report.deployments.map((d) => [d.name, d.agent])).toEqual([['SandboxAgent/k8sgpt-agent', 'unknown']]);
    const approval = fact(report, 'approval');
    expect(approval.value).toBe('restricted');
    expect(approval.reason).toContain('2 named MCP tools; 1 of them need');
    expect(approval.line).toBe(text.split('\n').indexOf('    tools:') + 1);

    const open = sandboxAgent(
      namedTools.replace(/ {8}toolNames:\n(?: {8}- \w+\n)+ {8}requireApproval:\n {8}- delete_pod\n/, ''),
    );
    expect(fact(scanFiles({ [F]: open }), 'approval')).toMatchObject({
      value: 'unrestricted',
      line: open.split('\n').indexOf('    - mcpServer:') + 1,
    });
    expect(fact(scanFiles({ [F]: open }), 'approval').reason).toContain('`k8sgpt-mcp-server` lists no `toolNames`');
  });

  it('sandbox.network.allowedDomains is the egress allowlist of a sandboxed agent; `*` or a BYO image is not', () => {
    const egress = '  sandbox:\n    network:\n      allowedDomains:\n      - api.openai.com\n      - "*.github.com"\n';
    const text = sandboxAgent(namedTools, egress);
    const declared = scanFiles({ [F]: text });
    expect(fact(declared, 'network')).toMatchObject({ value: 'allowlist', line: lineOf(text, 'allowedDomains:') });
    expect(at(declared, 'egress-restricted')).toEqual([]);
    const star = sandboxAgent(namedTools, egress.replace('"*.github.com"', '"*"'));
    expect(fact(scanFiles({ [F]: star }), 'network').value).toBe('open');
    const byo = [
      'apiVersion: kagent.dev/v1alpha2',
      'kind: Agent',
      'metadata: {name: helper}',
      'spec:',
      '  type: BYO',
      '  byo:',
      '    deployment:',
      '      image: ghcr.io/acme/helper:1',
      '      cmd: claude',
      '      args: ["-p", "triage"]',
      egress,
    ].join('\n');
    expect(fact(scanFiles({ [F]: byo }), 'network').value).toBe('open');
    // kagent's python/samples: a BYO SandboxAgent runs its own code; no tool list or egress list is read for it.
    const byoSandbox = [
      'apiVersion: kagent.dev/v1alpha3',
      'kind: SandboxAgent',
      'metadata:',
      '  name: basic-agent',
      'spec:',
      '  description: This agent can do anything.',
      '  type: BYO',
      '  byo:',
      '    image: localhost:5001/my-byo:latest',
      '    cmd: basic',
      egress,
    ].join('\n');
    const report = scanFiles({ [F]: byoSandbox });
    expect(fact(report, 'network').value).toBe('open');
    expect(fact(report, 'approval').value).toBe('unrestricted');
  });

  it('a NetworkPolicy that denies all egress stays stronger than the allowlist', () => {
    const egress = '  sandbox:\n    network:\n      allowedDomains: [api.openai.com]\n';
    const deny =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: kagent}\n' +
      'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n';
    const report = scanFiles({ [F]: sandboxAgent(namedTools, egress), 'deny.yaml': deny });
    expect(fact(report, 'network').value).toBe('none');
  });
});

describe('kagent harnesses, kmcp and ToolServers', () => {
  it('an AgentHarness runs its backend agent (docs/substrate-agentharness-lifecycle.md)', () => {
    const text = [
      'apiVersion: kagent.dev/v1alpha3',
      'kind: AgentHarness',
      'metadata:',
      '  name: peterj-claw',
      '  namespace: kagent',
      'spec:',
      '  runtime: substrate',
      '  backend: openclaw',
      '  description: OpenClaw on Agent Substrate',
      '  modelConfigRef: default-model-config',
      '  env:',
      '    - name: OPENCLAW_GATEWAY_TOKEN',
      '      value: sk-live-0123456789abcdef',
      '  substrate:',
      '    workerPoolRef:',
      '      name: kagent-default',
      '',
    ].join('\n');
    const report = scanFiles({ [F]: text });
    expect(report.deployments.map((d) => [d.name, d.agent])).toEqual([['AgentHarness/peterj-claw', 'openclaw']]);
    expect(at(report, 'k8s-env-secret-literal')).toEqual([where(F, text, 'value: sk-live-0123456789abcdef')]);
  });

  it('a Harness runs the agent its runtime key names', () => {
    const text =
      'apiVersion: kagent.dev/v1alpha3\nkind: Harness\nmetadata: {name: coder}\nspec:\n  codex: {}\n' +
      '  workload:\n    image: ghcr.io/acme/codex-runtime@sha256:' +
      'a'.repeat(64) +
      '\n  substrate:\n    workerPoolRef: {name: pool}\n    snapshotPolicy: {location: gs://x}\n';
    expect(scanFiles({ [F]: text }).deployments.map((d) => d.agent)).toEqual(['codex']);
  });

  it('a v1alpha3 Agent pairs an inline template (its MCP bindings name their tools) with an inline harness', () => {
    const text = [
      'apiVersion: kagent.dev/v1alpha3',
      'kind: Agent',
      'metadata: {name: reviewer, namespace: team}',
      'spec:',
      '  template:',
      '    inline:',
      '      modelConfig: {name: default-model-config}',
      '      tools:',
      '        - mcp:',
      '            server: {kind: RemoteMCPServer, name: github}',
      '            tools: [get_pull_request, create_review]',
      '  harness:',
      '    inline:',
      '      claude: {}',
      '      workload:',
      `        image: ghcr.io/acme/claude-runtime@sha256:${'b'.repeat(64)}`,
      '      substrate:',
      '        workerPoolRef: {name: pool}',
      '        snapshotPolicy: {location: gs://snapshots}',
      '',
    ].join('\n');
    const report = scanFiles({ [F]: text });
    expect(report.deployments.map((d) => [d.name, d.agent])).toEqual([['Agent/reviewer', 'claude-code']]);
    expect(fact(report, 'approval')).toMatchObject({ value: 'restricted', line: lineOf(text, '      tools:') });
    expect(fact(report, 'approval').reason).toContain('2 named tools');
  });

  it('kmcp `httpTransport.tls.insecureSkipVerify: true` and skills without TLS checks open the link', () => {
    const text = [
      'apiVersion: kagent.dev/v1alpha1',
      'kind: MCPServer',
      'metadata:',
      '  name: mcp-server-secure',
      '  namespace: mcp-servers',
      'spec:',
      '  transportType: http',
      '  httpTransport:',
      '    targetPort: 3000',
      '    tls:',
      '      secretRef: mcp-tls',
      '      insecureSkipVerify: true',
      '  deployment:',
      '    image: "ghcr.io/example/mcp-server:v1.0.0"',
      '    port: 3000',
      '',
    ].join('\n');
    const deny =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: mcp-servers}\n' +
      'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n';
    const report = scanFiles({ [F]: text, 'deny.yaml': deny });
    expect(fact(report, 'network')).toMatchObject({ value: 'open', line: 12 });
    expect(fact(report, 'network').reason).toContain('certificate checks');
    expect(at(report, 'egress-restricted')).toEqual([where(F, text, 'insecureSkipVerify: true')]);
    const skills = sandboxAgent(
      namedTools,
      '  skills:\n    insecureSkipVerify: true\n    refs: [registry.local/skills:1]\n',
    );
    expect(fact(scanFiles({ [F]: skills }), 'network').reason).toContain('its skills are pulled from');
  });

  it('a stdio ToolServer runs its command in the cluster; one at a URL is judged as a remote MCP server', () => {
    // contrib/tools/context7.mcp.yaml
    const stdio = [
      'apiVersion: kagent.dev/v1alpha1',
      'kind: ToolServer',
      'metadata:',
      '  name: context7-mcp-latest',
      'spec:',
      '  config:',
      '    stdio:',
      '      args:',
      "        - '-y'",
      "        - '@upstash/context7-mcp@latest'",
      '      command: npx',
      "  description: 'context7 MCP with documentation'",
      '',
    ].join('\n');
    expect(scanFiles({ [F]: stdio }).deployments.map((d) => d.name)).toEqual(['ToolServer/context7-mcp-latest']);
    const remote =
      'apiVersion: kagent.dev/v1alpha1\nkind: ToolServer\nmetadata: {name: grafana}\n' +
      'spec:\n  config:\n    sse:\n      url: http://grafana-mcp:8000/sse\n';
    // It starts no pod, but the server it names is judged as remote MCP servers are (kagent-remote.test.ts).
    expect(scanFiles({ [F]: remote }).deployments.map((d) => [d.kind, d.name])).toEqual([
      ['mcp-server', 'ToolServer/grafana'],
    ]);
  });
});

describe('agent operators by kind (catalogue resources)', () => {
  const k8sgpt = (remediation: string): string =>
    [
      'apiVersion: core.k8sgpt.ai/v1alpha1',
      'kind: K8sGPT',
      'metadata:',
      '  name: k8sgpt-sample',
      '  namespace: default',
      'spec:',
      '  ai:',
      '    enabled: true',
      '    model: gpt-4o-mini',
      '    backend: openai',
      '    secret:',
      '      name: k8sgpt-sample-secret',
      '      key: openai-api-key',
      remediation,
      '  noCache: false',
      '  repository: ghcr.io/k8sgpt-ai/k8sgpt',
      '  version: v0.4.1',
      '',
    ].join('\n');

  it('K8sGPT with autoRemediation enabled changes the cluster without asking: approval bypassed, a write credential', () => {
    const text = k8sgpt(
      '    autoRemediation:\n      enabled: true\n      riskThreshold: 90\n      resources:\n        - Pod\n        - Deployment',
    );
    const report = scanFiles({ [F]: text });
    expect(report.deployments.map((d) => [d.name, d.agent])).toEqual([['K8sGPT/k8sgpt-sample', 'k8sgpt']]);
    const line = lineOf(text, 'enabled: true', 1);
    expect(fact(report, 'approval')).toMatchObject({ value: 'bypassed', line });
    expect(fact(report, 'credentials')).toMatchObject({ value: 'write', line });
    expect(at(report, 'approval-bypassed')).toEqual([where(F, text, 'enabled: true', 1)]);
  });

  it('K8sGPT that only analyses, or with remediation off, is not an agent deployment', () => {
    expect(scanFiles({ [F]: k8sgpt('    anonymized: true') }).deployments).toEqual([]);
    expect(scanFiles({ [F]: k8sgpt('    autoRemediation:\n      enabled: false') }).deployments).toEqual([]);
  });
});

describe('odd shapes', () => {
  it('never throws on wrong types in the fields read here, and credits nothing from them', () => {
    const docs = [
      'apiVersion: kagent.dev/v1alpha3\nkind: SandboxAgent\nmetadata: {name: a}\nspec:\n  type: Declarative\n  declarative: {tools: [{mcpServer: {toolNames: analyze, requireApproval: 7}}, null, 3]}\n  sandbox: {network: {allowedDomains: "*.example.com"}}\n',
      'apiVersion: kagent.dev/v1alpha3\nkind: AgentHarness\nmetadata: {name: b}\nspec: {backend: 42, env: {X: 1}}\n',
      'apiVersion: kagent.dev/v1alpha3\nkind: Harness\nmetadata: {name: c}\nspec: [codex]\n',
      'apiVersion: kagent.dev/v1alpha3\nkind: Agent\nmetadata: {name: d}\nspec: {template: {inline: {tools: [{mcp: {tools: "x"}}, {agent: {}}]}}, harness: {inline: {constructor: {}}}}\n',
      'apiVersion: kagent.dev/v1alpha1\nkind: ToolServer\nmetadata: {name: e}\nspec: {config: {stdio: [npx]}}\n',
      'apiVersion: core.k8sgpt.ai/v1alpha1\nkind: K8sGPT\nmetadata: {name: f}\nspec: {ai: {autoRemediation: {enabled: "true"}}}\n',
    ];
    const report = scanFiles({ [F]: docs.join('---\n') });
    const byName = Object.fromEntries(report.deployments.map((d) => [d.name, d]));
    expect(byName['SandboxAgent/a']?.sandbox.network.value).toBe('open');
    expect(byName['SandboxAgent/a']?.sandbox.approval.value).toBe('unrestricted');
    expect(byName['AgentHarness/b']?.agent).toBe('unknown');
    expect(byName['Agent/d']?.sandbox.approval.value).toBe('unrestricted');
    // A string "true" is not the boolean the operator reads: K8sGPT stays an analyser.
    expect(byName['K8sGPT/f']).toBeUndefined();
  });
});
