/** `agent-sandbox-guard explain RULE`: rationale, examples, options and preset settings in the terminal. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { repo } from '../policy/_helpers.js';

async function run(args: string[], cwd = repo({})) {
  let stdout = '';
  let stderr = '';
  const code = await main(['explain', ...args], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('agent-sandbox-guard explain', () => {
  it('prints a built-in rule with its options, defaults and preset settings', async () => {
    const { code, stdout } = await run(['sandbox-required']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('sandbox-required: The agent has no sandbox of the required strength');
    expect(stdout).toContain('Default severity: error    Applies to: every deployment kind    Security severity: 7.5');
    expect(stdout).toContain('Presets: recommended error (minimum: process); strict error (minimum: container)');
    expect(stdout).toContain('  minimum: one of none, process, container, gvisor, microvm, vm (default "process")');
    expect(stdout).toContain('Reported:\n    ```yaml\n    jobs:');
    expect(stdout).toContain(
      'More: https://github.com/agent-sandbox-guard/agent-sandbox-guard/blob/main/docs/rules/sandbox-required.md',
    );
  });

  it("prints the scanner's own rules too", async () => {
    const { code, stdout } = await run(['suppression-expired']);
    expect(code).toBe(0);
    expect(stdout).toContain('Applies to: files and suppressions (scanner rule)');
    expect(stdout).toContain('Options:\n  none');
  });

  it('finds custom rules in the repository policy, or the one given with --policy', async () => {
    const policy =
      'custom-rules:\n  - id: claude-in-vm\n    message: Claude pods need a VM\n    help: Use runtimeClassName kata.\n    select: { kind: k8s-workload }\n    require: { fact: isolation, in: [microvm, vm] }\n';
    const cwd = repo({
      '.github/agent-sandbox.yml': policy,
      'other.yml': policy.replace('claude-in-vm', 'other-rule'),
    });
    const found = await run(['claude-in-vm'], cwd);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('Custom rule from .github/agent-sandbox.yml:2    Severity: error');
    expect(found.stdout).toContain('Use runtimeClassName kata.');
    expect(found.stdout).toContain('    fact: isolation\n    in:\n      - microvm');
    expect((await run(['other-rule', '--policy', 'other.yml'], cwd)).code).toBe(0);
  });

  it('exits 2 for unknown rules (with a suggestion), missing arguments and an invalid policy', async () => {
    const unknown = await run(['sandbox-requird']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule `sandbox-requird` (did you mean `sandbox-required`?)');
    expect((await run([])).code).toBe(2);
    expect((await run(['a', 'b'])).code).toBe(2);
    expect((await run(['x', '--nope'])).code).toBe(2);
    const invalid = await run(['my-rule'], repo({ '.github/agent-sandbox.yml': 'fail-on: sometimes\n' }));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('.github/agent-sandbox.yml:1:1: `fail-on`');
  });
});
