/** documents: front matter strict YAML refuses but agents' loaders read (an unquoted one-line value holding `: `). */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/documents/index.js';

// The shape Claude Code's `/agents` generator writes: examples inline in an unquoted description.
const GENERATED = [
  '---',
  'name: backend-developer',
  'description: Use this agent for server work. Examples: <example>Context: User needs an "API" endpoint. assistant: I\'ll use it.</example>',
  'tools: Glob, Grep, Read, Bash, Edit',
  'permissionMode: bypassPermissions # trailing comment',
  '---',
  '',
  'You are a backend developer.',
  '',
].join('\n');

describe('lenient Markdown front matter', () => {
  it('reads the values and keeps every position where the file has it', () => {
    const parsed = parseDocument('.claude/agents/backend-developer.md', GENERATED);
    expect(parsed.problems).toEqual([]);
    const doc = parsed.documents[0]!;
    expect(doc.value).toMatchObject({
      name: 'backend-developer',
      description: expect.stringContaining('Examples: <example>Context: User needs an "API" endpoint.'),
      tools: 'Glob, Grep, Read, Bash, Edit',
      permissionMode: 'bypassPermissions',
    });
    const line3 = GENERATED.split('\n')[2]!;
    expect(doc.locate(['description'])).toEqual({ line: 3, column: 1, endLine: 3, endColumn: line3.length + 1 });
    expect(doc.locateText(['description'], 'Context:')).toEqual({
      line: 3,
      column: line3.indexOf('Context:') + 1,
      endLine: 3,
      endColumn: line3.indexOf('Context:') + 9,
    });
    expect(doc.locate(['permissionMode'])).toEqual({ line: 5, column: 1, endLine: 5, endColumn: 34 });
    expect(doc.comments.map((c) => [c.text, c.range.line, c.range.column])).toEqual([['trailing comment', 5, 35]]);
  });

  it('leaves YAML files, valid front matter and other failures alone', () => {
    expect(parseDocument('a.yml', 'description: a: b\n').problems).not.toEqual([]);
    // A continuation line that is not indented stays unreadable, as it does for the agent.
    expect(parseDocument('x.md', '---\ndescription: a: b\nContext: x\n  y: z\n---\n').problems).not.toEqual([]);
    const valid = parseDocument('x.md', "---\ndescription: 'a: b'\n---\n");
    expect(valid.documents[0]!.locate(['description'])).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 20 });
  });
});
