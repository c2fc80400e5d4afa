/** inventory: merging stamped reports of many repositories, rendering, and the diff with --previous. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cyclonedxValidator } from '../helpers/cyclonedx-schema.js';
import { writeRepo } from '../helpers/temp-repo.js';

async function run(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const YOLO = (job: string) =>
  `on: issue_comment\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: --dangerously-skip-permissions --model claude-opus-4-1\n`;
const MCP = JSON.stringify({
  mcpServers: { gh: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@1.0.0'] } },
});
const SANDBOXED = JSON.stringify({
  sandbox: { enabled: true, network: { allowedDomains: ['github.com'] } },
  permissions: { defaultMode: 'default' },
});
const OPEN = JSON.stringify({ sandbox: { enabled: false }, permissions: { defaultMode: 'bypassPermissions' } });

/** Scans each repository with the CLI, stamped, into one folder of reports (as the workflow's shards do). */
async function reports(repos: Record<string, Record<string, string>>): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'asg-reports-'));
  for (const [name, files] of Object.entries(repos)) {
    const root = writeRepo(files);
    const out = path.join(dir, `${name.replace('/', '__')}.json`);
    const r = await run([
      'scan',
      root,
      '--format',
      'json',
      '--output',
      out,
      '--repo-name',
      name,
      '--commit',
      'a'.repeat(40),
    ]);
    expect(r.code).toBeLessThan(2);
  }
  return dir;
}

describe('agent-sandbox-guard inventory', () => {
  it('merges reports into totals, worst repositories and every deployment (Markdown)', async () => {
    const dir = await reports({
      'acme/api': { '.github/workflows/a.yml': YOLO('fix'), '.mcp.json': MCP },
      'acme/web': { '.claude/settings.json': SANDBOXED },
      'acme/docs': { 'README.md': '# nothing here\n' },
    });
    const r = await run(['inventory', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Agent inventory');
    expect(r.stdout).toMatch(/\*\*3\*\* agent deployments in \*\*3\*\* repositories/);
    expect(r.stdout).toContain('| <code>claude-code</code> | 3 |');
    // The worst repository leads its table; the clean one is not in it.
    const worst = r.stdout.split('## Worst repositories')[1]!.split('\n##')[0]!;
    expect(worst.split('\n').find((l) => l.startsWith('| <code>'))).toContain('acme/api');
    expect(worst).not.toContain('acme/docs');
    expect(r.stdout).toContain('<details><summary>Every deployment (3)</summary>');
    expect(
      r.stdout.match(/^\| <code>acme\/(api|web)<\/code> \| (workflow-job|mcp-server|agent-config) \|/gm),
    ).toHaveLength(3);
  });

  it('writes CSV with one row per deployment, components joined, formulas neutralised', async () => {
    const dir = await reports({ '=cmd/evil': { '.github/workflows/a.yml': YOLO('fix'), '.mcp.json': MCP } });
    const r = await run(['inventory', dir, '--format', 'csv']);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'repository,kind,agent,name,file,line,result,isolation,network,filesystem,approval,credentials,limits,packages,images,models,tools,change',
    );
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.startsWith("'=cmd/evil,"))).toBe(true);
    const job = lines.find((l) => l.includes('workflow-job'))!;
    expect(job).toContain('pkg:githubactions/anthropics/claude-code-action@v1');
    expect(job).toContain('claude-opus-4-1');
    expect(lines.find((l) => l.includes('mcp-server'))).toContain(
      'pkg:npm/%40modelcontextprotocol/server-github@1.0.0',
    );
  });

  it('with --previous, reports new and removed agents and weaker or stronger facts per repository', async () => {
    const before = await reports({
      'acme/api': { '.github/workflows/a.yml': YOLO('fix'), '.claude/settings.json': SANDBOXED },
      'acme/gone': { '.mcp.json': MCP },
    });
    const prev = path.join(before, '..', `prev-${path.basename(before)}.json`);
    expect((await run(['inventory', before, '--format', 'json', '--output', prev])).code).toBe(0);
    const after = await reports({
      'acme/api': { '.github/workflows/a.yml': YOLO('review'), '.claude/settings.json': OPEN },
      'acme/new': { '.mcp.json': MCP },
    });
    const json = JSON.parse((await run(['inventory', after, '--format', 'json', '--previous', prev])).stdout);
    const c = json.changes;
    expect(c.added.map((d: { repository: string; name: string }) => `${d.repository} ${d.name}`)).toEqual([
      'acme/api review',
      'acme/new gh',
    ]);
    expect(c.removed.map((d: { repository: string; name: string }) => `${d.repository} ${d.name}`)).toEqual([
      'acme/api fix',
    ]);
    expect(c.newRepositories).toEqual(['acme/new']);
    // A repository with no report this run is listed, and its agents are not counted as removed.
    expect(c.missingRepositories).toEqual(['acme/gone']);
    const weaker = c.weaker.map((f: { fact: string; from: string; to: string }) => `${f.fact} ${f.from}→${f.to}`);
    expect(weaker).toEqual([
      'isolation process→none',
      'network allowlist→open',
      'filesystem workspace→full',
      'approval unrestricted→bypassed',
    ]);
    expect(c.stronger).toEqual([]);
    const md = (await run(['inventory', after, '--previous', prev])).stdout;
    expect(md).toContain('## Changes since the previous inventory');
    expect(md).toContain(
      '| <code>acme/api</code> | weaker | <code>.claude/settings.json</code> | approval: unrestricted → bypassed |',
    );
    expect(md).toContain('1 repositories of the previous inventory have no report in this run');
  });

  it('lists reports it cannot use and exits 1, never dropping them silently', async () => {
    const dir = await reports({ 'acme/api': { '.mcp.json': MCP } });
    writeFileSync(path.join(dir, 'broken.json'), '{ "version": 1, ');
    writeFileSync(path.join(dir, 'sarif.json'), '{ "version": "2.1.0", "runs": [] }');
    const r = await run(['inventory', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.repositories.map((x: { repository: string }) => x.repository)).toEqual(['acme/api']);
    expect(json.problems.map((p: { source: string }) => path.basename(p.source))).toEqual([
      'broken.json',
      'sarif.json',
    ]);
    expect(r.stderr).toContain('broken.json: cannot read or parse');
    const md = (await run(['inventory', dir])).stdout;
    expect(md).toContain('> 2 reports could not be used');
  });

  it('refuses a --previous that is not an inventory, and an empty argument list, with exit 2', async () => {
    const dir = await reports({ 'acme/api': { '.mcp.json': MCP } });
    const report = path.join(dir, 'acme__api.json');
    const bad = await run(['inventory', dir, '--previous', report]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not an inventory');
    expect((await run(['inventory'])).code).toBe(2);
    expect((await run(['inventory', dir, '--format', 'xml'])).code).toBe(2);
  });

  it('renders the fleet as one CycloneDX 1.7 BOM, each package once', async () => {
    const dir = await reports({
      'acme/a': { '.mcp.json': MCP },
      'acme/b': { '.mcp.json': MCP, '.github/workflows/a.yml': YOLO('fix') },
    });
    const bom = JSON.parse((await run(['inventory', dir, '--format', 'cyclonedx', '--name', 'acme'])).stdout);
    expect(cyclonedxValidator()(bom)).toEqual([]);
    expect(bom.metadata.component.name).toBe('acme');
    const repos = bom.components.filter((c: { 'bom-ref': string }) => c['bom-ref'].startsWith('repository:'));
    expect(repos.map((c: { name: string }) => c.name)).toEqual(['acme/a', 'acme/b']);
    expect(repos[1].components).toHaveLength(2);
    const gh = bom.components.filter(
      (c: { purl?: string }) => c.purl === 'pkg:npm/%40modelcontextprotocol/server-github@1.0.0',
    );
    expect(gh).toHaveLength(1);
    expect(gh[0].properties.map((p: { value: string }) => p.value)).toEqual([
      'acme/a:.mcp.json:1',
      'acme/b:.mcp.json:1',
    ]);
  });

  it('cuts the Markdown table to --max-bytes and says so at the top', async () => {
    const repos: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 30; i++) repos[`acme/r${String(i).padStart(2, '0')}`] = { '.mcp.json': MCP };
    const dir = await reports(repos);
    const full = (await run(['inventory', dir])).stdout;
    const cut = (await run(['inventory', dir, '--max-bytes', '6000'])).stdout;
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(6000);
    expect(Buffer.byteLength(full)).toBeGreaterThan(6000);
    expect(cut).toMatch(/The deployment table below lists \d+ of 30 deployments/);
    expect(cut).toMatch(/\d+ more deployments are in the inventory files/);
  });

  it('names a report that carries no repository after its file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asg-reports-'));
    mkdirSync(path.join(dir, 'shard-1'));
    const root = writeRepo({ '.mcp.json': MCP });
    await run(['scan', root, '--format', 'json', '--output', path.join(dir, 'shard-1', 'legacy.json')]);
    const json = JSON.parse((await run(['inventory', dir, '--format', 'json'])).stdout);
    expect(json.repositories[0]).toMatchObject({ repository: 'legacy', unstamped: true, commit: null });
    expect(readFileSync(path.join(dir, 'shard-1', 'legacy.json'), 'utf8')).not.toContain('"repository"');
  });
});

describe('inventory diff', () => {
  it('sees the reverse change as stronger', async () => {
    const open = await reports({ 'acme/api': { '.claude/settings.json': OPEN } });
    const prev = path.join(open, 'prev.inventory');
    await run(['inventory', open, '--format', 'json', '--output', prev]);
    const closed = await reports({ 'acme/api': { '.claude/settings.json': SANDBOXED } });
    const c = JSON.parse((await run(['inventory', closed, '--format', 'json', '--previous', prev])).stdout).changes;
    expect(c.weaker).toEqual([]);
    expect(c.stronger.map((f: { fact: string }) => f.fact)).toEqual(['isolation', 'network', 'filesystem', 'approval']);
    expect(c.added).toEqual([]);
    expect(c.removed).toEqual([]);
  });
});
