import { describe, expect, it } from 'vitest';
import { envReadsIn } from '../../../src/adapters/workflows/code-literals.js';
import { importedModules } from '../../../src/adapters/workflows/script-imports.js';
import { launchesIn } from '../../../src/adapters/workflows/script-literals.js';

/** The words of each SDK launch in `code`, unknown values as `?`. */
const sdk = (code: string, language: 'python' | 'javascript'): string[][] =>
  launchesIn(code, language)
    .filter((l) => l.call.endsWith("(the agent's SDK)"))
    .map((l) => l.words.map((w) => (w.unknown ? '?' : w.value)));

describe('agents run through their SDK are the command line the SDK starts', () => {
  it.each([
    [
      'Python keyword arguments',
      'from claude_agent_sdk import query, ClaudeAgentOptions\nopts = ClaudeAgentOptions(permission_mode="bypassPermissions", max_turns=5)',
      'python',
      [['claude', '--print', '--permission-mode', 'bypassPermissions', '--max-turns', '5']],
    ],
    [
      'a dict of options and the earlier module name',
      'import claude_code_sdk\nopts = {"permission_mode": "acceptEdits", "allowed_tools": ["Read", "Write"]}',
      'python',
      [['claude', '--print', '--permission-mode', 'acceptEdits', '--allowedTools', 'Read,Write']],
    ],
    [
      'TypeScript options and a switch',
      "import { query } from '@anthropic-ai/claude-agent-sdk';\nquery({ prompt, options: { permissionMode: 'bypassPermissions', allowDangerouslySkipPermissions: true } });",
      'javascript',
      [['claude', '--print', '--permission-mode', 'bypassPermissions', '--allow-dangerously-skip-permissions']],
    ],
    [
      'a value that is not a literal is unknown',
      "const { query } = require('@anthropic-ai/claude-agent-sdk');\nquery({ options: { permissionMode: mode } });",
      'javascript',
      [['claude', '--print', '--permission-mode', '?']],
    ],
    [
      'the Codex SDK',
      'import { Codex } from "@openai/codex-sdk";\nnew Codex().startThread({ sandboxMode: "workspace-write", approvalPolicy: "never", skipGitRepoCheck: false });',
      'javascript',
      [['codex', 'exec', '--sandbox', 'workspace-write', '-c', 'approval_policy=never']],
    ],
    [
      'scripting aider',
      'from aider.coders import Coder\nfrom aider.io import InputOutput\nio = InputOutput(yes=True)\ncoder = Coder.create(io=io, auto_commits=False)',
      'python',
      [['aider', '--message', 'the task the script runs', '--yes-always', '--no-auto-commits']],
    ],
  ] as const)('%s', (_label, code, language, launches) => {
    expect(sdk(code, language)).toEqual(launches);
  });

  it('is not a comparison, nor an SDK the script does not import', () => {
    expect(sdk('from claude_agent_sdk import query\nif permission_mode == "plan": pass', 'python')).toEqual([
      ['claude', '--print'],
    ]);
    expect(sdk('permission_mode = "bypassPermissions"', 'python')).toEqual([]);
    expect(
      sdk("import x from 'claude-agent-sdk-helpers';\nx({ permissionMode: 'bypassPermissions' })", 'javascript'),
    ).toEqual([]);
  });

  it('points the program at the import and each word at what sets it', () => {
    const code = "from claude_agent_sdk import query\nquery(options={'permission_mode': 'bypassPermissions'})";
    const [launch] = launchesIn(code, 'python');
    const at = (k: number): string => code.slice(launch!.words[k]!.start, launch!.words[k]!.end);
    expect([at(0), at(2), at(3)]).toEqual(['claude_agent_sdk', 'permission_mode', 'bypassPermissions']);
  });
});

describe('the modules a script imports', () => {
  const files: Record<string, string> = {
    'ci/run.py': 'from agents.runner import run\nimport helpers, os\nfrom . import sibling',
    'ci/agents/runner.py': 'from .options import OPTS',
    'ci/agents/options.py': 'OPTS = {}',
    'ci/agents/__init__.py': '',
    'src/helpers.py': 'import os',
    'ci/sibling.py': '',
    'ci/__init__.py': '',
    'scripts/fix.mjs': "import { go } from './lib/agent.js';\nconst x = require('../tools/x');",
    'scripts/lib/agent.ts': "export { go } from './inner';",
    'scripts/lib/inner.ts': '',
    'tools/x.js': '',
  };
  const read = (path: string): string | null => files[path] ?? null;

  it('follows Python imports from the folder, the root and src, relative ones too', () => {
    const found = importedModules('ci/run.py', files['ci/run.py']!, 'python', read).map((m) => m.file);
    expect(found).toEqual(['ci/agents/runner.py', 'src/helpers.py', 'ci/__init__.py', 'ci/agents/options.py']);
  });

  it('follows relative JavaScript imports, a .js import of a .ts file included', () => {
    const found = importedModules('scripts/fix.mjs', files['scripts/fix.mjs']!, 'javascript', read).map((m) => m.file);
    expect(found).toEqual(['scripts/lib/agent.ts', 'tools/x.js', 'scripts/lib/inner.ts']);
  });

  it('is bounded: a cycle is read once', () => {
    const cyclic = (path: string) => ({ 'a.py': 'import b', 'b.py': 'import a' })[path] ?? null;
    expect(importedModules('a.py', 'import b', 'python', cyclic).map((m) => m.file)).toEqual(['b.py']);
  });
});

describe('environment variables code reads', () => {
  it('by literal names only', () => {
    expect(
      envReadsIn('os.environ.get("A")\nos.environ["B"]\nos.getenv(\'C\')\nos.environ.get(name)', 'python'),
    ).toEqual(['A', 'B', 'C']);
    expect(envReadsIn('process.env.A; process.env["B"]; Deno.env.get("C"); process.env[name]', 'javascript')).toEqual([
      'A',
      'B',
      'C',
    ]);
  });
});

describe('a launch whose argv is a list named earlier', () => {
  const argv = (code: string, language: 'python' | 'javascript'): string[][] =>
    launchesIn(code, language).map((l) => l.words.map((w) => (w.unknown ? '?' : w.value)));

  it('takes the last list literal the name was given before the call', () => {
    const py =
      "cmd = ['echo']\ncmd = [\n    'claude',\n    '--output-format', 'json',\n    '--model', MODEL,\n]\nsubprocess.run(\n    cmd,\n    input=prompt,\n)";
    expect(argv(py, 'python')).toEqual([['claude', '--output-format', 'json', '--model', '?']]);
    const js = "const args = ['codex', 'exec', '--yolo'];\nBun.spawn(args, { stdout: 'inherit' });";
    expect(argv(js, 'javascript')).toEqual([['codex', 'exec', '--yolo']]);
  });

  it('reads no list assigned only after the call, or a name never given one', () => {
    expect(argv("subprocess.run(cmd)\ncmd = ['claude', '-p']", 'python')).toEqual([]);
    expect(argv('subprocess.run(build_command())', 'python')).toEqual([]);
  });
});
