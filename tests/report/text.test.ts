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
      '  5:3    error    No sandbox is declared for this agent: the agent runs directly on the runner.  sandbox-required',
      '  12:11  warning  Network is open.  egress-restricted',
      '',
      'z.yml',
      '  5:3  notice  No limit.  limits-required',
      '',
    ]);
    expect(lines).toContain('  fail  .github/workflows/review.yml:5:3  review (workflow job, claude-code)');
    expect(lines).toContain(
      '✖ 3 problems (1 error, 1 warning, 1 notice). 1 of 1 agent deployment fails the sandbox policy (1 error).',
    );
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
