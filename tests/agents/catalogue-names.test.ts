/** Program names in the catalogue: a name shared with other tools never identifies an agent alone. */
import { describe, expect, it } from 'vitest';
import { agentOfCommand, programNamed } from '../../src/agents/index.js';

describe('ambiguous program names', () => {
  it('does not take a container command `agent` (Datadog’s, Cursor’s) for Cursor', () => {
    expect(agentOfCommand('agent')).toBeUndefined();
    expect(agentOfCommand('cursor-agent')).toBe('cursor');
  });
  it('knows `agent` as Cursor’s CLI only when its print or force switches are given', () => {
    const match = programNamed('agent');
    expect(match?.agent).toBe('cursor');
    const run = (...flags: string[]) =>
      match!.program.runsTask({ flags: flags.map((name) => ({ name })), positionals: [{ text: 'run' }] });
    expect(run()).toBe(false);
    expect(run('-p')).toBe(true);
    expect(run('--yolo')).toBe(true);
  });
});
