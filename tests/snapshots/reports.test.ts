/**
 * The full JSON report of every fixture repository, one snapshot file each, so a change that is
 * meant to be structural can be checked byte for byte (`npx vitest run tests/snapshots -u`
 * rewrites them; review the diff). Paths in the report are relative to the fixture's root.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { renderJson } from '../../src/report/json.js';
import { listFiles } from '../helpers/golden.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** A fixed date, so suppression expiry never depends on the day the suite runs. */
const TODAY = '2026-12-01';

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => path.join(dir, name));
}

/** Every fixture repository: rule cases, the adapters' corpus trees and the example repository. */
function fixtureRoots(): string[] {
  const rules = subdirs(path.join(REPO, 'tests/fixtures/rules')).flatMap((rule) =>
    ['pass', 'fail'].flatMap((kind) => subdirs(path.join(rule, kind))),
  );
  const adapters = subdirs(path.join(REPO, 'tests/adapters')).flatMap((adapter) =>
    subdirs(adapter).flatMap((tree) => subdirs(tree)),
  );
  return [...rules, ...adapters, path.join(REPO, 'examples/repo')];
}

describe('JSON report snapshots', () => {
  const roots = fixtureRoots();
  it('finds the fixture repositories', () => {
    expect(roots.length).toBeGreaterThan(100);
  });
  for (const root of roots) {
    const name = path.relative(REPO, root).split(path.sep).join('/');
    it(name, async () => {
      const { report } = scanDirectory({ root, policy: defaultPolicy(), listing: listFiles(root), today: TODAY });
      await expect(renderJson(report)).toMatchFileSnapshot(`__snapshots__/${name.replaceAll('/', '__')}.json`);
    });
  }
});
