/** Rules for k8s deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';

export const k8sRules: Rule[] = [];
