#!/usr/bin/env node
/**
 * `npm run bench [-- --sizes 5000,20000,80000 --runs 3 --seed 1]`: speed and memory of the built bundles.
 *
 * For each size it generates (once, cached in .bench/) a synthetic monorepo and times, interleaved, the
 * full CLI scan (`dist/cli/index.js scan DIR --format json --output FILE`) against the naive floor
 * (`git ls-files`, read every YAML/JSON file, `yaml.parseAllDocuments` / `JSON.parse`). Both run as a
 * child `node` process with the same preload, so both pay start-up equally; the preload reports the
 * child's peak RSS (`process.resourceUsage().maxRSS`) on fd 3 at exit. It also times the cold start of
 * both bundles on an empty repository and a `scope: changed` run over 10 files of the largest repo, and
 * the shell parser's cost per script (`--parser`: the bundled tree-sitter WebAssembly, as src/shell/parser.ts
 * loads it, on every `run:` script of the bench repository and of the project's own YAML).
 * Medians of `--runs` (at least 3 for the targets; cold starts use max(runs, 5)).
 * `BENCH_PROFILE=DIR` writes a CPU profile of every measured child into DIR.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedRepo } from './gen-monorepo.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const ACTION = path.join(ROOT, 'dist/index.js');
const SELF = fileURLToPath(import.meta.url);
const MiB = 1024 * 1024;

const TARGETS = { ratio: 1.0, rssMiB: 300, growth: 4.5, coldStartMs: 250, changedMs: 1000, manyGrowth: 4 };
/** The repository size the scan/floor ratio target is set at. */
const TARGET_RATIO_SIZE = 20000;

/** Preloaded into every measured child: reports its peak RSS (KiB) and CPU time on fd 3 as it exits. */
const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    'import{writeSync}from"node:fs";process.on("exit",()=>{try{const u=process.resourceUsage();writeSync(3,JSON.stringify({maxRSS:u.maxRSS,user:u.userCPUTime,system:u.systemCPUTime}))}catch{}});',
  );

// ---------------------------------------------------------------- the naive floor (child mode)

/** The floor, honestly simple: list with git, read and fully parse every YAML and JSON file. */
async function floor(dir) {
  const { parseAllDocuments } = await import('yaml');
  const listed = execFileSync(
    'git',
    ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: dir, maxBuffer: 512 * MiB },
  );
  let yaml = 0;
  let json = 0;
  let errors = 0;
  for (const file of listed.toString('utf8').split('\0')) {
    const lower = file.toLowerCase();
    const isYaml = lower.endsWith('.yml') || lower.endsWith('.yaml');
    if (!isYaml && !lower.endsWith('.json')) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (isYaml) {
      yaml++;
      for (const doc of parseAllDocuments(text)) errors += doc.errors.length > 0 ? 1 : 0;
    } else {
      json++;
      try {
        JSON.parse(text);
      } catch {
        errors++;
      }
    }
  }
  process.stdout.write(JSON.stringify({ yaml, json, errors }));
}

// ---------------------------------------------------------------- the shell parser (child mode)

/** Every `run:` string of the YAML files under `dirs` (git-listed where a repo, else walked). */
async function runScripts(dirs) {
  const { parse } = await import('yaml');
  const scripts = [];
  const collect = (value) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) {
        if (key === 'run' && typeof v === 'string') scripts.push(v);
        else collect(v);
      }
  };
  for (const dir of dirs) {
    const listed = existsSync(path.join(dir, '.git'))
      ? execFileSync('git', ['ls-files', '-z'], { cwd: dir, maxBuffer: 512 * MiB })
          .toString('utf8')
          .split('\0')
      : readdirSync(dir, { recursive: true }).map(String);
    for (const file of listed.filter((f) => /\.ya?ml$/i.test(f))) {
      try {
        collect(parse(readFileSync(path.join(dir, file), 'utf8')));
      } catch {
        // not YAML the parser accepts: no scripts from it
      }
    }
  }
  return scripts;
}

/**
 * The cost of the shell parser alone: web-tree-sitter with the bundle's own WebAssembly files
 * (dist/cli/*.wasm) and the V8 setting src/shell/parser.ts applies (baseline compiler only; keep
 * the two in step). Start-up is the runtime and grammar load; each script is parsed and its tree
 * released, first pass (what one scan pays, cold) and the median of five more passes (warm).
 */
async function parserCost(dirs) {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--wasm-tier-up-filter=2147483647');
  const { createRequire } = await import('node:module');
  const TreeSitter = createRequire(path.join(ROOT, 'package.json'))('web-tree-sitter');
  const scripts = await runScripts(dirs);
  const started = performance.now();
  await TreeSitter.Parser.init({ wasmBinary: readFileSync(path.join(ROOT, 'dist/cli/web-tree-sitter.wasm')) });
  const bash = await TreeSitter.Language.load(readFileSync(path.join(ROOT, 'dist/cli/tree-sitter-bash.wasm')));
  const parser = new TreeSitter.Parser();
  parser.setLanguage(bash);
  const startMs = performance.now() - started;
  const pass = () => {
    const each = [];
    for (const script of scripts) {
      const t = performance.now();
      parser.parse(script)?.delete();
      each.push((performance.now() - t) * 1000);
    }
    return each;
  };
  const cold = pass();
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push(median(pass()));
  const chars = scripts.reduce((sum, s) => sum + s.length, 0);
  process.stdout.write(
    JSON.stringify({
      scripts: scripts.length,
      chars,
      startMs,
      coldMedianUs: median(cold),
      coldMeanUs: cold.reduce((a, b) => a + b, 0) / cold.length,
      coldMaxUs: Math.max(...cold),
      warmMedianUs: median(warm),
    }),
  );
}

// ---------------------------------------------------------------- measuring children

/** Runs `node ...args` with the RSS preload; resolves wall time, peak RSS, exit code and stdout. */
function measure(args, { cwd = ROOT, env = {}, preload = true } = {}) {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, ...env };
    delete childEnv.NODE_OPTIONS;
    const started = process.hrtime.bigint();
    // BENCH_PROFILE=DIR writes a CPU profile of every measured child there (node --cpu-prof).
    const profile = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`]
      : [];
    const child = spawn(process.execPath, [...profile, ...(preload ? ['--import', PRELOAD] : []), ...args], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    const usage = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.stdio[3].on('data', (b) => usage.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const stats = usage.length ? JSON.parse(Buffer.concat(usage).toString()) : { maxRSS: 0 };
      resolve({
        ms,
        cpuMs: ((stats.user ?? 0) + (stats.system ?? 0)) / 1000,
        rssMiB: stats.maxRSS / 1024,
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- a stand-in GitHub API on 127.0.0.1

/** Answers the action's REST calls locally: the PR's changed files, and an empty success for the rest. */
function fakeGitHub(changed) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url, 'http://127.0.0.1');
      let status = req.method === 'POST' ? 201 : 200;
      let body = req.method === 'GET' ? [] : { id: 1 };
      if (/\/pulls\/\d+\/files$/.test(url.pathname))
        body =
          Number(url.searchParams.get('page') ?? '1') > 1
            ? []
            : changed.map((filename) => ({ filename, status: 'modified' }));
      else if (/\/pulls\/\d+$/.test(url.pathname))
        body = {
          number: 1,
          head: { sha: 'a'.repeat(40) },
          base: { sha: 'b'.repeat(40) },
          changed_files: changed.length,
        };
      else if (url.pathname.includes('/contents/')) {
        status = 404; // no policy file at the base
        body = { message: 'Not Found' };
      } else if (url.pathname === '/user') body = { login: 'bench' };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, requests, close: () => server.close() }),
    ),
  );
}

/** The environment a GitHub runner gives the action, pointing every API call at the local stand-in. */
function actionEnv(workspace, api, inputs, event) {
  const temp = path.join(BENCH_DIR, 'runner');
  mkdirSync(temp, { recursive: true });
  const eventPath = path.join(temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  for (const f of ['output', 'summary', 'env']) writeFileSync(path.join(temp, f), '');
  const env = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'bench/monorepo',
    GITHUB_REPOSITORY_OWNER: 'bench',
    GITHUB_EVENT_NAME: event.pull_request ? 'pull_request' : 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_API_URL: api,
    GITHUB_SERVER_URL: api,
    GITHUB_GRAPHQL_URL: `${api}/graphql`,
    GITHUB_TOKEN: 'bench-token',
    GITHUB_RUN_ID: '1',
    GITHUB_JOB: 'bench',
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_ENV: path.join(temp, 'env'),
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
  };
  for (const [name, value] of Object.entries({ 'github-token': 'bench-token', ...inputs }))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

// ---------------------------------------------------------------- the benchmark

function options() {
  const get = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const sizes = get('sizes', '5000,20000,80000').split(',').map(Number);
  const runs = Number(get('runs', '3'));
  const seed = Number(get('seed', '1'));
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 50) ||
    !Number.isInteger(runs) ||
    runs < 1 ||
    !Number.isInteger(seed)
  )
    fail('usage: bench.mjs [--sizes 5000,20000,80000] [--runs N] [--seed N] [--build]');
  return { sizes, runs, seed, build: process.argv.includes('--build') };
}

function ensureBundles(build) {
  if (build || !existsSync(CLI) || !existsSync(ACTION)) {
    if (!build) fail('dist/cli/index.js or dist/index.js is missing: run `npm run build` first (or pass --build)');
    process.stdout.write('building with `npm run build` …\n');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const newestSource = newest(path.join(ROOT, 'src'));
  const built = Math.min(statSync(CLI).mtimeMs, statSync(ACTION).mtimeMs);
  if (newestSource > built)
    process.stdout.write(
      'warning: src/ changed after dist/ was built; figures are for the older bundles (pass --build)\n',
    );
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** dist/ sizes, and the packages bundled into the action according to ncc's licence list. */
function bundleReport() {
  const dist = path.join(ROOT, 'dist');
  const rows = [];
  for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      rows.push([
        path.relative(dist, path.join(entry.parentPath, entry.name)),
        statSync(path.join(entry.parentPath, entry.name)).size,
      ]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, size]) => sum + size, 0);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const licences = path.join(dist, 'licenses.txt');
  const bundled = existsSync(licences)
    ? [...readFileSync(licences, 'utf8').matchAll(/^([@a-z0-9][\w./@-]*)\n[A-Z]/gm)].map((m) => m[1])
    : [];
  const devOnly = bundled.filter((name) => pkg.devDependencies?.[name]);
  const unused = Object.keys(pkg.dependencies ?? {}).filter((name) => bundled.length > 0 && !bundled.includes(name));
  return { rows, total, bundled, devOnly, unused };
}

async function coldStarts(runs) {
  const empty = path.join(BENCH_DIR, 'empty-repo');
  if (!existsSync(path.join(empty, '.git'))) {
    mkdirSync(empty, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: empty });
  }
  const out = path.join(BENCH_DIR, 'cold-start.json');
  const api = await fakeGitHub([]);
  const cli = [];
  const action = [];
  let actionCode = null;
  try {
    for (let i = 0; i < Math.max(runs, 5); i++) {
      const c = await measure([CLI, 'scan', empty, '--format', 'json', '--output', out], { preload: false });
      if (c.code !== 0) fail(`CLI cold start exited ${c.code}: ${c.stderr.slice(0, 400)}`);
      cli.push(c.ms);
      const a = await measure([ACTION], {
        cwd: empty,
        env: actionEnv(empty, api.url, { path: '.', format: 'json' }, { ref: 'refs/heads/main' }),
        preload: false,
      });
      actionCode = a.code;
      action.push(a.ms);
    }
  } finally {
    api.close();
  }
  return { cli: median(cli), action: median(action), actionCode };
}

/** One scan of `dir` by the CLI; checks the report is sane and that nothing under node_modules/ was read. */
async function timeScan(dir, manifest) {
  const out = path.join(BENCH_DIR, `scan-${manifest.count}.json`);
  rmSync(out, { force: true });
  const run = await measure([CLI, 'scan', dir, '--format', 'json', '--output', out]);
  if (run.code !== 0 && run.code !== 1)
    fail(`scan of ${manifest.count} files exited ${run.code}: ${run.stderr.slice(0, 600)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const touched = [...report.deployments, ...report.findings, ...report.coverage.skipped].filter((x) =>
    x.file.startsWith('node_modules/'),
  );
  if (touched.length > 0) fail(`the scan read the ignored node_modules/ (${touched[0].file})`);
  if (report.coverage.filesConsidered !== manifest.count)
    fail(`the scan considered ${report.coverage.filesConsidered} files, the repo has ${manifest.count}`);
  return {
    ...run,
    deployments: report.deployments.length,
    findings: report.findings.length,
    parsed: report.coverage.filesParsed,
  };
}

/** The parser child, `runs` times; medians of each figure. */
async function timeParser(dirs, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const run = await measure([SELF, '--parser', ...dirs]);
    if (run.code !== 0) fail(`parser bench failed: ${run.stderr.slice(0, 600)}`);
    results.push({ ...JSON.parse(run.stdout), rssMiB: run.rssMiB });
  }
  const pick = (key) => median(results.map((r) => r[key]));
  return {
    scripts: results[0].scripts,
    chars: results[0].chars,
    startMs: pick('startMs'),
    coldMedianUs: pick('coldMedianUs'),
    coldMeanUs: pick('coldMeanUs'),
    coldMaxUs: pick('coldMaxUs'),
    warmMedianUs: pick('warmMedianUs'),
    rssMiB: Math.max(...results.map((r) => r.rssMiB)),
  };
}

async function timeFloor(dir) {
  const run = await measure([SELF, '--floor', dir]);
  if (run.code !== 0) fail(`floor failed: ${run.stderr.slice(0, 600)}`);
  return { ...run, ...JSON.parse(run.stdout) };
}

async function main() {
  const opts = options();
  ensureBundles(opts.build);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `agent-sandbox-guard bench: node ${process.version}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, runs ${opts.runs}, seed ${opts.seed}\n\n`,
  );

  const bundles = bundleReport();
  process.stdout.write(
    `dist/ ${(bundles.total / 1024).toFixed(0)} KiB: ${bundles.rows
      .slice(0, 6)
      .map(([f, s]) => `${f} ${(s / 1024).toFixed(0)} KiB`)
      .join(', ')}\n`,
  );
  if (bundles.bundled.length)
    process.stdout.write(
      `bundled packages (dist/licenses.txt): ${bundles.bundled.length}; dev-only among them: ${bundles.devOnly.join(', ') || 'none'}; runtime deps not bundled: ${bundles.unused.join(', ') || 'none'}\n`,
    );

  const cold = await coldStarts(opts.runs);
  process.stdout.write(
    `cold start on an empty repo (median of ${Math.max(opts.runs, 5)}): cli ${cold.cli.toFixed(0)} ms, action ${cold.action.toFixed(0)} ms (exit ${cold.actionCode})\n\n`,
  );

  const rows = [];
  let largest = null;
  for (const size of opts.sizes) {
    const started = Date.now();
    const repo = cachedRepo(BENCH_DIR, opts.seed, size);
    if (!repo.cached)
      process.stdout.write(
        `generated ${size} files in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(repo.manifest.byCategory)}\n`,
      );
    const scans = [];
    const floors = [];
    for (let i = 0; i < opts.runs; i++) {
      // Interleaved, alternating which goes first, so drift and page-cache warmth hit both alike.
      if (i % 2 === 0) {
        floors.push(await timeFloor(repo.dir));
        scans.push(await timeScan(repo.dir, repo.manifest));
      } else {
        scans.push(await timeScan(repo.dir, repo.manifest));
        floors.push(await timeFloor(repo.dir));
      }
    }
    const scan = median(scans.map((s) => s.ms));
    const floorMs = median(floors.map((s) => s.ms));
    const scanCpu = median(scans.map((s) => s.cpuMs));
    const floorCpu = median(floors.map((s) => s.cpuMs));
    const row = {
      size,
      scan,
      floor: floorMs,
      ratio: scan / floorMs,
      cpuRatio: scanCpu / floorCpu,
      scanCpu,
      floorCpu,
      filesPerSec: size / (scan / 1000),
      rss: Math.max(...scans.map((s) => s.rssMiB)),
      floorRss: Math.max(...floors.map((s) => s.rssMiB)),
      deployments: scans[0].deployments,
      planted: repo.manifest.agents.length,
      parsed: scans[0].parsed,
      floorParsed: floors[0].yaml + floors[0].json,
    };
    rows.push(row);
    largest = { repo, size };
    process.stdout.write(
      `${size} files: scan ${scan.toFixed(0)} ms, floor ${floorMs.toFixed(0)} ms (runs: scan ${scans.map((s) => s.ms.toFixed(0)).join('/')}, floor ${floors.map((s) => s.ms.toFixed(0)).join('/')}; load average ${os.loadavg()[0].toFixed(1)})\n`,
    );
  }

  const changed = largest ? await changedScope(largest.repo, opts.runs) : null;
  const shell = await timeParser(largest ? [largest.repo.dir, ROOT] : [ROOT], opts.runs);
  process.stdout.write(
    `\nshell parser (web-tree-sitter + tree-sitter-bash, ${shell.scripts} \`run:\` scripts of ${largest ? `the ${largest.size}-file repo and ` : ''}this project, ${(shell.chars / shell.scripts).toFixed(0)} chars on average; median of ${opts.runs} runs): start-up ${shell.startMs.toFixed(1)} ms, per script ${shell.coldMedianUs.toFixed(0)} µs median / ${shell.coldMeanUs.toFixed(0)} µs mean / ${(shell.coldMaxUs / 1000).toFixed(1)} ms max on the first pass, ${shell.warmMedianUs.toFixed(0)} µs median warm; peak RSS ${shell.rssMiB.toFixed(0)} MiB\n`,
  );
  const many = await manyDeployments(opts.runs);
  process.stdout.write(
    `\nmany deployments (one-step agent jobs, 5,500 per workflow file): ${many.map((m) => `${m.deployments} in ${m.ms.toFixed(0)} ms`).join(', ')}\n`,
  );

  // Wall time is the target; CPU time (the child's own, without git) is shown because it is steadier on a busy machine.
  process.stdout.write(
    '\n| files | scan ms | floor ms | scan/floor | files/s | CPU ms scan / floor (ratio) | scan peak RSS MiB | floor peak RSS MiB | files parsed (scan / floor) | deployments (planted agent files) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n',
  );
  for (const r of rows)
    process.stdout.write(
      `| ${r.size} | ${r.scan.toFixed(0)} | ${r.floor.toFixed(0)} | ${r.ratio.toFixed(2)}× | ${r.filesPerSec.toFixed(0)} | ${r.scanCpu.toFixed(0)} / ${r.floorCpu.toFixed(0)} (${r.cpuRatio.toFixed(2)}×) | ${r.rss.toFixed(0)} | ${r.floorRss.toFixed(0)} | ${r.parsed} / ${r.floorParsed} | ${r.deployments} (${r.planted}) |\n`,
    );

  const checks = [];
  const at20 = rows.find((r) => r.size === 20000);
  const at80 = rows.find((r) => r.size === 80000);
  for (const r of rows) {
    const n = r.size.toLocaleString('en-US');
    // The ratio target is set at 20,000 files (the speed issue's definition); below that the fixed
    // start-up (loading the bundle, the shell parser, the built-in policy) outweighs the files, so the
    // other sizes' ratios are shown beside it, not judged.
    if (r.size === TARGET_RATIO_SIZE)
      checks.push([`scan/floor at ${n} ≤ ${TARGETS.ratio}×`, `${r.ratio.toFixed(2)}×`, r.ratio <= TARGETS.ratio]);
    else checks.push([`scan/floor at ${n} (shown, no target)`, `${r.ratio.toFixed(2)}×`, null]);
    checks.push([`peak RSS at ${n} ≤ ${TARGETS.rssMiB} MiB`, `${r.rss.toFixed(0)} MiB`, r.rss <= TARGETS.rssMiB]);
  }
  if (at20 && at80)
    checks.push([
      `80,000 / 20,000 scan time ≤ ${TARGETS.growth}×`,
      `${(at80.scan / at20.scan).toFixed(2)}×`,
      at80.scan / at20.scan <= TARGETS.growth,
    ]);
  checks.push([
    `cold start dist/cli/index.js ≤ ${TARGETS.coldStartMs} ms`,
    `${cold.cli.toFixed(0)} ms`,
    cold.cli <= TARGETS.coldStartMs,
  ]);
  checks.push([
    `cold start dist/index.js ≤ ${TARGETS.coldStartMs} ms`,
    `${cold.action.toFixed(0)} ms`,
    cold.action <= TARGETS.coldStartMs,
  ]);
  if (changed)
    checks.push([
      `scope: changed, 10 files of ${changed.size} ≤ ${TARGETS.changedMs} ms (${changed.how})`,
      `${changed.ms.toFixed(0)} ms`,
      changed.ms <= TARGETS.changedMs,
    ]);
  const [few, lots] = many;
  checks.push([
    `${lots.deployments} / ${few.deployments} deployments scan time < ${TARGETS.manyGrowth}×`,
    `${(lots.ms / few.ms).toFixed(2)}×`,
    lots.ms / few.ms < TARGETS.manyGrowth,
  ]);
  process.stdout.write('\n| target | measured | |\n|---|---:|---|\n');
  for (const [what, value, ok] of checks)
    process.stdout.write(`| ${what} | ${value} | ${ok === null ? '' : ok ? 'ok' : 'MISSED'} |\n`);
  process.exitCode = checks.every(([, , ok]) => ok !== false) ? 0 : 1;
}

/**
 * The many-deployments shape: workflows of 5,500 one-step agent jobs each, one file (5,500
 * deployments) and four files (22,000). Linear cost means under 4x the time; it once overflowed
 * the stack (arrays spread into arguments) and grew quadratically (key lookups, settings links).
 */
async function manyDeployments(runs) {
  const out = [];
  for (const files of [1, 4]) {
    const dir = path.join(BENCH_DIR, `many-${files}`);
    const workflows = path.join(dir, '.github/workflows');
    if (!existsSync(workflows)) {
      mkdirSync(workflows, { recursive: true });
      // A repository of its own: inside this one, .bench/ is ignored and a scan would list nothing.
      execFileSync('git', ['init', '-q'], { cwd: dir });
      for (let f = 0; f < files; f++) {
        const jobs = Array.from(
          { length: 5500 },
          (_, i) => `  w${f}_${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gemini --yolo -p "fix"\n`,
        );
        writeFileSync(path.join(workflows, `agents-${f}.yml`), `on: pull_request\njobs:\n${jobs.join('')}`);
      }
    }
    const report = path.join(BENCH_DIR, `many-${files}.json`);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const run = await measure([CLI, 'scan', dir, '--format', 'json', '--output', report]);
      if (run.code !== 1)
        fail(`many-deployments scan (${files} files) exited ${run.code}: ${run.stderr.slice(0, 600)}`);
      times.push(run.ms);
    }
    out.push({ deployments: JSON.parse(readFileSync(report, 'utf8')).deployments.length, ms: median(times) });
  }
  return out;
}

/**
 * `scope: changed` over 10 files of the largest repository, through the action bundle: a pull_request
 * event, `scope: changed`, and the PR's files served by the local API stand-in.
 */
async function changedScope(repo, runs) {
  const files = repo.manifest.changed;
  const api = await fakeGitHub(files);
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const env = actionEnv(
        repo.dir,
        api.url,
        { scope: 'changed', path: '.', format: 'json' },
        { pull_request: { number: 1, head: { sha: 'a'.repeat(40) }, base: { sha: 'b'.repeat(40) } }, number: 1 },
      );
      const run = await measure([ACTION], { cwd: repo.dir, env });
      if (run.code !== 0 && run.code !== 1)
        fail(
          `the action's changed-scope run exited ${run.code}: ${run.stderr.slice(0, 600)}${run.stdout.slice(0, 600)}`,
        );
      times.push(run.ms);
    }
  } finally {
    api.close();
  }
  const asked = api.requests.some((r) => /\/pulls\/1\/files/.test(r));
  if (!asked)
    process.stdout.write(
      `warning: the action never asked for the PR's files (requests: ${api.requests.slice(0, 5).join(', ') || 'none'}); it may not support scope: changed yet\n`,
    );
  return {
    size: repo.manifest.count,
    ms: median(times),
    how: asked
      ? 'action bundle, PR files from a local API stand-in'
      : 'action bundle, but it did not fetch the PR files',
  };
}

if (process.argv[2] === '--floor') await floor(process.argv[3]);
else if (process.argv[2] === '--parser') await parserCost(process.argv.slice(3));
else await main();
