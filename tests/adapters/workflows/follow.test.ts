/** Following what a workflow step runs from the repository: scripts, package scripts, Makefile recipes. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../src/adapters/index.js';
import { workflowsAdapter } from '../../../src/adapters/workflows/index.js';
import { scan } from '../../../src/engine/scan.js';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { loadPreset } from '../../../src/policy/load.js';
import type { ResolvedPolicy } from '../../../src/policy/schema.js';
import { RULES } from '../../../src/rules/index.js';
import type { Finding } from '../../../src/model.js';
import { extract, scanFiles, yaml } from './helpers.js';

const job = (run: string, extra = ''): string => yaml`
  on: pull_request_target
  permissions:
    contents: write
  jobs:
    agent:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        - name: Run agent
          ${extra}run: ${run}
          env:
            ANTHROPIC_API_KEY: \${{ secrets.ANTHROPIC_API_KEY }}
`;

const AGENT_SH = '#!/usr/bin/env bash\nset -euo pipefail\n\nclaude -p "review" --dangerously-skip-permissions\n';

function scanRepo(repo: Record<string, string>, policy: ResolvedPolicy, scope?: ReadonlySet<string>) {
  return scan({
    files: Object.keys(repo).sort(),
    skipped: [],
    read: (f) => ({ ok: true, text: repo[f]! }),
    policy,
    adapters: ADAPTERS,
    rules: RULES,
    ...(scope ? { scope, scopeOnly: true } : {}),
    today: '2026-01-01',
  }).report;
}

const byRule = (findings: readonly Finding[], rule: string): Finding[] => findings.filter((f) => f.ruleId === rule);
const at = (f: Finding): string => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;

describe('following scripts a workflow step runs', () => {
  it('judges an agent in a committed script, invoked any way, as the job, at the line in the script', () => {
    for (const call of [
      './ci/agent.sh',
      'bash ci/agent.sh',
      'sh -c ./ci/agent.sh',
      'source ci/agent.sh',
      '. ci/agent.sh',
    ]) {
      const report = scanFiles({ '.github/workflows/agent.yml': job(call), 'ci/agent.sh': AGENT_SH });
      const [deployment] = report.deployments;
      expect(deployment?.name, call).toBe('agent');
      expect(deployment!.agent).toBe('claude-code');
      expect(deployment!.sandbox.approval.value).toBe('bypassed');
      // The fact points at the flag in the script; the job's write token is the deployment's.
      expect(deployment!.sandbox.approval.source).toMatchObject({ file: 'ci/agent.sh', line: 4, column: 20 });
      expect(deployment!.sandbox.credentials.value).toBe('write');
      const bypass = byRule(report.findings, 'approval-bypassed');
      expect(bypass.map(at), call).toEqual(['ci/agent.sh:4:20-4:50']);
      expect(deployment!.signals.join('\n')).toContain('reached from step "Run agent" → ');
    }
  });

  it('follows scripts that call scripts, package scripts and Makefile targets, to any depth', () => {
    const report = scanFiles({
      '.github/workflows/agent.yml': job('make review'),
      Makefile: 'LINT ?= eslint\n\nreview: lint\n\t@cd tools && npm run agent\n\nlint:\n\t$(LINT) .\n',
      'tools/package.json': '{\n  "scripts": {\n    "agent": "bash ./run.sh --fast"\n  }\n}\n',
      'tools/run.sh': 'set -e\nexec codex exec --sandbox danger-full-access "$@"\n',
    });
    const [deployment] = report.deployments;
    expect(deployment!.agent).toBe('codex');
    expect(deployment!.sandbox.isolation.source).toMatchObject({ file: 'tools/run.sh', line: 2 });
    expect(deployment!.signals.join('\n')).toContain('step "Run agent" → make review → npm run agent → bash ./run.sh');
    expect(byRule(report.findings, 'run-not-followed')).toEqual([]);
  });

  it('respects working-directory and the job’s defaults.run', () => {
    const files = {
      '.github/workflows/agent.yml': job('./agent.sh', 'working-directory: web\n          '),
      'web/agent.sh': AGENT_SH,
    };
    expect(scanFiles(files).deployments.map((d) => d.agent)).toEqual(['claude-code']);
    const defaults = yaml`
      on: push
      jobs:
        agent:
          runs-on: ubuntu-latest
          defaults:
            run:
              working-directory: ./web/
          steps:
            - run: npm run review
    `;
    const report = scanFiles({
      '.github/workflows/agent.yml': defaults,
      'web/package.json': '{"scripts":{"review":"claude -p hi --permission-mode bypassPermissions"}}',
    });
    expect(report.deployments.map((d) => d.agent)).toEqual(['claude-code']);
    expect(report.deployments[0]!.sandbox.approval.source).toMatchObject({ file: 'web/package.json', line: 1 });
  });

  it('carries the job and step env, and variables the step sets, into the script', () => {
    const report = scanFiles({
      '.github/workflows/agent.yml': job('|\n            export MODE=danger-full-access\n            ./ci/agent.sh'),
      'ci/agent.sh': 'codex exec --sandbox "$MODE" "$PROMPT"\n',
    });
    expect(report.deployments[0]!.sandbox.isolation.value).toBe('none');
    const env = scanFiles({
      '.github/workflows/agent.yml': yaml`
        on: push
        env:
          FLAGS: --yolo
        jobs:
          agent:
            runs-on: ubuntu-latest
            steps:
              - run: ./run.sh
      `,
      'run.sh': 'gemini $FLAGS -p "triage"\n',
    });
    expect(env.deployments[0]!.agent).toBe('gemini-cli');
    expect(env.deployments[0]!.sandbox.approval.value).toBe('bypassed');
  });

  it('reads the run: lines of a local composite action the same way', () => {
    const report = scanFiles({
      '.github/workflows/agent.yml': yaml`
        on: issues
        jobs:
          triage:
            runs-on: ubuntu-latest
            steps:
              - uses: ./.github/actions/triage
      `,
      '.github/actions/triage/action.yml': yaml`
        name: triage
        runs:
          using: composite
          steps:
            - shell: bash
              run: \${{ github.action_path }}/triage.sh
      `,
      '.github/actions/triage/triage.sh': AGENT_SH,
    });
    expect(report.deployments.map((d) => `${d.name}:${d.agent}`)).toEqual(['triage:claude-code']);
    expect(byRule(report.findings, 'approval-bypassed').map(at)).toEqual([
      '.github/actions/triage/triage.sh:4:20-4:50',
    ]);
  });

  it('names the composite action on the way to what its steps could not follow', () => {
    const report = scanRepo(
      {
        '.github/workflows/agent.yml': yaml`
          on: issues
          jobs:
            triage:
              runs-on: ubuntu-latest
              steps:
                - uses: anthropics/claude-code-action@v1
                - name: Lint
                  uses: ./.github/actions/lint
        `,
        '.github/actions/lint/action.yml': yaml`
          runs:
            using: composite
            steps:
              - shell: bash
                run: ./scripts/gone.sh
        `,
      },
      defaultPolicy(),
    );
    const [miss] = byRule(report.findings, 'run-not-followed');
    expect(miss && at(miss)).toBe('.github/actions/lint/action.yml:5:12-5:29');
    expect(miss!.message).toContain(
      'step "Lint" → .github/actions/lint/action.yml: step 1 (`./scripts/gone.sh`) → ./scripts/gone.sh',
    );
  });

  it('reports what it could not follow in an agent job, at the command, with how it was reached', () => {
    const workflow = yaml`
      on: pull_request
      jobs:
        agent:
          runs-on: ubuntu-latest
          steps:
            - uses: anthropics/claude-code-action@v1
            - run: ./scripts/generated.sh
            - run: make -C tools missing-target
            - run: bash "$TOOLS_DIR/run.sh"
            - run: ./ci/wrap.sh
    `;
    const report = scanFiles({
      '.github/workflows/agent.yml': workflow,
      'tools/Makefile': 'all:\n\techo hi\n',
      'ci/wrap.sh': 'npm run agent\n',
    });
    const misses = byRule(report.findings, 'run-not-followed');
    expect(misses.map((f) => `${at(f)} ${f.severity}`)).toEqual([
      '.github/workflows/agent.yml:7:14-7:36 warning',
      '.github/workflows/agent.yml:8:14-8:42 warning',
      '.github/workflows/agent.yml:9:14-9:38 warning',
      'ci/wrap.sh:1:1-1:14 warning',
    ]);
    expect(misses[0]!.message).toContain('`./scripts/generated.sh` is not in the repository');
    expect(misses[1]!.message).toContain('tools/Makefile has no target `missing-target`');
    expect(misses[2]!.message).toContain('is not known before the run');
    expect(misses[3]!.message).toContain('step 5 (`./ci/wrap.sh`) → ./ci/wrap.sh → npm run agent is not followed');
    expect(misses[3]!.message).toContain('needs package.json, which is not in the repository');
  });

  it('reports the depth bound at the call it did not follow, and judges everything above it', () => {
    const repo: Record<string, string> = {
      '.github/workflows/agent.yml': job('./ci/s0.sh'),
      'ci/s10.sh': AGENT_SH,
    };
    for (let i = 0; i < 10; i++) repo[`ci/s${i}.sh`] = `echo ${i}\n./ci/s${i + 1}.sh\n`;
    const report = scanRepo(repo, defaultPolicy());
    const misses = byRule(report.findings, 'run-not-followed');
    expect(misses.map(at)).toEqual(['ci/s7.sh:2:1-2:11']);
    expect(misses[0]!.message).toContain('more than 8 scripts deep');
    expect(misses[0]!.message).toContain('step "Run agent" → ./ci/s0.sh → ./ci/s1.sh');
  });

  it('a step handed a model key that runs a script that cannot be read may be the agent', () => {
    const keyed = yaml`
      on: issues
      jobs:
        triage:
          runs-on: ubuntu-latest
          steps:
            - name: Triage
              run: ./ci/generated.sh
              env:
                OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}
    `;
    const report = scanRepo({ '.github/workflows/triage.yml': keyed }, defaultPolicy());
    expect(report.deployments.map((d) => `${d.name}:${d.agent}`)).toEqual(['triage:unknown']);
    expect(report.deployments[0]!.signals[0]).toContain('runs `./ci/generated.sh`, which was not read, with model key');
    expect(byRule(report.findings, 'run-not-followed').map(at)).toEqual(['.github/workflows/triage.yml:7:14-7:31']);
    // Without a model key, a build step running a generated script is no agent deployment.
    const plain = keyed.replace(/\n\s+env:\n.*\n?$/, '\n');
    expect(scanRepo({ '.github/workflows/triage.yml': plain }, defaultPolicy()).deployments).toEqual([]);
    // A committed script that reads nothing but curl is no agent either.
    const read = scanRepo(
      { '.github/workflows/triage.yml': keyed, 'ci/generated.sh': 'curl -s https://api.openai.com/v1/x\n' },
      defaultPolicy(),
    );
    expect(read.deployments).toEqual([]);
  });

  it('untrusted event text handed to the script through env reaches the agent there', () => {
    const workflow = yaml`
      on: issues
      jobs:
        triage:
          runs-on: ubuntu-latest
          steps:
            - run: ./ci/triage.sh
              env:
                BODY: \${{ github.event.issue.body }}
    `;
    const report = scanRepo(
      { '.github/workflows/triage.yml': workflow, 'ci/triage.sh': 'claude -p "Triage: $BODY" --allowedTools Read\n' },
      defaultPolicy(),
    );
    const injected = byRule(report.findings, 'prompt-injection');
    expect(injected.map(at)).toEqual(['.github/workflows/triage.yml:8:17-8:47']);
    expect(injected[0]!.message).toContain('$BODY');
  });

  it('a call guarded by a test that the file exists does not run when the file is absent', () => {
    const run =
      '|\n            [ -x ./ci/hook.sh ] && ./ci/hook.sh\n            for s in .devcontainer/a.sh .devcontainer/b.sh; do\n              if [[ -x "$s" ]]; then "$s"; fi\n            done\n            ./ci/agent.sh';
    const report = scanRepo({ '.github/workflows/agent.yml': job(run), 'ci/agent.sh': AGENT_SH }, defaultPolicy());
    expect(report.deployments.map((d) => d.agent)).toEqual(['claude-code']);
    expect(byRule(report.findings, 'run-not-followed')).toEqual([]);
    // Unguarded, the same calls are reported.
    const bare = scanRepo(
      { '.github/workflows/agent.yml': job('./ci/hook.sh && ./ci/agent.sh'), 'ci/agent.sh': AGENT_SH },
      defaultPolicy(),
    );
    expect(byRule(bare.findings, 'run-not-followed').map(at)).toEqual(['.github/workflows/agent.yml:10:14-10:26']);
  });

  it('what was not followed is an error under strict', () => {
    const repo = { '.github/workflows/agent.yml': job('./ci/agent.sh && ./ci/generated.sh'), 'ci/agent.sh': AGENT_SH };
    const severities = (policy: ResolvedPolicy) =>
      byRule(scanRepo(repo, policy).findings, 'run-not-followed').map((f) => f.severity);
    expect(severities(loadPreset('recommended'))).toEqual(['warning']);
    expect(severities(loadPreset('strict'))).toEqual(['error']);
  });

  it('reads a script with side effects and never runs it', () => {
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'asg-follow-')), 'ran');
    try {
      const script = `#!/bin/sh\ntouch ${marker}\necho ran > ${marker}\nclaude -p x --dangerously-skip-permissions\n`;
      const report = scanFiles({
        '.github/workflows/agent.yml': job('./ci/agent.sh && npm run side && make side'),
        'ci/agent.sh': script,
        'package.json': JSON.stringify({ scripts: { side: `touch ${marker}` } }),
        Makefile: `side:\n\ttouch ${marker}\n`,
      });
      expect(report.deployments[0]!.agent).toBe('claude-code');
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(path.dirname(marker), { recursive: true, force: true });
    }
  });

  it('reads a script shared by many jobs once per scan', () => {
    const jobs = Array.from(
      { length: 30 },
      (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./ci/agent.sh\n`,
    ).join('');
    const reads: string[] = [];
    const files: Record<string, string> = {
      '.github/workflows/agent.yml': `on: push\njobs:\n${jobs}`,
      'ci/agent.sh': AGENT_SH,
    };
    const deployments = extract(files, '.github/workflows/agent.yml', {}, (file) => reads.push(file));
    expect(deployments).toHaveLength(30);
    expect(reads.filter((f) => f === 'ci/agent.sh')).toEqual(['ci/agent.sh']);
  });
});

describe('scope and sparse checkout', () => {
  it('a change to only the script a workflow runs is judged through that workflow (scope: changed)', () => {
    const repo: Record<string, string> = {
      '.github/workflows/agent.yml': job('./ci/agent.sh'),
      'ci/agent.sh': AGENT_SH,
      'src/index.ts': 'export {};\n',
    };
    const changed = (file: string) => scanRepo(repo, defaultPolicy(), new Set([file]));
    expect(byRule(changed('ci/agent.sh').findings, 'approval-bypassed').map(at)).toEqual(['ci/agent.sh:4:20-4:50']);
    expect(changed('src/index.ts').findings).toEqual([]);
  });

  it('a changed script, package.json or Makefile feeds workflow jobs', () => {
    const feeds = (file: string, text: string) => workflowsAdapter.feeds!(file, text);
    expect(feeds('ci/agent.sh', AGENT_SH)).toEqual(['workflow-job']);
    expect(feeds('ci/agent', '#!/bin/bash\nclaude -p x\n')).toEqual(['workflow-job']);
    expect(feeds('tools/package.json', '{}')).toEqual(['workflow-job']);
    expect(feeds('Makefile', 'all:\n')).toEqual(['workflow-job']);
    expect(feeds('src/index.ts', 'export {}')).toEqual([]);
    // A Python or Node script feeds them only when it launches something.
    expect(feeds('ci/agent.py', 'import subprocess\nsubprocess.run(["claude", "-p", "x"])\n')).toEqual([
      'workflow-job',
    ]);
    expect(feeds('scripts/review.mjs', "execSync('codex exec x')")).toEqual(['workflow-job']);
    expect(feeds('src/util.py', 'def f():\n    return 1\n')).toEqual([]);
    expect(feeds('README.md', '# hi')).toEqual([]);
  });

  it('paths cover the files a step may follow', () => {
    const paths = workflowsAdapter.paths!;
    for (const pattern of ['*.sh', '*.bash', 'package.json', 'Makefile', 'makefile', 'GNUmakefile', '*.mk'])
      expect(paths).toContain(pattern);
  });
});
