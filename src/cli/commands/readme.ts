/**
 * The README's generated blocks: the command reference (from the CLI's own definitions) and the
 * output of `npm start` (a scan of examples/repo), each between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`, rewritten by `docs` and checked by `docs --check`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { scanDirectory } from '../../engine/index.js';
import { loadPolicy } from '../../policy/load.js';
import { render, renderComment } from '../../report/index.js';
import { cliReferenceMarkdown } from '../definitions.js';

export const EXAMPLE_REPO = 'examples/repo';

function exampleReport(root: string) {
  const repo = path.join(root, EXAMPLE_REPO);
  return scanDirectory({ root: repo, policy: loadPolicy({ root: repo }) }).report;
}

/** What `npm start` prints: the text report of the example repository, without a terminal. */
export function exampleOutput(root: string): string {
  return render('text', exampleReport(root), {});
}

/** The sticky comment for the example repository, quoted (links need a run, so there are none). */
export function exampleComment(root: string): string {
  const lines = renderComment(exampleReport(root)).trimEnd().split('\n').slice(1);
  return `${lines.map((l) => (l ? `> ${l}` : '>')).join('\n')}\n`;
}

export function readmeBlocks(root: string): Record<string, string> {
  const blocks: Record<string, string> = { 'cli-reference': cliReferenceMarkdown() };
  if (existsSync(path.join(root, EXAMPLE_REPO))) {
    blocks['example-output'] = `\`\`\`text\n$ npm start\n${exampleOutput(root)}\`\`\`\n`;
    blocks['example-comment'] = exampleComment(root);
  }
  return blocks;
}

/** Replaces the body of every marked block; text outside the markers is kept byte for byte. */
export function spliceReadme(readme: string, blocks: Readonly<Record<string, string>>): string {
  let out = readme;
  for (const [name, body] of Object.entries(blocks)) {
    const open = `<!-- generated:${name} -->\n`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close, start + open.length);
    if (start < 0 || end < 0) continue;
    out = `${out.slice(0, start + open.length)}${body}${out.slice(end)}`;
  }
  return out;
}
