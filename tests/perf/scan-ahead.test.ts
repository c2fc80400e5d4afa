/**
 * `scanAhead` starts git's listing and, for a large repository, boots the parse worker before the
 * caller has read its policy; a scan handed what it started reports exactly what a scan without it
 * reports, takes the booted worker once, and a change-only scan closes it unused.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanAhead, scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { renderJson } from '../../src/report/json.js';

const BUILT_WORKER = path.resolve(import.meta.dirname, '../../dist/cli/yaml-worker/index.js');
const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/repo');
const TODAY = '2026-12-01';

const base = mkdtempSync(path.join(os.tmpdir(), 'asg-ahead-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function repository(name: string): string {
  const root = path.join(base, name);
  cpSync(EXAMPLE, root, { recursive: true });
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
      cwd: root,
      stdio: 'ignore',
    });
  };
  git('init', '-q');
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'x');
  return root;
}

const worker = { script: BUILT_WORKER, minYamlFiles: 0 };
const json = (root: string, extra: Partial<Parameters<typeof scanDirectory>[0]> = {}): string =>
  renderJson(scanDirectory({ root, policy: defaultPolicy(), today: TODAY, parseWorker: false, ...extra }).report);

describe('scanAhead', () => {
  const root = repository('example');

  it('hands a scan its listing and booted worker: the same report, the worker taken once', async () => {
    const ahead = await scanAhead(root, { parseWorker: worker, bootAtIndexBytes: 0 });
    expect(ahead.listed.records).not.toBeNull();
    const alone = json(root);
    expect(json(root, { ahead, parseWorker: worker })).toBe(alone);
    expect(ahead.worker.take()).toBeNull(); // the first scan took it (and closed it when done)
    expect(json(root, { ahead, parseWorker: worker })).toBe(alone); // a later scan starts its own
  });

  it('closes the booted worker unused for a change-only scan, with the same report', async () => {
    const ahead = await scanAhead(root, { parseWorker: worker, bootAtIndexBytes: 0 });
    const scope = new Set(['compose.yaml']);
    expect(json(root, { ahead, scope, scopeOnly: true })).toBe(json(root, { scope, scopeOnly: true }));
    expect(ahead.worker.take()).toBeNull();
  });

  it('boots no worker below the index size, when told not to, or outside a work tree', async () => {
    expect((await scanAhead(root, { parseWorker: worker })).worker.take()).toBeNull(); // a small index
    expect((await scanAhead(root, { parseWorker: false, bootAtIndexBytes: 0 })).worker.take()).toBeNull();
    const plain = path.join(base, 'plain');
    cpSync(EXAMPLE, plain, { recursive: true });
    const ahead = await scanAhead(plain, { parseWorker: worker });
    expect(ahead.listed.records).toBeNull();
    expect(ahead.worker.take()).toBeNull();
    expect(json(plain, { ahead })).toBe(json(plain));
  });
});
