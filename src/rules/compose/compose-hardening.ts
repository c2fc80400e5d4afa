import { z } from 'zod';
import type { SourceRef } from '../../model.js';
import { defineRule } from '../types.js';

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const capName = (value: unknown): string => text(value).toUpperCase().replace(/^CAP_/, '');
/** `cap_add` values that are escapes: sandbox-disabled reports them. */
const ESCAPE_CAPS = new Set(['SYS_ADMIN', 'ALL']);
const NO_NEW_PRIVILEGES = /^no-new-privileges(?:[:=](true|false))?$/i;
const UNCONFINED = /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$/i;
/** `user:` values that are root: `root`, `0`, `0:0`, `root:root`. */
const ROOT_USER = /^(root|0)(:.*)?$/i;

const parentOf = (ref: SourceRef): SourceRef => ({ ...ref, path: ref.path.slice(0, -1) });

export default defineRule({
  meta: {
    id: 'compose-hardening',
    title: 'An agent service runs without the basic container hardening',
    rationale: `A Compose service that runs an agent executes model-chosen commands, so the container should give those commands as little as possible: \`security_opt: [no-new-privileges:true]\` (no privilege gain through setuid binaries), \`cap_drop: [ALL]\` (no Linux capabilities such as NET_RAW), a non-root \`user:\` (the image default is often root) and \`read_only: true\` (no changes to the image's programs; use \`tmpfs:\` or volumes for scratch space).

Settings that weaken the container (\`seccomp=unconfined\`, \`apparmor=unconfined\`, \`label=disable\`, \`user: root\`, \`read_only: false\`, extra capabilities) are reported at their line; missing ones together at the service key. \`privileged\`, \`SYS_ADMIN\`, host namespaces and the Docker socket are escapes and are reported by \`sandbox-disabled\`.`,
    examples: {
      fail: '```yaml\nservices:\n  agent:\n    image: ghcr.io/acme/agent:1.4\n```',
      pass: '```yaml\nservices:\n  agent:\n    image: ghcr.io/acme/agent:1.4\n    user: "1000:1000"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n```',
    },
    defaultSeverity: 'warning',
    kinds: ['compose-service'],
    securitySeverity: 5.0,
    owasp: ['ASI05'],
    cwe: [250],
  },
  options: z.strictObject({}),
  check(deployment, context) {
    const { details } = deployment;
    const who = `service \`${details.service}\``;
    const missing: string[] = [];

    let noNewPrivileges = false;
    for (const opt of details.securityOpt) {
      const value = text(opt.value).trim();
      const nnp = value.match(NO_NEW_PRIVILEGES);
      if (nnp && nnp[1]?.toLowerCase() === 'false')
        context.report({
          message: `\`security_opt: ${value}\` lets processes in ${who} gain privileges through setuid binaries.`,
          at: opt.ref,
        });
      else if (nnp) noNewPrivileges = true;
      if (UNCONFINED.test(value))
        context.report({
          message: `\`security_opt: ${value}\` removes a kernel confinement layer from ${who}, widening what the agent's commands can reach.`,
          at: opt.ref,
        });
    }
    if (!noNewPrivileges) missing.push('`security_opt: [no-new-privileges:true]`');

    const drops = details.capDrop.map((c) => capName(c.value));
    if (details.capDrop.length > 0 && !drops.includes('ALL')) {
      context.report({
        message: `\`cap_drop\` of ${who} does not include \`ALL\`, so it keeps Docker's default capabilities (such as NET_RAW).`,
        at: parentOf(details.capDrop[0]!.ref),
      });
    } else if (details.capDrop.length === 0) missing.push('`cap_drop: [ALL]`');
    for (const cap of details.capAdd) {
      const name = capName(cap.value);
      if (!ESCAPE_CAPS.has(name) && name !== 'NET_BIND_SERVICE')
        context.report({
          message: `\`cap_add: ${name}\` gives ${who} a Linux capability it would otherwise not have.`,
          at: cap.ref,
        });
    }

    const user = details.user;
    if (user && ROOT_USER.test(text(user.value).trim()))
      context.report({
        message: `\`user: ${text(user.value)}\` runs ${who} as root, so a command the agent runs owns the whole container.`,
        at: user.ref,
      });
    else if (!user) missing.push('a non-root `user:`');

    const readOnly = details.readOnly;
    if (readOnly && readOnly.value !== true)
      context.report({
        message: `\`read_only: ${JSON.stringify(readOnly.value) ?? 'null'}\` lets the agent's commands change the programs in ${who}.`,
        at: readOnly.ref,
      });
    else if (!readOnly) missing.push('`read_only: true`');

    if (missing.length > 0) {
      const list =
        missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
      context.report({
        message: `The agent ${who} lacks basic hardening: add ${list}, so its commands cannot become root or change the container.`,
        at: deployment.at,
      });
    }
  },
});
