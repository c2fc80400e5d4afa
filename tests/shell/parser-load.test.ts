import { describe, expect, it } from 'vitest';

describe('the shell parser before it is loaded', () => {
  it('refuses to parse (a bug: an entry point did not await prepareScan) instead of judging nothing', async () => {
    // A fresh instance of the module (the query makes it another module id), which nothing has loaded.
    const freshId = '../../src/shell/parser.ts?unloaded';
    const fresh = (await import(/* @vite-ignore */ freshId)) as typeof import('../../src/shell/parser.js');
    expect(() => fresh.parseBash('claude -p hi')).toThrow(/not loaded: await loadShellParser\(\)/);
    await fresh.loadShellParser();
    const tree = fresh.parseBash('claude -p hi');
    expect(tree?.rootNode.type).toBe('program');
    tree?.delete();
  });
});
