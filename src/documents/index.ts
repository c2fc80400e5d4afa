/** Picks the parser by file name and turns any parser crash into a positioned problem. */
import { frontmatterOnly, isMarkdown } from './frontmatter.js';
import { mappedDocument, quoteColonValues } from './lenient-frontmatter.js';
import { parseJson } from './json.js';
import { normaliseText } from './positions.js';
import { parseStarlark } from './starlark.js';
import { parseToml } from './toml.js';
import type { DocumentFormat, ParsedFile } from './types.js';
import { parseYaml } from './yaml.js';

export type { DocumentFormat, KeyPath, ParsedFile, Range, SourceDocument } from './types.js';

export function formatOf(file: string): DocumentFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.yml') || lower.endsWith('.yaml') || lower.endsWith('.md')) return 'yaml';
  if (
    lower.endsWith('.json') ||
    lower.endsWith('.jsonc') ||
    lower.endsWith('.json5') ||
    lower.endsWith('.code-workspace')
  )
    return 'json';
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.rules')) return 'starlark';
  return null;
}

/** Parses text already decoded from the file; `format` defaults to the one its name implies. */
export function parseDocument(
  file: string,
  rawText: string,
  format: DocumentFormat | null = formatOf(file),
): ParsedFile {
  const normalised = normaliseText(rawText);
  const kind = format ?? 'yaml';
  // Only the front matter of a Markdown file is YAML.
  const text = kind === 'yaml' && isMarkdown(file) ? frontmatterOnly(normalised) : normalised;
  try {
    if (kind === 'json') return parseJson(file, text);
    if (kind === 'toml') return parseToml(file, text);
    if (kind === 'starlark') return parseStarlark(file, text);
    const parsed = parseYaml(file, text);
    if (parsed.problems.length === 0 || !isMarkdown(file)) return parsed;
    return lenientFrontmatter(file, text) ?? parsed;
  } catch (error) {
    // Parsers recurse; hostile nesting can still overflow the stack. That is an input problem, not a crash.
    if (error instanceof RangeError) {
      return {
        file,
        format: kind,
        documents: [],
        problems: [
          { message: `cannot parse: ${error.message}`, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } },
        ],
      };
    }
    throw error;
  }
}

/** Markdown front matter strict YAML refuses, read as the agents' loaders retry it (values with `: ` quoted). */
function lenientFrontmatter(file: string, text: string): ParsedFile | null {
  const quoted = quoteColonValues(text);
  if (!quoted) return null;
  const retried = parseYaml(file, quoted.text);
  if (retried.problems.length > 0) return null;
  return { ...retried, documents: retried.documents.map((doc) => mappedDocument(doc, quoted.columns)) };
}
