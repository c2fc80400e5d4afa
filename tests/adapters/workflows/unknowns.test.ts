import { describe, expect, it } from 'vitest';
import { noExecTools } from '../../../src/adapters/workflows/tools.js';
import { masked, weakeningSpans } from '../../../src/adapters/workflows/unknowns.js';
import { parseArgs, splitArgs } from '../../../src/adapters/workflows/shell.js';
import { mainProgram } from '../../../src/agents/index.js';

describe('weakeningSpans', () => {
  const spans = (value: string, agent = 'claude-code') =>
    weakeningSpans(agent, value, parseArgs(splitArgs(masked(value)), mainProgram(agent)!.args)).map((s) => s.raw);

  it('counts an unknown word at a flag position and as a sandbox flag value, not as --model or --max-turns', () => {
    expect(spans('--model ${{ vars.M }} --max-turns ${{ vars.T }}')).toEqual([]);
    expect(spans('${{ vars.FLAGS }}')).toEqual(['${{ vars.FLAGS }}']);
    expect(spans('--max-turns 3 "${{ secrets.EXTRA }}"')).toEqual(['${{ secrets.EXTRA }}']);
    expect(spans('--permission-mode ${{ vars.MODE }} --model ${{ vars.M }}')).toEqual(['${{ vars.MODE }}']);
    expect(spans('--allowedTools ${{ vars.TOOLS }}')).toEqual(['${{ vars.TOOLS }}']);
  });

  it('reads a codex value the same way', () => {
    expect(spans('--sandbox ${{ vars.S }} --model ${{ vars.M }}', 'codex')).toEqual(['${{ vars.S }}']);
  });
});

describe('noExecTools', () => {
  it('an allowlist without shell, web or MCP tools runs nothing', () => {
    expect(noExecTools(['Read', 'Grep', 'Edit'], 'claude', 'allow')).toBe(true);
    expect(noExecTools(['Read', 'Bash(git diff:*)'], 'claude', 'allow')).toBe(false);
    expect(noExecTools(['Read', 'WebSearch'], 'claude', 'allow')).toBe(false);
    expect(noExecTools(['Read', 'mcp__github__create_issue'], 'claude', 'allow')).toBe(false);
    expect(noExecTools(['read_file', 'glob'], 'gemini', 'allow')).toBe(true);
    expect(noExecTools(['read_file', 'run_shell_command(git)'], 'gemini', 'allow')).toBe(false);
  });

  it('a denylist must remove every shell and web tool whole', () => {
    expect(noExecTools(['Bash', 'WebFetch', 'WebSearch'], 'claude', 'deny')).toBe(true);
    expect(noExecTools(['Bash(*)', 'WebFetch', 'WebSearch', 'Edit'], 'claude', 'deny')).toBe(true);
    expect(noExecTools(['Bash(rm:*)', 'WebFetch', 'WebSearch'], 'claude', 'deny')).toBe(false);
    expect(noExecTools(['Bash', 'WebFetch'], 'claude', 'deny')).toBe(false);
  });
});
