/** Every fixture repository of the suite: rule cases, the adapters' corpus trees and the example repository. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => path.join(dir, name));
}

export function fixtureRoots(): string[] {
  const rules = subdirs(path.join(REPO, 'tests/fixtures/rules')).flatMap((rule) =>
    ['pass', 'fail'].flatMap((kind) => subdirs(path.join(rule, kind))),
  );
  const adapters = subdirs(path.join(REPO, 'tests/adapters')).flatMap((adapter) =>
    subdirs(adapter).flatMap((tree) => subdirs(tree)),
  );
  return [...rules, ...adapters, path.join(REPO, 'examples/repo')];
}
