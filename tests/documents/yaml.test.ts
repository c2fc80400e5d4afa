/** documents/yaml: key paths map to exact ranges, through aliases, merge keys and odd line endings. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/documents/index.js';

const doc = (text: string, file = 'a.yml') => {
  const parsed = parseDocument(file, text);
  expect(parsed.problems).toEqual([]);
  return parsed.documents[0]!;
};

describe('YAML documents', () => {
  it('spans key and scalar value of a mapping entry', () => {
    const d = doc('jobs:\n  review:\n    timeout-minutes: 15\n');
    expect(d.locate(['jobs', 'review', 'timeout-minutes'])).toEqual({ line: 3, column: 5, endLine: 3, endColumn: 24 });
    expect(d.locate(['jobs', 'review'])).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 9 });
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    const d = doc('jobs:\n  review:\n    runs-on: x\n');
    expect(d.locate(['jobs', 'review', 'permissions'])).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 9 });
  });

  it('locates sequence items and text inside block scalars', () => {
    const d = doc('steps:\n  - run: |\n      echo hi\n      claude -p "x" --dangerously-skip-permissions\n');
    expect(d.locate(['steps', 0])).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 11 });
    expect(d.locateText(['steps', 0, 'run'], '--dangerously-skip-permissions')).toEqual({
      line: 4,
      column: 21,
      endLine: 4,
      endColumn: 51,
    });
  });

  it('reports a value reached through an alias where its anchor is written', () => {
    const d = doc('base: &b\n  privileged: true\nother:\n  sec: *b\n');
    expect(d.locate(['other', 'sec', 'privileged'])).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 19 });
    expect(d.value).toEqual({ base: { privileged: true }, other: { sec: { privileged: true } } });
  });

  it('resolves merge keys to the merged source', () => {
    const d = doc('x-common: &c\n  read_only: false\nservices:\n  agent:\n    <<: *c\n    image: a\n');
    expect((d.value as { services: { agent: { read_only: unknown } } }).services.agent.read_only).toBe(false);
    expect(d.locate(['services', 'agent', 'read_only'])).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 19 });
  });

  it('keeps line numbers exact with CRLF, lone CR and a BOM', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const d = doc(`\uFEFFa: 1${eol}b:${eol}  c: true${eol}`);
      expect(d.locate(['b', 'c'])).toEqual({ line: 3, column: 3, endLine: 3, endColumn: 10 });
    }
  });

  it('separates documents of a stream and reports syntax errors with positions', () => {
    const parsed = parseDocument('k.yaml', 'kind: A\n---\nkind: B\nspec:\n  x: 1\n');
    expect(parsed.documents.map((d) => d.index)).toEqual([0, 1]);
    expect(parsed.documents[1]!.locate(['spec', 'x'])).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 7 });
    const bad = parseDocument('b.yml', 'a: [1, 2\nb: 3\n');
    expect(bad.documents).toEqual([]);
    expect(bad.problems[0]!.range.line).toBeGreaterThan(0);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const parsed = parseDocument('bomb.yml', bomb.join('\n'));
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems[0]!.message).toMatch(/alias/i);
  });

  it('finds comments outside quoted strings', () => {
    const d = doc('a: "# not a comment" # agent-sandbox: ignore[x] why\n# top\n');
    expect(d.comments.map((c) => [c.text, c.range.line, c.range.column])).toEqual([
      ['agent-sandbox: ignore[x] why', 1, 22],
      ['top', 2, 1],
    ]);
  });
});

describe('JSON and TOML documents', () => {
  it('locates JSONC properties with comments and trailing commas', () => {
    const d = doc('{\n  // c\n  "servers": {\n    "fs": { "command": "npx", },\n  },\n}\n', 'mcp.json');
    expect(d.locate(['servers', 'fs', 'command'])).toEqual({ line: 4, column: 13, endLine: 4, endColumn: 29 });
    expect(d.locate(['servers', 'fs'])).toEqual({ line: 4, column: 5, endLine: 4, endColumn: 9 });
    expect(d.comments[0]!.text).toBe('c');
  });

  it('locates TOML keys, tables, dotted keys and inline tables', () => {
    const text =
      'sandbox_mode = "danger-full-access"\n\n[sandbox_workspace_write]\nnetwork_access = true\n\n[mcp_servers.fs]\ncommand = "npx"\nenv = { TOKEN = "x" }\n';
    const d = doc(text, 'config.toml');
    expect(d.locate(['sandbox_mode'])).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 36 });
    expect(d.locate(['sandbox_workspace_write', 'network_access'])).toEqual({
      line: 4,
      column: 1,
      endLine: 4,
      endColumn: 22,
    });
    expect(d.locate(['mcp_servers', 'fs'])).toEqual({ line: 6, column: 1, endLine: 6, endColumn: 17 });
    expect(d.locate(['mcp_servers', 'fs', 'env', 'TOKEN'])).toEqual({ line: 8, column: 9, endLine: 8, endColumn: 20 });
    expect((d.value as { mcp_servers: { fs: { env: { TOKEN: unknown } } } }).mcp_servers.fs.env.TOKEN).toBe('x');
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const parsed = parseDocument('deep.json', '['.repeat(200_000) + ']'.repeat(200_000));
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems[0]!.message).toMatch(/nesting/);
  });
});
