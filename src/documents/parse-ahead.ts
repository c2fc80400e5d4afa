/**
 * YAML parsed ahead on the second core. The scan hands each YAML file it will parse to a worker
 * thread as soon as its sniff says so, then takes the readings back in order while it extracts; the
 * worker does the lexing, composing and `toJS`, the main thread rebuilds positions only for files
 * that have findings. The scan stays synchronous: a file the worker has begun is waited for (a shared
 * counter the worker bumps per reading), parsing the last files of the queue meanwhile; a file it has
 * not reached is parsed in-thread at once. One shared byte per file, claimed by compare-and-swap,
 * says which side parses it, so the two cores share the work and neither idles behind the other.
 * Anything unexpected (no worker file, a reading that cannot be cloned, a stalled worker) means the
 * file is parsed in-thread, exactly as without a worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  BY_SCAN,
  BY_WORKER,
  MAX_SUBMISSIONS,
  POSTED,
  UNCLAIMED,
  type AheadReply,
  type AheadRequest,
} from './ahead-protocol.js';
import { isMarkdown } from './frontmatter.js';
import { formatOf, parseDocument } from './index.js';
import { normaliseText } from './positions.js';
import type { ParsedFile } from './types.js';
import { yamlFromReading, type YamlReading } from './yaml.js';

export interface ParseAhead {
  /** Whether `submit` would hand this file to the worker (plain YAML, not too large). */
  accepts(file: string, rawText: string): boolean;
  /** Hands a file's text to the worker if it `accepts` it (others are ignored); returns at once. */
  submit(file: string, rawText: string): void;
  /** The parsed file for a submitted text, waiting for the worker if it is on it; null means parse in-thread. */
  take(file: string, rawText: string): ParsedFile | null;
  /** Stops the worker; readings not taken are dropped. */
  close(): void;
}

/** The worker bundle, built next to each bundle (`dist/yaml-worker/`, `dist/cli/yaml-worker/`); absent under src/. */
const WORKER_FILE = 'yaml-worker/index.js';
/** Larger files are parsed in-thread, so a healthy worker never keeps `take` waiting for long. */
const MAX_AHEAD_CHARS = 1024 * 1024;
/** A worker that posts nothing for this long is taken for dead; the rest is parsed in-thread. */
const STALL_MS = 60_000;

const DEFAULT_WORKER = (): string => fileURLToPath(new URL(WORKER_FILE, import.meta.url));

/**
 * A worker takes about 150 ms of CPU to start. On the bench's 5,000-file repository (about 300 YAML
 * files, 120 of them parsed) it gained nothing; on 20,000 files (1,100 YAML, 430 parsed) it saved a
 * tenth of the scan. Fewer YAML files than this, and the scan parses them itself.
 */
export const MIN_YAML_FILES_AHEAD = 500;

export interface ParseAheadOptions {
  /** The worker bundle; by default the one next to this bundle. */
  script?: string | URL;
  /** Start only when the files hold at least this many YAML files (default `MIN_YAML_FILES_AHEAD`). */
  minYamlFiles?: number;
  /** How long a worker may post nothing before it is taken for dead (default `STALL_MS`). */
  stallMs?: number;
}

/**
 * Starts the worker when `files` hold enough YAML to be worth it, or returns null: too few, or no
 * worker to start (running from src/, a missing file). `booted` is a worker started earlier with
 * `bootParseAhead`: it is used instead of a new one, or closed when the files do not need it.
 */
export function startParseAhead(
  files: readonly string[],
  options: ParseAheadOptions = {},
  booted: ParseAhead | null = null,
): ParseAhead | null {
  const least = options.minYamlFiles ?? MIN_YAML_FILES_AHEAD;
  let yaml = 0;
  for (const file of files) {
    if (yaml >= least) break;
    if (formatOf(file) === 'yaml' && !isMarkdown(file)) yaml++;
  }
  if (yaml < least) {
    booted?.close();
    return null;
  }
  return booted ?? bootParseAhead(options);
}

/**
 * Starts the worker now, before the files are known, so its thread boots (about 50 ms of a second
 * core) while the scan's caller reads its options and policy; hand it to `startParseAhead`. Null when
 * there is no worker to start.
 */
export function bootParseAhead(options: ParseAheadOptions = {}): ParseAhead | null {
  const script = options.script ?? DEFAULT_WORKER();
  return spawn(typeof script === 'string' ? script : fileURLToPath(script), options.stallMs ?? STALL_MS);
}

function spawn(path: string, stallMs: number): ParseAhead | null {
  if (!existsSync(path)) return null;
  const posted = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const claims = new Int8Array(new SharedArrayBuffer(MAX_SUBMISSIONS));
  const { port1: replies, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(path, { workerData: { posted, claims, replies: port2 }, transferList: [port2] });
  } catch {
    replies.close();
    return null;
  }
  worker.unref(); // never what keeps the process alive
  worker.on('error', () => {}); // a worker that dies is noticed by `take` as a stall
  return new WorkerParseAhead(worker, replies, posted, claims, stallMs);
}

class WorkerParseAhead implements ParseAhead {
  private nextId = 0;
  private readonly submitted = new Map<string, { id: number; raw: string; text: string }>();
  private readonly received = new Map<number, YamlReading | null>();
  /** Submissions by id, for stealing from the end of the worker's queue. */
  private readonly byId: { file: string; raw: string }[] = [];
  /** Files parsed here while waiting for the worker, with the text they were parsed from. */
  private readonly stolen = new Map<string, { raw: string; parsed: ParsedFile }>();
  /** The next id to steal, counting down; -1 once the worker has reached it. */
  private tail = -1;
  private broken = false;

  constructor(
    private readonly worker: Worker,
    private readonly replies: MessagePort,
    private readonly posted: Int32Array,
    private readonly claims: Int8Array,
    private readonly stallMs: number,
  ) {}

  accepts(file: string, rawText: string): boolean {
    return (
      !this.broken &&
      this.nextId < MAX_SUBMISSIONS &&
      rawText.length <= MAX_AHEAD_CHARS &&
      formatOf(file) === 'yaml' &&
      !isMarkdown(file)
    );
  }

  submit(file: string, rawText: string): void {
    if (!this.accepts(file, rawText) || this.submitted.has(file)) return;
    const entry = { id: this.nextId++, raw: rawText, text: normaliseText(rawText) };
    this.submitted.set(file, entry);
    this.byId[entry.id] = { file, raw: rawText };
    this.tail = entry.id;
    this.worker.postMessage({ id: entry.id, text: entry.text } satisfies AheadRequest);
  }

  take(file: string, rawText: string): ParsedFile | null {
    const entry = this.submitted.get(file);
    if (!entry) return null;
    this.submitted.delete(file);
    const early = this.stolen.get(file);
    if (early) {
      this.stolen.delete(file);
      return early.raw === rawText ? early.parsed : null;
    }
    // Not begun by the worker (or not the text submitted): parsing it here beats waiting behind its queue.
    const claimed = Atomics.compareExchange(this.claims, entry.id, UNCLAIMED, BY_SCAN);
    if (claimed !== BY_WORKER || entry.raw !== rawText || this.broken) return null;
    const reading = this.await(entry.id);
    this.received.delete(entry.id);
    return reading ? yamlFromReading(file, entry.text, reading) : null;
  }

  close(): void {
    this.broken = true;
    this.replies.close();
    void this.worker.terminate();
  }

  /**
   * While the worker is busy on the file the scan needs, the scan parses the last file in the queue
   * instead of idling (the worker takes them in order, so a claimed last file means none is left).
   */
  private stealOne(): boolean {
    while (this.tail >= 0) {
      const id = this.tail--;
      const { file, raw } = this.byId[id]!;
      if (!this.submitted.has(file)) continue; // taken already
      if (Atomics.compareExchange(this.claims, id, UNCLAIMED, BY_SCAN) !== UNCLAIMED) {
        this.tail = -1;
        return false;
      }
      try {
        this.stolen.set(file, { raw, parsed: parseDocument(file, raw) });
      } catch {
        // A parser bug: left for the file's own turn, where it is reported against the right file.
      }
      return true;
    }
    return false;
  }

  /** Blocks until the reading of `id` arrives; undefined on a stall. */
  private await(id: number): YamlReading | null | undefined {
    for (;;) {
      if (this.received.has(id)) return this.received.get(id);
      // Read the counter before polling: a reply posted after the poll has bumped it, so the wait returns at once.
      const posted = Atomics.load(this.posted, POSTED);
      const message = receiveMessageOnPort(this.replies);
      if (message) {
        const reply = message.message as AheadReply;
        this.received.set(reply.id, reply.reading);
        continue;
      }
      if (this.stealOne()) continue;
      if (Atomics.wait(this.posted, POSTED, posted, this.stallMs) === 'timed-out') {
        this.broken = true;
        return undefined;
      }
    }
  }
}
