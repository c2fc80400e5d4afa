#!/usr/bin/env node
/**
 * Runs the built CLI over the labelled corpus ($CORPUS_DIR, else ../shared/corpus next to the
 * repository) and compares the result with the manifest's `agent` and `sandboxed`
 * labels, per kind.
 *
 * Each corpus file is copied to its `original_path` inside a fresh temporary repository of its own
 * (location decides detection, and one file must not affect another), then scanned with
 * `dist/cli/index.js scan <dir> --format json` (or $CORPUS_CLI). Nothing is executed but our CLI.
 *
 *   recognised   the scan reports at least one deployment in that file
 *   agent        agrees when recognised == (label `agent` is `yes`)
 *   sandboxed    our verdict for the file, from the facts of its deployments (below), against the
 *                label, for every labelled agent we recognised
 *
 * Verdict of one deployment, from its facts (the manifest rubric in these terms):
 *   no       isolation none, unless approvals are restricted (a hard allowlist without a sandbox
 *            is partial); or approvals bypassed below gVisor, when a line says so (`--yolo`) or
 *            nothing contains the agent (isolation below container)
 *   yes      isolation gvisor or stronger; or isolation process/container with network allowlist
 *            or none, filesystem not full, and no warning or error from a rule that reports a hole
 *            in a sandbox that is on (WEAKENING_RULES)
 *   partial  everything else
 * A file is yes or no when all its deployments agree, partial when they are mixed. Remote MCP
 * servers (signal "remote server") start nothing locally and are left out, as the rubric's `n/a`.
 *
 * With --fix, each file's copy is also fixed (`fix <dir> --unsafe`, repeated until nothing changes,
 * at most 5 runs) and two checks are reported per file that had edits: the fixed file still parses
 * (a re-scan lists it as parsed, not unparsable), and every byte outside the reported edit spans is
 * still there, in order. Findings before and after are counted too.
 *
 * Usage: node scripts/corpus.mjs [--kind KIND] [--verbose | --quiet] [--snapshot DIR | --compare DIR] [--fix]
 *   --kind KIND  only rows of that manifest kind   --verbose  every row   --quiet  the table only
 *   --snapshot DIR  also write each file's JSON report to DIR/<id>.json (run by hand, before a refactor)
 *   --compare DIR   compare each file's JSON report with DIR/<id>.json byte for byte; exit 1 on any difference
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ISOLATION = ['none', 'process', 'container', 'gvisor', 'microvm', 'vm'];
/** Rules whose warnings mean a sandbox that is on still has a way out. Extend when adding such a rule. */
const WEAKENING_RULES = new Set(['settings-sandbox-escape-hatch', 'settings-unrestricted-tools', 'unrestricted-tools']);

const { values: options } = parseArgs({
  options: {
    kind: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    snapshot: { type: 'string' },
    compare: { type: 'string' },
    fix: { type: 'boolean', default: false },
  },
});
if (options.snapshot && options.compare) {
  console.error('corpus: --snapshot and --compare are exclusive.');
  process.exit(2);
}

const corpus = process.env.CORPUS_DIR ? path.resolve(process.env.CORPUS_DIR) : path.resolve(ROOT, '../shared/corpus');
if (!existsSync(path.join(corpus, 'MANIFEST.tsv'))) {
  console.log(`corpus: no corpus at ${corpus} (no MANIFEST.tsv); skipping. Set CORPUS_DIR to run it elsewhere.`);
  process.exit(0);
}
const cli = process.env.CORPUS_CLI ? path.resolve(process.env.CORPUS_CLI) : path.join(ROOT, 'dist/cli/index.js');
if (!existsSync(cli)) {
  console.error(
    `corpus: the CLI is not built (${path.relative(ROOT, cli)} is missing); run \`npm run build\` or set CORPUS_CLI.`,
  );
  process.exit(2);
}

const rows = readManifest(path.join(corpus, 'MANIFEST.tsv')).filter((r) => !options.kind || r.kind === options.kind);
if (options.fix) {
  const fixed = await mapPool(rows, Math.max(2, os.availableParallelism()), fixAlone);
  printFixTable(fixed);
  process.exit(fixed.some((f) => f.error || f.parses === false || f.kept === false) ? 1 : 0);
}
const results = await mapPool(rows, Math.max(2, os.availableParallelism() * 2), async (row) =>
  judge(row, await scanAlone(row)),
);
printTable(results);
if (!options.quiet) printDisagreements(results);
// Disagreements are findings to investigate, not failures; a scan that crashed is.
process.exitCode = results.some((r) => r.error) ? 1 : 0;
if (options.snapshot) writeSnapshot(path.resolve(options.snapshot), results);
if (options.compare && !compareSnapshot(path.resolve(options.compare), results)) process.exitCode = 1;

/** Writes every row's raw JSON report (or its error) to DIR/<id>.json. */
function writeSnapshot(dir, all) {
  mkdirSync(dir, { recursive: true });
  for (const r of all) writeFileSync(path.join(dir, `${r.row.id}.json`), snapshotText(r));
  console.log(`\ncorpus: wrote ${all.length} reports to ${dir}`);
}

/** Compares every row's report with DIR/<id>.json; prints each difference and returns whether none. */
function compareSnapshot(dir, all) {
  const differing = all.filter((r) => {
    const file = path.join(dir, `${r.row.id}.json`);
    return !existsSync(file) || readFileSync(file, 'utf8') !== snapshotText(r);
  });
  console.log(`\ncorpus: ${all.length - differing.length} of ${all.length} reports equal the snapshot in ${dir}`);
  for (const r of differing) console.log(`  differs: ${r.row.id} ${r.row.kind} ${r.row.original_path}`);
  return differing.length === 0;
}

function snapshotText(r) {
  return r.error ? `error: ${r.error}\n` : r.stdout;
}

function readManifest(file) {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const columns = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value])));
}

/** Copies one corpus file to its original path in an empty repository and scans it. */
async function scanAlone(row) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asg-corpus-'));
  try {
    const target = path.join(dir, row.original_path);
    if (!target.startsWith(dir + path.sep))
      throw new Error(`original_path leaves the repository: ${row.original_path}`);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(corpus, row.file), target);
    const run = await execute(process.execPath, [cli, 'scan', dir, '--format', 'json']);
    if (run.status !== 0 && run.status !== 1)
      return { error: `exit ${run.status}: ${run.stderr.trim().split('\n')[0]}` };
    return { report: JSON.parse(run.stdout), stdout: run.stdout };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies one corpus file into an empty repository, fixes it until nothing changes, and checks the result. */
async function fixAlone(row) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asg-corpus-fix-'));
  try {
    const target = path.join(dir, row.original_path);
    if (!target.startsWith(dir + path.sep))
      throw new Error(`original_path leaves the repository: ${row.original_path}`);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(corpus, row.file), target);
    const original = readFileSync(target, 'utf8');
    const scanJson = async () => {
      const run = await execute(process.execPath, [cli, 'scan', dir, '--format', 'json']);
      if (run.status !== 0 && run.status !== 1)
        throw new Error(`scan exit ${run.status}: ${run.stderr.split('\n')[0]}`);
      return JSON.parse(run.stdout);
    };
    const before = await scanJson();
    const edits = before.findings.flatMap((f) => f.fix?.edits ?? []).filter((e) => e.file === row.original_path);
    let applied = 0;
    let runs = 0;
    for (; runs < 5; runs++) {
      const run = await execute(process.execPath, [cli, 'fix', dir, '--unsafe']);
      if (run.status !== 0 && run.status !== 1) throw new Error(`fix exit ${run.status}: ${run.stderr.split('\n')[0]}`);
      const n = Number(/^(\d+) fix/.exec(run.stderr)?.[1] ?? 0);
      if (n === 0) break;
      applied += n;
    }
    const after = await scanJson();
    const fixedText = readFileSync(target, 'utf8');
    const changed = fixedText !== original;
    const unparsable = after.coverage.skipped.some((s) => s.file === row.original_path && s.status === 'unparsable');
    const wasUnparsable = before.coverage.skipped.some(
      (s) => s.file === row.original_path && s.status === 'unparsable',
    );
    return {
      row,
      edits: edits.length,
      applied,
      runs,
      changed,
      parses: changed ? wasUnparsable || !unparsable : null,
      kept: changed ? outsideKept(original, fixedText, before.findings) : null,
      findingsBefore: before.findings.filter((f) => f.file === row.original_path).length,
      findingsAfter: after.findings.filter((f) => f.file === row.original_path).length,
      converged: runs < 5,
    };
  } catch (error) {
    return { row, error: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every stretch of the original outside all reported edit spans of the file (first-run edits; a later
 * run's edits lie inside the text the earlier ones wrote or in what the report still names) is found
 * again in the fixed text, in order.
 */
function outsideKept(original, fixed, findings) {
  const starts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === '\n') starts.push(i + 1);
  const at = (line, column) => (starts[line - 1] ?? original.length) + column - 1;
  const file = findings.find((f) => f.fix)?.file;
  const spans = findings
    .flatMap((f) => f.fix?.edits ?? [])
    .filter((e) => e.file === file)
    .map((e) => [at(e.startLine, e.startColumn), at(e.endLine, e.endColumn)])
    .sort((a, b) => a[0] - b[0]);
  let from = 0;
  let cursor = 0;
  const pieces = [];
  for (const [s, e] of spans) {
    if (s > from) pieces.push(original.slice(from, s));
    from = Math.max(from, e);
  }
  pieces.push(original.slice(from));
  for (const piece of pieces) {
    const found = fixed.indexOf(piece, cursor);
    if (found < 0) return false;
    cursor = found + piece.length;
  }
  return true;
}

function printFixTable(all) {
  const withEdits = all.filter((r) => !r.error && r.edits > 0);
  const changed = withEdits.filter((r) => r.changed);
  const line = (label, value) => console.log(`${label.padEnd(36)} ${value}`);
  line('corpus files', String(all.length));
  line('files with fix edits', String(withEdits.length));
  line('files changed by fix --unsafe', String(changed.length));
  line('fixes applied (all runs)', String(changed.reduce((n, r) => n + r.applied, 0)));
  line('still parse', `${changed.filter((r) => r.parses).length}/${changed.length}`);
  line('bytes outside edits kept', `${changed.filter((r) => r.kept).length}/${changed.length}`);
  line('converged within 5 runs', `${withEdits.filter((r) => r.converged).length}/${withEdits.length}`);
  line(
    'findings in changed files',
    `${changed.reduce((n, r) => n + r.findingsBefore, 0)} before, ${changed.reduce((n, r) => n + r.findingsAfter, 0)} after`,
  );
  line('errors', String(all.filter((r) => r.error).length));
  const bad = all.filter((r) => r.error || r.parses === false || r.kept === false || r.converged === false);
  for (const r of bad)
    console.log(
      `  ${r.row.file}: ${r.error ?? [r.parses === false && 'does not parse', r.kept === false && 'bytes outside edits changed', r.converged === false && 'did not converge'].filter(Boolean).join(', ')}`,
    );
}

function execute(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order. */
async function mapPool(items, limit, work) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function judge(row, { report, stdout, error }) {
  if (error) return { row, error, recognised: false, verdict: null, deployments: [] };
  const deployments = report.deployments.filter((d) => d.file === row.original_path);
  const findings = report.findings.filter((f) => f.file === row.original_path);
  const local = deployments.filter((d) => !d.signals.some((s) => /remote server/i.test(s)));
  const verdicts = local.map((d) =>
    deploymentVerdict(
      d,
      findings.filter((f) => f.deployment === d.id),
    ),
  );
  const verdict =
    verdicts.length === 0
      ? deployments.length > 0
        ? 'n/a'
        : null
      : verdicts.every((v) => v === verdicts[0])
        ? verdicts[0]
        : 'partial';
  return { row, stdout, recognised: deployments.length > 0, verdict, deployments, findings, coverage: report.coverage };
}

function deploymentVerdict(d, findings) {
  const { isolation, network, filesystem, approval } = d.sandbox;
  const level = ISOLATION.indexOf(isolation.value);
  if (isolation.value === 'none') return approval.value === 'restricted' ? 'partial' : 'no';
  const contained = level >= ISOLATION.indexOf('container');
  if (approval.value === 'bypassed' && level < ISOLATION.indexOf('gvisor') && (approval.source || !contained))
    return 'no';
  if (level >= ISOLATION.indexOf('gvisor')) return 'yes';
  const weakened = findings.some(
    (f) => WEAKENING_RULES.has(f.ruleId) && (f.severity === 'error' || f.severity === 'warning'),
  );
  return network.value !== 'open' && filesystem.value !== 'full' && !weakened ? 'yes' : 'partial';
}

function agentAgrees(r) {
  return !r.error && r.recognised === (r.row.agent === 'yes');
}
/** Labelled agents we recognised: their `sandboxed` label (yes, partial, no or n/a) can be compared. */
function sandboxComparable(r) {
  return r.recognised && r.row.agent === 'yes';
}
function sandboxAgrees(r) {
  if (!sandboxComparable(r)) return false;
  return r.row.sandboxed === 'n/a' ? r.verdict === 'n/a' : r.verdict === r.row.sandboxed;
}

function printTable(all) {
  const kinds = [...new Set(all.map((r) => r.row.kind))].sort();
  const lines = [
    ['kind', 'files', 'agents (label)', 'recognised', 'false positives', 'agent agrees', 'sandboxed agrees', 'errors'],
  ];
  const add = (name, group) => {
    const comparable = group.filter(sandboxComparable);
    lines.push([
      name,
      String(group.length),
      String(group.filter((r) => r.row.agent === 'yes').length),
      String(group.filter((r) => r.recognised && r.row.agent === 'yes').length),
      String(group.filter((r) => r.recognised && r.row.agent !== 'yes').length),
      `${group.filter(agentAgrees).length}/${group.length}`,
      `${comparable.filter(sandboxAgrees).length}/${comparable.length}`,
      String(group.filter((r) => r.error).length),
    ]);
  };
  for (const kind of kinds)
    add(
      kind,
      all.filter((r) => r.row.kind === kind),
    );
  add('total', all);
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const [i, line] of lines.entries()) {
    console.log(line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function printDisagreements(all) {
  const shown = all.filter(
    (r) => options.verbose || r.error || !agentAgrees(r) || (sandboxComparable(r) && !sandboxAgrees(r)),
  );
  if (shown.length === 0) return;
  console.log(options.verbose ? '\nRows:' : '\nDisagreements:');
  for (const r of shown) {
    const ours = r.error ? `error: ${r.error}` : r.recognised ? `recognised, sandboxed ${r.verdict}` : 'not recognised';
    console.log(
      `  ${r.row.id} ${r.row.kind} ${r.row.original_path}: label agent=${r.row.agent} sandboxed=${r.row.sandboxed}; ours ${ours}`,
    );
    for (const d of r.deployments) {
      const facts = ['isolation', 'network', 'filesystem', 'approval']
        .map((k) => `${k}=${d.sandbox[k].value}`)
        .join(' ');
      console.log(`      ${d.kind} ${d.name} (${d.agent}): ${facts}`);
    }
    if (!r.recognised && r.coverage)
      for (const s of r.coverage.skipped) console.log(`      skipped: ${s.status} (${s.reason})`);
    console.log(`      note: ${r.row.notes}`);
  }
}
