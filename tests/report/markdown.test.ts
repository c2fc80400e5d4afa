/** report/summary and report/comment: content, escaping of hostile input, and GitHub's size limits. */
import { describe, expect, it } from 'vitest';
import { commentMarker, COMMENT_LIMIT, renderComment } from '../../src/report/comment.js';
import { renderSummary } from '../../src/report/summary.js';
import type { RenderContext } from '../../src/report/view.js';
import { deployment, finding, HOSTILE_FILE, HOSTILE_NAME, many, report } from './sample.js';

const context: RenderContext = {
  links: { serverUrl: 'https://github.com', repository: 'o/r', sha: 'headsha1' },
  runUrl: 'https://github.com/o/r/actions/runs/7',
};

/** Markdown that may only contain the HTML we write ourselves, and tables whose rows keep their cell count. */
function expectSafeMarkdown(md: string): void {
  const ownTags = /<\/?(?:code|br|sub|details|summary)>|<!-- agent-sandbox-guard:[^>]* -->/g;
  expect(md.replace(ownTags, '')).not.toMatch(/</);
  expect(md).not.toMatch(/@octocat|#1\b|\]\(https:\/\/evil/);
  let columns = 0;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      columns = 0;
      continue;
    }
    const cells = line.split('|').length;
    if (columns === 0) columns = cells;
    expect(cells, line).toBe(columns);
  }
}

const hostileDeployment = deployment({ name: HOSTILE_NAME, file: HOSTILE_FILE });
const safeDeployment = deployment({ name: 'safe', result: 'pass', file: 'b.yml' });
const hostile = report({
  deployments: [hostileDeployment, safeDeployment],
  findings: [
    finding({
      file: HOSTILE_FILE,
      message: `Job \`${HOSTILE_NAME}\` has no sandbox`,
      deployment: hostileDeployment.id,
    }),
    finding({ file: HOSTILE_FILE, line: 9, severity: 'warning', message: 'weak', deployment: hostileDeployment.id }),
    finding({ file: 'b.yml', severity: 'warning', message: 'warn', deployment: safeDeployment.id }),
  ],
});

describe('job summary', () => {
  it('states the verdict, lists every deployment with its facts and every finding', () => {
    const md = renderSummary(hostile, context);
    expect(md).toMatch(/^## ❌ agent-sandbox-guard: 1 of 2 agent deployments fails the sandbox policy/);
    expect(md).toContain('### Agent deployments (2)');
    expect(md).toContain('### Findings by rule');
    expect(md).toContain(
      '| **safe** · workflow job · claude-code<br>[<code>b.yml:5</code>](https://github.com/o/r/blob/headsha1/b.yml#L5) | ✅ pass | isolation **none** · network **open** · filesystem **full** · approval **bypassed** · credentials **write** · limits **unbounded** | 1 warning |',
    );
    expect(md).toContain('<details><summary>✅ safe — workflow job in b.yml:5 · 1 warning</summary>');
    // Findings are grouped under their deployment, and its facts follow them.
    const review = md.slice(md.indexOf('<details><summary>❌'));
    expect(review.slice(0, review.indexOf('</details>'))).toMatch(
      /\| ❌ error \|[\s\S]*\| ⚠️ warning \|[\s\S]*\| Fact \|/,
    );
    expect(md).toContain(
      'https://github.com/o/r/blob/headsha1/.github/workflows/a%2Cb%3Ac%2525%20%3A%3Ax%20%281%29.yml#L5',
    );
  });

  it('renders a hostile job name and file name as text', () => {
    expectSafeMarkdown(renderSummary(hostile, context));
  });

  it('marks findings and deployments outside the changed files', () => {
    const r = report({ deployments: [deployment({ inScope: false, result: 'pass' })], findings: [finding()] });
    const md = renderSummary(r, { ...context, scope: new Set(['other.yml']) });
    expect(md).toContain('| ⚪ outside the change |');
    expect(md).toContain('❌ error (outside the change)');
  });

  it('lists suppressed findings with their reason', () => {
    const r = report({
      findings: [
        finding({ suppressed: { kind: 'inline', reason: 'runs in a VM', source: 'a.yml:4', expires: '2027-01-01' } }),
      ],
    });
    expect(renderSummary(r)).toMatch(
      /### Suppressed findings \(1\)[\s\S]*<br>\*\*Suppressed:\*\* runs in a VM \(inline, <code>a\.yml:4<\/code>, expires 2027-01-01\) \|/,
    );
  });

  it('stays under the byte limit by cutting rows, and says how many and where to find them', () => {
    const big = report({
      deployments: Array.from({ length: 300 }, (_, i) => deployment({ name: `job${i}` })),
      findings: many(3000, 'error'),
    });
    const limit = 200_000;
    const md = renderSummary(big, context, { limitBytes: limit, fullReport: 'the `report-file` output' });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(limit);
    expect(md).toMatch(
      /\*300 deployment details not shown: the summary is limited to 1 MiB\. All are in the `report-file` output\.\*/,
    );
    const cut = /\*(\d+) findings not shown/.exec(md);
    expect(cut).not.toBeNull();
    const shownRows = md.split('\n').filter((l) => l.startsWith('| ❌ error |')).length;
    expect(shownRows + Number(cut![1])).toBe(3000);
    expect(md).toContain('### Agent deployments (300)');
    expectSafeMarkdown(md);
  });

  it('fits the default 1 MiB limit for a very large report', () => {
    const huge = report({
      deployments: Array.from({ length: 2000 }, (_, i) => deployment({ name: `job${i}` })),
      findings: many(20000, 'error'),
    });
    expect(Buffer.byteLength(renderSummary(huge, context))).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('sticky comment', () => {
  it('starts with the hidden marker and shows verdict, failing findings linked at the head sha, and the inventory', () => {
    const md = renderComment(hostile, context);
    expect(md.split('\n')[0]).toBe(commentMarker());
    expect(md).toContain('### ❌ agent-sandbox-guard: 1 of 2 agent deployments fails the sandbox policy');
    expect(md).toContain('#### Failing deployments (1)');
    expect(md).toContain('All 1 failing finding');
    expect(md).toContain(
      '(https://github.com/o/r/blob/headsha1/.github/workflows/a%2Cb%3Ac%2525%20%3A%3Ax%20%281%29.yml#L5)',
    );
    expect(md).toContain('Also 2 warnings below `fail-on`');
    expect(md).toContain('#### By rule');
    expectSafeMarkdown(md);
  });

  it('keeps a marker key to separate several comments and strips what could close the HTML comment', () => {
    expect(commentMarker('matrix/linux')).toBe('<!-- agent-sandbox-guard:sticky-comment:matrix/linux -->');
    expect(commentMarker('a --> b')).toBe('<!-- agent-sandbox-guard:sticky-comment:a-----b -->');
  });

  it('says the policy passes without a findings table', () => {
    const md = renderComment(report({ deployments: [deployment({ result: 'pass' })] }), context);
    expect(md).toContain('### ✅ agent-sandbox-guard: 1 agent deployment passes the sandbox policy.');
    expect(md).not.toContain('Failing');
    expect(md).toContain('<details><summary>1 agent deployment and their sandboxes</summary>');
  });

  it('caps rows whatever the size of the report, far under 65,536 characters', () => {
    const big = report({
      deployments: Array.from({ length: 3000 }, (_, i) => deployment({ name: `job${i}`, id: `d${i}` })),
      findings: many(20000, 'error').map((f, i) => ({ ...f, deployment: `d${i % 3000}` })),
    });
    const md = renderComment(big, context);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT / 2);
    expect(md).toContain(
      '*… and 2985 failing deployments more in the [job summary](https://github.com/o/r/actions/runs/7).*',
    );
    expect(md).toContain('*… and 19985 findings more in the [job summary](https://github.com/o/r/actions/runs/7).*');
  });

  it('under a tighter limit cuts the collapsed findings first, then deployment rows, and says so', () => {
    const big = report({
      deployments: Array.from({ length: 50 }, (_, i) => deployment({ name: `job${i}`, id: `d${i}` })),
      findings: many(200, 'error').map((f, i) => ({ ...f, deployment: `d${i % 50}` })),
    });
    const findingsCut = renderComment(big, context, { limit: 9000 });
    expect(findingsCut.length).toBeLessThanOrEqual(9000);
    expect(findingsCut).toMatch(
      /\*\d+ failing findings not shown: a comment holds at most 65,536 characters\. All are in the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\)\.\*/,
    );
    const both = renderComment(big, context, { limit: 3500 });
    expect(both.length).toBeLessThanOrEqual(3500);
    expect(both).toMatch(/\*200 failing findings not shown/);
    expect(both).toMatch(/\*\d+ failing deployments not shown/);
    expect(COMMENT_LIMIT).toBeLessThan(65_536);
  });
});
