/** The Starlark call reader behind Codex `.rules` files: values, exact positions, and refusals. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/documents/index.js';

const RULES = `# Allow read-only git.
prefix_rule(
    pattern = ["git", ["status", "diff"]],
    decision = "allow",  # inline comment
    justification = "Read-only " "inspection",
    match = ["git status --short"],
)

GH = ["gh", "pr"]
prefix_rule(pattern = GH, decision = 'prompt')
host_executable(name = "git", paths = ("/usr/bin/git",))
`;

describe('Starlark rules files', () => {
  const parsed = parseDocument('.codex/rules/default.rules', RULES);
  const doc = parsed.documents[0]!;

  it('reads calls, keyword arguments, nested lists, tuples, adjacent strings and bound names', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.format).toBe('starlark');
    expect(doc.value).toEqual({
      prefix_rule: [
        {
          pattern: ['git', ['status', 'diff']],
          decision: 'allow',
          justification: 'Read-only inspection',
          match: ['git status --short'],
        },
        { pattern: ['gh', 'pr'], decision: 'prompt' },
      ],
      host_executable: [{ name: 'git', paths: ['/usr/bin/git'] }],
    });
  });

  it('locates a call, a keyword argument, a list item and an alternative', () => {
    expect(doc.locate(['prefix_rule', 0])).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 13 });
    expect(doc.locate(['prefix_rule', 0, 'decision'])).toEqual({ line: 4, column: 5, endLine: 4, endColumn: 23 });
    expect(doc.locate(['prefix_rule', 0, 'pattern', 0])).toEqual({ line: 3, column: 16, endLine: 3, endColumn: 21 });
    expect(doc.locate(['prefix_rule', 0, 'pattern', 1, 1])).toEqual({
      line: 3,
      column: 34,
      endLine: 3,
      endColumn: 40,
    });
    // A bound name is located where it is used.
    expect(doc.locate(['prefix_rule', 1, 'pattern'])).toEqual({ line: 10, column: 13, endLine: 10, endColumn: 25 });
    // A missing path falls back to the nearest node that exists.
    expect(doc.locate(['prefix_rule', 1, 'justification'])).toEqual(doc.locate(['prefix_rule', 1]));
    expect(doc.locateText(['prefix_rule', 0, 'justification'], 'inspection').column).toBe(35);
  });

  it('keeps comments for inline suppressions', () => {
    expect(doc.comments.map((c) => [c.text, c.range.line, c.range.column])).toEqual([
      ['Allow read-only git.', 1, 1],
      ['inline comment', 4, 26],
    ]);
  });

  it.each([
    ['def allow(cmd):\n    prefix_rule(pattern = [cmd])\n', 1, '`def` is not read'],
    ['load("//rules.star", "x")\n', 1, '`load` brings in another file'],
    ['prefix_rule(pattern = ["git"] + ["push"])\n', 1, '`+` is not read'],
    ['prefix_rule(pattern = [CMD])\n', 1, 'not a name bound to a literal'],
    ['prefix_rule(pattern = ["git"], decision = "allow", decision = "prompt")\n', 1, 'given twice'],
    ['prefix_rule(\n  pattern = ["git],\n)\n', 2, 'not closed'],
    ['prefix_rule(pattern = ["git"]\n', 2, 'found `the end`'],
    ['prefix_rule(pattern = ["git"]).format()\n', 1, '`.` is not read'],
  ])('refuses %j at line %i rather than judging part of it', (text, line, message) => {
    const result = parseDocument('.codex/rules/x.rules', text);
    expect(result.documents).toEqual([]);
    expect(result.problems[0]?.range.line).toBe(line);
    expect(result.problems[0]?.message).toContain(message);
  });

  it('reads an empty file as no calls', () => {
    const result = parseDocument('.codex/rules/empty.rules', '# nothing yet\n');
    expect(result.documents[0]?.value).toEqual({});
  });
});
