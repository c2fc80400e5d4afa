/** Rules for k8s deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';
import k8sEnvSecretLiteral from './k8s-env-secret-literal.js';
import podSecurityRestricted from './pod-security-restricted.js';

export const k8sRules: Rule[] = [k8sEnvSecretLiteral, podSecurityRestricted] as Rule[];
