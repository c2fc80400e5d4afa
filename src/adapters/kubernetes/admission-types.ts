/** The shapes admission policies are read into, and the helpers their readers share. */
import type { SandboxFactName, SourceRef } from '../../model.js';
import type { AdapterSettings } from '../../model.js';
import { asText } from '../../containers/layers.js';
import type { PolicyArtifact } from './network.js';
import { globMatch } from '../../containers/signals.js';
import type { Resource } from './workloads.js';

/** What every admission reader needs, from one place (admission-controls.ts, admission-kyverno.ts). */
export { asText, isRecord } from '../../containers/layers.js';
export type { AdapterSettings, Resource };

/** Where a control applies: namespaces by name glob or by the labels of Namespace objects in the repository. */
export interface Scope {
  /** Globs on the namespace name; null = every namespace. */
  namespaces: string[] | null;
  /** Label selectors the Namespace object must match, every one. */
  selectors: unknown[];
  excluded: string[];
  /** Workload kinds (`Deployment`) the control covers; null = the pods of every workload. */
  kinds: string[] | null;
}

export interface Control {
  fact: SandboxFactName;
  level: string;
  reason: string;
  source: SourceRef;
  scope: Scope;
  /** A Kyverno `+(key)` mutation: it sets the field only where the workload leaves it unset. */
  ifAbsent?: boolean;
}

/** A NetworkPolicy a Kyverno rule generates into every namespace it matches. */
export interface GeneratedPolicy {
  scope: Scope;
  policy: Omit<PolicyArtifact, 'namespace'>;
}

export interface AdmissionArtifact {
  controls: Control[];
  generated: GeneratedPolicy[];
  /** ValidatingAdmissionPolicies by name, waiting for a binding. */
  vaps: { name: string; controls: Control[] }[];
  bindings: { policy: string; scope: Scope }[];
  namespaces: { name: string; labels: Record<string, string> }[];
}

export const POD_KIND = 'Pod';
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
export const texts = (value: unknown): string[] =>
  list(value).flatMap((v) => (asText(v) === undefined ? [] : [asText(v)!]));

export const ref = (r: Resource, path: (string | number)[]): SourceRef => ({
  file: r.file,
  doc: r.doc,
  path: [...r.path, ...path],
});

/** `gvisor`, `gvisor | kata`: the weakest isolation any accepted runtime class gives. */
export function isolationOfClasses(value: string, settings: AdapterSettings): string | null {
  const classes = value.split('|').map((c) => c.trim());
  let weakest: string | null = 'microvm';
  for (const name of classes) {
    if (/[*?]/.test(name) || name === '') return null;
    if (settings['microvm-runtime-classes'].some((g) => globMatch(g, name))) continue;
    if (settings['gvisor-runtime-classes'].some((g) => globMatch(g, name))) weakest = 'gvisor';
    else return null;
  }
  return weakest;
}
