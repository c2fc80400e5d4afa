/** The `details` of a `k8s-workload` deployment: plain data the Kubernetes rules and the adapter's `link` read. */
import type { SourceRef } from '../source.js';
import type { LocatedValue } from './located-value.js';
import type { Network } from '../levels.js';

export type { LocatedValue } from './located-value.js';

/** Which kind of resource holds the pod: a plain workload, an agent-sandbox Sandbox or template, or an operator's CRD. */
export type Flavor = 'pod' | 'sandbox' | 'sandbox-template' | 'toolhive' | 'kagent' | 'operator';

/** Security-context fields of one container, each with the line it is written on (absent when unset). */
export interface ContainerSecurity {
  name: string;
  role: 'container' | 'init' | 'ephemeral';
  /** The container's key, where a missing field is reported. */
  at: SourceRef;
  runAsNonRoot?: LocatedValue;
  runAsUser?: LocatedValue;
  seccompType?: LocatedValue;
  allowPrivilegeEscalation?: LocatedValue;
  privileged?: LocatedValue;
  /** `capabilities.drop` (the list) and each `capabilities.add` item. */
  capabilitiesDrop?: LocatedValue;
  capabilitiesAdd: LocatedValue[];
}

export interface PodSecurity {
  /** `spec.os.name: windows` pods are exempt from the Linux-only restricted checks. */
  windows: boolean;
  runAsNonRoot?: LocatedValue;
  runAsUser?: LocatedValue;
  seccompType?: LocatedValue;
  containers: ContainerSecurity[];
}

export interface EnvEntry {
  container: string;
  name: string;
  /** A literal `value:` (not `valueFrom`). */
  literal: boolean;
  /** The literal is a reference or empty, not a secret (`$(VAR)`, `""`). */
  placeholder: boolean;
  ref: SourceRef;
}

export interface Credential {
  reason: string;
  ref: SourceRef;
  /** A forge or cloud token by its name (`GITHUB_TOKEN`, `GIT_TOKEN`): its scope is not visible, so it may write. */
  mayWrite?: true;
}

/** Whether the pod gets a service-account token, and which account's. */
export interface TokenState {
  mounted: boolean;
  /** `automountServiceAccountToken` as written, or null when unset. */
  ref: SourceRef | null;
  /** Why, when nothing is written (the agent-sandbox controller turns it off for template pods). */
  defaultReason: string;
  serviceAccount: string;
  serviceAccountRef: SourceRef | null;
}

/** A NetworkPolicy written inline (SandboxTemplate `networkPolicy`) or agent-sandbox's managed default. */
export interface InlinePolicy {
  name: string;
  ref: SourceRef;
  egress: unknown;
  /** Rules' key paths are relative to this ref's path. */
  managedDefault: boolean;
}

/** A way outsiders' text reaches the agent's prompt (a kagent AgentHarness chat channel anyone can write to). */
export interface UntrustedInput {
  /** Where the channel is declared, or the setting that opens it. */
  at: SourceRef;
  /** What carries the text (`Slack channel \`ops\``). */
  source: string;
  /** Why anyone can write to it. */
  reason: string;
}

/** A network fact the object states about itself (the shape of a `Fact<Network>`). */
export interface DeclaredNetworkFact {
  value: Network;
  reason: string;
  source: SourceRef | null;
}

export interface K8sDetails {
  apiVersion: string;
  kind: string;
  namespace: string | undefined;
  flavor: Flavor;
  podLabels: Record<string, string>;
  security: PodSecurity;
  env: EnvEntry[];
  token: TokenState;
  /** Secrets the pod reads, strongest evidence first. */
  secrets: Credential[];
  /** `hostNetwork: true`: NetworkPolicies never apply. */
  hostNetwork: SourceRef | null;
  inlinePolicy: InlinePolicy | null;
  /** Egress the object itself declares (kagent `sandbox.network.allowedDomains`, a TLS check turned off). */
  declaredNetwork?: { allowlist?: DeclaredNetworkFact; insecure?: DeclaredNetworkFact };
  /** An operator that changes cluster objects on the agent's behalf (K8sGPT auto-remediation): a write credential. */
  operatorWrites?: Credential;
  /** Chat channels and other inputs through which anyone's text reaches the agent (read by `prompt-injection`). */
  untrustedInputs?: UntrustedInput[];
}
