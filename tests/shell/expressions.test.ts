import { describe, expect, it } from 'vitest';
import { readShell, UNKNOWN } from '../../src/shell/index.js';

describe('GitHub expressions in a run: block', () => {
  it('parses around ${{ … }} and marks its value unknown', () => {
    const script =
      'if [ -n "${{ github.event.issue.number }}" ]; then\n  claude -p "${{ github.event.issue.title }}" --model ${{ vars.MODEL }}\nfi';
    const reading = readShell(script);
    expect(reading.complete).toBe(true);
    const claude = reading.commands.find((c) => c.name === 'claude')!;
    expect(claude.args.map((a) => a.value)).toEqual(['-p', UNKNOWN, '--model', UNKNOWN]);
    const model = claude.args[3]!;
    expect(script.slice(model.start, model.end)).toBe('${{ vars.MODEL }}');
    expect(model.text).toBe('${{ vars.MODEL }}');
  });

  it('uses a value the caller knows, split into words as GitHub pastes it', () => {
    const script = 'claude -p hi ${{ inputs.claude_args }}';
    const reading = readShell(script, {
      expression: (e) => (e === 'inputs.claude_args' ? '--dangerously-skip-permissions --verbose' : undefined),
    });
    const claude = reading.commands[0]!;
    expect(claude.args.map((a) => a.value)).toEqual(['-p', 'hi', '--dangerously-skip-permissions', '--verbose']);
    expect(script.slice(claude.args[2]!.start, claude.args[2]!.end)).toBe('${{ inputs.claude_args }}');
  });

  it('takes every listed value of an expression (a matrix axis) as an alternative', () => {
    const reading = readShell('codex -s ${{ matrix.mode }}', {
      expression: () => ({ values: ['read-only', 'danger-full-access'], unknown: false }),
    });
    expect(reading.commands[0]!.args[1]!.alternatives).toEqual(['read-only', 'danger-full-access']);
  });

  it('an expression as the program is an unknown program at the expression', () => {
    const script = 'echo start\n${{ inputs.agent }} -p x';
    const command = readShell(script).commands[1]!;
    expect(command.program.unknown).toBe(true);
    expect(command.program.start).toBe(script.indexOf('${{'));
  });

  it('carries an expression through an assignment', () => {
    const reading = readShell('BIN="${{ inputs.bin }}"\n"$BIN" -p x', { expression: () => 'claude' });
    expect(reading.commands[0]!.name).toBe('claude');
  });
});
