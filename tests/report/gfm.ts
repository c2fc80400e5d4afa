/**
 * The comment and summary as GitHub shows them: rendered by a real GitHub-flavoured Markdown
 * implementation (`marked`), then read back as HTML to check what a reviewer would see: tables,
 * <details>, links, and whether each table fits GitHub's 1,012 px comment column.
 */
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

export function toHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}

export interface HtmlTable {
  header: string[];
  rows: string[][];
}

/** Cell contents as HTML, per table, in document order. */
export function tables(html: string): HtmlTable[] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => {
    const rows = [...m[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!),
    );
    return { header: rows[0] ?? [], rows: rows.slice(1) };
  });
}

export const visibleText = (html: string): string =>
  html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#\d+;/g, 'x')
    .replace(/&amp;/g, '&');

/** GitHub's comment body: 1,012 px; a cell has 13 px padding each side and a 1 px border. */
export const COLUMN_PX = 1012;
const CELL_CHROME_PX = 27;
/** 14 px text averages under 8 px a character; code spans (monospace 85 %) about 8 px too. */
const CHAR_PX = 8;

/**
 * The narrowest the table can be laid out: each column as wide as its longest unbreakable run of
 * text (a word, a path in a code span). A table wider than the column scrolls sideways on GitHub,
 * hiding its last columns.
 */
export function minimumWidthPx(table: HtmlTable): number {
  const columns = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  let total = 0;
  for (let c = 0; c < columns; c++) {
    const cells = [table.header[c] ?? '', ...table.rows.map((r) => r[c] ?? '')];
    const longest = Math.max(0, ...cells.flatMap((cell) => unbreakable(visibleText(cell)).map((w) => [...w].length)));
    total += longest * CHAR_PX + CELL_CHROME_PX;
  }
  return total;
}

/** Runs a browser will not break: it breaks at spaces and after hyphens (UAX #14). */
export const unbreakable = (text: string): string[] => text.split(/\s+|(?<=-)/).filter(Boolean);

export function links(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Minimal GitHub look for previews: the same column width, table and code styles. */
export const GITHUB_CSS = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 1012px; padding: 16px; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto; border-collapse: collapse; margin: 0 0 16px; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d0d7de; vertical-align: top; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body th { font-weight: 600; }
.markdown-body code { font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(175,184,193,.2); padding: .2em .4em; border-radius: 6px; }
.markdown-body a { color: #0969da; text-decoration: none; }
.markdown-body h3, .markdown-body h4 { margin: 24px 0 16px; }
.markdown-body details { margin: 0 0 16px; }
.markdown-body summary { cursor: pointer; }
.markdown-body sub { color: #59636e; }
`;

export function page(title: string, markdown: string, open = false): string {
  const body = toHtml(markdown);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>${GITHUB_CSS}</style></head><body><div class="markdown-body">${open ? body.replace(/<details>/g, '<details open>') : body}</div></body></html>\n`;
}
