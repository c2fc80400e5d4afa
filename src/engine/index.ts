/** Scans a directory on disk with the registered adapters and rules. */
import { realpathSync } from 'node:fs';
import { ADAPTERS } from '../adapters/index.js';
import type { Adapter } from '../adapters/types.js';
import { discover, gitIndexBytes, listAhead, type ListedAhead } from '../discovery/discover.js';
import { bootParseAhead, startParseAhead, type ParseAhead, type ParseAheadOptions } from '../documents/parse-ahead.js';
import { repoReader } from '../discovery/read.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import { RULES } from '../rules/index.js';
import { loadShellParser } from '../shell/parser.js';
import type { Rule } from '../rules/types.js';
import type { ChangeBaseline } from './govern.js';
import { scan, type ScanResult } from './scan.js';

export interface ScanDirectoryOptions {
  root: string;
  policy: ResolvedPolicy;
  adapters?: readonly Adapter[];
  rules?: readonly Rule[];
  /** Use this file list instead of git or a walk. */
  listing?: readonly string[];
  /** What `scanAhead` started for this root: git's listing, a booted parse worker. */
  ahead?: ScanAhead;
  scope?: ReadonlySet<string>;
  /** Read only the scope and the files adapters call related to it (see `ScanInput.scopeOnly`). */
  scopeOnly?: boolean;
  /** `YYYY-MM-DD` (UTC) for suppression expiry; defaults to the current date. */
  today?: string;
  /** The base the change under review is measured against (see `ScanInput.baseline`). */
  baseline?: ChangeBaseline;
  /** Called before each file is read, for a progress line. */
  onRead?: (file: string) => void;
  /** The parse worker (`documents/parse-ahead.ts`), or false for none; by default the one built next to the bundle. */
  parseWorker?: ParseAheadOptions | false;
}

/** The memory bound for files GitHub runs (workflows, actions); past it the file is an `unparsable-file` finding. */
export const RUNNABLE_MAX_BYTES = 64 * 1024 * 1024;

/** A workflow or an action's metadata: GitHub acts on it whatever its size. */
export const isRunByGitHub = (file: string): boolean =>
  /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(file) || /(^|\/)action\.ya?ml$/i.test(file);

/**
 * Loads what a scan needs before it can run synchronously (the shell grammar's WebAssembly). Every
 * entry point awaits it before its first scan; it is idempotent, so start it early and await late.
 */
export const prepareScan = (): Promise<void> => loadShellParser();

/** What `scanAhead` started: git's listing of the repository and, for a large one, a booted parse worker. */
export interface ScanAhead {
  listed: ListedAhead;
  /** The booted worker, for the first whole-repository scan (which closes it if too few files are YAML). */
  worker: { take(): ParseAhead | null };
}

export interface ScanAheadOptions {
  /** The worker to boot (see `ParseAheadOptions`), or false for none. */
  parseWorker?: ParseAheadOptions | false;
  /** Boot it from this index size on (default `BOOT_WORKER_INDEX_BYTES`). */
  bootAtIndexBytes?: number;
}

/**
 * A git index this large (about 10,000 tracked files) makes the parse worker worth booting before the
 * listing is in: 8-9 % off the bench's 20,000- and 80,000-file scans. Booted for a large repository that
 * turns out to hold fewer than `MIN_YAML_FILES_AHEAD` YAML files, it is closed unused (about 7 ms of a
 * 420 ms scan, measured on 20,000 files with 212 YAML in scope).
 */
export const BOOT_WORKER_INDEX_BYTES = 1024 * 1024;

/**
 * Starts what a scan of `root` can do while its caller reads options and policy: `git ls-files`, and
 * for a large repository the parse worker's thread, which takes longer to boot than the scan takes
 * to reach its first parse. Pass the result to `scanDirectory` as `ahead`. `parseWorker: false` when
 * only a change will be judged (such a scan parses a handful of files in-thread).
 */
export function scanAhead(root: string, options: ScanAheadOptions = {}): Promise<ScanAhead> {
  const large = gitIndexBytes(root) >= (options.bootAtIndexBytes ?? BOOT_WORKER_INDEX_BYTES);
  let booted = options.parseWorker !== false && large ? bootParseAhead(options.parseWorker) : null;
  const worker = {
    take: (): ParseAhead | null => {
      const taken = booted;
      booted = null;
      return taken;
    },
  };
  return listAhead(root).then((listed) => ({ listed, worker }));
}

export function scanDirectory(options: ScanDirectoryOptions): ScanResult {
  const root = realpathSync(options.root);
  const { policy } = options;
  let booted = options.ahead?.worker.take() ?? null;
  let parseAhead: ParseAhead | null = null;
  try {
    const found = discover(root, {
      include: policy.include,
      exclude: policy.exclude,
      ...(options.listing ? { listing: options.listing } : {}),
      ...(options.ahead ? { ahead: options.ahead.listed } : {}),
    });
    // Worth a thread only when the whole repository is judged (`scope: changed` parses a handful of files).
    if (!options.scopeOnly && options.parseWorker !== false) {
      parseAhead = startParseAhead(found.files, options.parseWorker, booted);
      booted = null;
    }
    // No read cache: the scan reads each file once and keeps only the texts of files it parsed, so
    // the many files a sniff turns down are not held in memory for the whole scan.
    const read = repoReader(root, policy.maxFileSize);
    // GitHub runs a workflow or action however large it is, so `max-file-size` never hides one.
    const readRunnable = repoReader(root, Math.max(policy.maxFileSize, RUNNABLE_MAX_BYTES));
    return scan({
      files: found.files,
      skipped: found.skipped,
      read: withProgress((file) => (isRunByGitHub(file) ? readRunnable(file) : read(file)), options.onRead),
      policy,
      adapters: options.adapters ?? ADAPTERS,
      rules: options.rules ?? RULES,
      ...(options.scope ? { scope: options.scope, ...(options.scopeOnly ? { scopeOnly: true } : {}) } : {}),
      ...(options.today ? { today: options.today } : {}),
      ...(options.baseline ? { baseline: options.baseline } : {}),
      parseAhead,
    });
  } finally {
    parseAhead?.close();
    booted?.close();
  }
}

function withProgress<Read extends (file: string) => unknown>(read: Read, onRead?: (file: string) => void): Read {
  if (!onRead) return read;
  return ((file: string) => (onRead(file), read(file))) as Read;
}

export { scan } from './scan.js';
export { stampReport, type ReportOrigin } from './build-report.js';
export type { ScanInput, ScanResult } from './scan.js';
export type { ChangeBaseline } from './govern.js';
export { addedExceptions } from './govern.js';
