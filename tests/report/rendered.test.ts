/**
 * report/comment and report/summary as GitHub shows them: rendered through a real GitHub-flavoured
 * Markdown implementation and checked as HTML. The comment for a repository with 30 failing agent
 * deployments stays short (rows and characters), has one row per failing deployment, and every
 * table fits GitHub's 1,012 px column; <details> and links are well formed in both.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import type { ScanReport } from '../../src/model/report.js';
import { loadPolicy } from '../../src/policy/load.js';
import { MAX_DEPLOYMENT_ROWS, renderComment } from '../../src/report/comment.js';
import { renderSummary } from '../../src/report/summary.js';
import type { RenderContext } from '../../src/report/view.js';
import { COLUMN_PX, links, minimumWidthPx, tables, toHtml, visibleText } from './gfm.js';
import { manyAgentsReport } from './many-agents.js';

const context: RenderContext = {
  links: { serverUrl: 'https://github.com', repository: 'example-org/example-repository', sha: 'f'.repeat(40) },
  runUrl: 'https://github.com/example-org/example-repository/actions/runs/123456789',
};

const many = manyAgentsReport();
const example = (() => {
  const root = path.resolve(import.meta.dirname, '../../examples/repo');
  return scanDirectory({ root, policy: loadPolicy({ root }) }).report;
})();

function expectWellFormed(html: string): void {
  const opens = html.match(/<details>/g)?.length ?? 0;
  expect(html.match(/<\/details>/g)?.length ?? 0).toBe(opens);
  expect([...html.matchAll(/<details>\s*<summary>/g)]).toHaveLength(opens);
  // Nothing left as Markdown source: a link or table GitHub would show as text.
  const text = visibleText(html.replace(/<pre>[\s\S]*?<\/pre>/g, ''));
  expect(text).not.toMatch(/\]\(|\]\[|^\s*\|.*\|\s*$/m);
  for (const href of links(html)) {
    expect(() => new URL(href), href).not.toThrow();
    expect(new URL(href).protocol).toBe('https:');
  }
}

function expectTablesFit(html: string, maxColumns: number): void {
  expect(tables(html).length).toBeGreaterThan(0);
  for (const table of tables(html)) {
    expect(table.header.length, visibleText(table.header.join(' | '))).toBeLessThanOrEqual(maxColumns);
    expect(minimumWidthPx(table), visibleText(table.header.join(' | '))).toBeLessThanOrEqual(COLUMN_PX);
    for (const row of table.rows) for (const cell of row) expect(visibleText(cell).length).toBeLessThanOrEqual(400);
  }
}

const failingDeployments = (report: ScanReport) => report.deployments.filter((d) => d.result === 'fail');

describe('the sticky comment, rendered', () => {
  it('is built on a repository with 30 failing deployments (the test would prove nothing otherwise)', () => {
    expect(failingDeployments(many)).toHaveLength(30);
    expect(many.findings.length).toBeGreaterThan(150);
  });

  it('stays under 120 rendered rows and 20,000 characters for 30 failing deployments', () => {
    const md = renderComment(many, context);
    const html = toHtml(md);
    expect(md.length).toBeLessThan(20_000);
    expect(html.match(/<tr>/g)!.length).toBeLessThan(120);
  });

  it('has one row per failing deployment, each once, with its weak facts and first fix, capped with a pointer', () => {
    const html = toHtml(renderComment(many, context));
    const table = tables(html).find((t) => visibleText(t.header[0]!) === 'Deployment')!;
    expect(table.header.map(visibleText)).toEqual(['Deployment', 'Weak facts', 'Failing', 'First fix']);
    expect(table.rows).toHaveLength(MAX_DEPLOYMENT_ROWS);
    const names = table.rows.map((r) => visibleText(r[0]!).split(' · ')[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const row of table.rows) {
      expect(visibleText(row[1]!)).toMatch(/isolation none/);
      expect(row[3]).toMatch(
        /^<a href="https:\/\/github\.com\/agent-sandbox-guard\/[^"]+\/docs\/rules\/[a-z-]+\.md"><code>/,
      );
    }
    expect(visibleText(html)).toContain(
      `… and ${30 - MAX_DEPLOYMENT_ROWS} failing deployments more in the job summary.`,
    );
  });

  it('counts findings by rule, and keeps the findings themselves collapsed', () => {
    const html = toHtml(renderComment(many, context));
    const byRule = tables(html)[0]!;
    expect(byRule.header.map(visibleText)).toEqual(['Rule', 'Worst', 'Findings', 'Deployments']);
    const gating = many.findings.filter((f) => !f.suppressed && f.severity === 'error');
    expect(byRule.rows.reduce((n, r) => n + Number(visibleText(r[2]!)), 0)).toBe(gating.length);
    expect(html).toMatch(
      new RegExp(`<details><summary>All ${gating.length} failing findings</summary>[\\s\\S]*<table>`),
    );
  });

  for (const [name, report] of [
    ['30 failing deployments', many],
    ['the example repository', example],
  ] as const) {
    it(`fits 1,012 px in every table, with well-formed details and links: ${name}`, () => {
      const html = toHtml(renderComment(report, context));
      expectTablesFit(html, 4);
      expectWellFormed(html);
    });
  }

  it('a passing run keeps its inventory collapsed, in two columns', () => {
    const pass = { ...example, result: 'pass' as const, findings: [], rules: [] };
    const html = toHtml(renderComment(pass, context));
    expect(html).toMatch(/<details><summary>9 agent deployments and their sandboxes<\/summary>/);
    expectTablesFit(html, 2);
    expectWellFormed(html);
  });
});

describe('the job summary, rendered', () => {
  for (const [name, report] of [
    ['30 failing deployments', many],
    ['the example repository', example],
  ] as const) {
    it(`groups findings by deployment, fits 1,012 px, with well-formed details and links: ${name}`, () => {
      const html = toHtml(renderSummary(report, context));
      expectTablesFit(html, 4);
      expectWellFormed(html);
      const blocks = [...html.matchAll(/<details><summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/g)];
      expect(blocks).toHaveLength(report.deployments.length);
      for (const d of report.deployments) {
        const own = report.findings.filter((f) => f.deployment === d.id && !f.suppressed);
        const block = blocks.find(
          (b) => visibleText(b[1]!).includes(`${d.file}:${d.line}`) && visibleText(b[1]!).includes(d.name),
        );
        expect(block, d.id).toBeDefined();
        const rows = own.length ? tables(block![2]!)[0]!.rows : [];
        expect(rows).toHaveLength(own.length);
      }
    });
  }
});
