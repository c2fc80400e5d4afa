/**
 * The full JSON report of every fixture repository, one snapshot file each, so a change that is
 * meant to be structural can be checked byte for byte (`npx vitest run tests/snapshots -u`
 * rewrites them; review the diff). Paths in the report are relative to the fixture's root.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { renderJson } from '../../src/report/json.js';
import { fixtureRoots } from '../helpers/fixture-roots.js';
import { listFiles } from '../helpers/golden.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** A fixed date, so suppression expiry never depends on the day the suite runs. */
const TODAY = '2026-12-01';

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
