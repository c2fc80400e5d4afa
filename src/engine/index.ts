/** Scans a directory on disk with the registered adapters and rules. */
import { realpathSync } from 'node:fs';
import { ADAPTERS } from '../adapters/index.js';
import type { Adapter } from '../adapters/types.js';
import { discover } from '../discovery/discover.js';
import { repoReader } from '../discovery/read.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { scan, type ScanResult } from './scan.js';

export interface ScanDirectoryOptions {
  root: string;
  policy: ResolvedPolicy;
  adapters?: readonly Adapter[];
  rules?: readonly Rule[];
  /** Use this file list instead of git or a walk. */
  listing?: readonly string[];
  scope?: ReadonlySet<string>;
  /** Read only the scope and the files adapters call related to it (see `ScanInput.scopeOnly`). */
  scopeOnly?: boolean;
  /** `YYYY-MM-DD` (UTC) for suppression expiry; defaults to the current date. */
  today?: string;
}

export function scanDirectory(options: ScanDirectoryOptions): ScanResult {
  const root = realpathSync(options.root);
  const { policy } = options;
  const found = discover(root, {
    include: policy.include,
    exclude: policy.exclude,
    ...(options.listing ? { listing: options.listing } : {}),
  });
  // No read cache: the scan reads each file once and keeps only the texts of files it parsed, so
  // the many files a sniff turns down are not held in memory for the whole scan.
  return scan({
    files: found.files,
    skipped: found.skipped,
    read: repoReader(root, policy.maxFileSize),
    policy,
    adapters: options.adapters ?? ADAPTERS,
    rules: options.rules ?? RULES,
    ...(options.scope ? { scope: options.scope, ...(options.scopeOnly ? { scopeOnly: true } : {}) } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
}

export { scan } from './scan.js';
export { stampReport, type ReportOrigin } from './build-report.js';
export type { ScanInput, ScanResult } from './scan.js';
