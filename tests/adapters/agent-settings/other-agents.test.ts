/** Cursor, Aider, Continue, goose, OpenHands and GitHub agentic workflows. */
import { describe, expect, it } from 'vitest';
import { only, scanFiles } from './helpers.js';
import { detailsOf } from '../../helpers/details.js';

const facts = (files: Record<string, string>) => {
  const d = only(scanFiles(files));
  return Object.fromEntries(Object.entries(d.sandbox).map(([k, f]) => [k, f.value]));
};
const at = (files: Record<string, string>, ruleId: string) =>
  scanFiles(files)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => [f.file, f.line, f.column, f.severity]);

describe('Cursor', () => {
  it('reports `insecure_none` as a disabled sandbox and reads the network policy', () => {
    expect(at({ '.cursor/sandbox.json': '{\n  "type": "insecure_none"\n}\n' }, 'sandbox-disabled')).toEqual([
      ['.cursor/sandbox.json', 2, 3, 'error'],
    ]);
    const open = '{ "type": "workspace_readwrite", "networkPolicy": { "default": "allow" } }';
    expect(facts({ '.cursor/sandbox.json': open })).toMatchObject({
      isolation: 'process',
      network: 'open',
      filesystem: 'workspace',
    });
    const closed = '{ "type": "workspace_readonly", "networkPolicy": { "default": "deny", "allow": ["github.com"] } }';
    expect(facts({ '.cursor/sandbox.json': closed })).toMatchObject({ network: 'allowlist', filesystem: 'read-only' });
  });

  it('describes cloud agents from environment.json as VM-isolated and unattended', () => {
    expect(facts({ '.cursor/environment.json': '{ "install": "npm ci" }' })).toMatchObject({
      isolation: 'vm',
      approval: 'bypassed',
      network: 'open',
    });
    expect(at({ '.cursor/environment.json': '{ "install": "npm ci" }' }, 'approval-bypassed')).toEqual([
      ['.cursor/environment.json', 1, 1, 'warning'],
    ]);
  });
});

describe('Aider', () => {
  it('reports `yes-always` as bypassed approvals at its line', () => {
    const text = '# aider\nmodel: sonnet\nyes-always: true\n';
    expect(at({ '.aider.conf.yml': text }, 'approval-bypassed')).toEqual([['.aider.conf.yml', 3, 1, 'error']]);
    // A YAML document's key is its first setting, below any leading comment.
    expect(at({ '.aider.conf.yml': text }, 'sandbox-required')).toEqual([['.aider.conf.yml', 2, 1, 'error']]);
  });

  it('keeps API key fields for the secret scanner under their own names', () => {
    const d = only(scanFiles({ '.aider.conf.yml': 'openai-api-key: sk-test\nmodel: gpt-4o\n' }));
    expect(detailsOf(d, 'agent-config').inlineValues.map((v) => v.name)).toEqual(['openai-api-key']);
  });
});

describe('Continue', () => {
  it('reads `allow: ["*"]` as bypassed approvals and shell grants as tool grants', () => {
    const text = 'allow:\n  - "*"\n  - Bash\nask: []\n';
    expect(at({ '.continue/permissions.yaml': text }, 'approval-bypassed')).toEqual([
      ['.continue/permissions.yaml', 2, 5, 'error'],
    ]);
    expect(at({ '.continue/permissions.yaml': text }, 'settings-unrestricted-tools')).toEqual([
      ['.continue/permissions.yaml', 3, 5, 'error'],
    ]);
    expect(facts({ '.continue/config.yaml': 'name: team\nmodels: []\n' })).toMatchObject({
      isolation: 'none',
      approval: 'unrestricted',
    });
  });
});

describe('goose', () => {
  it('reads GOOSE_MODE, and autonomous mode when it is absent', () => {
    expect(
      at({ 'dot_config/goose/config.yaml': 'GOOSE_PROVIDER: anthropic\nGOOSE_MODE: auto\n' }, 'approval-bypassed'),
    ).toEqual([['dot_config/goose/config.yaml', 2, 1, 'error']]);
    expect(
      facts({ 'dot_config/goose/config.yaml': 'GOOSE_PROVIDER: anthropic\nGOOSE_MODE: smart_approve\n' }),
    ).toMatchObject({ approval: 'unrestricted' });
    expect(at({ 'dot_config/goose/config.yaml': 'GOOSE_PROVIDER: anthropic\n' }, 'approval-bypassed')).toEqual([
      ['dot_config/goose/config.yaml', 1, 1, 'error'],
    ]);
    expect(scanFiles({ 'goose/config.yaml': 'server:\n  port: 8080\n' }).deployments).toEqual([]);
  });

  it('reads always-allowed shell tools from permission.yaml', () => {
    const text = 'user:\n  always_allow:\n    - developer__shell\n  never_allow: []\n';
    expect(at({ '.config/goose/permission.yaml': text }, 'settings-unrestricted-tools')).toEqual([
      ['.config/goose/permission.yaml', 3, 7, 'error'],
    ]);
  });
});

describe('OpenHands', () => {
  const base = '[core]\nworkspace_base = "./workspace"\n\n[llm]\nmodel = "gpt-4o"\n';
  it('runs in a Docker sandbox by default, and on the host with runtime = "local"', () => {
    expect(facts({ 'config.toml': base })).toMatchObject({
      isolation: 'container',
      network: 'open',
      approval: 'bypassed',
    });
    const local = '[core]\nruntime = "local"\n\n[llm]\nmodel = "gpt-4o"\n';
    expect(at({ 'config.toml': local }, 'sandbox-disabled')).toEqual([['config.toml', 2, 1, 'error']]);
  });

  it('reports the host network, a Docker socket mount and confirmation mode', () => {
    const text = `${base}\n[sandbox]\nuse_host_network = true\nvolumes = "/var/run/docker.sock:/var/run/docker.sock,./data:/data:ro"\n\n[security]\nconfirmation_mode = true\n`;
    expect(at({ 'config.toml': text }, 'sandbox-disabled')).toEqual([['config.toml', 9, 12, 'error']]);
    expect(facts({ 'config.toml': text })).toMatchObject({ isolation: 'none', approval: 'unrestricted' });
  });

  it('needs OpenHands tables before it reads a file named config.toml', () => {
    expect(
      scanFiles({ 'config.toml': 'baseURL = "https://example.org"\n[params]\ntitle = "blog"\n' }).deployments,
    ).toEqual([]);
    expect(scanFiles({ 'netlify/config.toml': '[build]\ncommand = "make"\n' }).deployments).toEqual([]);
  });
});

describe('GitHub agentic workflows', () => {
  const wf = (front: string) =>
    `---\non:\n  issues:\n    types: [opened]\n${front}---\n# Triage\n\nRead the issue: it says "foo: bar" and\n- a list: item\n> quote # with colons: everywhere\n`;

  it('parses the front matter only, with the AWF container and default network as the baseline', () => {
    const scanned = scanFiles({ '.github/workflows/triage.md': wf('engine: claude\n') });
    expect(scanned.findings.filter((f) => f.ruleId === 'unparsable-file')).toEqual([]);
    const d = only(scanned);
    expect(Object.fromEntries(Object.entries(d.sandbox).map(([k, f]) => [k, f.value]))).toEqual({
      isolation: 'container',
      network: 'allowlist',
      filesystem: 'workspace',
      approval: 'unrestricted',
      credentials: 'read',
      limits: 'bounded',
    });
    expect(d.signals).toEqual(['GitHub agentic workflow with the `claude` engine']);
  });

  it('reports a disabled agent sandbox, write permissions and an empty network', () => {
    const front = 'sandbox:\n  agent: false\npermissions:\n  contents: write\n  issues: read\n';
    const files = { '.github/workflows/fix.md': wf(front) };
    expect(at(files, 'sandbox-disabled')).toEqual([['.github/workflows/fix.md', 6, 3, 'error']]);
    expect(at(files, 'credentials-scoped')).toEqual([['.github/workflows/fix.md', 8, 3, 'warning']]);
    expect(facts({ '.github/workflows/quiet.md': wf('network: {}\n') })).toMatchObject({ network: 'none' });
    expect(facts({ '.github/workflows/vm.md': wf('sandbox:\n  agent:\n    runtime: docker-sbx\n') })).toMatchObject({
      isolation: 'microvm',
    });
  });

  it('counts `copilot-requests: write` (Copilot requests billed to the organisation) as no repository write', () => {
    const front = 'engine: copilot\npermissions:\n  contents: read\n  copilot-requests: write\n';
    expect(facts({ '.github/workflows/ask.md': wf(front) })).toMatchObject({ credentials: 'read' });
    expect(at({ '.github/workflows/ask.md': wf(front) }, 'credentials-scoped')).toEqual([]);
  });

  it('reads `max-ai-credits` as a limit; a negative value (the cap off) leaves the default timeout', () => {
    const limits = (front: string) => only(scanFiles({ '.github/workflows/t.md': wf(front) })).sandbox.limits;
    expect(limits('max-ai-credits: 400\n')).toMatchObject({ value: 'bounded', source: { path: ['max-ai-credits'] } });
    expect(limits('max-ai-credits: 400\n').reason).toContain('400 AI credits');
    expect(limits('max-ai-credits: -1\n')).toMatchObject({ value: 'bounded', source: null });
    expect(limits('max-ai-credits: 400\ntimeout-minutes: 15\n').reason).toContain('timeout-minutes');
  });

  it('ignores shared components without a trigger, READMEs and plain markdown', () => {
    expect(
      scanFiles({ '.github/workflows/shared/tools.md': '---\ntools:\n  bash: [":*"]\n---\nShared.\n' }).deployments,
    ).toEqual([]);
    expect(scanFiles({ '.github/workflows/README.md': '---\non: push\n---\n' }).deployments).toEqual([]);
    expect(scanFiles({ '.github/workflows/notes.md': '# Notes\n\nNo front matter.\n' }).deployments).toEqual([]);
  });
});
