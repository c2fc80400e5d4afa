import { describe, expect, it } from 'vitest';
import { CLAUDE_TOOLS } from '../../../src/agents/claude-code-tools.js';
import { GEMINI_TOOLS } from '../../../src/agents/gemini-cli-flags.js';
import { noExecTools } from '../../../src/agents/tool-lists.js';
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
    expect(noExecTools(['Read', 'Grep', 'Edit'], CLAUDE_TOOLS, 'allow')).toBe(true);
    expect(noExecTools(['Read', 'Bash(git diff:*)'], CLAUDE_TOOLS, 'allow')).toBe(false);
    expect(noExecTools(['Read', 'WebSearch'], CLAUDE_TOOLS, 'allow')).toBe(false);
    expect(noExecTools(['Read', 'mcp__github__create_issue'], CLAUDE_TOOLS, 'allow')).toBe(false);
    expect(noExecTools(['read_file', 'glob'], GEMINI_TOOLS, 'allow')).toBe(true);
    expect(noExecTools(['read_file', 'run_shell_command(git)'], GEMINI_TOOLS, 'allow')).toBe(false);
  });

  it('a denylist must remove every shell and web tool whole', () => {
    expect(noExecTools(['Bash', 'WebFetch', 'WebSearch'], CLAUDE_TOOLS, 'deny')).toBe(true);
    expect(noExecTools(['Bash(*)', 'WebFetch', 'WebSearch', 'Edit'], CLAUDE_TOOLS, 'deny')).toBe(true);
    expect(noExecTools(['Bash(rm:*)', 'WebFetch', 'WebSearch'], CLAUDE_TOOLS, 'deny')).toBe(false);
    expect(noExecTools(['Bash', 'WebFetch'], CLAUDE_TOOLS, 'deny')).toBe(false);
  });
});
