/** The explicit registry of adapters, one per ecosystem. */
import { agentSettingsAdapter } from './agent-settings/index.js';
import { composeAdapter } from './compose/index.js';
import { kubernetesAdapter } from './kubernetes/index.js';
import { admissionAdapter } from './kubernetes/admission.js';
import { devcontainerAdapter } from './devcontainer/index.js';
import { mcpAdapter } from './mcp/index.js';
import type { Adapter } from './types.js';
import { workflowsAdapter } from './workflows/index.js';

export const ADAPTERS: readonly Adapter[] = [
  agentSettingsAdapter,
  mcpAdapter,
  devcontainerAdapter,
  kubernetesAdapter,
  // After kubernetes: it raises facts that adapter's link settled.
  admissionAdapter,
  composeAdapter,
  workflowsAdapter,
];
