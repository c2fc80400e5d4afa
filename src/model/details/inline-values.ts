/**
 * A convention shared by several kinds (MCP servers, devcontainers, agent settings): the literal
 * strings of a deployment that a secret scanner should judge, and how that tool references a
 * secret instead. Each kind's details extend InlineValuesDetails; `inline-secret` reads it typed.
 */
import type { SourceRef } from '../source.js';

export interface InlineValue {
  at: SourceRef;
  /** The key the value sits under (`GITHUB_TOKEN`, `Authorization`), or null for list items. */
  name: string | null;
  value: string;
  /** How the field is named in messages (`env.GITHUB_TOKEN`, `args[3]`). */
  label: string;
}

export interface InlineValuesDetails {
  /** String values a secret scanner should judge (`env` entries, headers, args); see `src/secrets.ts`. */
  inlineValues: InlineValue[];
  /** How this tool takes a credential without writing it into the file (read by `inline-secret`). */
  secretReference: string;
}
