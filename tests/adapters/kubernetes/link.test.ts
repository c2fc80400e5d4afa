/** Cross-file facts: NetworkPolicies that select the pod, RBAC that grants its token, references to templates. */
import { describe, expect, it } from 'vitest';
import { agentDeployment, at, fact, scanFiles, where } from './helpers.js';

const F = 'deploy/agent.yaml';
const P = 'policies/egress.yaml';

const policy = (spec: string[], meta = 'name: egress'): string =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  ${meta}`,
    'spec:',
    ...spec.map((l) => `  ${l}`),
    '',
  ].join('\n');

describe('network from NetworkPolicies in any file', () => {
  it('without a selecting policy egress is open, reported at the deployment key', () => {
    const report = scanFiles({ [F]: agentDeployment() });
    expect(fact(report, 'network')).toMatchObject({ value: 'open', line: null });
    expect(fact(report, 'network').reason).toContain('labels app=coder');
    expect(at(report, 'egress-restricted')).toEqual([`${F}:4:3-4:14`]);
  });

  it('a policy whose egress names destinations is an allowlist, sourced in the policy file', () => {
    const text = policy([
      'podSelector: {matchLabels: {app: coder}}',
      'policyTypes: [Egress]',
      'egress:',
      '  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]',
    ]);
    const report = scanFiles({ [F]: agentDeployment(), [P]: text });
    expect(fact(report, 'network')).toMatchObject({ value: 'allowlist', file: P, line: 8 });
    expect(at(report, 'egress-restricted')).toEqual([]);
  });

  it('default-deny egress (`podSelector: {}`, no rules) is no network', () => {
    const report = scanFiles({ [F]: agentDeployment(), [P]: policy(['podSelector: {}', 'policyTypes: [Egress]']) });
    expect(fact(report, 'network')).toMatchObject({ value: 'none', file: P });
  });

  it('a rule to 0.0.0.0/0 (or to anywhere on a non-DNS port) opens egress at that rule, even beside a strict policy', () => {
    const open = policy(
      ['podSelector: {}', 'egress:', '  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]'],
      'name: open',
    );
    const report = scanFiles({
      [F]: agentDeployment(),
      [P]: policy(['podSelector: {}', 'policyTypes: [Egress]']),
      'policies/open.yaml': open,
    });
    expect(at(report, 'egress-restricted')).toEqual([
      where('policies/open.yaml', open, 'to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]'),
    ]);
    const https = policy([
      'podSelector: {}',
      'policyTypes: [Egress]',
      'egress:',
      '  - ports: [{port: 53, protocol: UDP}]',
      '  - ports: [{port: 443}]',
    ]);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: https }), 'network')).toMatchObject({
      value: 'open',
      line: 10,
    });
    const dnsOnly = policy([
      'podSelector: {}',
      'policyTypes: [Egress]',
      'egress:',
      '  - ports: [{port: 53, protocol: UDP}]',
    ]);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: dnsOnly }), 'network').value).toBe('allowlist');
  });

  it('does not apply policies that select other pods, govern only ingress, or live in another namespace', () => {
    const other = policy(['podSelector: {matchLabels: {app: web}}', 'policyTypes: [Egress]']);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: other }), 'network').value).toBe('open');
    const ingress = policy(['podSelector: {}', 'policyTypes: [Ingress]']);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: ingress }), 'network').value).toBe('open');
    const elsewhere = policy(['podSelector: {}', 'policyTypes: [Egress]'], 'name: deny\n  namespace: other');
    expect(fact(scanFiles({ [F]: agentDeployment({ namespace: 'agents' }), [P]: elsewhere }), 'network').value).toBe(
      'open',
    );
    expect(fact(scanFiles({ [F]: agentDeployment({ namespace: 'other' }), [P]: elsewhere }), 'network').value).toBe(
      'none',
    );
  });

  it('matches matchExpressions', () => {
    const expr = policy([
      'podSelector:',
      '  matchExpressions: [{key: app, operator: In, values: [coder, bot]}]',
      'policyTypes: [Egress]',
    ]);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: expr }), 'network').value).toBe('none');
    const notIn = policy([
      'podSelector:',
      '  matchExpressions: [{key: app, operator: NotIn, values: [coder]}]',
      'policyTypes: [Egress]',
    ]);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: notIn }), 'network').value).toBe('open');
  });

  it('hostNetwork bypasses every policy', () => {
    const text = agentDeployment({ pod: ['hostNetwork: true'] });
    const report = scanFiles({ [F]: text, [P]: policy(['podSelector: {}', 'policyTypes: [Egress]']) });
    expect(fact(report, 'network')).toMatchObject({ value: 'open', line: 10 });
  });

  it('a SandboxTemplate networkPolicy is its own policy; without one the managed default opens egress', () => {
    const head = 'apiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxTemplate\nmetadata: {name: t}\nspec:\n';
    const pod = '  podTemplate:\n    spec:\n      containers: [{name: a, image: busybox}]\n';
    expect(fact(scanFiles({ 't.yaml': `${head}${pod}  networkPolicy:\n    egress: []\n` }), 'network')).toMatchObject({
      value: 'none',
      line: 8,
    });
    const managed = scanFiles({ 't.yaml': head + pod });
    expect(fact(managed, 'network')).toMatchObject({ value: 'open', line: null });
    expect(fact(managed, 'network').reason).toContain('default policy');
    expect(
      fact(scanFiles({ 't.yaml': `${head}  networkPolicyManagement: Unmanaged\n${pod}` }), 'network').reason,
    ).toContain('no NetworkPolicy');
  });
});

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', role: string, account = 'coder-sa'): string =>
  [
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${kind}`,
    'metadata: {name: coder-binding}',
    'subjects:',
    `  - {kind: ServiceAccount, name: ${account}, namespace: agents}`,
    'roleRef:',
    `  kind: ${role === 'local' ? 'Role' : 'ClusterRole'}`,
    `  name: ${role}`,
    '  apiGroup: rbac.authorization.k8s.io',
    '',
  ].join('\n');

describe('credentials from the service-account token and RBAC', () => {
  const pod = agentDeployment({ namespace: 'agents', pod: ['serviceAccountName: coder-sa'] });

  it('a mounted token with no RBAC in the repository is a read credential from the default', () => {
    expect(fact(scanFiles({ [F]: pod }), 'credentials')).toMatchObject({ value: 'read', line: null });
  });

  it('`automountServiceAccountToken: false` on the pod or its ServiceAccount removes the token', () => {
    const off = scanFiles({ [F]: agentDeployment({ pod: ['automountServiceAccountToken: false'] }) });
    expect(fact(off, 'credentials')).toMatchObject({ value: 'none', line: 10 });
    const account =
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: coder-sa, namespace: agents}\nautomountServiceAccountToken: false\n';
    expect(fact(scanFiles({ [F]: pod, 'sa.yaml': account }), 'credentials')).toMatchObject({
      value: 'none',
      file: 'sa.yaml',
      line: 4,
    });
  });

  it('a binding to `edit` in another file grants write at its roleRef', () => {
    const rb = binding('RoleBinding', 'edit');
    const report = scanFiles({ [F]: pod, 'rbac.yaml': rb });
    expect(at(report, 'credentials-scoped')).toEqual([where('rbac.yaml', rb, 'name: edit')]);
    expect(at(report, 'sandbox-disabled')).toEqual([]);
  });

  it('a ClusterRoleBinding to cluster-admin is an escape and a write credential, reported once as the escape', () => {
    const crb = binding('ClusterRoleBinding', 'cluster-admin');
    const report = scanFiles({ [F]: pod, 'rbac.yaml': crb });
    const [deployment] = report.deployments;
    expect(deployment!.sandbox.credentials.value).toBe('write');
    expect(deployment!.sandbox.credentials.source?.file).toBe('rbac.yaml');
    expect(at(report, 'sandbox-disabled')).toEqual([where('rbac.yaml', crb, 'name: cluster-admin')]);
    expect(at(report, 'credentials-scoped')).toEqual([]);
  });

  it('judges a Role in the repository by its verbs, and ignores bindings of other accounts', () => {
    const readOnly =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: local, namespace: agents}\nrules:\n  - {apiGroups: [""], resources: [pods], verbs: [get, list]}\n';
    expect(
      fact(scanFiles({ [F]: pod, 'rbac.yaml': binding('RoleBinding', 'local'), 'role.yaml': readOnly }), 'credentials')
        .value,
    ).toBe('read');
    const writes = readOnly.replace('verbs: [get, list]', 'verbs: [get, create]');
    expect(
      fact(scanFiles({ [F]: pod, 'rbac.yaml': binding('RoleBinding', 'local'), 'role.yaml': writes }), 'credentials')
        .value,
    ).toBe('write');
    expect(
      fact(scanFiles({ [F]: pod, 'rbac.yaml': binding('RoleBinding', 'edit', 'someone-else') }), 'credentials').value,
    ).toBe('read');
  });

  it('a token that is off does not make RBAC count', () => {
    const off = agentDeployment({
      namespace: 'agents',
      pod: ['serviceAccountName: coder-sa', 'automountServiceAccountToken: false'],
    });
    expect(
      at(scanFiles({ [F]: off, 'rbac.yaml': binding('ClusterRoleBinding', 'cluster-admin') }), 'sandbox-disabled'),
    ).toEqual([]);
  });

  it('Secret-backed env is a read credential at the env entry', () => {
    const text = agentDeployment({
      pod: ['automountServiceAccountToken: false'],
      container: ['env:', '  - name: ANTHROPIC_API_KEY', '    valueFrom: {secretKeyRef: {name: llm, key: key}}'],
    });
    expect(fact(scanFiles({ [F]: text }), 'credentials')).toMatchObject({ value: 'read', line: 15 });
  });
});

describe('templates referenced by claims, warm pools and rollouts', () => {
  const template =
    'apiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxTemplate\nmetadata: {name: coder}\nspec:\n  podTemplate:\n    spec:\n      containers: [{name: a, image: busybox}]\n';
  const claim = (name: string): string =>
    `apiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxWarmPool\nmetadata: {name: pool}\nspec:\n  replicas: 2\n  sandboxTemplateRef: {name: ${name}}\n---\napiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxClaim\nmetadata: {name: c}\nspec:\n  warmPoolRef: {name: pool}\n`;

  it('resolve to the template in the repository, which records them as signals', () => {
    const report = scanFiles({ 'tmpl.yaml': template, 'claim.yaml': claim('coder') });
    expect(report.deployments.map((d) => d.name)).toEqual(['SandboxTemplate/coder']);
    expect(report.deployments[0]!.signals).toContain('SandboxClaim `c` in claim.yaml runs it');
    expect(report.coverage.skipped).toEqual([]);
  });

  it('are listed as not evaluated when the template is not in the repository', () => {
    const report = scanFiles({ 'claim.yaml': claim('elsewhere') });
    expect(report.coverage.skipped).toMatchObject([{ file: 'claim.yaml', status: 'not-evaluated' }]);
    expect(report.coverage.skipped[0]!.reason).toContain('SandboxClaim `c`');
    const rollout =
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: gone}\n';
    expect(scanFiles({ 'r.yaml': rollout }).coverage.skipped).toMatchObject([
      { file: 'r.yaml', status: 'not-evaluated' },
    ]);
  });
});

describe('network from Cilium policies', () => {
  const cilium = (kind: string, spec: string[], meta: string[] = ['name: egress']): string =>
    ['apiVersion: cilium.io/v2', `kind: ${kind}`, 'metadata:', ...meta.map((l) => `  ${l}`), ...spec, ''].join('\n');

  it('a CiliumNetworkPolicy with toFQDNs is a domain allowlist, sourced at its egress', () => {
    const text = cilium('CiliumNetworkPolicy', [
      'spec:',
      '  endpointSelector:',
      '    matchLabels: {"k8s:app": coder}',
      '  egress:',
      '    - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]',
      '      toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]',
      '    - toFQDNs: [{matchName: api.anthropic.com}, {matchPattern: "*.github.com"}]',
      '      toPorts: [{ports: [{port: "443", protocol: TCP}]}]',
    ]);
    const report = scanFiles({ [F]: agentDeployment(), [P]: text });
    expect(fact(report, 'network')).toMatchObject({ value: 'allowlist', file: P, line: 8 });
    expect(fact(report, 'network').reason).toContain('api.anthropic.com, *.github.com');
    expect(at(report, 'egress-restricted')).toEqual([]);
  });

  it('the world entity, an L4-only rule or a `*` name pattern opens egress at that rule', () => {
    for (const rule of [
      '    - toEntities: [world]',
      '    - toPorts: [{ports: [{port: "443"}]}]',
      '    - toFQDNs: [{matchPattern: "*"}]',
    ]) {
      const text = cilium('CiliumNetworkPolicy', [
        'spec:',
        '  endpointSelector: {matchLabels: {app: coder}}',
        '  egress:',
        rule,
      ]);
      const report = scanFiles({ [F]: agentDeployment(), [P]: text });
      expect(fact(report, 'network'), rule).toMatchObject({ value: 'open', file: P, line: 8 });
      expect(at(report, 'egress-restricted'), rule).toEqual([where(P, text, rule.trim().slice(2))]);
    }
  });

  it('a clusterwide policy applies in the namespace its selector names, and default deny can be turned off', () => {
    const text = cilium(
      'CiliumClusterwideNetworkPolicy',
      [
        'specs:',
        '  - endpointSelector: {matchLabels: {"k8s:io.kubernetes.pod.namespace": agents}}',
        '    egressDeny: [{toEntities: [world]}]',
      ],
      ['name: deny-world'],
    );
    expect(fact(scanFiles({ [F]: agentDeployment({ namespace: 'agents' }), [P]: text }), 'network')).toMatchObject({
      value: 'none',
      file: P,
      line: 6,
    });
    expect(fact(scanFiles({ [F]: agentDeployment({ namespace: 'web' }), [P]: text }), 'network').value).toBe('open');
    const off = cilium('CiliumNetworkPolicy', [
      'spec:',
      '  endpointSelector: {}',
      '  enableDefaultDeny: {egress: false}',
      '  egress: [{toFQDNs: [{matchName: example.com}]}]',
    ]);
    expect(fact(scanFiles({ [F]: agentDeployment(), [P]: off }), 'network').value).toBe('open');
  });
});
