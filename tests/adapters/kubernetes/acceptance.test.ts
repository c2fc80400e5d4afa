/** The end-to-end cases: a hardened agent-sandbox Sandbox passes; weakening any one part fails. */
import { describe, expect, it } from 'vitest';
import { at, fact, scanFiles } from './helpers.js';

const sandbox = [
  'apiVersion: agents.x-k8s.io/v1beta1',
  'kind: Sandbox',
  'metadata:',
  '  name: reviewer',
  '  namespace: agents',
  'spec:',
  '  podTemplate:',
  '    metadata:',
  '      labels: {app: reviewer}',
  '    spec:',
  '      runtimeClassName: gvisor',
  '      automountServiceAccountToken: false',
  '      securityContext:',
  '        runAsNonRoot: true',
  '        seccompProfile: {type: RuntimeDefault}',
  '      containers:',
  '        - name: agent',
  '          image: ghcr.io/acme/reviewer@sha256:0123456789abcdef',
  '          command: ["claude", "-p", "review the diff", "--allowedTools", "Read,Grep"]',
  '          env:',
  '            - name: ANTHROPIC_API_KEY',
  '              valueFrom: {secretKeyRef: {name: llm, key: anthropic}}',
  '          securityContext:',
  '            allowPrivilegeEscalation: false',
  '            readOnlyRootFilesystem: true',
  '            capabilities: {drop: [ALL]}',
  '          resources:',
  '            limits: {cpu: "1", memory: 1Gi}',
  '',
].join('\n');

const egress = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: reviewer-egress',
  '  namespace: agents',
  'spec:',
  '  podSelector:',
  '    matchLabels: {app: reviewer}',
  '  policyTypes: [Egress]',
  '  egress:',
  '    - to: [{ipBlock: {cidr: 160.79.104.0/23}}]',
  '      ports: [{port: 443, protocol: TCP}]',
  '    - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]',
  '      ports: [{port: 53, protocol: UDP}]',
  '',
].join('\n');

describe('a hardened agent-sandbox Sandbox', () => {
  it('passes with gVisor, the restricted profile, no token, limits and a selecting egress policy in another file', () => {
    const report = scanFiles({ 'deploy/sandbox.yaml': sandbox, 'deploy/network/egress.yaml': egress });
    expect(report.deployments.map((d) => [d.name, d.agent, d.result])).toEqual([
      ['Sandbox/reviewer', 'claude-code', 'pass'],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.result).toBe('pass');
    const d = report.deployments[0]!;
    expect(Object.fromEntries(Object.entries(d.sandbox).map(([k, f]) => [k, f.value]))).toEqual({
      isolation: 'gvisor',
      network: 'allowlist',
      filesystem: 'read-only',
      approval: 'unrestricted',
      credentials: 'read',
      limits: 'bounded',
    });
    expect(d.sandbox.network.source).toMatchObject({ file: 'deploy/network/egress.yaml', line: 10 });
  });

  it('fails at the key without the policy, and at the field when one hardening line is weakened', () => {
    const alone = scanFiles({ 'deploy/sandbox.yaml': sandbox });
    expect(at(alone, 'egress-restricted')).toEqual(['deploy/sandbox.yaml:4:3-4:17']);
    const privileged = scanFiles({
      'deploy/sandbox.yaml': sandbox.replace('allowPrivilegeEscalation: false', 'privileged: true'),
      'deploy/network/egress.yaml': egress,
    });
    expect(at(privileged, 'sandbox-disabled')).toEqual(['deploy/sandbox.yaml:24:13-24:29']);
    const noDrop = scanFiles({
      'deploy/sandbox.yaml': sandbox.replace('capabilities: {drop: [ALL]}', 'capabilities: {drop: [NET_RAW]}'),
      'deploy/network/egress.yaml': egress,
    });
    expect(at(noDrop, 'pod-security-restricted')).toEqual(['deploy/sandbox.yaml:26:28-26:32']);
    const wrongNamespace = scanFiles({
      'deploy/sandbox.yaml': sandbox,
      'deploy/network/egress.yaml': egress.replace('namespace: agents', 'namespace: web'),
    });
    expect(fact(wrongNamespace, 'network').value).toBe('open');
  });
});
