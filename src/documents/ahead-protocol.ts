/** What the scan and the parse worker share (`parse-ahead.ts`, `yaml-worker.ts`). */
import type { YamlReading } from './yaml.js';

/** Replies posted so far, slot 0 of the shared counter: `take` waits on it. */
export const POSTED = 0;

/**
 * One byte per submission, claimed with a compare-and-swap by whichever side starts it first: the
 * worker before it reads, the scan when it needs the file and the worker has not begun it (then the
 * scan parses it itself rather than wait behind the worker's queue).
 */
export const UNCLAIMED = 0;
export const BY_WORKER = 1;
export const BY_SCAN = 2;
export const MAX_SUBMISSIONS = 1 << 20;

export interface AheadRequest {
  id: number;
  text: string;
}

export interface AheadReply {
  id: number;
  /** null: not read (a throw, a value that cannot be cloned); the scan parses the file itself. */
  reading: YamlReading | null;
}
