/** Any shape where a field is expected (null, numbers, lists for maps) is read without throwing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanFiles } from './helpers.js';

const KINDS = [
  'Pod',
  'Deployment',
  'CronJob',
  'Sandbox',
  'SandboxTemplate',
  'SandboxClaim',
  'MCPServer',
  'Agent',
  'NetworkPolicy',
  'RoleBinding',
  'ServiceAccount',
  'List',
];
const API = [
  'v1',
  'apps/v1',
  'batch/v1',
  'agents.x-k8s.io/v1beta1',
  'extensions.agents.x-k8s.io/v1beta1',
  'toolhive.stacklok.dev/v1alpha1',
  'kagent.dev/v1alpha2',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
];
const CONTAINER_KEYS = [
  'name',
  'image',
  'command',
  'args',
  'env',
  'envFrom',
  'securityContext',
  'resources',
  'volumeMounts',
  'stdin',
  'tty',
];
const POD_KEYS = [
  'containers',
  'initContainers',
  'volumes',
  'securityContext',
  'hostNetwork',
  'runtimeClassName',
  'automountServiceAccountToken',
  'serviceAccountName',
];
const SERVICE_KEYS = [
  'image',
  'command',
  'entrypoint',
  'environment',
  'volumes',
  'labels',
  'networks',
  'network_mode',
  'privileged',
  'cap_add',
  'cap_drop',
  'security_opt',
  'user',
  'read_only',
  'runtime',
  'deploy',
  'models',
  'extends',
  'secrets',
];

const value = fc.jsonValue({ maxDepth: 3 });
const record = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 });
const agentContainer = record(CONTAINER_KEYS).map((c) => ({ ...c, image: 'ghcr.io/block/goose' }));

const manifest = fc.record({
  apiVersion: fc.constantFrom(...API),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.oneof(value, fc.record({ name: fc.string(), namespace: fc.oneof(fc.string(), value), labels: value })),
  spec: fc.oneof(
    value,
    fc.record({
      template: fc.record({
        metadata: value,
        spec: fc
          .tuple(record(POD_KEYS), fc.array(agentContainer, { maxLength: 3 }))
          .map(([p, c]) => ({ ...p, containers: c })),
      }),
    }),
    fc.record({
      podTemplate: fc.record({ spec: record(POD_KEYS) }),
      egress: value,
      podSelector: value,
      sandboxTemplateRef: value,
    }),
  ),
  items: value,
  roleRef: value,
  subjects: value,
});

describe('robustness', () => {
  it('never fails on odd manifest shapes', () => {
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), (docs) => {
        const text = docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n');
        const report = scanFiles({ 'm.yaml': text, 'n.yaml': text });
        expect(report.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never fails on odd kagent remote servers, tool references, harness channels and Services', () => {
    const channel = fc.record({
      name: value,
      type: fc.oneof(fc.constantFrom('slack', 'telegram', 'discord'), value),
      slack: fc.oneof(value, fc.record({ botToken: value, appToken: value, openclaw: value, hermes: value })),
      telegram: fc.oneof(value, fc.record({ botToken: value, allowedUserIDs: value, allowedUserIDsFrom: value })),
    });
    const tool = fc.record({
      type: value,
      mcpServer: value,
      mcp: fc.oneof(value, fc.record({ server: value, tools: value })),
    });
    const spec = fc.record({
      url: fc.oneof(
        fc.constantFrom('http://svc:80/mcp', 'https://a.b.com/mcp', 'http://localhost/x', 'http://a.ns'),
        value,
      ),
      headersFrom: fc.oneof(
        value,
        fc.array(fc.record({ name: value, value: value, valueFrom: value }), { maxLength: 3 }),
      ),
      tls: value,
      backend: fc.oneof(fc.constantFrom('openclaw', 'hermes', 'nemoclaw'), value),
      env: fc.oneof(
        value,
        fc.array(fc.record({ name: fc.constantFrom('GATEWAY_ALLOW_ALL_USERS', 'X'), value: value })),
      ),
      channels: fc.oneof(value, fc.array(channel, { maxLength: 3 })),
      declarative: fc.oneof(value, fc.record({ tools: fc.oneof(value, fc.array(tool, { maxLength: 3 })) })),
      template: value,
      tools: fc.oneof(value, fc.array(tool, { maxLength: 2 })),
      config: fc.oneof(value, fc.record({ sse: fc.oneof(value, fc.record({ url: value, headers: value })) })),
      selector: value,
    });
    const object = fc.record({
      apiVersion: fc.constantFrom('kagent.dev/v1alpha1', 'kagent.dev/v1alpha2', 'kagent.dev/v1alpha3', 'v1'),
      kind: fc.constantFrom(
        'RemoteMCPServer',
        'AgentHarness',
        'Agent',
        'SandboxAgent',
        'AgentTemplate',
        'ToolServer',
        'Service',
      ),
      metadata: fc.oneof(value, fc.record({ name: fc.constantFrom('svc', 'a', '__proto__'), namespace: value })),
      spec,
    });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 4 }), (docs) => {
        const text = docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n');
        const report = scanFiles({ 'm.yaml': text, 'n.yaml': text });
        expect(report.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never fails on odd Compose shapes', () => {
    const service = record(SERVICE_KEYS);
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(service, value), { maxKeys: 3 }),
        value,
        (services, networks) => {
          const text = JSON.stringify({ services, networks, models: { m: {} } }, null, 2);
          const report = scanFiles({ 'compose.yaml': text, 'compose.override.yaml': text });
          expect(report.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
