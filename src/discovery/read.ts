/** Reads a repository file as text, refusing what is not text and saying why. */
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import path from 'node:path';
import type { SkipReason } from '../engine/report.js';

export type ReadResult = { ok: true; text: string } | { ok: false; status: SkipReason; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes: UTF-8 (BOM optional) or UTF-16 with a BOM; NUL bytes or invalid UTF-8 are refused. */
export function decode(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (bytes.includes(0)) return { ok: false, status: 'binary', reason: 'binary content (NUL bytes); not a text config' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, status: 'unreadable', reason: 'not valid UTF-8' };
  }
}

function decodeWith(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): ReadResult {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 'unreadable', reason: `not valid ${encoding.toUpperCase()}` };
  }
}

/** Reads at most `maxBytes` from a file inside `root`; larger files are refused without reading them. */
export function readRepoFile(root: string, file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path.join(root, file), 'r');
  } catch (error) {
    return { ok: false, status: 'unreadable', reason: `cannot open: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return { ok: false, status: 'too-large', reason: `${size} bytes, over the ${maxBytes}-byte limit` };
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decode(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}
