/**
 * The contract between an agent's own flag reader and the adapter that runs it. The reader (in the
 * agent's module: `claude-code-flags.ts`, `codex-flags.ts`, …) says what its agent's flags and
 * environment mean; the adapter supplies the words, the positions and where the evidence goes, so it
 * names no agent. Flags whose presence alone sets a fact are data instead (`flagFacts` in types.ts).
 */
import type { Approval, Credentials, Filesystem, Isolation, Limits, Network } from '../model/levels.js';
import type { LoadedSettings } from '../model/details/workflow-job.js';
import type { SourceRef } from '../model/source.js';

/** A word of the command line as the agent's parser read it (quotes removed), with its raw offsets. */
export interface FlagWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** One option as written: its name, the word it is in, and the value word(s) it took. */
export interface FlagOccurrence<W extends FlagWord = FlagWord> {
  readonly name: string;
  readonly word: W;
  readonly value: W | null;
  readonly values: readonly W[];
}

/** One piece of evidence for a fact (the adapter's candidate). */
export interface Evidence<T extends string> {
  value: T;
  reason: string;
  source: SourceRef | null;
  /** Set by a sandbox: for network and filesystem, boundary evidence decides over tool-level evidence. */
  boundary?: boolean;
}

export interface FactEvidence {
  isolation: Evidence<Isolation>;
  network: Evidence<Network>;
  filesystem: Evidence<Filesystem>;
  approval: Evidence<Approval>;
  limits: Evidence<Limits>;
  /** What the agent's GitHub token may do beyond the job's `permissions:` (extra scopes an action requests). */
  credentials: Evidence<Credentials>;
}

/**
 * An agent's tool vocabulary: how an allowlist's entries are judged (`Bash(git:*)`,
 * `run_shell_command(git)`, `shell(git)`). Each agent that has tool lists declares its own
 * (claude-code-tools.ts, gemini-cli-flags.ts, copilot.ts); tool-lists.ts judges entries with it.
 */
export interface ToolDialect {
  /** Tools that run shell commands. */
  shell: RegExp;
  /** Tools that reach the network for the model (a fetched page is also an exfiltration channel). */
  web: RegExp;
  /** Tools that edit files. */
  edit: RegExp;
  /** The tools a denylist must name, each whole, for the agent to run no command and fetch nothing. */
  execAndWeb: readonly string[];
}

/** A variable the command sees, with where it is set. */
export interface EnvValue {
  value: string;
  source: SourceRef;
}

/** A repository file an agent is pointed at (`--config FILE`, `CODEX_HOME`), parsed, with references into it. */
export interface RepositoryFile {
  /** Repository-relative path. */
  readonly file: string;
  /** The parsed document (JSON, YAML or TOML) as plain data. */
  readonly value: unknown;
  /** A reference to the key at `path` in the file. */
  ref(path: readonly (string | number)[]): SourceRef;
}

/** Where a path an agent is given points, as far as the repository says. */
export type PathPlace =
  /** A path inside the checkout, repository-relative (`ci/codex`, `` for the root). */
  | { kind: 'repository'; path: string }
  /** Outside the checkout (`/tmp/codex`, `${{ runner.temp }}/x`, `~/.codex`): written at run time, if at all. */
  | { kind: 'outside' }
  /** Known only when the job runs (`${{ vars.HOME }}`, `$UNSET`). */
  | { kind: 'unknown' };

/** What a flag reader may ask and record. */
export interface FlagReading<W extends FlagWord = FlagWord> {
  /** Every occurrence of the named options, in command-line order. */
  flags(...names: string[]): readonly FlagOccurrence<W>[];
  /** A variable of the command's environment (inline assignments over step, job and workflow `env`). */
  env(name: string): EnvValue | null;
  /** Where a word is written, for reasons: "the command", "`claude_args`", "`FLAGS` in env". */
  label(word?: W): string;
  /** A reference to the word where it is written. */
  ref(word: W): SourceRef;
  /** Records evidence for a fact. */
  add<K extends keyof FactEvidence>(fact: K, evidence: FactEvidence[K]): void;
  /** A switch that turns every approval off; `value` extends the reference over a separate value word. */
  bypass(word: W, reason: string, value?: W | null): void;
  /** An allowlist given by the named options (each value a comma- or space-separated list). */
  allowlist(names: readonly string[], dialect: ToolDialect, label: string): void;
  /**
   * Tools taken away by the named options (`mode: 'deny'`, `--disallowedTools Bash,WebFetch`) or the
   * only tools given (`mode: 'allow'`, `--tools Read,Grep`): what can still run commands or fetch.
   */
  denylist(names: readonly string[], dialect: ToolDialect, mode: 'deny' | 'allow'): void;
  /** Applies settings given on the command line: inline JSON, or the file it names; false when neither is found. */
  settings(word: W, where: string): boolean;
  /** The agent loads its repository settings from these sources only (`--setting-sources project`). */
  loads(agent: LoadedSettings['agent'], sources: string[]): void;
  /** Something worth telling a reviewer that changes no fact. */
  note(text: string): void;
  /** Whether the word holds a part the repository does not say (`"$PROFILE"`, `${{ vars.P }}`). */
  unknown(word: W): boolean;
  /**
   * Records that `what` rests on a value the repository does not hold, reported as not determinable at
   * the word; `unknown` names what decides it (default: the references the word is written with).
   */
  undetermined(what: string, word: W, unknown?: readonly string[]): void;
  /**
   * A value that decides a fact (`--sandbox "$MODE"`) and holds a part the repository does not say:
   * not determinable at the word, never taken as safe. A `${{ }}` the adapter judges by its own
   * expression reading (every value a matrix or input can take) is left to it. True when reported
   * here (the caller then takes nothing from the value).
   */
  unknownValue(what: string, word: W): boolean;
  /** The same, at a variable of the command's environment (unknown, or a path outside the repository). */
  undeterminedEnv(what: string, name: string, unknown?: readonly string[]): void;
  /**
   * Where a path points (`./ci/x`, `${{ github.workspace }}/x`, `$GITHUB_WORKSPACE/x`, `/tmp/x`): a value,
   * or a word of the command line, read as written where its value rests on the checkout's location.
   */
  place(path: string | W): PathPlace;
  /** A repository file, parsed; null when it is absent or cannot be parsed. */
  file(path: string): RepositoryFile | null;
}

/** An agent's reader of its own flags and environment variables. */
export type FlagReader = <W extends FlagWord>(reading: FlagReading<W>) => void;
