/** The audit of the policy's attestations; the engine reports them (src/engine/attestations.ts). */
import type { Rule } from '../types.js';
import { ATTESTATION_EXPIRED } from './attestation-expired.js';
import { ATTESTATION_EXPIRING } from './attestation-expiring.js';
import { ATTESTATION_UNUSED } from './attestation-unused.js';

export const attestationRules: readonly Rule[] = [
  ATTESTATION_EXPIRED,
  ATTESTATION_EXPIRING,
  ATTESTATION_UNUSED,
] as Rule[];
