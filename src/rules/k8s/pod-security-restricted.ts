import { z } from 'zod';
import type { ContainerSecurity, LocatedValue, PodSecurity } from '../../model/details/k8s-workload.js';
import type { SourceRef } from '../../model.js';
import { defineRule, type ReportInput } from '../types.js';

const SECCOMP_OK = ['RuntimeDefault', 'Localhost'];
/** Capabilities the restricted profile allows to add; SYS_ADMIN and ALL are escapes, reported by sandbox-disabled. */
const ADD_ALLOWED = new Set(['NET_BIND_SERVICE']);
const ESCAPE_CAPS = new Set(['SYS_ADMIN', 'ALL']);

/** A scanned value as text; String() throws on an object with its own `toString` key. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));
const capName = (value: unknown): string => (value == null ? '' : shown(value)).toUpperCase().replace(/^CAP_/, '');
const key = (ref: SourceRef): string => `${ref.file}\u0000${ref.doc ?? 0}\u0000${ref.path.join('\u0000')}`;

/** The container's value, or the pod's when the container leaves it unset. */
const effective = (own: LocatedValue | undefined, pod: LocatedValue | undefined): LocatedValue | undefined =>
  own ?? pod;

export default defineRule({
  meta: {
    id: 'pod-security-restricted',
    title: 'An agent pod does not meet the restricted Pod Security Standard',
    rationale: `The Kubernetes *restricted* Pod Security Standard is the baseline hardening for untrusted code: run as a non-root user (\`runAsNonRoot: true\`), keep the runtime's seccomp filter (\`seccompProfile.type: RuntimeDefault\`), drop every Linux capability (\`capabilities.drop: [ALL]\`, adding back at most \`NET_BIND_SERVICE\`) and forbid privilege escalation (\`allowPrivilegeEscalation: false\`). An agent pod runs model-chosen commands, so each missing field widens what a prompt injection can do inside the container and the kernel surface it can attack to get out.

Fields that are set to a weak value are reported at their line; fields that are missing are reported together at the container. Pod-level \`securityContext\` values count for every container that does not override them. Windows pods (\`spec.os.name: windows\`) are exempt, as in the standard. Privileged containers, host namespaces and \`SYS_ADMIN\` are escapes and are reported by \`sandbox-disabled\` instead.`,
    examples: {
      fail: '```yaml\ncontainers:\n  - name: agent\n    image: ghcr.io/acme/agent:1.4\n```',
      pass: '```yaml\nsecurityContext:\n  runAsNonRoot: true\n  seccompProfile: { type: RuntimeDefault }\ncontainers:\n  - name: agent\n    image: ghcr.io/acme/agent:1.4\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities: { drop: [ALL] }\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['k8s-workload'],
    securitySeverity: 5.0,
    owasp: ['ASI05', 'ASI03'],
    cwe: [250, 269],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    if (details.security.windows) return;
    const reported = new Set<string>();
    const report = (finding: ReportInput): void => {
      // A pod-level value shared by several containers is one finding.
      const id = key(finding.at);
      if (reported.has(id)) return;
      reported.add(id);
      context.report(finding);
    };
    for (const container of details.security.containers) checkContainer(container, details.security, report);
  },
});

function checkContainer(c: ContainerSecurity, pod: PodSecurity, report: (finding: ReportInput) => void): void {
  const who = `container \`${c.name}\``;
  const missing: string[] = [];

  const nonRoot = effective(c.runAsNonRoot, pod.runAsNonRoot);
  if (nonRoot && nonRoot.value !== true)
    report({
      message: `\`runAsNonRoot: ${shown(nonRoot.value)}\` lets ${who} run as root, so a command the agent runs owns the whole container.`,
      at: nonRoot.ref,
    });
  else if (!nonRoot) missing.push('`runAsNonRoot: true`');

  const user = effective(c.runAsUser, pod.runAsUser);
  if (user?.value === 0)
    report({
      message: `\`runAsUser: 0\` runs ${who} as root, so a command the agent runs owns the whole container.`,
      at: user.ref,
    });

  const seccomp = effective(c.seccompType, pod.seccompType);
  if (seccomp && !SECCOMP_OK.includes(shown(seccomp.value))) {
    report({
      message: `\`seccompProfile.type: ${shown(seccomp.value)}\` removes the syscall filter from ${who}, exposing the whole kernel to the agent's commands.`,
      at: seccomp.ref,
    });
  } else if (!seccomp) missing.push('`seccompProfile.type: RuntimeDefault`');

  const drop = c.capabilitiesDrop;
  const drops = Array.isArray(drop?.value) ? drop.value.map(capName) : [];
  if (drop && !drops.includes('ALL'))
    report({
      message: `\`capabilities.drop\` of ${who} does not include \`ALL\`, so it keeps the runtime's default Linux capabilities (such as NET_RAW).`,
      at: drop.ref,
    });
  else if (!drop) missing.push('`capabilities.drop: [ALL]`');

  for (const add of c.capabilitiesAdd) {
    const name = capName(add.value);
    if (!ADD_ALLOWED.has(name) && !ESCAPE_CAPS.has(name))
      report({
        message: `Capability \`${name}\` added to ${who} is outside the restricted profile, which allows only NET_BIND_SERVICE.`,
        at: add.ref,
      });
  }

  const escalation = c.allowPrivilegeEscalation;
  const rootEscape = escalation?.value === true && user?.value === 0;
  if (escalation && escalation.value !== false && !rootEscape && c.privileged?.value !== true) {
    report({
      message: `\`allowPrivilegeEscalation: ${shown(escalation.value)}\` lets processes in ${who} gain privileges through setuid binaries.`,
      at: escalation.ref,
    });
  } else if (!escalation && c.privileged?.value !== true) missing.push('`allowPrivilegeEscalation: false`');

  if (missing.length > 0) {
    const list =
      missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    report({
      message: `${who[0]!.toUpperCase()}${who.slice(1)} does not meet the restricted Pod Security Standard: set ${list} in its (or the pod's) securityContext, so the agent's commands cannot become root or use the kernel freely.`,
      at: c.at,
    });
  }
}
