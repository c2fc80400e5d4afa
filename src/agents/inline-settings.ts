/**
 * The contract between an agent's reader of settings a workflow hands it (an action's `settings`
 * input, `claude --settings`, a settings file either names) and the workflows adapter. The reader
 * lives in the agent's module and says what the keys mean; the adapter supplies the parsed value,
 * positions inside it and where the evidence goes, so it names no agent and no settings key.
 */
import type { SourceRef } from '../model/source.js';
import type { FactEvidence, ToolDialect } from './flags.js';

export interface InlineSettingsReading {
  /** The parsed settings (a JSON object). */
  readonly value: unknown;
  /** Where the settings are, for reasons: "the `settings` input", "`--settings` in the command", a file. */
  readonly where: string;
  /** Reference to the property at `path` (key and value when they fit on one line). */
  ref(path: (string | number)[]): SourceRef;
  /** Reference to an array item or scalar value at `path`. */
  refValue(path: (string | number)[]): SourceRef;
  add<K extends keyof FactEvidence>(fact: K, evidence: FactEvidence[K]): void;
  /** An allowlist: each entry with where it is written; `label` says where the list is. */
  allowlist(
    entries: readonly { entry: unknown; source: SourceRef }[],
    listSource: SourceRef,
    dialect: ToolDialect,
    label: string,
  ): void;
  /** A denylist that may remove every shell and web tool. */
  denylist(entries: readonly unknown[], listSource: SourceRef, dialect: ToolDialect, label: string): void;
  /** Something worth telling a reviewer that changes no fact. */
  note(text: string): void;
}

/** An agent's reader of the settings a workflow hands it. */
export type InlineSettingsReader = (reading: InlineSettingsReading) => void;
