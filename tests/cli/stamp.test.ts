/** scan --repo-name NAME --commit SHA: the report says which repository and commit it judged. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { stampReport } from '../../src/engine/index.js';
import { writeRepo } from '../helpers/temp-repo.js';
import { report } from '../report/sample.js';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const root = writeRepo({
  '.mcp.json': JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['-y', 'srv@1.0.0'] } } }),
});
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('scan --repo-name --commit', () => {
  it('stamps the JSON report, right after tool, and leaves it unstamped without them', async () => {
    const stamped = await run([
      'scan',
      root,
      '--format',
      'json',
      '--repo-name',
      'acme/api',
      '--commit',
      SHA.toUpperCase(),
    ]);
    const json = JSON.parse(stamped.stdout);
    expect(json).toMatchObject({ repository: 'acme/api', commit: SHA });
    expect(Object.keys(json).slice(0, 4)).toEqual(['version', 'tool', 'repository', 'commit']);
    const plain = JSON.parse((await run(['scan', root, '--format', 'json'])).stdout);
    expect('repository' in plain || 'commit' in plain).toBe(false);
    expect({ ...json, repository: undefined, commit: undefined }).toEqual({
      ...plain,
      repository: undefined,
      commit: undefined,
    });
  });

  it('names the repository and commit in the CycloneDX BOM', async () => {
    const bom = JSON.parse(
      (await run(['scan', root, '--format', 'cyclonedx', '--repo-name', 'acme/api', '--commit', SHA])).stdout,
    );
    expect(bom.metadata.component).toMatchObject({
      name: 'acme/api',
      version: SHA,
      purl: `pkg:github/acme/api@${SHA}`,
    });
  });

  it('refuses a name with spaces or a commit that is not hex, with exit 2', async () => {
    const badName = await run(['scan', root, '--repo-name', 'acme api']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--repo-name must be');
    const badSha = await run(['scan', root, '--commit', 'main']);
    expect(badSha.code).toBe(2);
    expect(badSha.stderr).toContain('--commit must be a commit id');
  });

  it('keeps what a report already says unless the origin overrides it', () => {
    const base = stampReport(report({}), { repository: 'a/b', commit: 'abc1234' });
    expect(stampReport(base, {})).toMatchObject({ repository: 'a/b', commit: 'abc1234' });
    expect(stampReport(base, { commit: 'def5678' })).toMatchObject({ repository: 'a/b', commit: 'def5678' });
  });
});
