/**
 * The smallest contracts of the model, in a module that imports nothing above the documents: where
 * something is said, an agent's id and a severity. `model.ts` re-exports them; the typed deployment
 * details (src/model/details/) import them from here so the model barrel can import the details back.
 */
import type { KeyPath, Range } from '../documents/types.js';

export const SEVERITIES = ['error', 'warning', 'notice'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * An agent's id. The known ids are the catalogue's (src/agents/, which sits above the model and
 * narrows this type for its own callers); any other string is an agent the catalogue does not know.
 */
export type AgentId = string;

/** Where in the repository something is said: a document and a key path inside it. */
export interface SourceRef {
  file: string;
  /** Index of the document in a multi-document YAML file. */
  doc?: number;
  path: KeyPath;
  /** Point at this text inside the scalar at `path` (a flag inside a `run:` block). */
  text?: string | RegExp;
  /** An exact range, only for what the engine itself positions (parse errors, comments). */
  range?: Range;
}
