/**
 * cli/main: every user mistake exits 2 with one line that names what is wrong and what to do, never
 * "internal error" and never a stack; `COMMAND --help` works for every command.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_DEFS } from '../../src/cli/definitions.js';
import { main } from '../../src/cli/main.js';
import { writeRepo } from '../helpers/temp-repo.js';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const UNSAFE_MCP = `{
  "mcpServers": {
    "browser": { "command": "npx", "args": ["-y", "@playwright/mcp@latest"] }
  }
}
`;

/** Exit 2, nothing on stdout, exactly one line on stderr that matches `message`, no stack. */
function expectOneLineMistake(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^agent-sandbox-guard: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('user mistakes', () => {
  it('a missing directory names the path', async () => {
    const root = writeRepo({});
    expectOneLineMistake(await run(['scan', 'no-such-dir'], root), /no-such-dir: no such file or directory$/);
  });

  it('--output into a missing folder names the folder and writes nothing, before scanning', async () => {
    const root = writeRepo({ '.mcp.json': UNSAFE_MCP });
    const result = await run(['scan', '.', '--output', 'out/report.json'], root);
    expectOneLineMistake(result, /--output out\/report\.json: the folder .*out does not exist; create it first$/);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
    mkdirSync(path.join(root, 'folder'));
    expectOneLineMistake(await run(['scan', '.', '--output', 'folder'], root), /is a folder; name a file/);
  });

  it('init FILE says init takes the repository folder', async () => {
    const root = writeRepo({ 'README.md': '# hi\n' });
    expectOneLineMistake(
      await run(['init', 'README.md'], root),
      /README\.md is a file; init takes the repository's folder/,
    );
    expectOneLineMistake(await run(['init', 'missing'], root), /missing: no such directory/);
  });

  it('unknown options and missing values point to the command help', async () => {
    const root = writeRepo({});
    expectOneLineMistake(
      await run(['scan', '--nope'], root),
      /scan: unknown option --nope; run `agent-sandbox-guard scan --help`/,
    );
    expectOneLineMistake(await run(['scan', '--format'], root), /scan: --format needs a value/);
    expectOneLineMistake(await run(['init', '--force=yes'], root), /init: --force takes no value/);
    expectOneLineMistake(await run(['sacn'], root), /unknown command "sacn" \(did you mean "scan"\?\)/);
  });

  it('explain without a rule points to explain --list; an unknown rule gets a real suggestion', async () => {
    const root = writeRepo({});
    expectOneLineMistake(await run(['explain'], root), /explain --list/);
    expectOneLineMistake(await run(['explain', 'sandbox-requird'], root), /did you mean `sandbox-required`/);
  });
});

describe('scan FILE', () => {
  it('judges the file within its repository and reports only that file', async () => {
    const root = writeRepo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'tools/.mcp.json': UNSAFE_MCP,
      '.claude/settings.json': '{ "permissions": { "defaultMode": "bypassPermissions" } }\n',
    });
    const result = await run(['scan', 'tools/.mcp.json', '--format', 'json'], root);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.deployments.map((d: { file: string; name: string }) => `${d.file}#${d.name}`)).toEqual([
      'tools/.mcp.json#browser',
    ]);
    expect(new Set(report.findings.map((f: { file: string }) => f.file))).toEqual(new Set(['tools/.mcp.json']));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('sandbox-required');

    const text = await run(['scan', path.join(root, 'tools/.mcp.json')], '/');
    expect(text.stdout).toContain('in tools/.mcp.json fails the sandbox policy');
  });

  it('without .git, takes the folder above the dot-folder as the repository', async () => {
    const root = writeRepo({
      '.github/workflows/agent.yml':
        'on: issues\njobs:\n  fix:\n    runs-on: ubuntu-latest\n    steps:\n      - run: claude -p "fix" --dangerously-skip-permissions\n',
    });
    const result = await run(['scan', '.github/workflows/agent.yml', '--format', 'json'], root);
    const report = JSON.parse(result.stdout);
    expect(report.deployments.map((d: { file: string }) => d.file)).toEqual(['.github/workflows/agent.yml']);
    expect(result.code).toBe(1);
  });

  it('notes on stderr when the file holds nothing it recognises, and passes', async () => {
    const root = writeRepo({ '.git/HEAD': 'ref: refs/heads/main\n', 'README.md': '# hello\n' });
    const result = await run(['scan', 'README.md'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^agent-sandbox-guard: note: README\.md holds no agent deployment this tool recognises/,
    );
    expect(result.stdout).toContain('No agent deployments in README.md');
  });

  it('says why not when the policy leaves the file out', async () => {
    const root = writeRepo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/agent-sandbox.yml': 'exclude: ["vendor/**"]\n',
      'vendor/.mcp.json': UNSAFE_MCP,
    });
    expectOneLineMistake(
      await run(['scan', 'vendor/.mcp.json'], root),
      /vendor\/\.mcp\.json: the policy \(\.github\/agent-sandbox\.yml\) leaves vendor\/\.mcp\.json out through its include\/exclude globs/,
    );
  });
});

describe('--help', () => {
  for (const def of COMMAND_DEFS) {
    it(`${def.name} --help prints its usage and every option, exit 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const result = await run([def.name, flag], writeRepo({}));
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(new RegExp(`^Usage: agent-sandbox-guard ${def.name}\\b`));
        for (const option of def.options) expect(result.stdout).toContain(`--${option.name}`);
      }
      expect((await run(['help', def.name], writeRepo({}))).stdout).toMatch(/^Usage: /);
    });
  }

  it('the README lists every user command and option from the same definitions', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    for (const def of COMMAND_DEFS.filter((c) => !c.hidden)) {
      expect(readme).toContain(`### \`agent-sandbox-guard ${def.name}`);
      for (const option of def.options) expect(readme).toContain(`\`--${option.name}`);
    }
  });
});
