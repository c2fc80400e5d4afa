/* eslint-disable no-control-regex -- these tests look for the ANSI escapes the terminal renderer writes */
/** report/text and report/json: the terminal listing and the machine report. */
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import { renderText } from '../../src/report/text.js';
import { deployment, finding, HOSTILE_FILE, HOSTILE_NAME, report } from './sample.js';

describe('text format', () => {
  it('groups findings by file with aligned positions and severities, then a verdict', () => {
    const r = report({
      deployments: [deployment()],
      findings: [
        finding(),
        finding({
          line: 12,
          column: 11,
          severity: 'warning',
          ruleId: 'egress-restricted',
          message: 'Network is open.',
        }),
        finding({ file: 'z.yml', severity: 'notice', ruleId: 'limits-required', message: 'No limit.' }),
      ],
    });
    const lines = renderText(r).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '.github/workflows/review.yml',
      '  5:3    error    sandbox-required   No sandbox is declared for this agent: the agent runs directly on the runner.',
      '  12:11  warning  egress-restricted  Network is open.',
      '',
      'z.yml',
      '  5:3  notice  limits-required    No limit.',
      '',
    ]);
    expect(lines).toContain('  fail  .github/workflows/review.yml:5:3  review (workflow job, claude-code)');
    expect(lines).toContain(
      '✖ 1 of 1 agent deployment fails the sandbox policy (1 error). 3 problems (1 error, 1 warning, 1 notice) · policy built-in:recommended, fail-on error · 3 files considered, 2 parsed, 0 skipped or not evaluated.',
    );
  });

  it('puts errors first: within a file before warnings on earlier lines, and files with errors before the rest', () => {
    const r = report({
      findings: [
        finding({ file: 'a.yml', line: 1, severity: 'warning', ruleId: 'egress-restricted', message: 'w' }),
        finding({ file: 'a.yml', line: 9, severity: 'error', message: 'e' }),
        finding({ file: 'b.yml', line: 1, severity: 'notice', ruleId: 'limits-required', message: 'n' }),
        finding({ file: 'c.yml', line: 3, severity: 'error', message: 'e2' }),
      ],
    });
    const lines = renderText(r).split('\n');
    expect(lines.filter((l) => /^\S+\.yml$/.test(l))).toEqual(['a.yml', 'c.yml', 'b.yml']);
    expect(lines.slice(1, 3).map((l) => l.trim().split(/\s+/)[1])).toEqual(['error', 'warning']);
  });

  it('wraps to the terminal width with the rule id in a fixed column, words kept whole', () => {
    const message = 'word '.repeat(40).trim();
    const r = report({
      findings: [
        finding({ message }),
        finding({ line: 7, severity: 'warning', ruleId: 'egress-restricted', message: 'short' }),
      ],
    });
    const lines = renderText(r, { terminal: { color: false, width: 80 } }).split('\n');
    const rows = lines.slice(1, lines.indexOf(''));
    const column = rows[0]!.indexOf('sandbox-required');
    expect(rows.at(-1)!.indexOf('egress-restricted')).toBe(column);
    const messageColumn = rows[0]!.indexOf('word');
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
    const continuation = rows.slice(1, -1);
    expect(continuation.length).toBeGreaterThan(2);
    for (const row of continuation) expect(row.slice(0, messageColumn).trim()).toBe('');
    expect(
      rows
        .slice(0, -1)
        .map((l) => l.slice(messageColumn))
        .join(' '),
    ).toBe(message);
    // Without a terminal width (a pipe), nothing wraps; on a narrow one the message goes under the row.
    expect(renderText(r).split('\n')[1]).toContain(message);
    const narrow = renderText(r, { terminal: { color: false, width: 50 } }).split('\n');
    expect(narrow[1]!.trimEnd()).toMatch(/sandbox-required$/);
    for (const row of narrow.slice(1, narrow.indexOf(''))) expect(row.length).toBeLessThanOrEqual(50);
  });

  it('colours only when asked, and never colours untrusted text into an escape', () => {
    const r = report({ findings: [finding({ message: 'evil \u001b[2J' })] });
    const plain = renderText(r, { terminal: { color: false } });
    const colored = renderText(r, { terminal: { color: true } });
    expect(plain).not.toMatch(/\u001b/);
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored).toContain('\\u001b[2J');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('says so when everything passes and lists what was not judged', () => {
    const r = report({
      deployments: [deployment({ result: 'pass' })],
      coverage: {
        filesConsidered: 2,
        filesParsed: 1,
        skipped: [{ file: 'bad.yml', status: 'unparsable', reason: 'bad indent', line: 3, column: 2 }],
      },
    });
    const text = renderText(r);
    expect(text).toContain('✔ 1 agent deployment passes the sandbox policy.');
    expect(text).toContain('    bad.yml:3:2  unparsable: bad indent');
  });

  it('counts suppressed and out-of-scope findings instead of listing them', () => {
    const r = report({
      findings: [
        finding({ suppressed: { kind: 'policy', reason: 'r', source: 'p.yml' } }),
        finding({ file: 'other.yml' }),
        finding({ file: 'in.yml' }),
      ],
    });
    const text = renderText(r, { scope: new Set(['in.yml']) });
    expect(text).not.toContain('other.yml');
    expect(text).toContain('1 suppressed finding not shown.');
    expect(text).toContain('1 finding outside the changed files not shown.');
  });

  it('prints hostile names without escape sequences, line breaks or workflow commands', () => {
    const r = report({
      deployments: [deployment({ name: `${HOSTILE_NAME}\u001b[2J\u202e`, file: `::error::${HOSTILE_FILE}` })],
      findings: [finding({ file: '::warning file=x::y', message: `a\n::error::b` })],
    });
    const text = renderText(r);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
    expect(text).toContain('\\u001b[2J\\u202e');
  });
});

describe('json format', () => {
  it('is the report itself, with secrets masked', () => {
    const token = `ghp_${'Qw3Er5Ty7Ui9Op1As3Df'.repeat(2)}`;
    const r = report({ findings: [finding({ message: `GITHUB_TOKEN is ${token}` })] });
    const out = render('json', r);
    expect(out).not.toContain(token);
    const parsed = JSON.parse(out);
    expect({ ...parsed, findings: [] }).toEqual({ ...r, findings: [] });
    expect(parsed.findings[0].message).toMatch(/^GITHUB_TOKEN is ghp_…\(44 chars\)$/);
  });
});
