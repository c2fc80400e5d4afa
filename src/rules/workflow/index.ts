/** Rules for workflow deployments; keep the list sorted by id. */
import type { Rule } from '../types.js';
import actorGateOpen from './actor-gate-open.js';
import credentialsPersisted from './credentials-persisted.js';
import promptInjection from './prompt-injection.js';
import runNotFollowed from './run-not-followed.js';
import untrustedCheckout from './untrusted-checkout.js';
import unrestrictedTools from './unrestricted-tools.js';
import valueNotDeterminable from './value-not-determinable.js';

export const workflowRules: Rule[] = [
  actorGateOpen,
  credentialsPersisted,
  promptInjection,
  runNotFollowed,
  unrestrictedTools,
  untrustedCheckout,
  valueNotDeterminable,
] as Rule[];
