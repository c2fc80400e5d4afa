/** Which pods are agents: strong signals alone, medium ones only with a second kind or a capability. */
import { describe, expect, it } from 'vitest';
import { detectSettings } from '../../../src/policy/schema.js';
import { scanFiles } from './helpers.js';

const pod = (container: string[], opts: { pod?: string[]; labels?: string[] } = {}): string =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    ...(opts.labels ? ['  labels:', ...opts.labels.map((l) => `    ${l}`)] : []),
    'spec:',
    ...(opts.pod ?? []).map((l) => `  ${l}`),
    '  containers:',
    '    - name: main',
    ...container.map((l) => `      ${l}`),
    '',
  ].join('\n');

const agents = (text: string, detect = {}): string[] => {
  const report = scanFiles({ 'm.yaml': text }, { detect: { ...detectSettings.parse(undefined), ...detect } });
  return report.deployments.map((d) => d.agent);
};

describe('strong signals', () => {
  it('known agent images, ignoring registry prefixes and tags', () => {
    expect(agents(pod(['image: docker.openhands.dev/openhands/openhands:0.62']))).toEqual(['openhands']);
    expect(agents(pod(['image: ghcr.io/openai/codex-universal@sha256:abc']))).toEqual(['codex']);
    expect(agents(pod(['image: docker/sandbox-templates:claude-code']))).toEqual(['claude-code']);
    expect(agents(pod(['image: docker.io/mcp/fetch:latest']))).toEqual(['mcp']);
  });

  it('commands that run an agent CLI, directly, through npx, or in a shell script', () => {
    expect(
      agents(pod(['image: node:22', 'command: ["npx", "-y", "@anthropic-ai/claude-code@1.0.3", "-p", "review"]'])),
    ).toEqual(['claude-code']);
    expect(
      agents(
        pod([
          'image: python:3.12',
          'command: ["/bin/bash", "-lc"]',
          'args: ["pip install aider-chat && aider --message fix"]',
        ]),
      ),
    ).toEqual(['aider']);
    expect(agents(pod(['image: node:22', 'command: [gemini]']))).toEqual(['gemini-cli']);
    // An agent name as an argument is not a command.
    expect(agents(pod(['image: litellm/litellm', 'args: ["--model", "gemini"]']))).toEqual([]);
  });

  it('agent-only variables and our opt-in label; the opt-out label wins over everything', () => {
    expect(
      agents(
        pod([
          'image: acme/worker',
          'env: [{name: CLAUDE_CODE_OAUTH_TOKEN, valueFrom: {secretKeyRef: {name: s, key: t}}}]',
        ]),
      ),
    ).toEqual(['claude-code']);
    expect(agents(pod(['image: acme/worker'], { labels: ['agent-sandbox-guard/agent: "true"'] }))).toEqual(['unknown']);
    expect(agents(pod(['image: ghcr.io/block/goose'], { labels: ['agent-sandbox-guard/agent: "false"'] }))).toEqual([]);
  });

  it("agents' own variable families (CODEX_*, OPENCODE_*, OPENCLAW_*, CLAUDE_CODE_*, IS_SANDBOX), not bare CLAUDE_*", () => {
    const withEnv = (name: string): string[] =>
      agents(pod(['image: acme/worker:2', `env: [{name: ${name}, value: "1"}]`]));
    expect(withEnv('CODEX_UNSAFE_ALLOW_NO_SANDBOX')).toEqual(['codex']);
    expect(withEnv('OPENCODE_CONFIG')).toEqual(['opencode']);
    expect(withEnv('OPENCLAW_STATE_DIR')).toEqual(['openclaw']);
    expect(withEnv('CLAUDE_CODE_MAX_OUTPUT_TOKENS')).toEqual(['claude-code']);
    expect(withEnv('IS_SANDBOX')).toEqual(['claude-code']);
    // A chat app's Claude key, or a prefix with nothing after it, is not the agent.
    expect(withEnv('CLAUDE_MODEL')).toEqual([]);
    expect(withEnv('CODEX_')).toEqual([]);
  });

  it('policy settings add images, commands, env names and labels, and ignore images', () => {
    expect(
      agents(pod(['image: registry.acme.dev/ai/reviewer:3']), { 'agent-images': ['registry.acme.dev/ai/*'] }),
    ).toEqual(['unknown']);
    expect(
      agents(pod(['image: acme/base', 'command: [acme-agent, run]']), { 'agent-commands': ['acme-agent'] }),
    ).toEqual(['unknown']);
    expect(
      agents(pod(['image: acme/base'], { labels: ['team: ai-agents'] }), { 'agent-labels': ['team=ai-*'] }),
    ).toEqual(['unknown']);
    expect(agents(pod(['image: ghcr.io/block/goose:1']), { 'ignore-images': ['ghcr.io/block/*'] })).toEqual([]);
    const custom = pod([
      'image: acme/web',
      'env: [{name: ACME_LLM_TOKEN, value: x}]',
      'volumeMounts: [{name: w, mountPath: /workspace}]',
    ]);
    expect(agents(custom)).toEqual([]);
    expect(agents(custom, { 'agent-env': ['ACME_LLM_*'] })).toEqual(['unknown']);
  });
});

describe('medium signals need company', () => {
  const web = [
    'image: acme/chatbot:1',
    'env:',
    '  - name: OPENAI_API_KEY',
    '    valueFrom: {secretKeyRef: {name: openai, key: api-key}}',
  ];

  it('a web service that only calls an LLM API is not an agent', () => {
    expect(agents(pod(web))).toEqual([]);
    expect(agents(pod([...web, '  - {name: ANTHROPIC_API_KEY, value: ""}']))).toEqual([]);
  });

  it('an LLM key with a workspace mount, the Docker socket or an interactive shell is', () => {
    expect(agents(pod([...web, 'volumeMounts: [{name: w, mountPath: /workspace}]']))).toEqual(['unknown']);
    const sock = pod([...web, 'volumeMounts: [{name: s, mountPath: /var/run/docker.sock}]'], {
      pod: ['volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]'],
    });
    expect(agents(sock)).toEqual(['unknown']);
    expect(agents(pod([...web, 'command: [bash]', 'stdin: true', 'tty: true']))).toEqual(['unknown']);
  });

  it('reads Secret keys and same-file `envFrom` keys as LLM credentials', () => {
    const fromKey = pod([
      'image: acme/x',
      'env: [{name: KEY, valueFrom: {secretKeyRef: {name: s, key: anthropic-api-key}}}]',
      'volumeMounts: [{name: w, mountPath: /workspace}]',
    ]);
    expect(agents(fromKey)).toEqual(['unknown']);
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: llm}\nstringData: {OPENAI_API_KEY: x}\n---\n';
    const envFrom = pod([
      'image: acme/x',
      'envFrom: [{secretRef: {name: llm}}]',
      'volumeMounts: [{name: w, mountPath: /workspace}]',
    ]);
    expect(agents(secret + envFrom)).toEqual(['unknown']);
    expect(agents(envFrom)).toEqual([]);
  });
});

describe('corpus traps', () => {
  it('objects named agent, monitoring agents and model servers are not agents', () => {
    const toolbox = pod(['image: acnpublic.azurecr.io/toolbox:latest'], {
      pod: ['hostNetwork: true'],
      labels: ['app: agent-pod-8085'],
    });
    expect(agents(toolbox.replace('name: p', 'name: agent-pod-8085'))).toEqual([]);
    const newrelic = pod(
      [
        'image: newrelic/infrastructure',
        'command: [bash, -c, "/usr/bin/newrelic-infra"]',
        'securityContext: {privileged: true}',
        'volumeMounts: [{name: run, mountPath: /var/run/docker.sock}]',
      ],
      { pod: ['hostPID: true', 'volumes: [{name: run, hostPath: {path: /var/run/docker.sock}}]'] },
    );
    expect(agents(newrelic)).toEqual([]);
    const vllm = pod([
      'image: vllm/vllm-openai:v0.11.0',
      'command: ["python3", "-m", "vllm.entrypoints.openai.api_server"]',
      'env: [{name: HUGGING_FACE_HUB_TOKEN, valueFrom: {secretKeyRef: {name: hf, key: hf_token}}}]',
    ]);
    expect(agents(vllm)).toEqual([]);
    expect(
      agents(
        pod(['image: ollama/ollama', 'env: [{name: OLLAMA_HOST, value: "0.0.0.0"}]', 'command: [sh]', 'stdin: true']),
      ),
    ).toEqual([]);
  });
});

describe('names, labels and registry paths', () => {
  const key = 'env: [{name: ANTHROPIC_API_KEY, valueFrom: {secretKeyRef: {name: llm, key: key}}}]';

  it('an object, container, volume or service-account name, or an app label, that names an agent counts beside an LLM key', () => {
    const named = (text: string): string[] => agents(text);
    expect(named(pod(['image: acme/worker:1', key]).replace('name: p', 'name: claude-code-runner'))).toEqual([
      'claude-code',
    ]);
    expect(named(pod(['image: acme/worker:1', key], { labels: ['app.kubernetes.io/name: openhands'] }))).toEqual([
      'openhands',
    ]);
    expect(named(pod(['image: acme/worker:1', key], { pod: ['serviceAccountName: codex-bot'] }))).toEqual(['codex']);
    expect(
      named(pod(['image: acme/worker:1', key], { pod: ['volumes: [{name: opencode-state, emptyDir: {}}]'] })),
    ).toEqual(['opencode']);
    expect(named(pod(['image: acme/worker:1', key]).replace('- name: main', '- name: aider'))).toEqual(['aider']);
  });

  it('a name alone, or a name of an observability agent or a model server, is not an agent', () => {
    expect(agents(pod(['image: acme/worker:1']).replace('name: p', 'name: claude-code-docs'))).toEqual([]);
    const otel = pod(['image: otel/opentelemetry-collector-contrib', key], { labels: ['app: otel-agent'] });
    expect(agents(otel.replace('name: p', 'name: datadog-agent'))).toEqual([]);
    const vllm = pod(['image: vllm/vllm-openai:v0.11.0', key], { labels: ['app.kubernetes.io/name: codex-vllm'] });
    expect(agents(vllm)).toEqual([]);
  });

  it('a registry path segment that names an agent counts like a name; the registry host does not', () => {
    expect(agents(pod(['image: ghcr.io/acme/claude-code/runner:2', key]))).toEqual(['claude-code']);
    expect(agents(pod(['image: ghcr.io/acme/claude-code/runner:2']))).toEqual([]);
    expect(agents(pod(['image: codex.example.com/acme/runner:2', key]))).toEqual([]);
  });
});
