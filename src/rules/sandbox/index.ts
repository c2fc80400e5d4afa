/** Generic rules over the normalised sandbox facts, for every deployment kind; sorted by id. */
import type { Rule } from '../types.js';
import approvalBypassed from './approval-bypassed.js';
import credentialsScoped from './credentials-scoped.js';
import egressRestricted from './egress-restricted.js';
import filesystemScoped from './filesystem-scoped.js';
import limitsRequired from './limits-required.js';
import sandboxDisabled from './sandbox-disabled.js';
import sandboxRequired from './sandbox-required.js';

export const sandboxRules: Rule[] = [
  approvalBypassed,
  credentialsScoped,
  egressRestricted,
  filesystemScoped,
  limitsRequired,
  sandboxDisabled,
  sandboxRequired,
] as Rule[];
