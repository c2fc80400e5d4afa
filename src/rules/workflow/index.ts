/** Rules for workflow deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';

export const workflowRules: Rule[] = [];
