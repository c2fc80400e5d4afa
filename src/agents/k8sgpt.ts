/**
 * K8sGPT: an LLM analyser of Kubernetes clusters. Its operator runs it from a `K8sGPT` resource;
 * it only reads and explains the cluster until `spec.ai.autoRemediation.enabled: true`, when the
 * operator applies the model's patches to Pods, Services, Deployments and Ingresses on its own.
 */
import type { AgentDefinition } from './types.js';

export default {
  id: 'k8sgpt',
  title: 'K8sGPT',
  resources: [
    {
      group: 'core.k8sgpt.ai',
      kind: 'K8sGPT',
      what: 'K8sGPT, an LLM cluster analyser its operator runs',
      actsWhen: {
        path: ['spec', 'ai', 'autoRemediation', 'enabled'],
        acting: 'the K8sGPT operator applies the patches the model proposes to cluster resources without asking anyone',
      },
    },
  ],
} satisfies AgentDefinition;
