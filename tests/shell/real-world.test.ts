/**
 * Shapes of run: blocks and scripts seen in public repositories (written here as our own fixtures):
 * each must yield the agent command with its flags at their exact place.
 */
import { describe, expect, it } from 'vitest';
import { readShell, type ShellCommand } from '../../src/shell/index.js';

function agent(script: string, name: string): ShellCommand {
  const command = readShell(script).commands.find((c) => c.name === name);
  if (!command) throw new Error(`no ${name}`);
  return command;
}
const at = (script: string, word: { start: number; end: number }): string => script.slice(word.start, word.end);

describe('real-world shapes', () => {
  it('prompt files grouped and piped into gemini', () => {
    const script = [
      'echo "Issue #${ISSUE_NUMBER}: $ISSUE_TITLE"',
      'PLAN=$( {',
      '  cat .github/context/strategy.md',
      '  cat issue.md',
      '} | gemini --yolo -m "gemini-2.5-flash")',
      '{',
      '  cat .github/context/drafting.md',
      '  cat issue.md',
      '} | gemini --yolo -m "gemini-2.5-flash"',
    ].join('\n');
    const geminis = readShell(script).commands.filter((c) => c.name === 'gemini');
    expect(geminis).toHaveLength(2);
    expect(geminis[0]!.context).toContain('substitution');
    expect(at(script, geminis[1]!.args[0]!)).toBe('--yolo');
    expect(geminis[1]!.args[0]!.start).toBe(script.lastIndexOf('--yolo'));
  });

  it('a timeout around claude with a quoted variable duration', () => {
    const script =
      'START=$(date +%s)\ntimeout "${TIMEOUT}" claude -p --dangerously-skip-permissions "$PROMPT"\nEXIT_CODE=$?';
    const claude = agent(script, 'claude');
    expect(claude.via.map((v) => v.name)).toEqual(['timeout']);
    expect(at(script, claude.args[1]!)).toBe('--dangerously-skip-permissions');
  });

  it('a wrapper script that execs npx with the bypass flag and "$@"', () => {
    const script = [
      '#!/usr/bin/env bash',
      'SYSTEM_PROMPT="Read /tmp/ENV.md for details."',
      'if [ -n "$ANTHROPIC_API_KEY" ]; then',
      '    exec npx -y @anthropic-ai/claude-code --dangerously-skip-permissions --system-prompt "$SYSTEM_PROMPT" "$@"',
      'else',
      '    exec npx -y @anthropic-ai/claude-code --dangerously-skip-permissions "$@"',
      'fi',
    ].join('\n');
    const commands = readShell(script).commands.filter((c) =>
      c.via.some((v) => v.packageName === '@anthropic-ai/claude-code'),
    );
    expect(commands).toHaveLength(2);
    expect(commands[0]!.via.map((v) => v.name)).toEqual(['exec', 'npx']);
    expect(commands[0]!.args[2]!.value).toBe('Read /tmp/ENV.md for details.');
    expect(commands[0]!.args[3]!.unknown).toBe(true);
  });

  it('a prompt piped into codex under timeout, reading stdin', () => {
    const script = 'cat capsule.md | timeout ${T} codex exec --full-auto --json -C /worktree -';
    const codex = agent(script, 'codex');
    expect(codex.args.map((a) => a.value)).toEqual(['exec', '--full-auto', '--json', '-C', '/worktree', '-']);
    expect(codex.context).toEqual(['pipeline']);
  });

  it('a heredoc prompt inside a command substitution argument', () => {
    const script =
      'codex exec --full-auto -m gpt-5 -C ./app "$(cat <<\'PROMPT\'\nImplement the feature.\nDo not run docker.\nPROMPT\n)"';
    const codex = agent(script, 'codex');
    expect(codex.args.slice(0, 6).map((a) => a.value)).toEqual(['exec', '--full-auto', '-m', 'gpt-5', '-C', './app']);
    // `$(cat <<'PROMPT' …)` is the heredoc's text, its last newline removed, as bash substitutes it.
    expect(codex.args[6]!.value).toBe('Implement the feature.\nDo not run docker.');
    // The heredoc is cat's input, not a shell's: nothing in it is a command.
    expect(readShell(script).commands.map((c) => c.name)).toEqual(['cat', 'codex']);
  });

  it('cd then a piped prompt, in a GitHub step with expressions', () => {
    const script =
      'cd integration && cat "${{ github.workspace }}/demo.md" | claude -p --dangerously-skip-permissions --model ${{ vars.MODEL || \'sonnet\' }}';
    const reading = readShell(script);
    expect(reading.complete).toBe(true);
    const claude = reading.commands.find((c) => c.name === 'claude')!;
    expect(at(script, claude.args[3]!)).toBe("${{ vars.MODEL || 'sonnet' }}");
  });

  it('the agent chosen by a variable with a default, in a loop', () => {
    const script =
      'AGENT_CMD="${AGENT_CMD:-claude}"\nfor i in $(seq 1 "$MAX"); do\n  $AGENT_CMD -p "$(cat prompt.md)" --permission-mode bypassPermissions || break\ndone';
    const command = readShell(script).commands.find((c) => c.args.some((a) => a.value === 'bypassPermissions'))!;
    expect(command.program.alternatives).toContain('claude');
    expect(command.program.unknown).toBe(true);
    expect(command.context).toEqual(['loop']);
  });

  it('a bash -lc step running an agent through sudo and a profile', () => {
    const script = `sudo -E -u runner bash -lc 'source ~/.profile && codex --dangerously-bypass-approvals-and-sandbox exec "$TASK"'`;
    const codex = agent(script, 'codex');
    expect(codex.via.map((v) => v.name)).toEqual(['sudo', 'bash -c']);
    expect(at(script, codex.args[0]!)).toBe('--dangerously-bypass-approvals-and-sandbox');
    expect(readShell(script).invocations.map((i) => [i.kind, i.target?.value])).toEqual([['source', '~/.profile']]);
  });
});
