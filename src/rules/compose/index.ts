/** Rules for compose deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';
import composeEnvSecretLiteral from './compose-env-secret-literal.js';
import composeHardening from './compose-hardening.js';

export const composeRules: Rule[] = [composeEnvSecretLiteral, composeHardening] as Rule[];
