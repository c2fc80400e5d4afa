/** The adapter contract: one per ecosystem, turning parsed documents into deployments. */
import type { ParsedFile } from '../documents/types.js';
import type { Deployment, DeploymentKind, RawFinding } from '../model.js';
import type { AdapterSettings } from '../model.js';

export interface AdapterContext {
  /** Detector settings from the policy (extra agent images, commands, env names, labels). */
  settings: AdapterSettings;
  /** Parses another repository file on demand (cached), or null when it is absent or unparsable. */
  load(file: string): ParsedFile | null;
  /**
   * The raw text of another repository file (read, not parsed, not kept), or null when it is absent or
   * unreadable: for a cheap test before `load` parses it (does this kustomization list any patches?).
   */
  text?(file: string): string | null;
  /** Every repo-relative path discovered, sorted. */
  files: readonly string[];
}

export interface AdapterOutput {
  deployments: Deployment[];
  /** File-level findings (for example a templated manifest that cannot be evaluated). */
  findings: RawFinding[];
  /** Shared facts other files need (NetworkPolicies, agent settings files), keyed by type. */
  artifacts: Artifact[];
  /** Files the adapter read but could not judge (templated YAML, unsupported shapes), with why. */
  notEvaluated?: NotEvaluated[];
}

export interface Artifact {
  type: string;
  file: string;
  data: unknown;
}

/** Why a file was not evaluated although an adapter claimed it. */
export interface NotEvaluated {
  file: string;
  reason: string;
  /** Judged through other files (a kustomize patch through what it patches): a coverage line, no finding. */
  judgedElsewhere?: true;
}

export interface Adapter {
  id: string;
  /** Cheap path test: does this adapter want to read the file at all? */
  claims(file: string): boolean;
  /**
   * Sparse-checkout patterns (gitignore syntax, as `git sparse-checkout set --no-cone` reads them)
   * that cover every file `claims` accepts and every file `extract` or `link` may load or read, so a
   * checkout of only these paths judges the same as the whole repository (`agent-sandbox-guard paths`).
   * Matched case-insensitively. An adapter without them makes `paths` ask for the whole repository.
   */
  paths?: readonly string[];
  /**
   * Cheap content test run before any parse; return false to skip the parse (for this adapter). Defaults
   * to true. Return `{ notEvaluated }` for a file the adapter wants but cannot judge without parsing it
   * (templated YAML): it is listed in coverage and never parsed for this adapter.
   */
  sniff?(file: string, text: string): SniffResult;
  /**
   * Cross-file facts, for scans limited to a change (`scopeOnly`): the kinds of deployment in other
   * files whose facts this file can change (a NetworkPolicy or RBAC feeds `k8s-workload`, the
   * `.claude/settings.json` a workflow's agent loads feeds `workflow-job`); empty for most files.
   * Called with any file's text, claimed or not, so test the path first. Such a file outside the
   * change is judged when the change holds a deployment of those kinds; inside it, the whole
   * repository is judged.
   */
  feeds?(file: string, text: string): readonly DeploymentKind[];
  extract(parsed: ParsedFile, context: AdapterContext): AdapterOutput;
  /**
   * Cross-file phase, after every file was extracted: refine deployments with facts from other files
   * (a NetworkPolicy selecting a pod, a workflow job loading `.claude/settings.json`).
   */
  link?(deployments: Deployment[], artifacts: readonly Artifact[], context: AdapterContext): RawFinding[] | LinkOutput;
}

export type SniffResult = boolean | { notEvaluated: string };

/** What `link` may return besides findings: references it could not resolve (a claim whose template is absent). */
export interface LinkOutput {
  findings: RawFinding[];
  notEvaluated?: NotEvaluated[];
}

export const emptyOutput = (): AdapterOutput => ({ deployments: [], findings: [], artifacts: [] });
