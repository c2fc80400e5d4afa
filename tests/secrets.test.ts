/** Token-shape detection, masking and redaction: recognised shapes, named values, placeholders never. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectInlineValues,
  findNamedSecrets,
  findSecrets,
  isPlaceholder,
  maskSecret,
  redactSecrets,
} from '../src/secrets.js';

// Fake tokens assembled at run time: random-looking, never real, and not committed as literals.
const ALNUM = 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW0xYz';
const fill = (n: number, from = ALNUM): string =>
  Array.from({ length: n }, (_, i) => from[(i * 7 + 3) % from.length]).join('');
const TOKENS = {
  github: `ghp_${fill(36)}`,
  githubFine: `github_pat_${fill(22)}_${fill(59)}`,
  githubApp: `ghs_${fill(36)}`,
  anthropic: `sk-ant-api03-${fill(93)}AA`,
  openaiProject: `sk-proj-${fill(48)}`,
  openaiLegacy: `sk-${fill(48)}`,
  aws: `AKIA${fill(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}`,
  slackBot: `xoxb-1234567890-1234567890123-${fill(24)}`,
  slackApp: `xapp-1-A0123456789-1234567890123-${fill(20)}`,
  gitlab: `glpat-${fill(20)}`,
  google: `AIza${fill(35)}`,
  npm: `npm_${fill(36)}`,
};

describe('findSecrets', () => {
  for (const [name, token] of Object.entries(TOKENS)) {
    it(`finds a ${name} token inside surrounding text, with exact offsets`, () => {
      const text = `prefix "${token}", suffix`;
      const found = findSecrets(text);
      expect(found).toHaveLength(1);
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(token);
    });
  }

  it('names the kind of token', () => {
    expect(findSecrets(TOKENS.github)[0]!.kind).toBe('GitHub personal access token');
    expect(findSecrets(TOKENS.anthropic)[0]!.kind).toBe('Anthropic API key');
    expect(findSecrets(TOKENS.aws)[0]!.kind).toBe('AWS access key id');
    expect(findSecrets(TOKENS.slackBot)[0]!.kind).toBe('Slack token');
  });

  it('does not cut a token out of a longer word', () => {
    expect(findSecrets(`xghp_${fill(36)}`)).toEqual([]);
    expect(findSecrets(`AKIA${fill(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}Q`)).toEqual([]);
  });

  it('finds credentials assigned in command lines, URLs and JSON text', () => {
    const value = fill(32);
    for (const text of [
      `--api-key=${value}`,
      `-e OPENAI_API_KEY=${value}`,
      `https://x.test/mcp?access_token=${value}&v=1`,
      `"client_secret": "${value}"`,
    ]) {
      const [m] = findSecrets(text);
      expect(m, text).toBeDefined();
      expect(text.slice(m!.start, m!.end)).toBe(value);
    }
  });

  it('finds bearer tokens, passwords in URLs and private keys', () => {
    const bearer = `Authorization: Bearer ${fill(40)}`;
    expect(bearer.slice(findSecrets(bearer)[0]!.start)).toBe(fill(40));
    const url = 'postgres://app:s3cr3tPassw0rd@db.internal:5432/app';
    const [pw] = findSecrets(url);
    expect(url.slice(pw!.start, pw!.end)).toBe('s3cr3tPassw0rd');
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${fill(64)}\n-----END OPENSSH PRIVATE KEY-----`;
    expect(findSecrets(`x ${key} y`)[0]).toMatchObject({ start: 2, end: 2 + key.length, kind: 'private key' });
  });

  it('never reports placeholders of any client', () => {
    const placeholders = [
      '${{ secrets.GITHUB_TOKEN }}',
      '${env:GITHUB_TOKEN}',
      '${input:github-token}',
      '${GITHUB_TOKEN}',
      '${GITHUB_TOKEN:-}',
      '$GITHUB_TOKEN',
      '%GITHUB_TOKEN%',
      '${localEnv:ANTHROPIC_API_KEY}',
      '{{ .Values.token }}',
      'Bearer ${input:home-assistant-token}',
      'OPENAI_API_KEY=${OPENAI_API_KEY}',
      '--token=$(cat /run/secrets/token)',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'sk-proj-YOUR_OPENAI_API_KEY_GOES_HERE_123456',
      'API_KEY=your-api-key-here',
      'postgres://user:${DB_PASSWORD}@db:5432/app',
      'AKIAIOSFODNN7EXAMPLE',
    ];
    for (const p of placeholders) expect(findSecrets(p), p).toEqual([]);
  });

  it('ignores ordinary configuration text', () => {
    const text =
      'npx -y @modelcontextprotocol/server-filesystem@1.2.3 /workspace --max-tokens=4096 CLAUDE_CONFIG_DIR=/home/node/.claude https://api.githubcopilot.com/mcp/';
    expect(findSecrets(text)).toEqual([]);
  });

  it('returns sorted, non-overlapping matches for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...Object.values(TOKENS)), (noise, token) => {
        const found = findSecrets(`${noise} ${token} ${noise}`);
        for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
        expect(found.some((m) => `${noise} ${token} ${noise}`.slice(m.start, m.end).includes(token))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('findNamedSecrets', () => {
  it('takes a random literal under a credential name as a whole', () => {
    const value = fill(30);
    expect(findNamedSecrets('GITHUB_PERSONAL_ACCESS_TOKEN', value)).toEqual([
      { start: 0, end: 30, kind: 'credential' },
    ]);
    expect(findNamedSecrets('apiKey', value)).toHaveLength(1);
    expect(findNamedSecrets('Authorization', `Bearer ${value}`)).toEqual([{ start: 7, end: 37, kind: 'bearer token' }]);
    expect(findNamedSecrets('X-Api-Key', value)).toEqual([{ start: 0, end: 30, kind: 'credential' }]);
  });

  it('leaves ordinary values under credential-ish names alone', () => {
    for (const [name, value] of [
      ['GITHUB_TOKEN', '${GITHUB_TOKEN}'],
      ['API_KEY', 'changeme'],
      ['MCP_API_KEY', 'true'],
      ['TOKEN', '/run/secrets/token'],
      ['SECRET', 'https://vault.internal/v1/secret'],
      ['PASSWORD', 'default-password'],
      ['Authorization', 'Bearer ${input:token}'],
    ] as const) {
      expect(findNamedSecrets(name, value), `${name}=${value}`).toEqual([]);
    }
  });

  it('does not treat values under other names as secrets', () => {
    expect(findNamedSecrets('CLAUDE_CODE_VERSION', fill(30))).toEqual([]);
    expect(findNamedSecrets('TOKEN_PATH', fill(30))).toEqual([]);
    expect(findNamedSecrets(null, fill(30))).toEqual([]);
  });
});

describe('maskSecret and redactSecrets', () => {
  it('shows only the documented prefix and the length', () => {
    expect(maskSecret(TOKENS.github)).toBe('ghp_…(40 chars)');
    expect(maskSecret(TOKENS.anthropic)).toBe(`sk-ant-api03-…(${TOKENS.anthropic.length} chars)`);
    expect(maskSecret(TOKENS.aws)).toBe('AKIA…(20 chars)');
    expect(maskSecret(fill(30))).toBe('…(30 chars)');
  });

  it('never leaves any part of the random body in the output', () => {
    for (const token of Object.values(TOKENS)) {
      const out = redactSecrets(`token: ${token} end`);
      expect(out).not.toContain(token.slice(-12));
      expect(out).toMatch(/^token: .*…\(\d+ chars\) end$/);
    }
  });

  it('redacts every secret in a longer text and nothing else', () => {
    const text = `run -e GITHUB_TOKEN=${TOKENS.github} --header "Authorization: Bearer ${fill(40)}" image:1.2`;
    expect(redactSecrets(text)).toBe(
      'run -e GITHUB_TOKEN=ghp_…(40 chars) --header "Authorization: Bearer …(40 chars)" image:1.2',
    );
    expect(redactSecrets('nothing secret here: ${input:x}')).toBe('nothing secret here: ${input:x}');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...Object.values(TOKENS)), (noise, token) => {
        const once = redactSecrets(`${noise}${token} ${noise}`);
        expect(redactSecrets(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('placeholders and inline values', () => {
  it('recognises references of every client', () => {
    expect(isPlaceholder('${input:x}')).toBe(true);
    expect(isPlaceholder('$HOME')).toBe(true);
    expect(isPlaceholder(fill(20))).toBe(false);
  });

  it('lists string leaves with paths, names and labels', () => {
    const values = collectInlineValues(
      { env: { A_TOKEN: 'x' }, args: ['-y', 'pkg'], n: 3 },
      { file: 'f.json', path: ['mcpServers', 'gh'] },
    );
    expect(values).toEqual([
      {
        at: { file: 'f.json', path: ['mcpServers', 'gh', 'env', 'A_TOKEN'] },
        name: 'A_TOKEN',
        value: 'x',
        label: 'env.A_TOKEN',
      },
      { at: { file: 'f.json', path: ['mcpServers', 'gh', 'args', 0] }, name: 'args', value: '-y', label: 'args[0]' },
      { at: { file: 'f.json', path: ['mcpServers', 'gh', 'args', 1] }, name: 'args', value: 'pkg', label: 'args[1]' },
    ]);
  });
});

describe('redactSecrets on prose about credentials', () => {
  it('leaves a quoted permission scope after "credentials:" alone', () => {
    const text = 'The agent can write with its credentials: `pull-requests: write` grants it.';
    expect(redactSecrets(text)).toBe(text);
    expect(redactSecrets('credentials: pull-requests: write')).toBe('credentials: pull-requests: write');
  });

  it('leaves an environment variable\'s name after "credentials:" alone', () => {
    // Real messages: a workflow handing `GITHUB_TOKEN` / `MINIMAX_API_KEY` to an agent was shown as `…(12 chars)`.
    for (const name of ['GITHUB_TOKEN', 'MINIMAX_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'OPENAI_API_KEY_2']) {
      const text = `The agent can write with its credentials: \`${name}\` hands the agent a GitHub App token.`;
      expect(redactSecrets(text)).toBe(text);
    }
    expect(findSecrets('API_KEY=K7QFX9Z2P3LMW8RT4')).toHaveLength(1);
  });
});
