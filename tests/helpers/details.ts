/**
 * Typed, empty `details` for deployments that tests build by hand (stand-in adapters): each kind's
 * details as its adapter would write them for a deployment with nothing to report.
 */
import { CLAUDE_SECRET_REFERENCE } from '../../src/agents/claude-code-settings.js';
import { emptyDetails } from '../../src/agents/settings-reading.js';
import type { DeploymentDetailsByKind, DeploymentKind } from '../../src/model.js';

const EMPTY: { [Kind in DeploymentKind]: () => DeploymentDetailsByKind[Kind] } = {
  'workflow-job': () => ({
    type: 'workflow-job',
    jobId: '',
    triggers: [],
    agentSteps: [],
    checkouts: [],
    toolGrants: [],
    injections: [],
    actorGate: { openings: [], exposedAgents: [], gated: false, outsiderTriggers: [] },
    settings: [],
    implied: [],
    linked: [],
    notes: [],
    inlineValues: [],
    secretReference: '',
  }),
  'agent-config': () => emptyDetails('claude-settings', 'project', CLAUDE_SECRET_REFERENCE),
  'mcp-server': () => ({
    client: 'unknown',
    transport: 'stdio',
    launcher: null,
    wrappers: [],
    packages: [],
    inlineValues: [],
    secretReference: 'an environment variable',
  }),
  'k8s-workload': () => ({
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: undefined,
    flavor: 'pod',
    podLabels: {},
    security: { windows: false, containers: [] },
    env: [],
    token: { mounted: false, ref: null, defaultReason: '', serviceAccount: 'default', serviceAccountRef: null },
    secrets: [],
    hostNetwork: null,
    inlinePolicy: null,
  }),
  'compose-service': () => ({ service: '', securityOpt: [], capDrop: [], capAdd: [], env: [] }),
  devcontainer: () => ({ user: null, inlineValues: [], secretReference: '`${localEnv:NAME}`' }),
};

/** `kind` and empty `details` of that kind, to spread into a hand-built deployment. */
export function emptyKind<Kind extends DeploymentKind>(
  kind: Kind,
): { [K in Kind]: { kind: K; details: DeploymentDetailsByKind[K] } }[Kind] {
  return { kind, details: EMPTY[kind]() } as { [K in Kind]: { kind: K; details: DeploymentDetailsByKind[K] } }[Kind];
}

/** The typed details of a deployment the test expects to be of this kind (fails the test otherwise). */
export function detailsOf<Kind extends DeploymentKind>(
  deployment: { kind: DeploymentKind; details: unknown } | undefined,
  kind: Kind,
): DeploymentDetailsByKind[Kind] {
  if (deployment?.kind !== kind) throw new Error(`expected a ${kind} deployment, got ${deployment?.kind ?? 'none'}`);
  return deployment.details as DeploymentDetailsByKind[Kind];
}
