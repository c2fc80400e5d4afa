/** Every kind that holds a pod template is read at its own path, in multi-document files and Lists too. */
import { describe, expect, it } from 'vitest';
import { at, scanFiles, where } from './helpers.js';

const container = (extra: string, indent: string): string =>
  `${indent}containers:\n${indent}  - name: agent\n${indent}    image: ghcr.io/block/goose:1.0\n${indent}    securityContext:\n${indent}      privileged: ${extra}\n`;

/** apiVersion, kind, and the YAML between metadata and the containers' indentation. */
const KINDS: { kind: string; head: string; indent: string }[] = [
  { kind: 'Pod', head: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n', indent: '  ' },
  {
    kind: 'Deployment',
    head: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'StatefulSet',
    head: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'DaemonSet',
    head: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'ReplicaSet',
    head: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'ReplicationController',
    head: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'Job',
    head: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'CronJob',
    head: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: a\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n',
    indent: '          ',
  },
  {
    kind: 'PodTemplate',
    head: 'apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: a\ntemplate:\n  spec:\n',
    indent: '    ',
  },
  {
    kind: 'Sandbox',
    head: 'apiVersion: agents.x-k8s.io/v1beta1\nkind: Sandbox\nmetadata:\n  name: a\nspec:\n  podTemplate:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'SandboxTemplate',
    head: 'apiVersion: extensions.agents.x-k8s.io/v1beta1\nkind: SandboxTemplate\nmetadata:\n  name: a\nspec:\n  podTemplate:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'Knative Service',
    head: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'Argo Rollout',
    head: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
  {
    kind: 'DeploymentConfig',
    head: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n',
    indent: '      ',
  },
];

describe('pod templates of every kind', () => {
  for (const { kind, head, indent } of KINDS) {
    it(`${kind}: a privileged agent fails at \`privileged: true\`, an unprivileged one does not`, () => {
      const failing = head + container('true', indent);
      const report = scanFiles({ 'k/app.yaml': failing });
      expect(report.deployments).toHaveLength(1);
      expect(at(report, 'sandbox-disabled')).toEqual([where('k/app.yaml', failing, 'privileged: true')]);
      const passing = scanFiles({ 'k/app.yaml': head + container('false', indent) });
      expect(passing.deployments).toHaveLength(1);
      expect(at(passing, 'sandbox-disabled')).toEqual([]);
    });
  }

  it('reads ToolHive MCPServer (spec image plus podTemplateSpec patch) and kagent BYO agents', () => {
    const toolhive =
      'apiVersion: toolhive.stacklok.dev/v1alpha1\nkind: MCPServer\nmetadata:\n  name: fetch\nspec:\n  image: ghcr.io/stackloklabs/gofetch/server:1.0\n' +
      '  podTemplateSpec:\n    spec:\n      containers:\n        - name: mcp\n          securityContext:\n            privileged: true\n';
    const report = scanFiles({ 'th.yaml': toolhive });
    expect(report.deployments.map((d) => [d.name, d.agent])).toEqual([['MCPServer/fetch', 'mcp']]);
    expect(at(report, 'sandbox-disabled')).toEqual([where('th.yaml', toolhive, 'privileged: true')]);

    const kagent =
      'apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: helper\nspec:\n  type: BYO\n  byo:\n    deployment:\n      image: ghcr.io/acme/helper:1\n' +
      '      cmd: claude\n      args: ["-p", "triage", "--dangerously-skip-permissions"]\n';
    const k = scanFiles({ 'ka.yaml': kagent });
    expect(k.deployments.map((d) => [d.name, d.agent])).toEqual([['Agent/helper', 'claude-code']]);
    expect(at(k, 'approval-bypassed')).toEqual([where('ka.yaml', kagent, '--dangerously-skip-permissions')]);
  });

  it('reads List items, init containers and ephemeral containers', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n' +
      '  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: cfg}\n' +
      '  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n' +
      '      initContainers:\n        - name: setup\n          image: busybox\n          securityContext: {privileged: true}\n' +
      '      containers:\n        - name: agent\n          image: ghcr.io/block/goose:1.0\n' +
      '      ephemeralContainers:\n        - name: debug\n          image: busybox\n          securityContext:\n            capabilities: {add: [SYS_ADMIN]}\n';
    const report = scanFiles({ 'list.yaml': list });
    expect(report.deployments.map((d) => [d.name, d.line])).toEqual([['Pod/p', 9]]);
    expect(at(report, 'sandbox-disabled')).toEqual(['list.yaml:14:29-14:45', 'list.yaml:22:34-22:43']);
  });

  it('in a multi-document file, a ConfigMap and an nginx Deployment are not deployments; the privileged agent fails at its line', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: settings',
      'data:',
      '  MODEL: claude-sonnet',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '        - name: nginx',
      '          image: nginx:1.27',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: coder',
      'spec:',
      '  template:',
      '    metadata: {labels: {app: coder}}',
      '    spec:',
      '      containers:',
      '        - name: agent',
      '          image: ghcr.io/acme/runner:2',
      '          command: ["claude", "-p", "fix the failing tests"]',
      '          securityContext:',
      '            privileged: true',
      '',
    ].join('\n');
    const report = scanFiles({ 'deploy/all.yaml': text });
    expect(report.deployments.map((d) => [d.name, d.agent, d.line, d.column])).toEqual([
      ['Deployment/coder', 'claude-code', 23, 3],
    ]);
    expect(at(report, 'sandbox-disabled')).toEqual(['deploy/all.yaml:33:13-33:29']);
    expect(report.findings.find((f) => f.ruleId === 'sandbox-disabled')!.message).toContain(
      '`privileged: true` on container `agent`',
    );
    expect(report.result).toBe('fail');
  });

  it('lists a Sandbox without containers (a patch fragment) as not evaluated instead of judging it', () => {
    const report = scanFiles({
      'p.yaml':
        'apiVersion: agents.x-k8s.io/v1beta1\nkind: Sandbox\nmetadata: {name: s}\nspec:\n  podTemplate:\n    spec:\n      runtimeClassName: gvisor\n',
    });
    expect(report.deployments).toEqual([]);
    expect(report.coverage.skipped).toMatchObject([{ file: 'p.yaml', status: 'not-evaluated' }]);
  });

  it('ignores workflow files and Compose files, and YAML that is not a manifest', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: ghcr.io/block/goose\n';
    const report = scanFiles({ '.github/workflows/ci.yml': pod, 'docker-compose.yml': pod, 'config.yml': 'a: 1\n' });
    expect(report.deployments).toEqual([]);
    expect(report.coverage.filesParsed).toBe(0);
  });
});
