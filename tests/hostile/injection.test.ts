/**
 * Names and values from scanned files in every sink: nothing may start a workflow command, render as
 * HTML or Markdown structure, ping a user, break a table, or show a secret. The scan runs on disk
 * (real file names) with a stand-in adapter that turns keys into deployment names and quotes values.
 */
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/engine/index.js';
import type { ScanReport } from '../../src/model/report.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import {
  FORMATS,
  planAnnotations,
  render,
  renderComment,
  renderSummary,
  workflowCommand,
} from '../../src/report/index.js';
import { parseCommands } from '../action/harness.js';
import { agentsAdapter, quoteRule, tempRepo } from './helpers.js';

const SECRETS = [
  'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnlyAbCdEfGh',
  'sk-ant-api03-' + 'Qw3rTy7UiOp9AsDfGhJkLzXcVbNm1234567890aBcD',
  'AKIA' + 'Z7QW3XK9PL2MN4RT',
  'xoxb-' + '1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
];

/** Hostile names: each becomes a deployment name, quoted in messages, annotations, tables and titles. */
const NAMES = [
  '::stop-commands::pwned',
  'x\n::set-env name=NODE_OPTIONS::--require=/tmp/evil.js',
  '::add-mask::everything',
  'a%0A::error::forged%0D%25',
  '<img src=x onerror=alert(1)><script>alert(2)</script>',
  '@octocat and @github/security-team',
  '| a | b |\n|---|---|\n| c | d |',
  '```\n`inline` ``double``',
  '[click](https://evil.example) ![img](https://evil.example/x.png)',
  '<!-- agent-sandbox-guard:sticky-comment -->',
  '\u001b[31mred\u001b[0m\u0007 \u202eevil\u202c',
  `token ${SECRETS[0]}`,
  '#123 GH-1 https://evil.example www.evil.example',
  '$\\frac{1}{2}$ ~~strike~~ **bold** _em_',
];

const FILES = ['.github/a,b:c%25 ::x.yml', 'odd\n::error::name.yml', '<b>@team</b>|`x`.yml', '#frag?q=1 %41.yml'];

function hostileReport(): { root: string; report: ScanReport } {
  const agents = NAMES.map(
    (name, i) =>
      `  ${JSON.stringify(name)}:\n    mode: ${JSON.stringify(`${SECRETS[i % SECRETS.length]} ${NAMES[(i + 3) % NAMES.length]}`)}\n`,
  ).join('');
  const files: Record<string, string> = {};
  FILES.forEach(
    (file, i) =>
      (files[file] =
        `agents:\n${i === 0 ? agents : `  ${JSON.stringify(NAMES[i]!)}:\n    mode: ${JSON.stringify(SECRETS[i]!)}\n`}`),
  );
  const root = tempRepo(files);
  return {
    root,
    report: scanDirectory({ root, policy: defaultPolicy(), adapters: [agentsAdapter], rules: [quoteRule] }).report,
  };
}

const context = {
  links: { serverUrl: 'https://github.com', repository: 'octo/repo', sha: 'abc123' },
  runUrl: 'https://github.com/octo/repo/actions/runs/1',
};

function everyOutput(report: ScanReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const format of FORMATS) out[format] = render(format, report, context);
  out['summary'] = renderSummary(report, context);
  out['comment'] = renderComment(report, context);
  out['annotations'] = JSON.stringify(planAnnotations(report, context, { annotatePassing: true }).all);
  return out;
}

describe('hostile names and values in every sink', () => {
  const { report } = hostileReport();
  const outputs = everyOutput(report);

  it('the scan saw every hostile name and file (the test would prove nothing otherwise)', () => {
    expect(report.deployments).toHaveLength(NAMES.length + FILES.length - 1);
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set(FILES));
  });

  it('shows the hostile text, escaped, so the checks below are not vacuous', () => {
    for (const name of ['summary', 'comment'] as const) {
      expect(outputs[name]).toContain('&lt;img src=x onerror=alert&#40;1&#41;&gt;');
      expect(outputs[name]).toContain('@\u200boctocat');
    }
    expect(outputs['text']).toContain('stop-commands');
    expect(outputs['github']).toMatch(/^::error .*Agent `::stop-commands::pwned`/m); // mid-line: inert
    // The masked token itself, in a result (not a rule's documentation that happens to show one).
    expect(outputs['sarif']).toContain(`mode: ghp_…(${SECRETS[0]!.length} chars)`);
  });

  it('never shows a secret, in any format', () => {
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of SECRETS) expect(text, `${name} shows ${secret.slice(0, 8)}…`).not.toContain(secret.slice(6));
    }
  });

  it('github format: one command per line, only annotations, nothing forged, properties round-trip', () => {
    const lines = outputs['github']!.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice)( [^:]*)?::/.test(l))).toBe(true);
    const commands = parseCommands(outputs['github']!);
    expect(commands).toHaveLength(lines.length);
    expect(commands.every((c) => ['error', 'warning', 'notice'].includes(c.name))).toBe(true);
    for (const c of commands) {
      expect(
        Object.keys(c.properties).every((k) => ['file', 'line', 'endLine', 'col', 'endColumn', 'title'].includes(k)),
      ).toBe(true);
      if (c.properties['file']) expect(FILES).toContain(c.properties['file']);
    }
  });

  it('text and log output: no line can start a workflow command, no terminal escapes or bidi overrides', () => {
    for (const name of ['text', 'summary', 'comment'] as const) {
      for (const line of outputs[name]!.split(/\r?\n|\r/))
        expect(line.trimStart().startsWith('::'), `${name}: ${line}`).toBe(false);
      // eslint-disable-next-line no-control-regex -- the test looks for control characters
      expect(outputs[name]).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('Markdown (job summary, PR comment): no HTML, links, images, mentions, or forged markers; tables keep their columns', () => {
    for (const name of ['summary', 'comment'] as const) {
      const md = outputs[name]!;
      expect(md).not.toMatch(/<(img|script|b)\b/i);
      expect(md).not.toMatch(/\]\(https:\/\/evil/);
      expect(md).not.toMatch(/(^|[^\w\u200b])@(octocat|github)/);
      expect(md).not.toMatch(/(^|\s)#123\b/);
      expect(md).not.toMatch(/https:\/\/evil\.example/);
      expect(md.split('<!-- agent-sandbox-guard:sticky-comment -->').length).toBeLessThanOrEqual(2);
      // Every row of a table has as many cells as its header.
      const lines = md.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!/^\|.*\|$/.test(lines[i]!) || !/^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1] ?? '')) continue;
        const cells = (row: string): number => row.split('|').length;
        const width = cells(lines[i]!);
        for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++)
          expect(cells(lines[j]!), `${name} row ${j}: ${lines[j]}`).toBe(width);
      }
    }
  });

  it('JSON and SARIF stay valid, keep file names exact, and encode SARIF URIs', () => {
    const json = JSON.parse(outputs['json']!) as ScanReport;
    expect(new Set(json.findings.map((f) => f.file))).toEqual(new Set(FILES));
    const sarif = JSON.parse(outputs['sarif']!) as Log;
    const uris = sarif.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri!);
    for (const uri of uris) {
      expect(uri).not.toMatch(/[\s#?]|%(?![0-9A-F]{2})/);
      expect(FILES).toContain(decodeURIComponent(uri));
    }
  });

  it('a workflow command built from any single hostile string is one line that forges nothing', () => {
    for (const text of [...NAMES, ...FILES]) {
      const line = workflowCommand({ level: 'error', message: text, title: text, file: text, line: 1 });
      expect(line).not.toMatch(/[\r\n]/);
      const [command] = parseCommands(line);
      expect(command).toMatchObject({ name: 'error', message: text, properties: { title: text, file: text } });
    }
  });
});
