/** report/annotations and report/github: ranking, GitHub's per-level caps, the overflow notice, escaping. */
import { describe, expect, it } from 'vitest';
import { planAnnotations } from '../../src/report/annotations.js';
import { renderGithub, workflowCommand } from '../../src/report/github.js';
import { deployment, finding, HOSTILE_FILE, HOSTILE_NAME, many, report } from './sample.js';

const levels = (annotations: { level: string }[]) =>
  annotations.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.level]: (acc[a.level] ?? 0) + 1 }), {});

describe('planAnnotations', () => {
  it('shows everything, worst first, when it fits', () => {
    const r = report({ findings: [...many(2, 'notice'), ...many(3, 'warning'), ...many(2, 'error')] });
    const plan = planAnnotations(r);
    expect(plan.overflow).toBeNull();
    expect(plan.shown.map((a) => a.level)).toEqual([
      'error',
      'error',
      'warning',
      'warning',
      'warning',
      'notice',
      'notice',
    ]);
    // within a level: file, then line
    const errors = plan.shown.filter((a) => a.level === 'error');
    expect(errors.map((a) => `${a.file}:${a.line}`)).toEqual([...errors.map((a) => `${a.file}:${a.line}`)].sort());
  });

  it('spends 10 per level on the worst and counts the rest in one notice', () => {
    const r = report({ findings: [...many(25, 'error'), ...many(15, 'warning'), ...many(12, 'notice')] });
    const plan = planAnnotations(r, {}, { readMore: 'in the job summary' });
    expect(levels(plan.shown)).toEqual({ error: 10, warning: 10, notice: 9 });
    expect(plan.hidden).toEqual({ error: 15, warning: 5, notice: 3, passing: 0 });
    expect(plan.overflow?.level).toBe('notice');
    expect(plan.overflow?.message).toBe(
      "23 more annotations (15 errors, 5 warnings, 3 notices) did not fit GitHub's limit of 10 per level; every finding is listed in the job summary.",
    );
    expect(plan.all).toHaveLength(52);
    // the shown errors are the first in (file, line) order
    const sortedErrors = r.findings
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.file}\u0000${String(f.line).padStart(4, '0')}`)
      .sort();
    expect(
      plan.shown.filter((a) => a.level === 'error').map((a) => `${a.file}\u0000${String(a.line).padStart(4, '0')}`),
    ).toEqual(sortedErrors.slice(0, 10));
  });

  it('shows the same finding of several deployments once', () => {
    const same = (deployment: string) => finding({ file: 'action.yml', line: 9, deployment });
    const plan = planAnnotations(report({ findings: [same('a'), same('b'), same('c'), finding({ file: 'x.yml' })] }));
    expect(plan.shown.map((a) => `${a.file}:${a.line}`)).toEqual(['action.yml:9', 'x.yml:5']);
    expect(plan.hidden).toEqual({ error: 0, warning: 0, notice: 0, passing: 0 });
  });

  it('leaves the slots a caller reserves', () => {
    const plan = planAnnotations(report({ findings: many(12, 'error') }), {}, { reserved: { error: 1, warning: 1 } });
    expect(levels(plan.shown)).toEqual({ error: 9 });
    expect(plan.hidden.error).toBe(3);
  });

  it('skips suppressed findings and findings outside the changed files', () => {
    const r = report({
      findings: [
        finding({ file: 'in.yml' }),
        finding({ file: 'out.yml' }),
        finding({ file: 'in.yml', line: 9, suppressed: { kind: 'inline', reason: 'ok', source: 'in.yml:8' } }),
      ],
    });
    const plan = planAnnotations(r, { scope: new Set(['in.yml']) });
    expect(plan.shown.map((a) => `${a.file}:${a.line}`)).toEqual(['in.yml:5']);
  });

  it('adds a notice per passing deployment only when asked, after the findings', () => {
    const r = report({
      deployments: [deployment({ name: 'safe', result: 'pass' }), deployment({ name: 'bad' })],
      findings: [finding({ severity: 'notice' })],
    });
    expect(planAnnotations(r).shown).toHaveLength(1);
    const plan = planAnnotations(r, {}, { annotatePassing: true });
    expect(plan.shown.map((a) => a.title)).toEqual(['sandbox-required', 'agent deployment passes']);
    expect(plan.shown[1]!.message).toContain('"safe"');
  });

  it('counts passing deployments that did not fit', () => {
    const passing = Array.from({ length: 12 }, (_, i) => deployment({ name: `ok${i}`, result: 'pass' }));
    const plan = planAnnotations(report({ deployments: passing }), {}, { annotatePassing: true });
    expect(plan.shown).toHaveLength(9);
    expect(plan.hidden.passing).toBe(3);
    expect(plan.overflow?.message).toContain('3 passing deployments');
  });
});

describe('github format', () => {
  it('writes one escaped workflow command per annotation', () => {
    const line = workflowCommand({
      level: 'error',
      title: 'sandbox-required',
      file: HOSTILE_FILE,
      line: 3,
      endLine: 4,
      column: 5,
      endColumn: 6,
      message: HOSTILE_NAME,
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe(
      '::error file=.github/workflows/a%2Cb%3Ac%2525 %3A%3Ax (1).yml,line=3,endLine=4,col=5,endColumn=6,title=sandbox-required::<img src=x onerror=alert(1)> | [pwn](https://evil.example) @octocat #1 `x` **b** ::error::forged%0A::warning::second',
    );
  });

  it('renders the capped plan and the overflow notice, never a command from scanned text', () => {
    const findings = [
      ...many(12, 'error', () => HOSTILE_FILE),
      finding({ message: HOSTILE_NAME, severity: 'warning' }),
    ];
    const out = renderGithub(report({ findings }));
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^::notice title=more findings than GitHub shows::2 more annotations \(2 errors\)/);
    expect(lines.every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
    // the hostile message stays inside its command's data
    expect(out).toContain('forged ::warning::second'); // newline folded by oneLine before escaping
  });

  it('prints nothing for a clean report', () => {
    expect(renderGithub(report())).toBe('');
  });
});
