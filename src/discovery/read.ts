/** Reads a repository file as text, refusing what is not text and saying why. */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { SkipReason } from '../model/report.js';

export type ReadResult = { ok: true; text: string } | { ok: false; status: SkipReason; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes: UTF-8 (BOM optional) or UTF-16 with a BOM; NUL bytes or invalid UTF-8 are refused. */
export function decode(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (bytes.includes(0))
    return { ok: false, status: 'binary', reason: 'binary content (NUL bytes); not a text config' };
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

/**
 * Reads at most `maxBytes` from a regular file inside `root`; larger files are refused without reading
 * them. `file` may come from scanned content (an adapter loading a referenced settings file), so it is
 * checked here too: no absolute paths, no `..`, no link leading out of the root, nothing but regular
 * files (a FIFO would block the open forever, a device would never end).
 */
export function readRepoFile(root: string, file: string, maxBytes: number): ReadResult {
  if (!isSafeRelative(file)) return { ok: false, status: 'unreadable', reason: 'not a path inside the repository' };
  let real: string;
  try {
    // The native realpath is one call; the JS one lstats every path component and was 10% of a large scan.
    const realRoot = realpathSync.native(root);
    real = realpathSync.native(path.join(realRoot, file));
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      return {
        ok: false,
        status: 'symlink-outside',
        reason: 'a symbolic link that leads outside the repository; not followed',
      };
    }
  } catch (error) {
    return { ok: false, status: 'unreadable', reason: `cannot open: ${errorCode(error)}` };
  }
  return readFileBounded(real, maxBytes);
}

/**
 * `readRepoFile` for the many files of one scan, with the same verdicts: the real path of each folder
 * is resolved once, and the file is opened without following a link. Anything unusual (a linked file
 * or folder, a failed open) takes `readRepoFile`'s full check, which says why. A realpath per file was
 * most of the cost of reading a large repository.
 */
export function repoReader(root: string, maxBytes: number): (file: string) => ReadResult {
  const slow = (file: string): ReadResult => readRepoFile(root, file, maxBytes);
  const noFollow = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW;
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    return slow;
  }
  if (noFollow === undefined) return slow;
  const folders = new Map<string, string | null>();
  const realFolder = (folder: string): string | null => {
    let real = folders.get(folder);
    if (real === undefined) {
      try {
        const resolved = realpathSync.native(path.join(realRoot, folder));
        real = resolved === realRoot || resolved.startsWith(realRoot + path.sep) ? resolved : null;
      } catch {
        real = null;
      }
      folders.set(folder, real);
    }
    return real;
  };
  return (file) => {
    if (!isSafeRelative(file)) return slow(file);
    const folder = realFolder(path.dirname(file));
    if (folder === null) return slow(file);
    const result = readFileBounded(path.join(folder, path.basename(file)), maxBytes, noFollow);
    return !result.ok && result.reason.startsWith('cannot open') ? slow(file) : result;
  };
}

/**
 * Reads at most `maxBytes` of a regular file (any path: callers decide where it may be). Opens
 * non-blocking and checks the type on the open descriptor, so a FIFO or device is refused, never read.
 */
export function readFileBounded(absolute: string, maxBytes: number, extraFlags = 0): ReadResult {
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK | extraFlags);
  } catch (error) {
    return { ok: false, status: 'unreadable', reason: `cannot open: ${errorCode(error)}` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, status: 'unreadable', reason: 'not a regular file' };
    const { size } = info;
    if (size > maxBytes)
      return { ok: false, status: 'too-large', reason: `${size} bytes, over the ${maxBytes}-byte limit` };
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decode(buffer.subarray(0, read));
  } catch (error) {
    return { ok: false, status: 'unreadable', reason: `cannot read: ${errorCode(error)}` };
  } finally {
    closeSync(fd);
  }
}

function isSafeRelative(file: string): boolean {
  return file.length > 0 && !file.includes('\0') && !path.isAbsolute(file) && !file.split(/[\\/]/).includes('..');
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException | null)?.code ?? 'error';
