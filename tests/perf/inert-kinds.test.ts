/** The Kubernetes pre-parse filter: only files whose every document is of an inert kind skip the parse. */
import { describe, expect, it } from 'vitest';
import { onlyInertKinds } from '../../src/adapters/kubernetes/sniff.js';

const HPA =
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n';
const INGRESS = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  containers: [{name: a, image: x}]\n';

describe('onlyInertKinds', () => {
  it('skips inert documents, nested references included', () => {
    expect(onlyInertKinds(HPA)).toBe(true);
    expect(onlyInertKinds(`${INGRESS}---\n${HPA}`)).toBe(true);
    expect(onlyInertKinds(`# comment\n---\n${INGRESS}---\n# only a comment\n...\n`)).toBe(true);
    expect(
      onlyInertKinds('apiVersion: kustomize.config.k8s.io/v1beta1\r\nkind: Kustomization\r\nresources: [a.yaml]\r\n'),
    ).toBe(true);
  });

  it('parses anything with a workload, an unknown kind or a reused name', () => {
    expect(onlyInertKinds(`${INGRESS}---\n${POD}`)).toBe(false);
    expect(onlyInertKinds('apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: agent}\n')).toBe(false);
    expect(onlyInertKinds('apiVersion: example.com/v1\nkind: Widget\n')).toBe(false);
    expect(onlyInertKinds('apiVersion: v1\nkind: List\nitems:\n  - kind: Ingress\n')).toBe(false);
  });

  it('judges documents without a column-0 kind by every kind in the file', () => {
    expect(onlyInertKinds(`${INGRESS}---\n{apiVersion: v1, kind: Pod, metadata: {name: a}}\n`)).toBe(false);
    expect(onlyInertKinds(`${INGRESS}---\n  apiVersion: v1\n  kind: Pod\n`)).toBe(false);
    expect(onlyInertKinds('{"apiVersion": "v1", "kind": "ConfigMap"}\n')).toBe(true);
    expect(onlyInertKinds(`${HPA}---\n{"kind": "Secret"}\n`)).toBe(false); // falls back: the HPA's nested Deployment counts
    expect(onlyInertKinds('apiVersion: v1\nmetadata: {name: x}\n')).toBe(false);
  });
});
