/** The policy used when nothing is configured: the values the schema documents as defaults. */
import { DEFAULT_MAX_FILE_SIZE, detectSettings, type ResolvedPolicy } from './schema.js';

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
    ...overrides,
  };
}
