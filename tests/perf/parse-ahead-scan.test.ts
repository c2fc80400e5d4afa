/**
 * A scan whose YAML is parsed by the worker reports exactly what a scan that parses in-thread
 * reports, on every fixture repository. The built worker (`dist/cli/yaml-worker/`) is started once;
 * before its first file each scan waits until the worker has claimed everything submitted, so every
 * YAML file of the fixtures really goes through it (counted), not through the in-thread fallback.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import { discover } from '../../src/discovery/discover.js';
import { repoReader } from '../../src/discovery/read.js';
import type { ParsedFile } from '../../src/documents/index.js';
import { startParseAhead, type ParseAhead } from '../../src/documents/parse-ahead.js';
import { scan } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { renderJson } from '../../src/report/json.js';
import { RULES } from '../../src/rules/index.js';
import { fixtureRoots } from '../helpers/fixture-roots.js';
import { listFiles } from '../helpers/golden.js';

const BUILT_WORKER = path.resolve(import.meta.dirname, '../../dist/cli/yaml-worker/index.js');
const TODAY = '2026-12-01';

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The worker, made to finish what was submitted before the scan takes its first file. */
function patient(inner: ParseAhead, counts: { worker: number; missed: number }): ParseAhead {
  let probes = 0;
  const submitted = new Set<string>();
  let drained = false;
  const drain = (): void => {
    for (let tries = 0; tries < 400; tries++) {
      const probe = `.probe-${probes++}.yml`;
      inner.submit(probe, 'probe: 1\n');
      sleep(10);
      if (inner.take(probe, 'probe: 1\n')) return;
    }
    throw new Error('the worker claimed nothing in 4 s');
  };
  return {
    accepts: (file, text) => inner.accepts(file, text),
    submit: (file, text) => {
      drained = false;
      if (inner.accepts(file, text)) submitted.add(file); // the scan submits every file; the worker keeps YAML
      inner.submit(file, text);
    },
    take: (file, text): ParsedFile | null => {
      if (!drained) drain();
      drained = true;
      const parsed = inner.take(file, text);
      if (parsed) counts.worker++;
      else if (submitted.has(file)) counts.missed++;
      submitted.delete(file);
      return parsed;
    },
    close: () => inner.close(),
  };
}

function report(root: string, parseAhead: ParseAhead | null): string {
  const policy = defaultPolicy();
  const real = realpathSync(root);
  const found = discover(real, { include: policy.include, exclude: policy.exclude, listing: listFiles(real) });
  const result = scan({
    files: found.files,
    skipped: found.skipped,
    read: repoReader(real, policy.maxFileSize),
    policy,
    adapters: ADAPTERS,
    rules: RULES,
    today: TODAY,
    parseAhead,
  });
  return renderJson(result.report);
}

describe('scanning with the parse worker', () => {
  const worker = startParseAhead([], { script: BUILT_WORKER, minYamlFiles: 0 });
  const counts = { worker: 0, missed: 0 };
  afterAll(() => worker?.close());

  it('has the built worker to run', () => {
    expect(worker).not.toBeNull();
  });

  for (const root of fixtureRoots()) {
    it(path.relative(process.cwd(), root), () => {
      expect(report(root, patient(worker!, counts))).toBe(report(root, null));
    });
  }

  it('parsed every submitted YAML file of the fixtures in the worker', () => {
    expect(counts.missed).toBe(0);
    expect(counts.worker).toBeGreaterThan(150);
  });
});
