/** Rules for devcontainer deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';
import devcontainerRootUser from './devcontainer-root-user.js';

export const devcontainerRules: Rule[] = [devcontainerRootUser] as Rule[];
