/**
 * The parse worker's entry (its own bundle, `dist/yaml-worker/`): reads each YAML text it is sent,
 * unless the scan has claimed it first, and posts the reading back. See `parse-ahead.ts`.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { usePlainEnv } from '../util/plain-env.js';
import { BY_WORKER, POSTED, UNCLAIMED, type AheadReply, type AheadRequest } from './ahead-protocol.js';
import { readYaml } from './yaml.js';

usePlainEnv();

const { posted, claims, replies } = workerData as { posted: Int32Array; claims: Int8Array; replies: MessagePort };

parentPort?.on('message', ({ id, text }: AheadRequest) => {
  if (Atomics.compareExchange(claims, id, UNCLAIMED, BY_WORKER) !== UNCLAIMED) return; // the scan parses it
  try {
    replies.postMessage({ id, reading: readYaml(text) } satisfies AheadReply);
  } catch {
    // A throw while reading (hostile nesting past the stack) or a value that cannot be cloned.
    replies.postMessage({ id, reading: null } satisfies AheadReply);
  }
  Atomics.add(posted, POSTED, 1);
  Atomics.notify(posted, POSTED);
});
