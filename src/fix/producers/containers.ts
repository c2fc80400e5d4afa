/** Fixes for Kubernetes workloads, Compose services and dev containers. */
import type { FixProposal } from '../../model.js';
import type { FixInput } from '../../rules/types.js';
import { advice, at, itemPath, lastKey, proposal } from './shared.js';

const RESTRICTED = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

export function podSecurity({ finding }: FixInput): FixProposal {
  const ref = finding.at;
  const key = lastKey(ref);
  const container = itemPath(ref.path, 'containers') ?? itemPath(ref.path, 'initContainers');
  if (container && container.length === ref.path.length) {
    return proposal(
      'Add the restricted securityContext to the container: `runAsNonRoot: true`, `allowPrivilegeEscalation: false`, `readOnlyRootFilesystem: true`, `capabilities.drop: [ALL]`, `seccompProfile.type: RuntimeDefault`.',
      'safe',
      [{ kind: 'set', at: at(ref, [...container, 'securityContext']), value: RESTRICTED, ifAbsent: true }],
    );
  }
  const fixed: Record<string, unknown> = {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    type: 'RuntimeDefault',
    drop: ['ALL'],
  };
  if (typeof key === 'string' && key in fixed) {
    const value = fixed[key];
    return proposal(`Set \`${key}: ${JSON.stringify(value)}\`.`, 'safe', [{ kind: 'set', at: ref, value }]);
  }
  if (typeof key === 'number' && ref.path.includes('add')) {
    return proposal('Remove the added capability, or run the step that needs it outside the agent.', 'unsafe', [
      { kind: 'remove', at: ref },
    ]);
  }
  return advice('Meet the restricted Pod Security Standard in the pod or container securityContext.');
}

/** A default-deny egress NetworkPolicy for the pod's labels, as a new file next to the workload. */
export function k8sEgress({ deployment }: FixInput): FixProposal | null {
  const details = deployment.kind === 'k8s-workload' ? deployment.details : null;
  if (!details || details.hostNetwork) return null;
  const labels = Object.entries(details.podLabels);
  if (labels.length === 0) return null;
  const name = `${deployment.name
    .split('/')
    .pop()!
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')}-deny-egress`;
  const dir = deployment.file.includes('/') ? deployment.file.slice(0, deployment.file.lastIndexOf('/') + 1) : '';
  const file = `${dir}${name}.yaml`;
  const content = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${name}`,
    ...(details.namespace ? [`  namespace: ${details.namespace}`] : []),
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    ...labels.map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
    '  policyTypes:',
    '    - Egress',
    '  # No egress rules: the agent reaches nothing. Add a rule per host it needs (DNS, the model API).',
    '  egress: []',
    '',
  ].join('\n');
  return proposal(
    `Add \`${file}\`, a NetworkPolicy that denies the agent's egress; then allow only the hosts it needs.`,
    'safe',
    [{ kind: 'create-file', file, content }],
  );
}

export function composeHardening({ finding, deployment }: FixInput): FixProposal {
  const ref = finding.at;
  const key = lastKey(ref);
  if (ref.path.join('\u0000') === deployment.at.path.join('\u0000')) {
    return proposal(
      'Harden the service: `read_only: true`, `cap_drop: [ALL]`, `security_opt: [no-new-privileges:true]` (and a non-root `user:`).',
      'safe',
      [
        {
          kind: 'set',
          at: ref,
          value: { read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] },
          ifAbsent: true,
        },
      ],
    );
  }
  if (key === 'read_only') return proposal('Set `read_only: true`.', 'safe', [{ kind: 'set', at: ref, value: true }]);
  if (key === 'cap_drop') return proposal('Set `cap_drop: [ALL]`.', 'safe', [{ kind: 'set', at: ref, value: ['ALL'] }]);
  if (typeof key === 'number') {
    return proposal('Remove this entry, which weakens the container the agent runs in.', 'unsafe', [
      { kind: 'remove', at: ref },
    ]);
  }
  return advice('Run the service as a non-root `user:` that its image has.');
}

/** A read-only root file system for a container or Compose service; an MCP filesystem server rooted at the project. */
export function filesystemScope({ finding, deployment }: FixInput): FixProposal | null {
  const ref = finding.at;
  const key = lastKey(ref);
  if (deployment.kind === 'k8s-workload') {
    const container = itemPath(ref.path, 'containers') ?? itemPath(ref.path, 'initContainers');
    if (key === 'readOnlyRootFilesystem')
      return proposal('Set `readOnlyRootFilesystem: true`.', 'safe', [{ kind: 'set', at: ref, value: true }]);
    if (container && container.length === ref.path.length)
      return proposal(
        'Set `securityContext.readOnlyRootFilesystem: true` on the container (mount an `emptyDir` where it must write).',
        'safe',
        [{ kind: 'set', at: at(ref, [...container, 'securityContext', 'readOnlyRootFilesystem']), value: true }],
      );
  }
  if (deployment.kind === 'compose-service') {
    const target =
      key === 'read_only'
        ? ref
        : ref.path.join('\u0000') === deployment.at.path.join('\u0000')
          ? at(ref, [...ref.path, 'read_only'])
          : null;
    if (target)
      return proposal('Set `read_only: true` (mount a volume where the agent must write).', 'safe', [
        { kind: 'set', at: target, value: true },
      ]);
  }
  if (deployment.kind === 'mcp-server' && typeof key === 'number') {
    return proposal('Root the filesystem server at the project (`.`) instead of the whole disk.', 'unsafe', [
      { kind: 'set', at: ref, value: '.' },
    ]);
  }
  return null;
}

/** Unsafe: CPU and memory limits change what the workload can do, so they are applied only when asked. */
export function containerLimits({ finding, deployment }: FixInput): FixProposal | null {
  const ref = finding.at;
  if (deployment.kind === 'k8s-workload') {
    const container = itemPath(ref.path, 'containers') ?? itemPath(ref.path, 'initContainers');
    if (!container || container.length !== ref.path.length) return null;
    return proposal(
      'Set `resources.limits` (`cpu: "1"`, `memory: 2Gi`) on the container; size them to the agent\'s real use.',
      'unsafe',
      [
        {
          kind: 'set',
          at: at(ref, [...container, 'resources', 'limits']),
          value: { cpu: '1', memory: '2Gi' },
          ifAbsent: true,
        },
      ],
    );
  }
  if (deployment.kind === 'compose-service' && ref.path.join('\u0000') === deployment.at.path.join('\u0000')) {
    return proposal(
      "Set `mem_limit: 2g`, `cpus: 1` and `pids_limit: 512` on the service; size them to the agent's real use.",
      'unsafe',
      [{ kind: 'set', at: ref, value: { mem_limit: '2g', cpus: 1, pids_limit: 512 }, ifAbsent: true }],
    );
  }
  return null;
}
