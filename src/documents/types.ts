/** One interface over YAML, JSON/JSONC and TOML: a plain value plus a map from key paths to source ranges. */

export type KeyPath = readonly (string | number)[];

/** 1-based line and column; `endColumn` is exclusive, like SARIF regions and GitHub annotations. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type DocumentFormat = 'yaml' | 'json' | 'toml' | 'starlark';

export interface Comment {
  /** The comment text without its marker (`#`, `//`, `/* *\/`), trimmed. */
  text: string;
  range: Range;
}

export interface SourceDocument {
  /** Repo-relative path with forward slashes. */
  readonly file: string;
  readonly format: DocumentFormat;
  /** Position of this document inside a multi-document YAML stream (0 otherwise). */
  readonly index: number;
  /** The document as plain data: aliases and merge keys resolved, no positions. */
  readonly value: unknown;
  /**
   * Range of the node at `path`. For a mapping entry it spans the key and, when the value is a
   * scalar, the value too; for a sequence item it spans the item's first line. When the path does
   * not exist the nearest existing ancestor is returned. A value reached through a YAML alias is
   * located where its anchor's value is written.
   */
  locate(path: KeyPath): Range;
  /**
   * Range of the first match of `needle` inside the source text of the scalar at `path` (for example a
   * flag inside a `run:` block), or `locate(path)` when it cannot be found.
   */
  locateText(path: KeyPath, needle: string | RegExp): Range;
  /** Comments in the document, for inline suppressions. */
  readonly comments: readonly Comment[];
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface ParsedFile {
  file: string;
  format: DocumentFormat;
  documents: SourceDocument[];
  /** Syntax errors: a file with any is reported as unparsable in coverage. */
  problems: ParseProblem[];
}
