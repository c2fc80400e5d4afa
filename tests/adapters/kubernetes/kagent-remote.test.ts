/**
 * kagent RemoteMCPServer judged as a remote MCP server, agents' tool references linked to the servers
 * they name, and AgentHarness chat channels as outsider input. Shapes follow kagent-dev/kagent
 * contrib/tools/*-remote-mcpserver.yaml, go/api/v1alpha2/remotemcpserver_types.go,
 * go/api/v1alpha3/agentharness_types.go and go/core/pkg/sandboxbackend/openclaw/channels_substrate.go.
 */
import { describe, expect, it } from 'vitest';
import { kubernetesAdapter } from '../../../src/adapters/kubernetes/index.js';
import { placeOf } from '../../../src/adapters/kubernetes/kagent-mcp.js';
import { at, fact, scanFiles, where } from './helpers.js';

const server = (url: string, extra: string[] = [], name = 'k8sgpt-mcp-server'): string =>
  [
    'apiVersion: kagent.dev/v1alpha3',
    'kind: RemoteMCPServer',
    'metadata:',
    `  name: ${name}`,
    '  namespace: kagent',
    'spec:',
    `  url: "${url}"`,
    '  timeout: 30s',
    '  description: "k8sgpt is an AI-powered kubernetes troubleshooting tool"',
    ...extra,
    '',
  ].join('\n');

const agent = (tool: string[], namespace = 'kagent'): string =>
  [
    'apiVersion: kagent.dev/v1alpha2',
    'kind: Agent',
    'metadata:',
    '  name: ops-agent',
    `  namespace: ${namespace}`,
    'spec:',
    '  type: Declarative',
    '  declarative:',
    '    modelConfig: default-model-config',
    '    systemMessage: You operate the cluster.',
    '    tools:',
    '    - type: McpServer',
    '      mcpServer:',
    '        apiGroup: kagent.dev',
    '        kind: RemoteMCPServer',
    '        name: k8sgpt-mcp-server',
    ...tool,
    '',
  ].join('\n');

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('where a RemoteMCPServer runs', () => {
  it('reads loopback, cluster services and remote hosts from the URL as kagent does', () => {
    expect(placeOf('http://localhost:8084/mcp')).toBe('loopback');
    expect(placeOf('http://k8sgpt-mcp-server:8089/mcp')).toBe('cluster');
    expect(placeOf('http://f5-wrapper.kagent:8080/mcp')).toBe('cluster');
    expect(placeOf('http://aks-mcp.aks-mcp.svc:8000/mcp')).toBe('cluster');
    expect(placeOf('http://mcp-gateway.agentgateway-system.svc.cluster.local:3000/mcp')).toBe('cluster');
    expect(placeOf('https://servereverything.dev/mcp')).toBe('remote');
    expect(placeOf('https://api.githubcopilot.com/mcp/')).toBe('remote');
    expect(placeOf('https://mcp.example.io/sse')).toBe('remote');
    expect(placeOf('https://10.0.0.5/mcp')).toBe('remote');
  });
});

describe('kagent RemoteMCPServer', () => {
  it('a remote https server: another host, credentials from headersFrom, no agent in the repository', () => {
    const text = server('https://servereverything.dev/mcp', [
      '  headersFrom:',
      '  - name: Authorization',
      '    valueFrom: {type: Secret, name: mcp-token, key: token}',
    ]);
    const report = scanFiles({ 'rmcp.yaml': text });
    expect(report.deployments.map((d) => [d.kind, d.name, d.agent])).toEqual([
      ['mcp-server', 'RemoteMCPServer/k8sgpt-mcp-server', 'kagent'],
    ]);
    expect(fact(report, 'isolation')).toMatchObject({ value: 'vm', line: 7 });
    expect(fact(report, 'network')).toMatchObject({ value: 'allowlist', line: 7 });
    expect(fact(report, 'credentials')).toMatchObject({ value: 'read', line: lineOf(text, '- name: Authorization') });
    expect(fact(report, 'credentials').reason).toContain('Secret `mcp-token`');
    expect(fact(report, 'approval')).toMatchObject({ value: 'unrestricted', line: null });
    expect(report.findings.filter((f) => f.file === 'rmcp.yaml').map((f) => f.ruleId)).toEqual([]);
  });

  it('a cluster service over plain http runs beside the agent: weakest facts, not skipped', () => {
    const text = server('http://k8sgpt-mcp-server:8089/mcp');
    const report = scanFiles({ 'rmcp.yaml': text });
    expect(fact(report, 'isolation')).toMatchObject({ value: 'none', line: null });
    expect(fact(report, 'network')).toMatchObject({ value: 'open', line: 7 });
    expect(fact(report, 'network').reason).toContain('plain `http`');
    expect(fact(report, 'filesystem').value).toBe('full');
    expect(fact(report, 'limits').value).toBe('unbounded');
    expect(at(report, 'sandbox-required')).toEqual([where('rmcp.yaml', text, 'name: k8sgpt-mcp-server')]);
    expect(at(report, 'egress-restricted')).toEqual([
      where('rmcp.yaml', text, 'url: "http://k8sgpt-mcp-server:8089/mcp"'),
    ]);
  });

  it('a cluster service the repository holds is judged by the pod its selector picks', () => {
    const workload = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: k8sgpt-mcp, namespace: kagent}',
      'spec:',
      '  template:',
      '    metadata: {labels: {app: k8sgpt-mcp}}',
      '    spec:',
      '      containers:',
      '      - name: server',
      '        image: ghcr.io/k8sgpt-ai/k8sgpt:v0.4.22',
      '        resources: {limits: {cpu: "1", memory: 512Mi}}',
      '        securityContext: {readOnlyRootFilesystem: true}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: k8sgpt-mcp-server, namespace: kagent}',
      'spec:',
      '  selector: {app: k8sgpt-mcp}',
      '  ports: [{port: 8089}]',
      '',
    ].join('\n');
    const report = scanFiles({ 'rmcp.yaml': server('http://k8sgpt-mcp-server.kagent:8089/mcp'), 'svc.yaml': workload });
    expect(fact(report, 'isolation').value).toBe('container');
    expect(fact(report, 'isolation').reason).toContain('served by Deployment/k8sgpt-mcp in svc.yaml');
    expect(fact(report, 'limits')).toMatchObject({ value: 'bounded', file: 'svc.yaml' });
    expect(at(report, 'sandbox-required')).toEqual([]);
    // Another namespace's service, or a selector that picks no pod, leaves the weakest facts.
    const other = scanFiles({
      'rmcp.yaml': server('http://k8sgpt-mcp-server.monitoring:8089/mcp'),
      'svc.yaml': workload,
    });
    expect(fact(other, 'isolation').value).toBe('none');
    const none = scanFiles({
      'rmcp.yaml': server('http://k8sgpt-mcp-server:8089/mcp'),
      'svc.yaml': workload.replace('selector: {app: k8sgpt-mcp}', 'selector: {app: other}'),
    });
    expect(fact(none, 'isolation').value).toBe('none');
  });

  it('tls.disableVerify opens the link to an https server', () => {
    const text = server('https://mcp.acme.com/mcp', ['  tls:', '    disableVerify: true']);
    const network = fact(scanFiles({ 'rmcp.yaml': text }), 'network');
    expect(network).toMatchObject({ value: 'open', line: lineOf(text, 'disableVerify') });
  });

  it('a literal header value is judged by inline-secret; a plain header is no credential', () => {
    const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const text = server('https://api.githubcopilot.com/mcp/', [
      '  headersFrom:',
      '  - name: X-Tenant',
      '    value: acme',
      '  - name: Authorization',
      `    value: "Bearer ${token}"`,
    ]);
    const report = scanFiles({ 'rmcp.yaml': text });
    expect(at(report, 'inline-secret')).toEqual([where('rmcp.yaml', text, token)]);
    expect(fact(report, 'credentials')).toMatchObject({ value: 'read', line: lineOf(text, '- name: Authorization') });
    const plain = scanFiles({
      'rmcp.yaml': server('https://a.acme.com/mcp', ['  headersFrom:', '  - {name: X-Tenant, value: acme}']),
    });
    expect(fact(plain, 'credentials').value).toBe('none');
  });

  it('a v1alpha1 ToolServer with an sse or streamableHttp config is a remote server too', () => {
    const token =
      'sk-ant-api03-' +
      'Zq8rT2vLx9Wm4Kp7Yn3Bd6Hs1Jf5Gc0Ae2RuXy7Vb4Nm1Qw8Er5Ty2Ui9Op3As6Df0Gh7Jk4Lz1Xc8Vb5Nm2Qw9Er6Ty3Ui0OpAA';
    const text = [
      'apiVersion: kagent.dev/v1alpha1',
      'kind: ToolServer',
      'metadata: {name: docs, namespace: kagent}',
      'spec:',
      '  description: docs search',
      '  config:',
      '    sse:',
      '      url: http://docs-mcp.kagent:3000/sse',
      '      headers:',
      `        x-api-key: ${token}`,
      '',
    ].join('\n');
    const report = scanFiles({ 'ts.yaml': text });
    expect(report.deployments.map((d) => [d.kind, d.name])).toEqual([['mcp-server', 'ToolServer/docs']]);
    expect(fact(report, 'network')).toMatchObject({ value: 'open', line: 8 });
    expect(fact(report, 'credentials')).toMatchObject({ value: 'read', line: 10 });
    expect(at(report, 'inline-secret')).toEqual([where('ts.yaml', text, token)]);
  });

  it('an odd spec (no url, a list url, headersFrom a map) makes no deployment or reads nothing', () => {
    const bare = 'apiVersion: kagent.dev/v1alpha2\nkind: RemoteMCPServer\nmetadata: {name: x}\nspec: {url: [1]}\n';
    expect(scanFiles({ 'a.yaml': bare }).deployments).toEqual([]);
    const odd = server('https://a.acme.com/mcp', ['  headersFrom: {Authorization: x}']);
    expect(fact(scanFiles({ 'a.yaml': odd }), 'credentials').value).toBe('none');
  });
});

describe('agents linked to the servers they call', () => {
  const named = ['        toolNames: [analyze, delete_pod]', '        requireApproval: [delete_pod]'];

  it('the server takes the approval of the agents that name it, wherever they are', () => {
    const caller = agent(named);
    const report = scanFiles({ 'agent.yaml': caller, 'rmcp.yaml': server('https://a.acme.com/mcp') });
    const i = report.deployments.findIndex((d) => d.kind === 'mcp-server');
    expect(fact(report, 'approval', i)).toMatchObject({
      value: 'restricted',
      file: 'agent.yaml',
      line: lineOf(caller, 'mcpServer:'),
    });
    expect(fact(report, 'approval', i).reason).toContain('name 2 of its tools (`toolNames`); some need');
    const ops = report.deployments.find((d) => d.name === 'Agent/ops-agent')!;
    expect(ops.signals).toContain('calls the tools of RemoteMCPServer `k8sgpt-mcp-server` in rmcp.yaml');
    expect(report.deployments[i]!.signals).toContain('Agent/ops-agent in agent.yaml calls its tools');
  });

  it('every tool gated, every tool open, forwarded Authorization, another namespace', () => {
    const gated = agent(['        toolNames: [delete_pod]', '        requireApproval: [delete_pod]']);
    const rmcp = server('https://a.acme.com/mcp');
    const approval = (files: Record<string, string>) => {
      const r = scanFiles(files);
      return fact(
        r,
        'approval',
        r.deployments.findIndex((d) => d.kind === 'mcp-server'),
      );
    };
    expect(approval({ 'agent.yaml': gated, 'rmcp.yaml': rmcp }).reason).toContain("each needs a human's approval");
    const open = agent([]);
    expect(approval({ 'agent.yaml': open, 'rmcp.yaml': rmcp })).toMatchObject({
      value: 'unrestricted',
      line: lineOf(open, 'mcpServer:'),
    });
    const forwarding = scanFiles({
      'agent.yaml': agent([...named, '        allowedHeaders: [Authorization]']),
      'rmcp.yaml': rmcp,
    });
    const i = forwarding.deployments.findIndex((d) => d.kind === 'mcp-server');
    expect(fact(forwarding, 'credentials', i)).toMatchObject({ value: 'read', file: 'agent.yaml' });
    expect(approval({ 'agent.yaml': agent(named, 'other'), 'rmcp.yaml': rmcp }).line).toBeNull();
  });

  it('a kmcp MCPServer and an inline template binding link too', () => {
    const kmcp = [
      'apiVersion: kagent.dev/v1alpha1',
      'kind: MCPServer',
      'metadata: {name: k8sgpt-mcp-server, namespace: kagent}',
      'spec:',
      '  deployment: {image: ghcr.io/k8sgpt-ai/k8sgpt:v0.4.22, cmd: k8sgpt, args: [serve, --mcp]}',
      '  transportType: stdio',
      '',
    ].join('\n');
    const caller = agent(named).replace('kind: RemoteMCPServer', 'kind: MCPServer');
    const report = scanFiles({ 'agent.yaml': caller, 'kmcp.yaml': kmcp });
    const i = report.deployments.findIndex((d) => d.name === 'MCPServer/k8sgpt-mcp-server');
    expect(fact(report, 'approval', i)).toMatchObject({ value: 'restricted', file: 'agent.yaml' });
    const template = [
      'apiVersion: kagent.dev/v1alpha3',
      'kind: Agent',
      'metadata: {name: t, namespace: kagent}',
      'spec:',
      '  template:',
      '    inline:',
      '      tools:',
      '      - mcp:',
      '          server: {kind: RemoteMCPServer, name: k8sgpt-mcp-server}',
      '          tools: [analyze]',
      '',
    ].join('\n');
    const linked = scanFiles({ 'agent.yaml': template, 'rmcp.yaml': server('https://a.acme.com/mcp') });
    const j = linked.deployments.findIndex((d) => d.kind === 'mcp-server');
    expect(fact(linked, 'approval', j)).toMatchObject({ value: 'restricted', line: lineOf(template, '- mcp:') });
  });

  it('a file of agents that name servers feeds the servers in a scan limited to the change', () => {
    expect(kubernetesAdapter.feeds!('agent.yaml', agent(named))).toEqual(['k8s-workload', 'mcp-server']);
    expect(kubernetesAdapter.feeds!('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\n')).toEqual([]);
  });
});

describe('AgentHarness channels', () => {
  const harness = (backend: string, channels: string[]): string =>
    [
      'apiVersion: kagent.dev/v1alpha3',
      'kind: AgentHarness',
      'metadata: {name: claw, namespace: kagent}',
      'spec:',
      `  backend: ${backend}`,
      '  substrate: {workerPoolRef: {name: pool}}',
      '  modelConfigRef: default-model-config',
      '  channels:',
      ...channels,
      '',
    ].join('\n');

  it('an OpenClaw Slack binding is open by default; allowlist, disabled and Telegram pairing are not', () => {
    const text = harness('openclaw', [
      '  - name: team',
      '    type: slack',
      '    slack:',
      '      botToken: {valueFrom: {type: Secret, name: slack, key: bot}}',
      '      appToken: {valueFrom: {type: Secret, name: slack, key: app}}',
      '      openclaw: {interactiveReplies: true}',
      '  - name: ops',
      '    type: slack',
      '    slack:',
      '      botToken: {valueFrom: {type: Secret, name: slack, key: bot}}',
      '      appToken: {valueFrom: {type: Secret, name: slack, key: app}}',
      '      openclaw: {channelAccess: allowlist, allowlistChannels: [C0123]}',
      '  - name: tg',
      '    type: telegram',
      '    telegram:',
      '      botToken: {valueFrom: {type: Secret, name: tg, key: token}}',
    ]);
    const report = scanFiles({ 'h.yaml': text });
    const slack = lineOf(text, '    slack:');
    expect(at(report, 'prompt-injection')).toEqual([`h.yaml:${slack}:5-${slack}:10`]);
    expect(report.findings.find((f) => f.ruleId === 'prompt-injection')!.message).toContain(
      "Slack channel `team` sets no `channelAccess`, and kagent's default (`open`)",
    );
    expect(fact(report, 'credentials').reason).toMatch(/Secret `slack`|token/);
  });

  it('Hermes denies unknown senders unless its env opens the gateway; a literal bot token is a committed credential', () => {
    const token = 'xoxb-' + '1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
    const channels = [
      '  - name: tg',
      '    type: telegram',
      '    telegram:',
      '      botToken: {valueFrom: {type: Secret, name: tg, key: token}}',
      '  - name: team',
      '    type: slack',
      '    slack:',
      `      botToken: {value: "${token}"}`,
      '      appToken: {valueFrom: {type: Secret, name: slack, key: app}}',
    ];
    const closed = scanFiles({ 'h.yaml': harness('hermes', channels) });
    expect(closed.deployments.map((d) => d.agent)).toEqual(['hermes']);
    expect(at(closed, 'prompt-injection')).toEqual([]);
    const text = harness('hermes', channels).replace(
      '  channels:',
      '  env:\n  - {name: SLACK_ALLOW_ALL_USERS, value: "true"}\n  channels:',
    );
    const report = scanFiles({ 'h.yaml': text });
    expect(at(report, 'prompt-injection')).toEqual([
      where('h.yaml', text, '{name: SLACK_ALLOW_ALL_USERS, value: "true"}'),
    ]);
    expect(report.findings.find((f) => f.ruleId === 'prompt-injection')!.message).toContain(
      'Slack channel `team` is opened to every sender by `SLACK_ALLOW_ALL_USERS: true`',
    );
    expect(at(report, 'k8s-env-secret-literal')).toHaveLength(1);
    expect(at(report, 'k8s-env-secret-literal')[0]).toMatch(new RegExp(`^h.yaml:${lineOf(text, 'xoxb-')}:`));
  });

  it('a backend the catalogue does not know is open unless the binding names allowedUserIDs', () => {
    const text = harness('nanoclaw', ['  - name: tg', '    type: telegram', '    telegram: {botToken: {value: ""}}']);
    expect(at(scanFiles({ 'h.yaml': text }), 'prompt-injection')).toHaveLength(1);
    const listed = text.replace('telegram: {botToken', 'telegram: {allowedUserIDs: ["1"], botToken');
    expect(at(scanFiles({ 'h.yaml': listed }), 'prompt-injection')).toEqual([]);
  });
});
