/** Rules for mcp deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';
import mcpUnpinnedPackage from './mcp-unpinned-package.js';

export const mcpRules: Rule[] = [mcpUnpinnedPackage] as Rule[];
