/** Rules for agent-config deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';

export const agentConfigRules: Rule[] = [];
