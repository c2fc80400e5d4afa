/**
 * Markdown files (GitHub agentic workflows, `.github/workflows/*.md`) carry YAML only in their front
 * matter; the body is prose and must not reach the YAML parser. Cutting the text after the closing
 * fence keeps every offset and line of the front matter unchanged.
 */
const OPEN = /^---[ \t]*(?:\r\n|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** The front matter block including both fences, or '' when the file has none. */
export function frontmatterOnly(text: string): string {
  const open = OPEN.exec(text);
  if (!open) return '';
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return '';
  return text.slice(0, open[0].length + close.index + close[0].length);
}

export const isMarkdown = (file: string): boolean => /\.(md|markdown)$/i.test(file);
