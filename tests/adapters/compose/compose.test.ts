/** Compose services: which are agents, and each sandbox field at its line. */
import { describe, expect, it } from 'vitest';
import { isComposeFile } from '../../../src/containers/compose-files.js';
import { at, fact, scanFiles, where } from '../kubernetes/helpers.js';

const C = 'compose.yaml';
/** An agent service (Goose image) with extra lines, beside a Postgres service. */
const compose = (lines: string[], top: string[] = []): string =>
  [
    'services:',
    '  agent:',
    '    image: ghcr.io/block/goose:1.2',
    ...lines.map((l) => `    ${l}`),
    '  db:',
    '    image: postgres:16',
    ...top,
    '',
  ].join('\n');

describe('files', () => {
  it('claims the Compose file names and their override and variant forms', () => {
    for (const f of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yaml',
      'docker-compose.yml',
      'x/compose.override.yaml',
      'docker-compose.override.yml',
      'compose.prod.yaml',
      'docker-compose.dev.yml',
      'docker-stack.yml',
    ]) {
      expect(isComposeFile(f)).toBe(true);
    }
    for (const f of ['my-compose.yaml', 'compose.json', 'k8s/deployment.yaml']) expect(isComposeFile(f)).toBe(false);
  });
});

describe('the issue case', () => {
  it('an agent that mounts the Docker socket and runs privileged fails at both lines; Postgres is not a deployment', () => {
    const text = compose(
      ['privileged: true', 'volumes:', '  - /var/run/docker.sock:/var/run/docker.sock', '  - ./src:/workspace'],
      ['    environment: [POSTGRES_PASSWORD]'],
    );
    const report = scanFiles({ [C]: text });
    expect(report.deployments.map((d) => [d.name, d.agent, d.line, d.column])).toEqual([['agent', 'goose', 2, 3]]);
    expect(at(report, 'sandbox-disabled')).toEqual([`${C}:4:5-4:21`, `${C}:6:9-6:50`]);
  });
});

describe('isolation', () => {
  it('long-syntax socket volumes point at `source:`', () => {
    const text = compose([
      'volumes:',
      '  - type: bind',
      '    source: /var/run/docker.sock',
      '    target: /var/run/docker.sock',
    ]);
    expect(at(scanFiles({ [C]: text }), 'sandbox-disabled')).toEqual([where(C, text, 'source: /var/run/docker.sock')]);
  });

  it('host namespaces, the host root and SYS_ADMIN are escapes; NET_ADMIN is a hardening finding instead', () => {
    const text = compose([
      'pid: host',
      'ipc: host',
      'network_mode: host',
      'cap_add: [NET_ADMIN, SYS_ADMIN]',
      'volumes: ["/:/host:ro"]',
    ]);
    const report = scanFiles({ [C]: text });
    expect(at(report, 'sandbox-disabled')).toEqual([
      where(C, text, 'pid: host'),
      where(C, text, 'ipc: host'),
      where(C, text, 'network_mode: host'),
      where(C, text, 'SYS_ADMIN'),
      where(C, text, '"/:/host:ro"'),
    ]);
    expect(at(report, 'compose-hardening')).toContain(where(C, text, 'NET_ADMIN'));
  });

  it('`runtime: runsc` is gVisor and a Kata runtime a micro-VM, at the runtime line', () => {
    expect(fact(scanFiles({ [C]: compose(['runtime: runsc']) }), 'isolation')).toMatchObject({
      value: 'gvisor',
      line: 4,
    });
    expect(fact(scanFiles({ [C]: compose(['runtime: io.containerd.kata.v2']) }), 'isolation')).toMatchObject({
      value: 'microvm',
      line: 4,
    });
    expect(fact(scanFiles({ [C]: compose([]) }), 'isolation')).toMatchObject({ value: 'container', line: null });
  });
});

describe('network', () => {
  it('`network_mode: none` is no network; the default network is open at the service key', () => {
    expect(fact(scanFiles({ [C]: compose(['network_mode: none']) }), 'network')).toMatchObject({
      value: 'none',
      line: 4,
    });
    expect(at(scanFiles({ [C]: compose([]) }), 'egress-restricted')).toEqual([`${C}:2:3-2:8`]);
  });

  it('networks marked `internal: true` are an allowlist; one ordinary network opens egress at its entry', () => {
    const internal = compose(['networks: [backend]'], ['networks:', '  backend:', '    internal: true']);
    expect(fact(scanFiles({ [C]: internal }), 'network')).toMatchObject({ value: 'allowlist', line: 4 });
    const mixed = compose(
      ['networks: [backend, public]'],
      ['networks:', '  backend: {internal: true}', '  public: {}'],
    );
    expect(at(scanFiles({ [C]: mixed }), 'egress-restricted')).toEqual([where(C, mixed, 'public')]);
  });

  it('`network_mode: service:x` shares the other service’s network', () => {
    const text = compose(
      ['network_mode: "service:proxy"'],
      ['  proxy:', '    image: squid', '    networks: [egress]', 'networks:', '  egress: {internal: true}'],
    );
    expect(fact(scanFiles({ [C]: text }), 'network').value).toBe('allowlist');
  });
});

describe('file system, credentials and limits', () => {
  it('`read_only: true` is read-only; a writable host folder outside the project is full access', () => {
    expect(fact(scanFiles({ [C]: compose(['read_only: true']) }), 'filesystem')).toMatchObject({
      value: 'read-only',
      line: 4,
    });
    const text = compose(['volumes:', '  - ./repo:/workspace', '  - ~/.ssh:/root/.ssh:ro', '  - /etc:/host-etc']);
    expect(at(scanFiles({ [C]: text }), 'filesystem-scoped')).toEqual([where(C, text, '/etc:/host-etc')]);
  });

  it('a mounted credential store is a write credential even read-only; credential variables are read', () => {
    const text = compose(['volumes: ["~/.git-credentials:/root/.git-credentials:ro"]']);
    expect(at(scanFiles({ [C]: text }), 'credentials-scoped')).toEqual([
      where(C, text, '"~/.git-credentials:/root/.git-credentials:ro"'),
    ]);
    expect(fact(scanFiles({ [C]: compose(['environment: [GITHUB_TOKEN]']) }), 'credentials')).toMatchObject({
      value: 'read',
      line: 4,
    });
    expect(fact(scanFiles({ [C]: compose([]) }), 'credentials')).toMatchObject({ value: 'none', line: null });
  });

  it('memory and CPU limits in either syntax bound the service', () => {
    expect(fact(scanFiles({ [C]: compose(['mem_limit: 1g', 'cpus: 1']) }), 'limits')).toMatchObject({
      value: 'bounded',
      line: 4,
    });
    const deploy = compose(['deploy:', '  resources:', '    limits: {cpus: "0.5", memory: 512M}']);
    expect(fact(scanFiles({ [C]: deploy }), 'limits').value).toBe('bounded');
    expect(fact(scanFiles({ [C]: compose(['pids_limit: 100', 'mem_limit: 1g']) }), 'limits').reason).toContain(
      'no CPU limit',
    );
  });
});

describe('detection', () => {
  it('top-level `models:` used by a service counts as an LLM signal, with a workspace mount an agent', () => {
    const text = [
      'services:',
      '  app:',
      '    image: acme/app',
      '    models: [llm]',
      '    volumes: ["./code:/workspace"]',
      'models:',
      '  llm: {model: ai/smollm2}',
      '',
    ].join('\n');
    expect(scanFiles({ [C]: text }).deployments.map((d) => d.name)).toEqual(['app']);
    expect(scanFiles({ [C]: text.replace('    volumes: ["./code:/workspace"]\n', '') }).deployments).toEqual([]);
  });

  it('reads environment in list and mapping form, and interactive agent containers with config mounts', () => {
    const map = [
      'services:',
      '  bot:',
      '    image: acme/bot',
      '    environment:',
      '      OPENAI_API_KEY: ${OPENAI_API_KEY}',
      '    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]',
      '',
    ].join('\n');
    expect(scanFiles({ [C]: map }).deployments.map((d) => d.name)).toEqual(['bot']);
    const shell = [
      'services:',
      '  dev:',
      '    image: ubuntu',
      '    command: [bash]',
      '    tty: true',
      '    volumes: ["~/.claude:/root/.claude"]',
      '',
    ].join('\n');
    expect(scanFiles({ [C]: shell }).deployments.map((d) => d.agent)).toEqual(['claude-code']);
  });

  it('a service, container, host or volume name, or a name label, that names an agent counts beside an LLM key', () => {
    const service = (lines: string[]): string[] =>
      scanFiles({ [C]: ['services:', ...lines, ''].join('\n') }).deployments.map((d) => `${d.name}:${d.agent}`);
    const key = '    environment: [ANTHROPIC_API_KEY]';
    expect(service(['  claude-code:', '    image: node:22', key])).toEqual(['claude-code:claude-code']);
    expect(service(['  worker:', '    image: node:22', '    container_name: codex-worker', key])).toEqual([
      'worker:codex',
    ]);
    expect(service(['  worker:', '    image: node:22', '    labels: {app: openhands}', key])).toEqual([
      'worker:openhands',
    ]);
    expect(service(['  worker:', '    image: node:22', '    volumes: ["aider-cache:/cache"]', key])).toEqual([
      'worker:aider',
    ]);
    // A named volume kept where the agent stores its configuration is an agent-config signal (a real shape).
    expect(
      service([
        '  claude-code:',
        '    build: .',
        '    stdin_open: true',
        '    tty: true',
        '    volumes: ["${PROJECT_DIR:-./claude-data}:/workspace", "claude-auth:/home/node/.claude"]',
        '    command: ["sleep", "infinity"]',
      ]),
    ).toEqual(['claude-code:claude-code']);
    expect(service(['  box:', '    image: ubuntu', '    volumes: ["state:/root/.codex"]', key])).toEqual(['box:codex']);
    // A name with nothing else, an observability agent, or a model server named after an agent is not one.
    expect(service(['  claude-code:', '    image: node:22'])).toEqual([]);
    expect(service(['  otel-agent:', '    image: otel/opentelemetry-collector', key])).toEqual([]);
    expect(service(['  codex-llm:', '    image: ollama/ollama', key])).toEqual([]);
  });

  it('a Portainer agent with the Docker socket and an LLM-less web stack are not agents', () => {
    const portainer = [
      'services:',
      '  agent:',
      '    image: portainer/agent',
      '    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]',
      '',
    ].join('\n');
    expect(scanFiles({ 'docker-stack.yml': portainer }).deployments).toEqual([]);
  });

  it('resolves x- extension fields and merge keys, positioned at the anchor', () => {
    const text = [
      'x-agent: &agent',
      '  image: ghcr.io/block/goose',
      '  privileged: true',
      'services:',
      '  one:',
      '    <<: *agent',
      '  two:',
      '    <<: *agent',
      '    privileged: false',
      '',
    ].join('\n');
    const report = scanFiles({ [C]: text });
    expect(report.deployments.map((d) => d.name)).toEqual(['one', 'two']);
    expect(at(report, 'sandbox-disabled')).toEqual([`${C}:3:3-3:19`]);
  });
});

describe('layering', () => {
  it('applies compose.override.yaml to the default file’s services, reporting at the override line', () => {
    const base = [
      'services:',
      '  agent:',
      '    image: ghcr.io/block/goose',
      '    volumes: ["./w:/workspace"]',
      '',
    ].join('\n');
    const override = [
      'services:',
      '  agent:',
      '    privileged: true',
      '  extra:',
      '    image: ghcr.io/openai/codex-universal',
      '',
    ].join('\n');
    const report = scanFiles({ 'compose.yaml': base, 'compose.override.yaml': override });
    expect(report.deployments.map((d) => [d.file, d.name])).toEqual([
      ['compose.override.yaml', 'extra'],
      ['compose.yaml', 'agent'],
    ]);
    expect(at(report, 'sandbox-disabled')).toEqual(['compose.override.yaml:3:5-3:21']);
  });

  it('follows `extends:` in the same file and in another file', () => {
    const common = ['services:', '  hardened:', '    read_only: true', '    cap_drop: [ALL]', ''].join('\n');
    const text = [
      'services:',
      '  agent:',
      '    extends: {file: common.yaml, service: hardened}',
      '    image: ghcr.io/block/goose',
      '',
    ].join('\n');
    const report = scanFiles({ 'compose.yaml': text, 'common.yaml': common });
    expect(fact(report, 'filesystem')).toMatchObject({ value: 'read-only', file: 'common.yaml', line: 3 });
    const local = [
      'services:',
      '  base:',
      '    image: busybox',
      '    network_mode: none',
      '  agent:',
      '    extends: base',
      '    image: ghcr.io/block/goose',
      '',
    ].join('\n');
    expect(fact(scanFiles({ 'compose.yaml': local }), 'network')).toMatchObject({ value: 'none', line: 4 });
  });
});
