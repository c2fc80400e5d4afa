/**
 * The policy used when nothing is configured: each rule at its default severity, which is what the
 * `recommended` preset says (tests/policy/presets.test.ts keeps the two equal).
 */
import { DEFAULT_ATTESTATION_MAX_DAYS } from './schema-attestations.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_SUPPRESSIONS, detectSettings, type ResolvedPolicy } from './schema.js';

export function defaultPolicy(overrides: Partial<ResolvedPolicy> = {}): ResolvedPolicy {
  return {
    source: 'built-in:recommended',
    failOn: 'error',
    include: [],
    exclude: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    templated: 'report',
    rules: {},
    detect: detectSettings.parse(undefined),
    only: null,
    overrides: [],
    customRules: [],
    exceptions: [],
    suppressions: { ...DEFAULT_SUPPRESSIONS },
    attestations: [],
    attestationMaxDays: DEFAULT_ATTESTATION_MAX_DAYS,
    ...overrides,
  };
}
