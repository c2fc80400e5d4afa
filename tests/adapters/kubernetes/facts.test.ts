/** Pod-spec facts: isolation escapes and runtimes, file system, limits and approval, each at its line. */
import { describe, expect, it } from 'vitest';
import { detectSettings } from '../../../src/policy/schema.js';
import { agentDeployment, at, fact, scanFiles, where } from './helpers.js';

const F = 'deploy/agent.yaml';

describe('isolation', () => {
  for (const key of ['hostPID', 'hostIPC', 'hostNetwork']) {
    it(`\`${key}: true\` is an escape at its line; \`${key}: false\` is not`, () => {
      const text = agentDeployment({ pod: [`${key}: true`] });
      const report = scanFiles({ [F]: text });
      expect(at(report, 'sandbox-disabled')).toEqual([where(F, text, `${key}: true`)]);
      expect(fact(report, 'isolation').value).toBe('none');
      expect(at(scanFiles({ [F]: agentDeployment({ pod: [`${key}: false`] }) }), 'sandbox-disabled')).toEqual([]);
    });
  }

  for (const hostPath of ['/', '/var/run/docker.sock', '/proc', '/run/containerd/containerd.sock']) {
    it(`a mounted hostPath of \`${hostPath}\` is an escape at its \`path:\`, even read-only`, () => {
      const text = agentDeployment({
        pod: ['volumes:', '  - name: host', '    hostPath:', `      path: ${hostPath}`],
        container: ['volumeMounts:', '  - {name: host, mountPath: /host, readOnly: true}'],
      });
      const report = scanFiles({ [F]: text });
      expect(at(report, 'sandbox-disabled')).toEqual([where(F, text, `path: ${hostPath}`)]);
    });
  }

  it('a hostPath volume no container mounts is not an escape', () => {
    const report = scanFiles({
      [F]: agentDeployment({ pod: ['volumes:', '  - name: host', '    hostPath: {path: /}'] }),
    });
    expect(at(report, 'sandbox-disabled')).toEqual([]);
  });

  it('SYS_ADMIN and ALL capabilities are escapes at their item; NET_ADMIN is not', () => {
    const text = agentDeployment({
      container: ['securityContext:', '  capabilities:', '    add: [NET_ADMIN, CAP_SYS_ADMIN, ALL]'],
    });
    const report = scanFiles({ [F]: text });
    expect(at(report, 'sandbox-disabled')).toEqual([where(F, text, 'CAP_SYS_ADMIN'), where(F, text, 'ALL')]);
  });

  it('allowPrivilegeEscalation: true is an escape only when the container runs as root', () => {
    const root = agentDeployment({
      container: ['securityContext:', '  runAsUser: 0', '  allowPrivilegeEscalation: true'],
    });
    expect(at(scanFiles({ [F]: root }), 'sandbox-disabled')).toEqual([
      where(F, root, 'allowPrivilegeEscalation: true'),
    ]);
    const user = agentDeployment({
      container: ['securityContext:', '  runAsUser: 1000', '  allowPrivilegeEscalation: true'],
    });
    expect(at(scanFiles({ [F]: user }), 'sandbox-disabled')).toEqual([]);
  });

  it('reports every escape line once: privileged and the Docker socket', () => {
    const text = agentDeployment({
      pod: ['volumes:', '  - name: sock', '    hostPath: {path: /var/run/docker.sock}'],
      container: [
        'securityContext: {privileged: true}',
        'volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]',
      ],
    });
    const report = scanFiles({ [F]: text });
    expect(at(report, 'sandbox-disabled')).toEqual([
      where(F, text, 'path: /var/run/docker.sock'),
      where(F, text, 'privileged: true'),
    ]);
  });

  it('gVisor and Kata runtime classes raise isolation at the runtimeClassName line; others stay container', () => {
    const gvisor = agentDeployment({ pod: ['runtimeClassName: gvisor'] });
    expect(fact(scanFiles({ [F]: gvisor }), 'isolation')).toMatchObject({ value: 'gvisor', line: 10 });
    expect(
      fact(scanFiles({ [F]: agentDeployment({ pod: ['runtimeClassName: kata-vm-isolation'] }) }), 'isolation'),
    ).toMatchObject({ value: 'microvm', line: 10 });
    expect(fact(scanFiles({ [F]: agentDeployment({ pod: ['runtimeClassName: runc'] }) }), 'isolation')).toMatchObject({
      value: 'container',
      line: 10,
    });
    expect(fact(scanFiles({ [F]: agentDeployment() }), 'isolation')).toMatchObject({ value: 'container', line: null });
    const custom = { detect: { ...detectSettings.parse(undefined), 'gvisor-runtime-classes': ['sandboxed'] } };
    expect(
      fact(scanFiles({ [F]: agentDeployment({ pod: ['runtimeClassName: sandboxed'] }) }, custom), 'isolation').value,
    ).toBe('gvisor');
    expect(fact(scanFiles({ [F]: gvisor }, custom), 'isolation').value).toBe('container');
  });

  it('a policy that requires gVisor reports a plain container at its key and accepts the runtime class', () => {
    const policy = { rules: { 'sandbox-required': { options: { minimum: 'gvisor' } } } };
    expect(at(scanFiles({ [F]: agentDeployment() }, policy), 'sandbox-required')).toEqual([`${F}:4:3-4:14`]);
    expect(
      at(scanFiles({ [F]: agentDeployment({ pod: ['runtimeClassName: gvisor'] }) }, policy), 'sandbox-required'),
    ).toEqual([]);
  });
});

describe('file system', () => {
  it('a writable hostPath mount is full access at its path; a read-only one is not', () => {
    const text = agentDeployment({
      pod: ['volumes: [{name: logs, hostPath: {path: /var/log}}]'],
      container: ['volumeMounts: [{name: logs, mountPath: /logs}]'],
    });
    expect(at(scanFiles({ [F]: text }), 'filesystem-scoped')).toEqual([where(F, text, 'path: /var/log')]);
    const readOnly = agentDeployment({
      pod: ['volumes: [{name: logs, hostPath: {path: /var/log}}]'],
      container: ['volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]'],
    });
    expect(at(scanFiles({ [F]: readOnly }), 'filesystem-scoped')).toEqual([]);
  });

  it('readOnlyRootFilesystem on every container makes it read-only; otherwise the container writes its own files', () => {
    expect(
      fact(
        scanFiles({ [F]: agentDeployment({ container: ['securityContext: {readOnlyRootFilesystem: true}'] }) }),
        'filesystem',
      ),
    ).toMatchObject({ value: 'read-only', line: 13 });
    expect(fact(scanFiles({ [F]: agentDeployment() }), 'filesystem')).toMatchObject({ value: 'workspace', line: null });
  });
});

describe('limits', () => {
  it('a container without CPU and memory limits is reported at its key; limits on every container bound it', () => {
    const text = agentDeployment();
    expect(at(scanFiles({ [F]: text }), 'limits-required')).toEqual([where(F, text, 'name: agent')]);
    const cpuOnly = scanFiles({ [F]: agentDeployment({ container: ['resources: {limits: {cpu: "1"}}'] }) });
    expect(fact(cpuOnly, 'limits').reason).toBe('container `agent` sets no memory limit');
    const both = scanFiles({
      [F]: agentDeployment({ container: ['resources:', '  limits: {cpu: "1", memory: 1Gi}'] }),
    });
    expect(fact(both, 'limits')).toMatchObject({ value: 'bounded', line: 14 });
    expect(at(both, 'limits-required')).toEqual([]);
  });

  it('a Job deadline is a time bound', () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  activeDeadlineSeconds: 900\n  template:\n    spec:\n      containers:\n        - name: a\n          image: ghcr.io/block/goose\n';
    expect(fact(scanFiles({ 'job.yaml': job }), 'limits')).toMatchObject({ value: 'bounded', line: 5 });
  });
});

describe('approval', () => {
  it('a bypass flag in args or inside a `sh -c` script is reported at the flag', () => {
    const args = agentDeployment({ container: ['args: ["run", "--yolo"]'] });
    expect(at(scanFiles({ [F]: args }), 'approval-bypassed')).toEqual([where(F, args, '--yolo')]);
    const script = agentDeployment({
      container: ['command: ["sh", "-c", "cd /w && claude -p fix --dangerously-skip-permissions"]'],
    });
    const report = scanFiles({ [F]: script });
    expect(at(report, 'approval-bypassed')).toEqual([where(F, script, '--dangerously-skip-permissions')]);
    expect(fact(scanFiles({ [F]: agentDeployment() }), 'approval')).toMatchObject({
      value: 'unrestricted',
      line: null,
    });
  });
});

describe('credentials', () => {
  it('takes a forge token read from a Secret as able to write; other Secrets as read', () => {
    const secretEnv = (name: string): string[] => [
      'env:',
      `  - name: ${name}`,
      '    valueFrom:',
      '      secretKeyRef: {name: agent-secrets, key: token}',
    ];
    for (const name of ['GITHUB_TOKEN', 'GIT_TOKEN', 'GH_PAT']) {
      const text = agentDeployment({ container: secretEnv(name) });
      const credentials = fact(scanFiles({ [F]: text }), 'credentials');
      expect(credentials.value, name).toBe('write');
      expect(credentials.reason).toContain('taken as able to write');
    }
    expect(
      fact(scanFiles({ [F]: agentDeployment({ container: secretEnv('ANTHROPIC_API_KEY') }) }), 'credentials').value,
    ).toBe('read');
  });
});
