/** Fail closed: what could hold an agent but cannot be judged is a finding, listed in coverage with its position. */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/adapters/index.js';
import { scanDirectory } from '../../src/engine/index.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/model/report.js';
import { loadPolicy, loadPreset } from '../../src/policy/load.js';
import type { ResolvedPolicy } from '../../src/policy/schema.js';
import { RULES } from '../../src/rules/index.js';
import { writeRepo } from '../helpers/temp-repo.js';

function run(files: Record<string, string>, policy: ResolvedPolicy = loadPreset('recommended')): ScanReport {
  return scan({
    files: Object.keys(files).sort(),
    skipped: [],
    read: (file) => ({ ok: true, text: files[file]! }),
    policy,
    adapters: ADAPTERS,
    rules: RULES,
  }).report;
}

const AGENT = (annotations: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: coder',
    annotations,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: agent',
    '          image: ghcr.io/anthropics/claude-code:1.0',
    '',
  ].join('\n');

describe('unparsable files at known agent and MCP client paths', () => {
  const broken = {
    '.mcp.json': '{ "mcpServers": { "x": { "command": "npx", } ',
    '.vscode/mcp.json': '{ "servers": [ }',
    'opencode.json': '{ "mcp": { ',
  };

  it('are listed in coverage with their position and reported: a warning under recommended', () => {
    const r = run(broken);
    expect(r.coverage.skipped.map((s) => [s.file, s.status, s.line, s.column])).toEqual([
      ['.mcp.json', 'unparsable', 1, 46],
      ['.vscode/mcp.json', 'unparsable', 1, 16],
      ['opencode.json', 'unparsable', 1, 12],
    ]);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column])).toEqual([
      ['unparsable-file', 'warning', '.mcp.json', 1, 46],
      ['unparsable-file', 'warning', '.vscode/mcp.json', 1, 16],
      ['unparsable-file', 'warning', 'opencode.json', 1, 12],
    ]);
    expect(r.result).toBe('pass');
  });

  it('are errors under strict, so the run fails', () => {
    const r = run(broken, loadPreset('strict'));
    expect(r.findings.map((f) => f.severity)).toEqual(['error', 'error', 'error']);
    expect(r.result).toBe('fail');
  });
});

describe('templated YAML', () => {
  it('a manifest that parses is judged as written, though a value holds `{{ include … }}`', () => {
    const r = run({ 'k8s/agent.yaml': AGENT('  annotations:\n    prompt: "{{include \\"system\\" .}}"') });
    expect(r.coverage.skipped).toEqual([]);
    expect(r.deployments.map((d) => d.name)).toEqual(['Deployment/coder']);
    expect(r.findings.some((f) => f.ruleId === 'not-evaluated')).toBe(false);
  });

  it('a manifest under a chart’s templates/ is not evaluated, and says so as a finding', () => {
    const r = run({ 'charts/agent/templates/deploy.yaml': AGENT('  labels:\n    app: {{ .Release.Name }}') });
    expect(r.coverage.skipped.map((s) => [s.file, s.status])).toEqual([
      ['charts/agent/templates/deploy.yaml', 'not-evaluated'],
    ]);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([
      ['not-evaluated', 'warning', 'charts/agent/templates/deploy.yaml'],
    ]);
  });

  it('a file that does not parse as YAML because of an action is not evaluated; an error with templated: fail', () => {
    const text = AGENT('  labels:\n{{- include "labels" . | nindent 4 }}');
    const strict = run({ 'k8s/agent.yaml': text }, loadPreset('strict'));
    expect(strict.findings.filter((f) => f.ruleId === 'not-evaluated').map((f) => f.severity)).toEqual(['error']);
    expect(strict.result).toBe('fail');
  });
});

describe('max-file-size', () => {
  const policy = loadPolicy({ root: '/x', policyPath: 'p.yml', text: 'max-file-size: 200\n', readFile: () => null });
  const padded = `on: pull_request\njobs:\n  fix:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "fix"\n${'# padding\n'.repeat(100)}`;

  it('never hides a workflow: GitHub runs it whatever its size', () => {
    const root = writeRepo({ '.github/workflows/agent.yml': padded });
    const r = scanDirectory({ root, policy }).report;
    expect(r.coverage.skipped).toEqual([]);
    expect(r.deployments.map((d) => d.name)).toEqual(['fix']);
    expect(r.result).toBe('fail');
  });

  it('a claimed agent config over the cap is a finding, not only a coverage line', () => {
    const root = writeRepo({ '.mcp.json': `{ "mcpServers": {} ${' '.repeat(400)}}` });
    const r = scanDirectory({ root, policy }).report;
    expect(r.coverage.skipped.map((s) => [s.file, s.status])).toEqual([['.mcp.json', 'too-large']]);
    expect(r.findings.map((f) => [f.ruleId, f.file])).toEqual([['unparsable-file', '.mcp.json']]);
  });
});
