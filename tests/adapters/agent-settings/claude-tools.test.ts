/** The shared matcher for shell permission patterns, and robustness of every reader on odd shapes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claudeShellGrant, isUnscoped, parseToolPattern, shellReach } from '../../../src/agents/claude-code-tools.js';
import { scanFiles } from './helpers.js';

describe('shell permission patterns', () => {
  it.each([
    ['Bash', 'any-command'],
    ['Bash(*)', 'any-command'],
    ['Bash(*:*)', 'any-command'],
    ['Bash(:*)', 'any-command'],
    ['Bash(bash:*)', 'interpreter'],
    ['Bash(npx:*)', 'interpreter'],
    ['Bash(python3 -c:*)', 'interpreter'],
    ['Bash(node -e *)', 'interpreter'],
    ['Bash(sh*)', 'interpreter'],
    ['Bash(/usr/bin/env:*)', 'interpreter'],
    // Seen in a real .claude/settings.json (007/dotfiles): each of these runs any command it is given.
    ['Bash(uv run:*)', 'interpreter'],
    ['Bash(source:*)', 'interpreter'],
    ['Bash(npm exec:*)', 'interpreter'],
    ['Bash(docker run *)', 'interpreter'],
    ['Bash(poetry run python:*)', 'interpreter'],
    ['Bash(uv run --frozen *)', 'interpreter'],
    ['Bash(uv run pytest:*)', 'limited'],
    ['Bash(docker ps:*)', 'limited'],
    ['Bash(npm run test:*)', 'limited'],
    ['Bash(npm test*)', 'limited'],
    ['Bash(git diff:*)', 'limited'],
    ['Bash(python3)', 'limited'],
    ['Bash(./scripts/*)', 'limited'],
    ['PowerShell', 'any-command'],
  ])('%s reaches %s', (entry, reach) => {
    expect(claudeShellGrant(entry)?.reach).toBe(reach);
  });

  it('ignores tools that are not shells', () => {
    expect(claudeShellGrant('Read')).toBeNull();
    expect(claudeShellGrant('mcp__github__create_issue')).toBeNull();
    expect(parseToolPattern('not a pattern (')).toBeNull();
  });

  it('tells a scoped fetch from an unscoped one', () => {
    expect(isUnscoped('WebFetch', 'WebFetch')).toBe(true);
    expect(isUnscoped('WebFetch(domain:*)', 'WebFetch')).toBe(true);
    expect(isUnscoped('WebFetch(domain:docs.python.org)', 'WebFetch')).toBe(false);
  });

  it('never reports a pattern with a fixed subcommand as a command runner, unless the subcommand runs anything', () => {
    const runners = new Set(['run', 'exec', 'x']);
    fc.assert(
      fc.property(
        fc.constantFrom('npm', 'uv', 'docker', 'python3'),
        fc.stringMatching(/^[a-z]{2,8}$/).filter((s) => !runners.has(s)),
        (cmd, sub) => {
          expect(shellReach(`${cmd} ${sub}:*`).reach).toBe('limited');
        },
      ),
    );
  });
});

describe('readers on unexpected shapes', () => {
  const paths = [
    '.claude/settings.json',
    '.gemini/settings.json',
    '.cursor/sandbox.json',
    '.cursor/environment.json',
    '.continue/config.json',
  ];
  it('never fail on arbitrary JSON: each file is judged or set aside, without an internal error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 4 }), (path, value) => {
        const { findings } = scanFiles({ [path]: JSON.stringify(value) });
        expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never fail on odd values under the keys they read', () => {
    const odd = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.string(),
      fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
      fc.dictionary(fc.string(), fc.string()),
    );
    fc.assert(
      fc.property(odd, odd, odd, (a, b, c) => {
        const claude = {
          permissions: { allow: a, defaultMode: b, additionalDirectories: c },
          sandbox: { enabled: true, excludedCommands: a, network: { allowedDomains: b, allowUnixSockets: c } },
          hooks: a,
          env: b,
        };
        const gemini = { tools: { sandbox: a, core: b, allowed: c }, sandbox: b, hooks: c };
        const { findings } = scanFiles({
          '.claude/settings.json': JSON.stringify(claude),
          '.gemini/settings.json': JSON.stringify(gemini),
        });
        expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('treats a version or help probe as limited, whatever follows it', () => {
    expect(shellReach('node --version:*').reach).toBe('limited');
    expect(shellReach('python3 --help *').reach).toBe('limited');
    expect(shellReach('node -e:*').reach).toBe('interpreter');
    expect(shellReach('node:*').reach).toBe('interpreter');
  });
});
