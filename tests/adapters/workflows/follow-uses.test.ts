/** What `uses:` runs inside the repository: nested local actions, `$/`, Docker actions, reusable workflows, scripts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDockerfile } from '../../../src/adapters/workflows/dockerfile.js';
import { substituteText } from '../../../src/adapters/workflows/inputs.js';
import { localTarget } from '../../../src/adapters/workflows/local-refs.js';
import { inlineCode, launchesIn } from '../../../src/adapters/workflows/script-literals.js';
import { readShell } from '../../../src/shell/index.js';
import { scanDirectory } from '../../../src/engine/index.js';
import { loadPolicy } from '../../../src/policy/load.js';
import { listFiles } from '../../helpers/golden.js';
import { extract, scanFiles, yaml } from './helpers.js';

const WF = '.github/workflows/agent.yml';
const job = (steps: string): string =>
  `on: workflow_dispatch\npermissions:\n  contents: read\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`;
const composite = (steps: string): string => `runs:\n  using: composite\n  steps:\n${steps}\n`;
const agentStep = '    - shell: bash\n      run: claude -p "go" --dangerously-skip-permissions\n';
const summary = (report: ReturnType<typeof scanFiles>) =>
  report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column}`);

describe('local references', () => {
  it('reads ./ and the self-repository form $/ (with or without ./ after it) as repository paths', () => {
    expect(localTarget('./.github/actions/x')).toBe('.github/actions/x');
    expect(localTarget('$/.github/actions/x')).toBe('.github/actions/x');
    expect(localTarget('$/./actions/foo/')).toBe('actions/foo');
    expect(localTarget('./a/../b')).toBe('b');
    expect(localTarget('./../other')).toBeNull();
    expect(localTarget('actions/checkout@v5')).toBeNull();
    expect(localTarget('docker://alpine')).toBeNull();
  });
});

describe('nested local composite actions', () => {
  it('follows an action that uses another, and stops at a cycle without losing the agent', () => {
    const deployments = extract({
      [WF]: job('      - uses: $/.github/actions/a'),
      '.github/actions/a/action.yml': composite(`    - uses: ./.github/actions/b\n${agentStep}`),
      '.github/actions/b/action.yml': composite('    - uses: ./.github/actions/a\n'),
    });
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.sandbox.approval.value).toBe('bypassed');
    expect(deployments[0]!.sandbox.approval.source?.file).toBe('.github/actions/a/action.yml');
    expect(deployments[0]!.signals[0]).toContain(
      '(in .github/actions/a/action.yml, used by step 1 ($/.github/actions/a))',
    );
  });

  it("reports nesting past GitHub's limit at the reference it stopped at, and does not read further", () => {
    const files: Record<string, string> = { [WF]: job('      - uses: ./acts/a0') };
    for (let i = 0; i < 11; i++) files[`acts/a${i}/action.yml`] = composite(`    - uses: ./acts/a${i + 1}\n`);
    files['acts/a11/action.yml'] = composite(agentStep);
    const report = scanFiles(files);
    expect(report.deployments).toHaveLength(0);
    const found = report.findings.filter((f) => f.ruleId === 'not-evaluated');
    expect(found.map((f) => `${f.file}:${f.line}`)).toEqual(['acts/a8/action.yml:4']);
    expect(found[0]!.message).toContain('deeper than 9 levels');
  });

  it('bounds how many local actions one job reads when nesting fans out, and says so', () => {
    const files: Record<string, string> = { [WF]: job('      - uses: ./f/a') };
    const tenUses = (next: string) => composite(`    - uses: ./f/${next}\n`.repeat(10));
    files['f/a/action.yml'] = tenUses('b');
    files['f/b/action.yml'] = tenUses('c');
    files['f/c/action.yml'] = tenUses('d');
    files['f/d/action.yml'] = composite(agentStep);
    const report = scanFiles(files);
    const bound = report.findings.filter((f) => f.ruleId === 'not-evaluated');
    expect(bound).toHaveLength(1);
    expect(bound[0]!.message).toContain('more than 500 uses');
    expect(report.deployments).toHaveLength(1); // what was read before the bound still counts
  });

  it('carries the calling step’s inputs in, and points a flag at the caller’s value', () => {
    const report = scanFiles({
      [WF]: job('      - uses: ./act\n        with:\n          extra: --yolo'),
      'act/action.yml': `inputs:\n  extra:\n    default: ''\n${composite('    - shell: bash\n      run: gemini -p "go" ${{ inputs.extra }}\n')}`,
    });
    expect(summary(report).filter((f) => f.startsWith('approval-bypassed'))).toEqual([
      `approval-bypassed error ${WF}:10:18`,
    ]);
  });

  it('a missing local action is a warning under recommended and an error under strict', () => {
    const files = { [WF]: job('      - uses: ./.github/actions/gone') };
    expect(summary(scanFiles(files))).toEqual([`not-evaluated warning ${WF}:8:9`]);
    const root = mkdtempSync(path.join(os.tmpdir(), 'asg-follow-'));
    roots.push(root);
    for (const [file, text] of Object.entries({ ...files, '.github/agent-sandbox.yml': 'extends: strict\n' })) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const policy = loadPolicy({ root });
    const report = scanDirectory({ root, policy, listing: listFiles(root) }).report;
    expect(summary(report)).toEqual([`not-evaluated error ${WF}:8:9`]);
  });
});

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('Docker actions', () => {
  it('reads exec and shell forms, continuation lines, the last stage and COPY destinations', () => {
    const file = readDockerfile(
      'FROM a AS build\nENTRYPOINT ["x"]\nFROM node:22\n# comment\nCOPY run.sh /usr/bin/\nCMD ["--help"]\nENTRYPOINT claude \\\n  -p "$1"\n',
    );
    expect(file.from?.value).toBe('node:22');
    expect(file.cmd).toBeNull(); // ENTRYPOINT after CMD resets it
    expect(file.entrypoint).toMatchObject({ form: 'shell', text: { value: 'claude   -p "$1"' } });
    expect(file.copies.get('/usr/bin/run.sh')).toBe('run.sh');
    const exec = readDockerfile('FROM x\nENTRYPOINT ["codex", "exec", \\\n  "--full-auto"]\n');
    expect(exec.entrypoint).toMatchObject({
      form: 'exec',
      words: [{ value: 'codex' }, { value: 'exec' }, { value: '--full-auto' }],
    });
    const words = exec.entrypoint!.form === 'exec' ? exec.entrypoint!.words : [];
    expect('FROM x\nENTRYPOINT ["codex", "exec", \\\n  "--full-auto"]\n'.slice(words[2]!.start, words[2]!.end)).toBe(
      '--full-auto',
    );
  });

  it('runs.entrypoint replaces the Dockerfile ENTRYPOINT and drops its CMD; runs.args are argv words', () => {
    const deployments = extract({
      [WF]: job('      - uses: ./tool'),
      'tool/action.yml':
        'runs:\n  using: docker\n  image: Dockerfile\n  entrypoint: codex\n  args: [exec, --dangerously-bypass-approvals-and-sandbox, "fix it"]\n',
      'tool/Dockerfile': 'FROM node:22\nENTRYPOINT ["node"]\nCMD ["server.js"]\n',
    });
    expect(deployments.map((d) => d.agent)).toEqual(['codex']);
  });

  it('a shell-form ENTRYPOINT ignores args; an image with no agent and no Dockerfile agent is no deployment', () => {
    const report = scanFiles({
      [WF]: job('      - uses: ./tool'),
      'tool/action.yml': 'runs:\n  using: docker\n  image: Dockerfile\n  args: [claude, -p, go]\n',
      'tool/Dockerfile': 'FROM alpine\nENTRYPOINT echo hello\n',
    });
    expect([report.deployments, report.findings]).toEqual([[], []]);
  });

  it('follows a script a launcher is handed, relative to WORKDIR', () => {
    const [d] = extract({
      [WF]: job('      - uses: ./tool'),
      'tool/action.yml': 'runs:\n  using: docker\n  image: Dockerfile\n',
      'tool/Dockerfile':
        'FROM node:22\nWORKDIR /app\nCOPY run-agent.sh .\nENTRYPOINT ["/usr/bin/tini", "--", "./run-agent.sh"]\n',
      'tool/run-agent.sh': '#!/bin/sh\nexec claude -p "$1" --dangerously-skip-permissions\n',
    });
    expect(d?.sandbox.approval).toMatchObject({ value: 'bypassed', source: { file: 'tool/run-agent.sh' } });
    expect(d?.sandbox.approval.source?.range).toEqual({ line: 2, column: 21, endLine: 2, endColumn: 51 });
  });

  it('a docker:// step of an agent image is an agent run whose args are the agent’s', () => {
    const [d] = extract({
      [WF]: job(
        '      - uses: docker://paulgauthier/aider:v0.86\n        with:\n          args: --yes-always --message "fix"',
      ),
    });
    expect(d?.agent).toBe('aider');
    expect(d?.signals[0]).toContain('Aider');
  });

  it('a docker:// step of an MCP server image runs no agent', () => {
    expect(extract({ [WF]: job('      - uses: docker://mcp/fetch') })).toEqual([]);
  });
});

describe('reusable workflows', () => {
  const callee = yaml`
    on:
      workflow_call:
        inputs:
          prompt:
            type: string
    jobs:
      run:
        runs-on: ubuntu-latest
        steps:
          - uses: anthropics/claude-code-action@v1
            with:
              prompt: \${{ inputs.prompt }}
  `;
  it('carries an event expression through an input, so the callee’s prompt is judged as the caller’s text', () => {
    const report = scanFiles({
      '.github/workflows/caller.yml': yaml`
        on: issue_comment
        permissions:
          contents: read
        jobs:
          call:
            uses: ./.github/workflows/callee.yml
            with:
              prompt: \${{ github.event.comment.body }}
      `,
      '.github/workflows/callee.yml': callee,
    });
    expect(report.deployments.map((d) => d.id)).toEqual(['workflow-job:.github/workflows/callee.yml#call / run']);
    expect(report.findings.some((f) => f.ruleId === 'prompt-injection')).toBe(true);
  });

  it('a remote reusable workflow with read-only permissions and no inherited secrets is not reported', () => {
    const report = scanFiles({
      [WF]: yaml`
        on: push
        permissions:
          contents: read
        jobs:
          shared:
            uses: org/repo/.github/workflows/x.yml@v1
          inherits:
            uses: org/repo/.github/workflows/x.yml@v1
            secrets: inherit
      `,
    });
    expect(summary(report)).toEqual([`not-evaluated warning ${WF}:8:5`]);
    expect(report.findings[0]!.message).toContain('`secrets: inherit`');
  });
});

describe('literal commands in scripts', () => {
  const shown = (w: { value: string; unknown?: boolean }): string => (w.unknown ? '?' : w.value);

  it('reads JavaScript launches: shell strings, argv lists, @actions/exec; a non-literal item is an unknown word', () => {
    const script = [
      'execSync(\'claude -p "x"\')',
      'cp.spawn("codex", ["exec", task, "--full-auto"])',
      "await exec.exec('gemini', ['--yolo'])",
      'execSync(`aider ${flags}`)',
    ].join('\n');
    expect(launchesIn(script, 'javascript').map((l) => [l.kind, l.call, l.words.map(shown)])).toEqual([
      ['shell', 'execSync', ['claude -p "x"']],
      ['argv', 'spawn', ['codex', 'exec', '?', '--full-auto']],
      ['argv', 'exec', ['gemini', '--yolo']],
    ]);
  });

  it('reads Python launches: subprocess lists and tuples, shell=True strings, os.system', () => {
    const script = [
      'subprocess.run(["claude", "-p", prompt, "--dangerously-skip-permissions"])',
      "subprocess.check_call('codex exec --full-auto', shell=True)",
      'os.system(r"aider --yes-always")',
      'subprocess.Popen(cmd)',
      // A program that is not a literal is not read; a value in its place keeps the flags after it in theirs.
      'subprocess.run([sys.executable, "-m", "pip"])',
      'subprocess.run(["claude", "--model", MODEL, "--yolo"])',
    ].join('\n');
    expect(launchesIn(script, 'python').map((l) => [l.kind, l.words.map(shown)])).toEqual([
      ['argv', ['claude', '-p', '?', '--dangerously-skip-permissions']],
      ['shell', ['codex exec --full-auto']],
      ['shell', ['aider --yes-always']],
      ['argv', ['claude', '--model', '?', '--yolo']],
    ]);
  });

  it('reads Bun and Deno launches', () => {
    const script = [
      "Bun.spawnSync(['claude', '--dangerously-skip-permissions', '-p', 'x'])",
      "new Deno.Command('codex', { cwd: '.', args: ['exec', '--yolo', 'fix'] }).outputSync()",
    ].join('\n');
    expect(launchesIn(script, 'javascript').map((l) => [l.kind, l.call, l.words.map(shown)])).toEqual([
      ['argv', 'spawnSync', ['claude', '--dangerously-skip-permissions', '-p', 'x']],
      ['argv', 'Deno.Command', ['codex', 'exec', '--yolo', 'fix']],
    ]);
  });

  it('takes the code a command hands its interpreter inline, and nothing from a script or module run', () => {
    const code = (script: string): string | undefined => {
      const command = readShell(script).commands[0]!;
      const found = inlineCode(command);
      return found ? `${found.language}:${found.how}:${found.word.value}` : undefined;
    };
    expect(code('python3 -u -W ignore -c "import os"')).toBe('python:-c:import os');
    expect(code("node --eval 'require(1)'")).toBe('javascript:--eval:require(1)');
    expect(code('nodejs -p "1+1"')).toBe('javascript:-p:1+1');
    expect(code("bun -e 'Bun.spawn([1])'")).toBe('javascript:-e:Bun.spawn([1])');
    expect(code("deno eval --quiet 'x()'")).toBe('javascript:eval:x()');
    // The interpreter's own options that take a value come before the code, as before a script.
    expect(code('node --require dotenv/config -e "x()"')).toBe('javascript:-e:x()');
    expect(code('python3 -X utf8 -c "y()"')).toBe('python:-c:y()');
    expect(code('node -c check.js')).toBeUndefined();
    expect(code('python3 -m pip install x -c constraints.txt')).toBeUndefined();
    expect(code('node script.js -e x')).toBeUndefined();
    expect(code('python ci/run.py -c x')).toBeUndefined();
  });
});

describe('inputs', () => {
  it('substitutes whole expressions, and inputs inside larger expressions as literals or the caller’s expression', () => {
    const values = new Map([
      ['mode', 'yolo'],
      ['body', '${{ github.event.issue.body }}'],
    ]);
    expect(substituteText('${{ inputs.mode }}', values)).toBe('yolo');
    expect(substituteText("${{ inputs.MODE == 'yolo' && '--yolo' || '' }}", values)).toBe(
      "${{ 'yolo' == 'yolo' && '--yolo' || '' }}",
    );
    expect(substituteText('${{ inputs.body }}', values)).toBe('${{ github.event.issue.body }}');
    expect(substituteText('${{ format(inputs.body) }}', values)).toBe('${{ format((github.event.issue.body)) }}');
    expect(substituteText('${{ inputs.other }}', values)).toBe('${{ inputs.other }}');
  });
});

describe('scope: changed covers the files a job runs through', () => {
  const files = {
    [WF]: job('      - uses: ./.github/actions/outer'),
    '.github/actions/outer/action.yml': composite('    - uses: ./.github/actions/inner\n'),
    '.github/actions/inner/action.yml': composite('    - shell: bash\n      run: claude -p "go"\n'),
    'README.md': 'unrelated\n',
  };
  const scanScoped = (changed: string[], scopeOnly: boolean) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'asg-scope-'));
    roots.push(root);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const policy = loadPolicy({ root });
    return scanDirectory({ root, policy, listing: listFiles(root), scope: new Set(changed), scopeOnly }).report;
  };
  it.each([false, true])('a change to a nested action fails the job that uses it (scopeOnly %s)', (scopeOnly) => {
    const report = scanScoped(['.github/actions/inner/action.yml'], scopeOnly);
    expect(report.deployments.map((d) => d.id)).toEqual([`workflow-job:${WF}#agent`]);
    expect(report.result).toBe('fail');
  });
  it('a change elsewhere leaves the job out', () => {
    expect(scanScoped(['README.md'], false).result).toBe('pass');
  });
});
