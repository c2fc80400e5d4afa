/** The explicit registry of every rule. Each folder keeps its own sorted list. */
import { agentConfigRules } from './agent-config/index.js';
import { attestationRules } from './attestations/index.js';
import { composeRules } from './compose/index.js';
import { configRules } from './config/index.js';
import { devcontainerRules } from './devcontainer/index.js';
import { k8sRules } from './k8s/index.js';
import { mcpRules } from './mcp/index.js';
import { sandboxRules } from './sandbox/index.js';
import { ENGINE_RULES } from './scanner/index.js';
import type { Rule } from './types.js';
import { workflowRules } from './workflow/index.js';

/** Rules that judge deployments. */
export const RULES: readonly Rule[] = [
  ...sandboxRules,
  ...workflowRules,
  ...agentConfigRules,
  ...configRules,
  ...mcpRules,
  ...devcontainerRules,
  ...k8sRules,
  ...composeRules,
  ...attestationRules,
];

/** Every rule id the policy may name, including the scanner's own rules (`scanner/`). */
export const ALL_RULES: readonly Rule[] = [...RULES, ...ENGINE_RULES];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
