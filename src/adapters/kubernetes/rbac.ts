/**
 * What a pod's service-account token can do, from the RBAC objects in the repository. A mounted token
 * is a read credential unless a binding in the repository grants its account write access; a
 * cluster-wide binding to cluster-admin hands over every node (it can schedule privileged pods).
 */
import type { Credentials, Fact, SourceRef } from '../../model.js';
import type { Credential, TokenState } from './details.js';
import { asText, isRecord } from '../../containers/layers.js';
import { sameNamespace } from './network.js';
import type { Resource } from './workloads.js';

export const RBAC_ARTIFACT = 'k8s-rbac';

export type RbacArtifact =
  | {
      type: 'binding';
      name: string;
      kind: string;
      namespace: string | undefined;
      roleKind: string;
      roleName: string;
      subjects: unknown[];
      ref: SourceRef;
    }
  | { type: 'role'; name: string; kind: string; namespace: string | undefined; rules: unknown[] }
  | { type: 'service-account'; name: string; namespace: string | undefined; automount: unknown; ref: SourceRef };

export function rbacArtifact(r: Resource): RbacArtifact | null {
  if (r.group === '' && r.kind === 'ServiceAccount') {
    return {
      type: 'service-account',
      name: r.name,
      namespace: r.namespace,
      automount: r.value.automountServiceAccountToken,
      ref: { file: r.file, doc: r.doc, path: [...r.path, 'automountServiceAccountToken'] },
    };
  }
  if (!r.group.startsWith('rbac.authorization.k8s.io')) return null;
  if (r.kind === 'RoleBinding' || r.kind === 'ClusterRoleBinding') {
    const roleRef = isRecord(r.value.roleRef) ? r.value.roleRef : {};
    return {
      type: 'binding',
      name: r.name,
      kind: r.kind,
      namespace: r.namespace,
      roleKind: asText(roleRef.kind) ?? 'ClusterRole',
      roleName: asText(roleRef.name) ?? '',
      subjects: Array.isArray(r.value.subjects) ? r.value.subjects : [],
      ref: { file: r.file, doc: r.doc, path: [...r.path, 'roleRef', 'name'] },
    };
  }
  if (r.kind === 'Role' || r.kind === 'ClusterRole') {
    return {
      type: 'role',
      name: r.name,
      kind: r.kind,
      namespace: r.namespace,
      rules: Array.isArray(r.value.rules) ? r.value.rules : [],
    };
  }
  return null;
}

type Level = 'admin' | 'write' | 'read';

const WRITE_VERBS = new Set([
  '*',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'escalate',
  'bind',
  'impersonate',
]);
const BUILT_IN: Readonly<Record<string, Level>> = {
  'cluster-admin': 'admin',
  admin: 'write',
  edit: 'write',
  view: 'read',
};

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => asText(v) ?? '') : []);

function roleLevel(binding: Extract<RbacArtifact, { type: 'binding' }>, all: readonly RbacArtifact[]): Level {
  const role = all.find(
    (a): a is Extract<RbacArtifact, { type: 'role' }> =>
      a.type === 'role' &&
      a.name === binding.roleName &&
      a.kind === binding.roleKind &&
      (a.kind === 'ClusterRole' || sameNamespace(a.namespace, binding.namespace)),
  );
  if (!role) return binding.roleKind === 'ClusterRole' ? (BUILT_IN[binding.roleName] ?? 'read') : 'read';
  let level: Level = 'read';
  for (const rule of role.rules) {
    if (!isRecord(rule)) continue;
    const verbs = list(rule.verbs);
    if (verbs.includes('*') && list(rule.resources).includes('*') && list(rule.apiGroups).includes('*')) return 'admin';
    if (verbs.some((v) => WRITE_VERBS.has(v))) level = 'write';
  }
  return level;
}

function boundTo(
  subjects: readonly unknown[],
  account: string,
  namespace: string | undefined,
  bindingNamespace: string | undefined,
): boolean {
  return subjects.some((s) => {
    if (!isRecord(s)) return false;
    const kind = asText(s.kind);
    const name = asText(s.name) ?? '';
    if (kind === 'ServiceAccount')
      return name === account && sameNamespace(asText(s.namespace) ?? bindingNamespace, namespace);
    if (kind === 'Group')
      return (
        name === 'system:serviceaccounts' || (namespace !== undefined && name === `system:serviceaccounts:${namespace}`)
      );
    if (kind === 'User') return name.startsWith('system:serviceaccount:') && name.endsWith(`:${account}`);
    return false;
  });
}

export interface CredentialOutcome {
  credentials: Fact<Credentials>;
  /** A cluster-wide cluster-admin token: the pod can take over any node. */
  escape: { reason: string; source: SourceRef } | null;
}

export function credentialsFact(
  token: TokenState,
  namespace: string | undefined,
  secrets: readonly Credential[],
  rbac: readonly RbacArtifact[],
): CredentialOutcome {
  let mounted = token.mounted;
  let tokenReason = token.defaultReason;
  let tokenRef = token.ref;
  if (mounted && token.ref === null) {
    const account = rbac.find(
      (a): a is Extract<RbacArtifact, { type: 'service-account' }> =>
        a.type === 'service-account' && a.name === token.serviceAccount && sameNamespace(a.namespace, namespace),
    );
    if (account?.automount === false) {
      mounted = false;
      tokenReason = `ServiceAccount \`${account.name}\` sets \`automountServiceAccountToken: false\``;
      tokenRef = account.ref;
    }
  }
  if (mounted) {
    const grants = rbac
      .filter(
        (a): a is Extract<RbacArtifact, { type: 'binding' }> =>
          a.type === 'binding' && boundTo(a.subjects, token.serviceAccount, namespace, a.namespace),
      )
      .filter((b) => b.kind === 'ClusterRoleBinding' || sameNamespace(b.namespace, namespace))
      .map((b) => ({ binding: b, level: roleLevel(b, rbac) }))
      .filter((g) => g.level !== 'read');
    const strongest = grants.find((g) => g.level === 'admin' && g.binding.kind === 'ClusterRoleBinding') ?? grants[0];
    if (strongest) {
      const { binding } = strongest;
      const reason = `the pod mounts the token of ServiceAccount \`${token.serviceAccount}\`, which ${binding.kind} \`${binding.name}\` binds to ${binding.roleKind} \`${binding.roleName}\``;
      const escape =
        strongest.level === 'admin' && binding.kind === 'ClusterRoleBinding'
          ? { reason: `${reason}, so it can schedule privileged pods on any node`, source: binding.ref }
          : null;
      return {
        credentials: { value: 'write', reason: `${reason}, which can change cluster objects`, source: binding.ref },
        escape,
      };
    }
  }
  // A forge token's scope is not in the repository: taken as able to write, as everywhere else.
  const writer = secrets.find((s) => s.mayWrite);
  if (writer)
    return {
      credentials: {
        value: 'write',
        reason: `${writer.reason}; a token of that name can write and its scope is not visible here, so it is taken as able to write`,
        source: writer.ref,
      },
      escape: null,
    };
  const first = secrets[0];
  if (first) {
    const fact: Fact<Credentials> = { value: 'read', reason: first.reason, source: first.ref };
    if (secrets.length > 1) fact.more = secrets.slice(1).map((s) => ({ reason: s.reason, source: s.ref }));
    return { credentials: fact, escape: null };
  }
  if (mounted) {
    const reason = tokenRef
      ? `\`automountServiceAccountToken: true\` mounts the \`${token.serviceAccount}\` service account's token`
      : tokenReason;
    return {
      credentials: {
        value: 'read',
        reason: `${reason}; no RBAC in the repository grants it write access`,
        source: tokenRef,
      },
      escape: null,
    };
  }
  const reason =
    tokenRef && !token.ref
      ? tokenReason
      : tokenRef
        ? '`automountServiceAccountToken: false` keeps the service-account token out of the pod'
        : tokenReason;
  return {
    credentials: { value: 'none', reason: `${reason} and the pod reads no Secrets`, source: tokenRef },
    escape: null,
  };
}
