/** Admission policies in the repository raise the facts of workloads in the namespaces they cover. */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../src/adapters/index.js';
import { scan } from '../../../src/engine/scan.js';
import type { ScanReport } from '../../../src/model/report.js';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { RULES } from '../../../src/rules/index.js';

function scanFiles(files: Record<string, string>): ScanReport {
  return scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) => ({ ok: true, text: files[file]! }),
    policy: defaultPolicy(),
    adapters: ADAPTERS,
    rules: RULES,
  }).report;
}

const workload = (name: string, namespace: string | null, spec = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  template:
    spec:
${spec}      containers:
        - name: agent
          image: ghcr.io/anthropics/claude-code:latest
`;

const KYVERNO_GVISOR = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-gvisor
spec:
  validationFailureAction: Enforce
  background: true
  rules:
    - name: gvisor-runtime
      match:
        any:
          - resources:
              kinds:
                - Pod
              namespaces:
                - agents
      validate:
        message: Agent pods run under gVisor.
        pattern:
          spec:
            runtimeClassName: gvisor
`;

const facts = (report: ScanReport, fact: 'isolation' | 'filesystem' | 'limits' | 'network') =>
  Object.fromEntries(
    report.deployments.map((d) => {
      const f = d.sandbox[fact];
      return [d.name, `${f.value}${f.source ? ` ${f.source.file}:${f.source.line}` : ''}`];
    }),
  );

describe('admission policies as evidence', () => {
  it('a Kyverno policy forcing runtimeClassName: gvisor on namespace agents raises that namespace only', () => {
    const report = scanFiles({
      'policies/require-gvisor.yaml': KYVERNO_GVISOR,
      'deploy/agent.yaml': workload('reviewer', 'agents'),
      'deploy/other.yaml': workload('helper', 'tools'),
      'deploy/unset.yaml': workload('floating', null),
    });
    expect(facts(report, 'isolation')).toEqual({
      'Deployment/reviewer': 'gvisor policies/require-gvisor.yaml:21',
      'Deployment/helper': 'container',
      'Deployment/floating': 'container',
    });
    const reviewer = report.deployments.find((d) => d.name === 'Deployment/reviewer')!;
    expect(reviewer.sandbox.isolation.reason).toBe(
      'Kyverno ClusterPolicy `require-gvisor` (rule `gvisor-runtime`) requires `runtimeClassName: gvisor` for the pods of the namespace',
    );
  });

  it('does not count Audit mode, optional anchors, subjects, alternatives that differ, or a privileged pod', () => {
    const audit = KYVERNO_GVISOR.replace('Enforce', 'Audit');
    const optional = KYVERNO_GVISOR.replace('runtimeClassName: gvisor', '=(runtimeClassName): gvisor');
    const subjects = KYVERNO_GVISOR.replace(
      '      validate:',
      '      exclude:\n        any:\n          - clusterRoles: [cluster-admin]\n      validate:',
    );
    const anyPattern = KYVERNO_GVISOR.replace(
      '        pattern:\n          spec:\n            runtimeClassName: gvisor\n',
      '        anyPattern:\n          - spec:\n              runtimeClassName: gvisor\n          - spec:\n              runtimeClassName: runc\n',
    );
    for (const policy of [audit, optional, subjects, anyPattern]) {
      const report = scanFiles({ 'policies/p.yaml': policy, 'deploy/agent.yaml': workload('reviewer', 'agents') });
      expect(facts(report, 'isolation')).toEqual({ 'Deployment/reviewer': 'container' });
    }
    const privileged = scanFiles({
      'policies/p.yaml': KYVERNO_GVISOR,
      'deploy/agent.yaml': workload('reviewer', 'agents').replace(
        'image: ghcr.io/anthropics/claude-code:latest',
        'image: ghcr.io/anthropics/claude-code:latest\n          securityContext:\n            privileged: true',
      ),
    });
    expect(facts(privileged, 'isolation')['Deployment/reviewer']).toBe('none deploy/agent.yaml:13');
  });

  it('a mutate with +(runtimeClassName) sets it only where the workload leaves it unset', () => {
    const mutate = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: add-kata
spec:
  rules:
    - name: kata
      match:
        any:
          - resources:
              kinds: [Deployment]
              namespaces: [sandbox-*]
      mutate:
        patchStrategicMerge:
          spec:
            template:
              spec:
                +(runtimeClassName): kata-fc
`;
    const report = scanFiles({
      'policies/add-kata.yaml': mutate,
      'deploy/a.yaml': workload('a', 'sandbox-1'),
      'deploy/b.yaml': workload('b', 'sandbox-2', '      runtimeClassName: runc\n'),
    });
    expect(facts(report, 'isolation')).toEqual({
      'Deployment/a': 'microvm policies/add-kata.yaml:18',
      'Deployment/b': 'container deploy/b.yaml:9',
    });
  });

  it('a Kyverno-generated default-deny NetworkPolicy closes egress of the namespaces it selects by label', () => {
    const generate = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: add-networkpolicy
spec:
  rules:
    - name: default-deny
      match:
        any:
          - resources:
              kinds: [Namespace]
              selector:
                matchLabels:
                  tier: agents
      generate:
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        name: default-deny
        namespace: "{{request.object.metadata.name}}"
        synchronize: true
        data:
          spec:
            podSelector: {}
            policyTypes: [Ingress, Egress]
`;
    const report = scanFiles({
      'policies/generate.yaml': generate,
      'deploy/ns.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: agents\n  labels:\n    tier: agents\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: tools\n',
      'deploy/agent.yaml': workload('reviewer', 'agents'),
      'deploy/other.yaml': workload('helper', 'tools'),
    });
    expect(facts(report, 'network')).toEqual({
      'Deployment/reviewer': 'none policies/generate.yaml:22',
      'Deployment/helper': 'open',
    });
    expect(report.deployments.find((d) => d.name === 'Deployment/reviewer')!.sandbox.network.reason).toContain(
      'NetworkPolicy `default-deny`, which Kyverno ClusterPolicy `add-networkpolicy` (rule `default-deny`) generates in the namespace',
    );
  });

  it('Gatekeeper constraints and a ValidatingAdmissionPolicy with a Deny binding raise filesystem and limits', () => {
    const report = scanFiles({
      'gatekeeper/constraints.yaml': `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sPSPReadOnlyRootFilesystem
metadata:
  name: psp-readonlyrootfilesystem
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
    namespaces: ["agents"]
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sContainerLimits
metadata:
  name: container-must-have-limits
spec:
  enforcementAction: dryrun
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
  parameters:
    cpu: "200m"
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredResources
metadata:
  name: must-have-limits
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
  parameters:
    limits: [cpu, memory]
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sPSPReadOnlyRootFilesystem
metadata:
  name: exempts-everything
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
  parameters:
    exemptImages: ["*"]
  parameters:
    cpu: "200m"
    memory: "1Gi"
`,
      'vap/runtime.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: require-gvisor
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["pods"]
  validations:
    - expression: "object.spec.runtimeClassName == 'gvisor'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: require-gvisor-binding
spec:
  policyName: require-gvisor
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        kubernetes.io/metadata.name: agents
`,
      'deploy/ns.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: agents\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
      'deploy/agent.yaml': workload('reviewer', 'agents'),
      'deploy/other.yaml': workload('helper', 'tools'),
    });
    expect(facts(report, 'filesystem')).toEqual({
      'Deployment/reviewer': 'read-only gatekeeper/constraints.yaml:2',
      'Deployment/helper': 'workspace',
    });
    // K8sContainerLimits only audits (dryrun); K8sRequiredResources denies, in every namespace; a constraint exempting `*` counts for nothing.
    expect(facts(report, 'limits')).toEqual({
      'Deployment/reviewer': 'bounded gatekeeper/constraints.yaml:26',
      'Deployment/helper': 'bounded gatekeeper/constraints.yaml:26',
    });
    expect(facts(report, 'isolation')).toEqual({
      'Deployment/reviewer': 'gvisor vap/runtime.yaml:14',
      'Deployment/helper': 'container',
    });
  });

  it('a Kyverno foreach over the containers requiring a read-only root file system, in Enforce mode only', () => {
    const policy = (mode: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: read-only-root
spec:
  validationFailureAction: ${mode}
  rules:
    - name: every-container
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: Containers keep a read-only root file system.
        foreach:
          - list: request.object.spec.[initContainers, containers][]
            pattern:
              securityContext:
                readOnlyRootFilesystem: true
`;
    const enforced = scanFiles({ 'p.yaml': policy('Enforce'), 'deploy/agent.yaml': workload('reviewer', 'agents') });
    expect(facts(enforced, 'filesystem')).toEqual({ 'Deployment/reviewer': 'read-only p.yaml:19' });
    const audited = scanFiles({ 'p.yaml': policy('Audit'), 'deploy/agent.yaml': workload('reviewer', 'agents') });
    expect(facts(audited, 'filesystem')).toEqual({ 'Deployment/reviewer': 'workspace' });
  });

  it('namespace Pod Security labels add their evidence to container isolation without moving its findings', () => {
    const report = scanFiles({
      'deploy/ns.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: agents\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
      'deploy/agent.yaml': workload('reviewer', 'agents'),
    });
    // The same level as the plain container's default: findings keep pointing at the workload.
    const isolation = report.deployments[0]!.sandbox.isolation;
    expect([isolation.value, isolation.source]).toEqual(['container', null]);
    expect(isolation.reason).toBe(
      "a plain container shares the node's kernel (no gVisor or Kata `runtimeClassName`); namespace `agents` enforces Pod Security `restricted`, which refuses privileged pods, host namespaces and host paths",
    );
  });
});
