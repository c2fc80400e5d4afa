/**
 * The parse worker gives the scan the same parsed files it would make itself. These tests run the
 * built worker (`dist/cli/yaml-worker/`, committed and checked fresh by CI) against `parseDocument`,
 * and stand-in workers that crash or hang, which must cost time at most, never a file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument, type ParsedFile } from '../../src/documents/index.js';
import { startParseAhead, type ParseAhead } from '../../src/documents/parse-ahead.js';

const BUILT_WORKER = path.resolve(import.meta.dirname, '../../dist/cli/yaml-worker/index.js');

const TEXTS: Record<string, string> = {
  'plain.yml':
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest # the runner\n    steps:\n      - run: claude -p hi\n',
  'multi.yaml': '# lead\nkind: Deployment\n---\nkind: Service\nspec: {ports: [80]}\n---\n',
  'anchors.yml': 'base: &b {image: node, env: {A: "1"}}\none: *b\ntwo:\n  <<: *b\n  image: python\n',
  'broken.yml': 'a: [1, 2\nb: c\n',
  'duplicate.yml': 'a: 1\nb: 2\na: 3\n',
  'crlf-bom.yml': '\ufeffa: 1\r\nb:\r\n  - x\r\n',
  'deep.yml': '['.repeat(300) + ']'.repeat(300),
  'cycle.yml': 'a: &a [*a]\n',
  'scalars.yaml': 'n: .nan\ni: -.inf\nz: -0\nbig: 123456789012345678901234567890\nt: 2026-12-01\nnull: ~\n',
  'block.yml': 'run: |\n  set -e\n  codex exec --full-auto "$PROMPT"\nfolded: >-\n  a\n  b\n',
};

/** Everything a scan reads from a parsed file: values, problems, positions of every key path, comments. */
function observed(parsed: ParsedFile): unknown {
  return {
    format: parsed.format,
    problems: parsed.problems,
    documents: parsed.documents.map((doc) => ({
      index: doc.index,
      value: doc.value,
      comments: doc.comments,
      positions: keyPaths(doc.value).map((p) => [p, doc.locate(p), doc.locateText(p, /\w+/)]),
    })),
  };
}

function keyPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((v, i) => keyPaths(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) keyPaths(v, [...prefix, k], out);
  return out;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Returns once the worker has claimed every earlier submission: it reads them in order, so a probe
 * submitted last that comes back from the worker (not parsed in-thread, which gives null) proves it.
 */
let probes = 0;
function drain(ahead: ParseAhead): void {
  for (let tries = 0; tries < 400; tries++) {
    const probe = `probe-${probes++}.yml`;
    ahead.submit(probe, 'probe: 1\n');
    sleep(25);
    if (ahead.take(probe, 'probe: 1\n')) return;
  }
  throw new Error('the worker claimed nothing in 10 s');
}

const opened: ParseAhead[] = [];
afterEach(() => opened.splice(0).forEach((ahead) => ahead.close()));
function start(script: string, stallMs?: number): ParseAhead {
  const ahead = startParseAhead([], { script, minYamlFiles: 0, ...(stallMs ? { stallMs } : {}) });
  expect(ahead).not.toBeNull();
  opened.push(ahead!);
  return ahead!;
}

describe('the parse worker', () => {
  it('gives what parseDocument gives: values, problems, positions and comments', () => {
    const ahead = start(BUILT_WORKER);
    for (const [file, text] of Object.entries(TEXTS)) {
      expect(ahead.accepts(file, text)).toBe(true);
      ahead.submit(file, text);
    }
    drain(ahead);
    for (const [file, text] of Object.entries(TEXTS)) {
      const taken = ahead.take(file, text);
      expect(taken, file).not.toBeNull();
      expect(observed(taken!), file).toEqual(observed(parseDocument(file, text)));
    }
  });

  it('shares aliased values as the in-thread parse does', () => {
    const ahead = start(BUILT_WORKER);
    ahead.submit('anchors.yml', TEXTS['anchors.yml']!);
    drain(ahead);
    const value = ahead.take('anchors.yml', TEXTS['anchors.yml']!)!.documents[0]!.value as Record<string, unknown>;
    expect(value['one']).toBe(value['base']);
  });

  it('takes only what was submitted, with the same text, once', () => {
    const ahead = start(BUILT_WORKER);
    expect(ahead.accepts('notes.md', 'a: 1')).toBe(false);
    expect(ahead.accepts('config.json', '{}')).toBe(false);
    expect(ahead.accepts('huge.yml', 'a'.repeat(2 * 1024 * 1024))).toBe(false);
    ahead.submit('a.yml', 'a: 1\n');
    drain(ahead);
    expect(ahead.take('b.yml', 'a: 1\n')).toBeNull();
    expect(ahead.take('a.yml', 'a: 2\n')).toBeNull();
    ahead.submit('c.yml', 'c: 1\n');
    drain(ahead);
    expect(ahead.take('c.yml', 'c: 1\n')?.documents[0]?.value).toEqual({ c: 1 });
    expect(ahead.take('c.yml', 'c: 1\n')).toBeNull();
  });

  it('starts only for enough YAML, and never from src/', () => {
    expect(startParseAhead(['a.yml', 'b.json'], { script: BUILT_WORKER, minYamlFiles: 3 })).toBeNull();
    expect(startParseAhead(Array.from({ length: 600 }, (_, i) => `${i}.yml`))).toBeNull(); // no worker beside src/
    expect(startParseAhead(['a.yml'], { script: '/nonexistent/worker.js', minYamlFiles: 0 })).toBeNull();
  });

  it('parses the end of the queue itself while the worker is busy, as parseDocument would', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asg-ahead-'));
    // Claims only files marked slow, and answers them (unread) after 200 ms: the scan has time to steal.
    writeFileSync(
      path.join(dir, 'slow.mjs'),
      'import { parentPort, workerData } from "node:worker_threads";\n' +
        'parentPort.on("message", ({ id, text }) => {\n' +
        '  if (!text.startsWith("# slow") || Atomics.compareExchange(workerData.claims, id, 0, 1) !== 0) return;\n' +
        '  setTimeout(() => { workerData.replies.postMessage({ id, reading: null });\n' +
        '    Atomics.add(workerData.posted, 0, 1); Atomics.notify(workerData.posted, 0); }, 200);\n' +
        '});\n',
    );
    const ahead = start(path.join(dir, 'slow.mjs'));
    let stolen = 0;
    for (let round = 0; round < 20 && stolen === 0; round++) {
      ahead.submit(`slow-${round}.yml`, '# slow\n');
      sleep(100); // the stand-in claims it once started; until then the round parses in-thread and is retried
      for (const [file, text] of Object.entries(TEXTS)) ahead.submit(`${round}/${file}`, text);
      expect(ahead.take(`slow-${round}.yml`, '# slow\n')).toBeNull();
      for (const [file, text] of Object.entries(TEXTS)) {
        const taken = ahead.take(`${round}/${file}`, text);
        if (!taken) continue;
        stolen++;
        expect(observed(taken), file).toEqual(observed(parseDocument(`${round}/${file}`, text)));
      }
    }
    expect(stolen).toBe(Object.keys(TEXTS).length);
  });

  it('costs nothing but time when the worker crashes or hangs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asg-ahead-'));
    writeFileSync(path.join(dir, 'crash.mjs'), 'throw new Error("worker failed to load");\n');
    // Claims every file and never answers: a worker stuck mid-parse.
    writeFileSync(
      path.join(dir, 'hang.mjs'),
      'import { parentPort, workerData } from "node:worker_threads";\n' +
        'parentPort.on("message", ({ id }) => { Atomics.compareExchange(workerData.claims, id, 0, 1); });\n',
    );
    const crashed = start(path.join(dir, 'crash.mjs'));
    crashed.submit('a.yml', 'a: 1\n');
    sleep(200);
    expect(crashed.take('a.yml', 'a: 1\n')).toBeNull();

    const hung = start(path.join(dir, 'hang.mjs'), 300);
    // Until the stand-in has started, files are parsed in-thread; the first one it claims stalls.
    for (let k = 0; k < 200 && hung.accepts('next.yml', 'a: 1\n'); k++) {
      hung.submit(`${k}.yml`, 'a: 1\n');
      sleep(50);
      expect(hung.take(`${k}.yml`, 'a: 1\n')).toBeNull();
    }
    expect(hung.accepts('next.yml', 'a: 1\n')).toBe(false); // taken for dead: the rest is parsed in-thread
  });
});
