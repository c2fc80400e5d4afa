/** Templated YAML is never parsed, never passed and never silently skipped; kustomize patches are listed. */
import { describe, expect, it } from 'vitest';
import { templatedLine } from '../../../src/adapters/kubernetes/sniff.js';
import { scanFiles } from './helpers.js';

const helm = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Release.Name }}-agent',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: agent',
  '          image: "{{ .Values.image }}"',
  '          {{- with .Values.resources }}',
  '          resources: {{ toYaml . | nindent 12 }}',
  '          {{- end }}',
  '',
].join('\n');

describe('templated YAML', () => {
  it('is listed in coverage as not evaluated and reported as a warning, without an unparsable-file warning or a deployment', () => {
    const report = scanFiles({ 'charts/agent/templates/deployment.yaml': helm });
    expect(report.coverage.skipped).toEqual([
      {
        file: 'charts/agent/templates/deployment.yaml',
        status: 'not-evaluated',
        reason: expect.stringContaining('line 4'),
      },
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([
      ['not-evaluated', 'warning', 'charts/agent/templates/deployment.yaml', 1],
    ]);
    expect(report.result).toBe('pass');
    expect(report.deployments).toEqual([]);
    expect(report.coverage.filesParsed).toBe(0);
  });

  it('fails the run with `templated: fail`', () => {
    const report = scanFiles({ 'charts/agent/templates/deployment.yaml': helm }, { templated: 'fail' });
    expect(report.findings.map((f) => [f.ruleId, f.file, f.severity])).toEqual([
      ['not-evaluated', 'charts/agent/templates/deployment.yaml', 'error'],
    ]);
    expect(report.result).toBe('fail');
  });

  it('covers Helm include-only files under templates/ but not values.yaml or other plain YAML', () => {
    const report = scanFiles({
      'charts/agent/templates/_workload.yaml': '{{- include "agent.workload" . }}\n',
      'charts/agent/values.yaml': 'image: ghcr.io/block/goose\nreplicas: 1\n',
      'docs/templates/example.yaml': 'greeting: "{{ name }}"\n',
    });
    expect(report.coverage.skipped.map((s) => s.file)).toEqual(['charts/agent/templates/_workload.yaml']);
  });

  it('finds Go and Jinja actions outside comments, and leaves Argo parameters and GitHub expressions alone', () => {
    expect(templatedLine('a: 1\n# {{ .Values.x }}\nb: 2\n')).toBeNull();
    expect(templatedLine('a: 1\nb: x # {{ .Values.x }}\n')).toBeNull();
    expect(templatedLine('a: 1\nb: "{{ .Values.x }}"\n')).toBe(2);
    expect(templatedLine('a: {{ value }}\n')).toBe(1);
    expect(templatedLine('args: ["{{inputs.parameters.message}}", "{{item}}"]\n')).toBeNull();
    expect(templatedLine('run: echo ${{ github.sha }}\n')).toBeNull();
    expect(templatedLine('{{- if .Values.enabled }}\n')).toBe(1);
  });

  it('evaluates manifests whose runtime templates sit in quoted or block scalars (alerting rules, notifications)', () => {
    const rules = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: alerts}',
      'data:',
      '  rules.yaml: |',
      '    groups:',
      '      - alert: Down',
      '        annotations:',
      '          summary: {{ $labels.instance }} is down',
      '  title: "{{ .CommonLabels.alertname }}"',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers: [{name: a, image: ghcr.io/block/goose}]',
      '',
    ].join('\n');
    expect(templatedLine(rules)).toBeNull();
    const report = scanFiles({ 'monitoring.yaml': rules });
    expect(report.deployments).toHaveLength(1);
    expect(report.coverage.skipped).toEqual([]);
    expect(templatedLine('image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n')).toBe(1);
  });

  it('evaluates an Argo Workflow whose `{{…}}` are runtime parameters', () => {
    const argo =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: ghcr.io/block/goose\n      args: ["{{inputs.parameters.task}}"]\n';
    expect(scanFiles({ 'p.yaml': argo }).deployments).toHaveLength(1);
  });
});

describe('kustomize', () => {
  const base =
    'apiVersion: agents.x-k8s.io/v1beta1\nkind: Sandbox\nmetadata: {name: coder}\nspec:\n  podTemplate:\n    spec:\n      containers: [{name: a, image: ghcr.io/block/goose}]\n';
  const patch =
    'apiVersion: agents.x-k8s.io/v1beta1\nkind: Sandbox\nmetadata: {name: coder}\nspec:\n  podTemplate:\n    spec:\n      runtimeClassName: gvisor\n      containers: [{name: a, securityContext: {privileged: true}}]\n';
  const kustomization =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\npatches:\n  - path: patch-gvisor.yaml\n  - path: https://example.com/remote.yaml\n';

  it('evaluates the base as written and lists patch files as not evaluated', () => {
    const report = scanFiles({
      'k/base/sandbox.yaml': base,
      'k/overlays/gvisor/patch-gvisor.yaml': patch,
      'k/overlays/gvisor/kustomization.yaml': kustomization,
    });
    expect(report.deployments.map((d) => [d.file, d.sandbox.isolation.value])).toEqual([
      ['k/base/sandbox.yaml', 'container'],
    ]);
    expect(report.coverage.skipped).toEqual([
      {
        file: 'k/overlays/gvisor/patch-gvisor.yaml',
        status: 'not-evaluated',
        reason: expect.stringContaining('patches are not applied'),
      },
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'sandbox-disabled')).toEqual([]);
  });

  it('reads patchesStrategicMerge lists of plain paths', () => {
    const old = 'resources: [deploy.yaml]\npatchesStrategicMerge:\n  - patch-gvisor.yaml\n';
    const report = scanFiles({ 'o/patch-gvisor.yaml': patch, 'o/kustomization.yml': old });
    expect(report.coverage.skipped.map((s) => s.file)).toEqual(['o/patch-gvisor.yaml']);
  });
});
