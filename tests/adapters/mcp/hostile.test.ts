/** Hostile input: long runs that make naive regexes and scanners quadratic must stay fast. */
import { describe, expect, it } from 'vitest';
import { findNamedSecrets, findSecrets, redactSecrets } from '../../../src/secrets.js';
import { scanRepo } from './helpers.js';

const BUDGET_MS = 1500;
const timed = (run: () => void): number => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

describe('hostile input', () => {
  // Command lines are read by src/shell, whose linearity on such input is guarded in
  // tests/shell/robustness.slow.test.ts; the MCP files below go through it end to end.
  const runs: [string, string][] = [
    ['a keyword repeated', 'token'.repeat(40_000)],
    ['assignments without values', 'token='.repeat(40_000)],
    ['dotted words', 'a.'.repeat(100_000)],
    ['schemes', 'ab://'.repeat(40_000)],
    ['a host without end', `x://${'a'.repeat(200_000)}`],
    ['bearer words', 'Bearer '.repeat(30_000)],
    ['key headers', '-----BEGIN PRIVATE KEY-----'.repeat(8_000)],
    ['open substitutions', '$('.repeat(60_000)],
    ['quotes', `${'"'.repeat(100_000)}${"'".repeat(100_000)}`],
  ];
  for (const [name, text] of runs) {
    it(`detects secrets in linear time: ${name}`, () => {
      expect(
        timed(() => {
          findSecrets(text);
          findNamedSecrets('API_KEY', text);
          redactSecrets(text);
        }),
      ).toBeLessThan(BUDGET_MS);
    });
  }

  it('scans a devcontainer and an MCP file with huge fields in linear time', () => {
    const big = 'a'.repeat(200_000);
    const devcontainer = JSON.stringify({
      image: 'x',
      features: { 'ghcr.io/x/claude-code:1': {} },
      capAdd: ['NET_ADMIN'],
      postStartCommand: `${big} firewall`,
      postCreateCommand: 'npm cline '.repeat(50_000),
      containerEnv: { [big]: big },
    });
    const mcp = JSON.stringify({
      mcpServers: {
        s: { command: 'sh', args: ['-c', `${'"'.repeat(100_000)}${'$('.repeat(50_000)}`] },
        r: { url: `https://x/?${'&'.repeat(50_000)}${big}` },
      },
    });
    expect(timed(() => scanRepo({ '.devcontainer/devcontainer.json': devcontainer, '.mcp.json': mcp }))).toBeLessThan(
      BUDGET_MS * 2,
    );
  });
});
