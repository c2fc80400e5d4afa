/**
 * `npm run preview`: writes the sticky comment and the job summary, for the bundled example
 * repository and for one with 30 failing agent deployments, as HTML rendered the way GitHub renders
 * Markdown (docs/preview/*.html), and as PNG screenshots where Debian's headless Chromium is
 * installed (`apt-get install chromium`). Look at them after changing a renderer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareScan, scanDirectory } from '../src/engine/index.js';
import { loadPolicy } from '../src/policy/load.js';
import { renderComment, renderSummary, type RenderContext } from '../src/report/index.js';
import { page } from '../tests/report/gfm.js';
import { manyAgentsReport } from '../tests/report/many-agents.js';

const ROOT = process.cwd();
const OUT = path.join(ROOT, 'docs', 'preview');
const CONTEXT: RenderContext = {
  links: { serverUrl: 'https://github.com', repository: 'example-org/example-repo', sha: '0'.repeat(40) },
  runUrl: 'https://github.com/example-org/example-repo/actions/runs/1',
};
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const example = path.join(ROOT, 'examples', 'repo');
await prepareScan();
const reports = {
  example: scanDirectory({ root: example, policy: loadPolicy({ root: example }), today: '2026-12-01' }).report,
  'thirty-deployments': manyAgentsReport(),
};

mkdirSync(OUT, { recursive: true });
for (const [name, report] of Object.entries(reports)) {
  for (const [kind, markdown] of [
    ['comment', renderComment(report, CONTEXT)],
    ['summary', renderSummary(report, CONTEXT)],
  ] as const) {
    const base = path.join(OUT, `${name}-${kind}`);
    writeFileSync(`${base}.md`, markdown);
    writeFileSync(`${base}.html`, page(`${name} ${kind}`, markdown, kind === 'summary' && name === 'example'));
    if (CHROMIUM) screenshot(`${base}.html`, `${base}.png`, heightOf(markdown));
    console.log(`${path.relative(ROOT, base)}.{md,html${CHROMIUM ? ',png' : ''}}  ${markdown.length} characters`);
  }
}
if (!CHROMIUM) console.log('no chromium found: HTML only (apt-get install chromium for PNGs)');

/** Chromium cannot size a screenshot to its page: estimate the height from rows and blocks. */
function heightOf(markdown: string): number {
  const rows = markdown.split('\n').filter((l) => l.startsWith('|')).length;
  const blocks = markdown.split('\n\n').length;
  return Math.min(16_000, 200 + rows * 64 + blocks * 28);
}

function screenshot(html: string, png: string, height: number): void {
  execFileSync(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--hide-scrollbars',
      `--screenshot=${png}`,
      `--window-size=1012,${height}`,
      `file://${html}`,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
}
