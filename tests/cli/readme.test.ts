/** README: its example output is what `npm start` (`scan examples/repo`) prints, byte for byte. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('README', () => {
  it('shows exactly what `npm start` prints', async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const args = manifest.scripts.start!.replace(/^node dist\/cli\/index\.js /, '').split(' ');
    expect(args).toEqual(['scan', 'examples/repo']);
    let stdout = '';
    const code = await main(args, { cwd: ROOT, stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(1);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block =
      /<!-- generated:example-output -->\n```text\n\$ npm start\n([\s\S]*?)```\n<!-- \/generated:example-output -->/.exec(
        readme,
      );
    expect(block, 'README has the example-output block').not.toBeNull();
    expect(block![1]).toBe(stdout);
  });

  it('has no anchor that points at a heading it lacks', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const slugs = new Set(
      [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const anchors = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    for (const anchor of anchors) expect(slugs, `#${anchor}`).toContain(anchor);
  });
});
