#!/usr/bin/env node
/**
 * `npm run bench:fleet [-- --repos 1000 --shards 4 --merge 10000 --seed 1]`: the organisation
 * inventory pipeline of examples/workflows/org-inventory.yml, on one machine, with the built CLI.
 *
 * 1. Generates `--repos` small synthetic repositories (cached in .bench/fleet/): agent workflows,
 *    agent settings, MCP configs, manifests and Compose files beside plain source, varied by seed.
 * 2. Scans them in `--shards` parallel shards as the matrix jobs do: each shard runs one
 *    `dist/cli/index.js scan DIR --format json --output … --repo-name … --commit …` per repository,
 *    one after another. Reports wall time, CPU time (every child's user+system, from a preload that
 *    writes `process.resourceUsage()` on fd 3) and repositories per minute per core (per CPU-minute).
 * 3. Merges the reports with `inventory` (JSON), then `--merge` reports (the same reports under
 *    distinct repository names) into JSON and Markdown, and reports time and peak RSS of each merge.
 * 4. Projects the wall time of `--project` repositories on a 256-job matrix from the measured
 *    per-repository scan time and the stated per-job and per-clone costs of GitHub-hosted runners.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const DIR = path.join(ROOT, '.bench/fleet');
const MiB = 1024 * 1024;
const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    'import{writeSync}from"node:fs";process.on("exit",()=>{try{const u=process.resourceUsage();writeSync(3,JSON.stringify({maxRSS:u.maxRSS,user:u.userCPUTime,system:u.systemCPUTime}))}catch{}});',
  );
/** GitHub-hosted runner costs the projection assumes (not measured here): job start-up, checkout of
 * the scanner and setup-node, and one shallow blob-less sparse clone of a repository's configuration. */
const JOB_OVERHEAD_S = 45;
const CLONE_S = 1.5;
const MATRIX_JOBS = 256;

function options() {
  const args = process.argv.slice(2);
  const get = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  return {
    repos: get('repos', 1000),
    shards: get('shards', 4),
    merge: get('merge', 10000),
    seed: get('seed', 1),
    project: get('project', 10000),
  };
}

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORKFLOWS = [
  (job) =>
    `on: issue_comment\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: --dangerously-skip-permissions --model claude-sonnet-4-5\n`,
  (job) =>
    `on: pull_request\npermissions:\n  contents: read\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    timeout-minutes: 15\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - uses: openai/codex-action@v1\n        with:\n          sandbox: read-only\n          model: gpt-5-codex\n`,
  (job) => `on: push\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci && npm test\n`,
];

function generateRepo(dir, rand, i) {
  const files = {};
  const pick = (list) => list[Math.floor(rand() * list.length)];
  files['.github/workflows/agent.yml'] = pick(WORKFLOWS)(`job${i % 7}`);
  files['.github/workflows/ci.yml'] = WORKFLOWS[2]('test');
  if (rand() < 0.5)
    files['.mcp.json'] = JSON.stringify({
      mcpServers: {
        github: {
          command: 'npx',
          args: ['-y', `@modelcontextprotocol/server-github@${rand() < 0.5 ? 'latest' : '1.0.0'}`],
        },
      },
    });
  if (rand() < 0.4)
    files['.claude/settings.json'] = JSON.stringify({
      permissions: { allow: ['Read', 'Edit', rand() < 0.3 ? 'Bash' : 'Bash(npm test:*)'] },
      sandbox: { enabled: rand() < 0.6 },
    });
  if (rand() < 0.2)
    files['deploy/agent.yaml'] =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: ghcr.io/acme/agent:1.${i % 9}\n          command: [claude, -p, review]\n`;
  if (rand() < 0.2)
    files['compose.yaml'] = `services:\n  agent:\n    image: ghcr.io/block/goose:1.2\n    command: goose run\n`;
  const sources = 5 + Math.floor(rand() * 20);
  for (let s = 0; s < sources; s++) files[`src/module${s}.ts`] = `export const value${s} = ${s};\n`;
  files['README.md'] = `# repo ${i}\n`;
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  // Its own git repository, as a clone is: discovery lists it with `git ls-files` (inside this
  // checkout's ignored .bench/ it would otherwise list nothing).
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'synthetic');
}

function fleet({ repos, seed }) {
  const base = path.join(DIR, `git-repos-${repos}-${seed}`);
  if (existsSync(path.join(base, '.done'))) return base;
  rmSync(base, { recursive: true, force: true });
  const rand = random(seed);
  for (let i = 0; i < repos; i++) generateRepo(path.join(base, `repo${String(i).padStart(5, '0')}`), rand, i);
  writeFileSync(path.join(base, '.done'), '');
  return base;
}

/** Runs the CLI as a child with the usage preload; resolves with its exit code and resource use. */
function cli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, CLI, ...args], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let usage = '';
    let stderr = '';
    child.stdio[3].on('data', (d) => (usage += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const u = usage ? JSON.parse(usage) : { maxRSS: 0, user: 0, system: 0 };
      resolve({ code, stderr, rssMiB: u.maxRSS / 1024, cpuS: (u.user + u.system) / 1e6 });
    });
  });
}

async function scanShards(base, names, shards, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let cpu = 0;
  let peak = 0;
  const shard = async (k) => {
    for (let i = k; i < names.length; i += shards) {
      const name = names[i];
      const r = await cli([
        'scan',
        path.join(base, name),
        '--format',
        'json',
        '--output',
        path.join(out, `${name}.json`),
        '--repo-name',
        `bench/${name}`,
        '--commit',
        (i + 1).toString(16).padStart(40, '0'),
      ]);
      if (r.code > 1) throw new Error(`scan of ${name} exited ${r.code}: ${r.stderr}`);
      cpu += r.cpuS;
      peak = Math.max(peak, r.rssMiB);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: shards }, (_, k) => shard(k)));
  return { wallS: (performance.now() - start) / 1000, cpuS: cpu, peakMiB: peak };
}

/** `count` reports from the scanned ones, each under its own repository name, in shard folders. */
function replicate(reports, count) {
  const target = path.join(DIR, `reports-${count}`);
  rmSync(target, { recursive: true, force: true });
  const files = readdirSync(reports).filter((f) => f.endsWith('.json'));
  const texts = files.map((f) => readFileSync(path.join(reports, f), 'utf8'));
  for (let i = 0; i < count; i++) {
    const shard = path.join(target, `reports-${i % 256}`);
    if (i < 256) mkdirSync(shard, { recursive: true });
    const report = JSON.parse(texts[i % texts.length]);
    report.repository = `bench/repo${String(i).padStart(5, '0')}`;
    writeFileSync(path.join(shard, `r${i}.json`), JSON.stringify(report));
  }
  return target;
}

async function merge(dir, format) {
  const output = path.join(DIR, `inventory.${format}`);
  const start = performance.now();
  const r = await cli(['inventory', dir, '--format', format, '--output', output]);
  if (r.code !== 0) throw new Error(`inventory exited ${r.code}: ${r.stderr}`);
  return { wallS: (performance.now() - start) / 1000, rssMiB: r.rssMiB, bytes: readFileSync(output).length };
}

async function main() {
  if (!existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  const opts = options();
  console.log(
    `fleet bench: ${opts.repos} repositories, ${opts.shards} shards, merge of ${opts.merge} reports (seed ${opts.seed})`,
  );
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
  const base = fleet(opts);
  const names = readdirSync(base)
    .filter((n) => n.startsWith('repo'))
    .sort();
  const reports = path.join(DIR, 'reports');

  const scan = await scanShards(base, names, opts.shards, reports);
  const perMinute = names.length / (scan.wallS / 60);
  const perCore = names.length / (scan.cpuS / 60);
  console.log(
    `scan: ${names.length} repositories in ${scan.wallS.toFixed(1)} s wall, ${scan.cpuS.toFixed(1)} s CPU; ` +
      `${perMinute.toFixed(0)} repos/min over ${opts.shards} shards, ${perCore.toFixed(0)} repos/min per core; ` +
      `peak RSS of one scan ${scan.peakMiB.toFixed(0)} MiB`,
  );

  // A bench that judged nothing would measure nothing: every repository has an agent workflow.
  const judged = names.map((n) => JSON.parse(readFileSync(path.join(reports, `${n}.json`), 'utf8')));
  const deployments = judged.reduce((n, r) => n + r.deployments.length, 0);
  const empty = judged.filter((r) => r.coverage.filesConsidered === 0).length;
  if (empty > 0 || deployments < names.length / 2)
    throw new Error(`the scans judged too little: ${deployments} deployments, ${empty} reports with no file`);
  console.log(`reports: ${deployments} deployments in ${names.length} repositories`);

  const small = await merge(reports, 'json');
  console.log(
    `merge of ${names.length} reports (json): ${small.wallS.toFixed(2)} s, peak RSS ${small.rssMiB.toFixed(0)} MiB`,
  );
  const many = replicate(reports, opts.merge);
  const merged = {};
  for (const format of ['json', 'markdown', 'csv']) {
    const m = await merge(many, format);
    merged[format] = m;
    console.log(
      `merge of ${opts.merge} reports (${format}): ${m.wallS.toFixed(2)} s, peak RSS ${m.rssMiB.toFixed(0)} MiB, output ${(m.bytes / MiB).toFixed(1)} MiB`,
    );
  }

  // Projection: each matrix job clones and scans its share one after another; jobs run in parallel.
  const perRepoS = scan.cpuS / names.length; // one repository's scan on one core
  const perJob = Math.ceil(opts.project / MATRIX_JOBS);
  const jobS = JOB_OVERHEAD_S + perJob * (CLONE_S + perRepoS);
  const mergeS = merged.json.wallS * (opts.project / opts.merge);
  console.log(
    `projection: ${opts.project} repositories on a ${MATRIX_JOBS}-job matrix = ${perJob} per job × ` +
      `(${CLONE_S} s clone + ${perRepoS.toFixed(2)} s scan) + ${JOB_OVERHEAD_S} s job start ≈ ${(jobS / 60).toFixed(1)} min per job, ` +
      `plus listing (~1 min) and the merge (~${Math.max(1, mergeS / 60).toFixed(0)} min with artifact download): ` +
      `≈ ${((jobS + 60 + 60 + mergeS) / 60).toFixed(0)} min wall when the plan runs all ${MATRIX_JOBS} jobs at once ` +
      `(fewer concurrent jobs: multiply the matrix part by ${MATRIX_JOBS} / limit)`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
