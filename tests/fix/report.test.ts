/** The fix in each renderer: a `fix:` line under every finding in text, the one-line fix at the end of annotations. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { render } from '../../src/report/index.js';

const root = path.resolve(import.meta.dirname, '../../examples/repo');
const report = scanDirectory({ root, policy: defaultPolicy() }).report;

describe('fixes in the reports', () => {
  it('text: a fix line follows each finding, tagged when `fix` writes it', () => {
    const lines = render('text', report).split('\n');
    const rows = lines.flatMap((line, i) => (/^ {2}\d+:\d+ /.test(line) ? [i] : []));
    expect(rows.length).toBe(report.findings.filter((f) => !f.suppressed).length);
    for (const i of rows) expect(lines[i + 1]).toMatch(/^ +fix: \S/);
    const tagged = lines.filter((l) => /^ +fix: .* {2}\[fix( --unsafe)?\]$/.test(l)).length;
    expect(tagged).toBe(report.findings.filter((f) => !f.suppressed && f.fix!.edits.length > 0).length);
    expect(lines.map((l) => l.trim())).toContain(
      'fix: Remove `--dangerously-skip-permissions`, so the agent asks before running tools outside its allowlist; allow what the task needs with `--allowedTools`.  [fix]',
    );
  });

  it('github: each finding annotation ends with its one-line fix', () => {
    const commands = render('github', report)
      .split('\n')
      .filter((l) => /^::(error|warning|notice) file=/.test(l) && !/title=agent deployment passes/.test(l));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/ Fix: [^\n]+$/);
  });

  it('json: the fix is part of each finding', () => {
    const parsed = JSON.parse(render('json', report)) as typeof report;
    const fix = parsed.findings.find((f) => f.ruleId === 'credentials-persisted')!.fix!;
    expect(fix.safety).toBe('safe');
    expect(fix.edits).toEqual([
      {
        file: '.github/workflows/claude-fix.yml',
        startLine: 14,
        startColumn: 57,
        endLine: 14,
        endColumn: 57,
        replacement: '\n          persist-credentials: false',
      },
    ]);
  });
});
