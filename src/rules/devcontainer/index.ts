/** Rules for devcontainer deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';

export const devcontainerRules: Rule[] = [];
