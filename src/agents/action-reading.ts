/**
 * The contract between an agent's reader of its own GitHub action's inputs (`claude_args`,
 * `sandbox:`, `allowed_non_write_users`) and the workflows adapter that runs it. The reader lives in
 * the agent's module and says what the inputs mean; the adapter supplies the step, the positions and
 * where the evidence goes, so it names no agent and no action.
 */
import type { Approval } from '../model/levels.js';
import type { PluginMarketplace } from '../model/details/agent-config.js';
import type { LoadedSettings } from '../model/details/workflow-job.js';
import type { SourceRef } from '../model/source.js';
import type { EnvValue, FactEvidence, FlagReading, ToolDialect } from './flags.js';

export interface ActionReading {
  /** The step's `uses:` as written. */
  readonly uses: string;
  readonly usesRef: SourceRef;
  /** An input's text, or null when the step does not set it (or sets it to a non-scalar). */
  input(name: string): string | null;
  inputRef(name: string): SourceRef;
  /** The text `input(name).slice(start, end)` inside the input, where it is written (one line of a list). */
  inputSpan(name: string, start: number, end: number): SourceRef;
  /** Every value an input can take: a matrix reference expands, a `${{ }}` with literals yields each. */
  inputValues(name: string): readonly { value: string; source: SourceRef; unknown?: readonly string[] }[];
  /**
   * Records each value of the input that rests on a reference the repository does not hold
   * (`vars.*`, `secrets.*`) as not determinable, as `what` (`codex-action's \`sandbox:\``); none when
   * a written value already is `weakest`.
   */
  notDeterminable(name: string, what: string, weakest?: string): void;
  env(name: string): EnvValue | null;
  add<K extends keyof FactEvidence>(fact: K, evidence: FactEvidence[K]): void;
  /** Approval evidence recorded so far (an allowlist in `settings` restricts what an action always bypasses). */
  approvals(): readonly Approval[];
  /** The value of a fact comes from what the action always does, not from a declaration. */
  implied(fact: 'approval' | 'isolation' | 'network' | 'filesystem'): void;
  /** An args input (a JSON array or a shell string), read by `agent`'s program and flag reader. */
  args(input: string, agent: string): void;
  /** A `settings` input: inline JSON, or a path to a settings file of `agent` in the repository (its `workflowSettings`). */
  /** The agent's settings as JSON or a file path, in the input `input` (default `settings`). */
  settings(agent: string, input?: string): void;
  /** A comma-separated allowlist input (`allowed_tools`). */
  allowlist(input: string, dialect: ToolDialect, label: string): void;
  /** An input that lets users without write access through the action's own gate (`*`, or the actor). */
  openGate(input: string, reason: string): void;
  /** Something else that opens that gate. */
  gateOpening(reason: string, at: SourceRef): void;
  /** Which repository settings the agent loads; `hasLoads` says whether a flag already said so. */
  loads(settings: LoadedSettings): void;
  hasLoads(): boolean;
  note(text: string): void;
  /** A plugin marketplace the action adds to the session. */
  marketplace(marketplace: PluginMarketplace): void;
  /** A flag reading over no words: what the step's environment alone says to a flag reader. */
  environment(): FlagReading;
}

/** What one action's inputs say about its sandbox. */
export type ActionReader = (reading: ActionReading) => void;
