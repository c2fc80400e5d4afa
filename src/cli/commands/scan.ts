/**
 * `agent-sandbox-guard scan [PATH]`: a directory is scanned as a repository; one file is judged
 * within its repository (so facts other files supply still count) and the report keeps to it.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileFilters, discover } from '../../discovery/discover.js';
import { prepareScan, scanAhead, scanDirectory, stampReport, type ReportOrigin } from '../../engine/index.js';
import type { ScanReport } from '../../model/report.js';
import { UserError } from '../../errors.js';
import { TOOL_NAME } from '../../version.js';
import { loadPolicy } from '../../policy/load.js';
import { FAIL_ON } from '../../policy/schema.js';
import { FORMATS } from '../../report/formats.js';
import { render, type RenderContext } from '../../report/index.js';
import { oneOf, stringOption, type ParsedOptions } from '../args.js';
import type { CliIO } from '../io.js';
import { progressLine, terminalOf } from '../terminal.js';
import { judgeAgainst } from '../base.js';

export async function runScan(parsed: ParsedOptions, io: CliIO): Promise<number> {
  // Loads while the options and the policy are read.
  const ready = prepareScan();
  const { positionals } = parsed;
  if (positionals.length > 1)
    throw new UserError(`scan takes one directory or file, got ${positionals.length}: ${positionals.join(' ')}`);
  const format = oneOf('--format', stringOption(parsed, 'format') ?? 'text', FORMATS);
  const failOnFlag = stringOption(parsed, 'fail-on');
  const failOn = failOnFlag === undefined ? undefined : oneOf('--fail-on', failOnFlag, FAIL_ON);
  const outputFlag = stringOption(parsed, 'output');
  const output = outputFlag === undefined ? undefined : writableTarget(path.resolve(io.cwd, outputFlag), outputFlag);
  const given = positionals[0] ?? '.';
  const target = path.resolve(io.cwd, given);
  const stat = statOrNull(target);
  if (!stat) throw new UserError(`${given}: no such file or directory`);
  if (!stat.isDirectory() && !stat.isFile()) throw new UserError(`${given}: not a directory or a regular file`);
  const file = stat.isFile() ? target : undefined;
  const root = file ? repositoryRoot(file) : target;
  const relative = file ? path.relative(root, file).split(path.sep).join('/') : undefined;
  // git lists the repository (and a large one's parse worker boots) while the policy is read.
  const started = relative === undefined ? scanAhead(root) : undefined;

  const origin = reportOrigin(stringOption(parsed, 'repo-name'), stringOption(parsed, 'commit'));
  const today = stringOption(parsed, 'today');
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new UserError(`--today must be a date written YYYY-MM-DD; got "${today}"`);
  const policyFlag = stringOption(parsed, 'policy');
  const policyPath = policyFlag !== undefined ? path.resolve(io.cwd, policyFlag) : undefined;
  const baseRef = stringOption(parsed, 'base');
  const base = baseRef === undefined ? null : judgeAgainst(root, baseRef, policyPath);
  const loaded = base
    ? base.policy
    : loadPolicy({ root, ...(policyPath ? { policyPath } : {}), ...(today ? { today } : {}) });
  const policy = failOn ? { ...loaded, failOn } : loaded;

  let listing: string[] | undefined;
  if (relative !== undefined) {
    if (!compileFilters(policy)(relative))
      throw new UserError(
        `${given}: the policy (${policy.source}) leaves ${relative} out through its include/exclude globs, so it is not judged`,
      );
    const found = discover(root, { include: policy.include, exclude: policy.exclude }).files;
    // A file git ignores is still judged when asked for by name.
    if (!found.includes(relative)) listing = [...found, relative];
  }

  const terminal = terminalOf(io);
  const progress = progressLine(io, terminal, relative ?? given);
  await ready;
  const ahead = await started;
  let report: ScanReport;
  try {
    report = scanDirectory({
      root,
      policy,
      ...(listing ? { listing } : {}),
      ...(ahead ? { ahead } : {}),
      ...(relative !== undefined ? { scope: new Set([relative]), scopeOnly: true } : {}),
      ...(today ? { today } : {}),
      ...(base ? { baseline: base.baseline } : {}),
      onRead: progress.tick,
    }).report;
    report = stampReport(report, origin);
  } finally {
    progress.done();
  }
  if (relative !== undefined) {
    report = keepToFile(report, relative);
    if (report.deployments.length === 0 && report.findings.length === 0 && report.coverage.skipped.length === 0)
      io.stderr(
        `${TOOL_NAME}: note: ${relative} holds no agent deployment this tool recognises (it reads workflows, agent settings, MCP configurations, Kubernetes and Compose files and devcontainers)\n`,
      );
  }
  const context: RenderContext = {
    ...(relative !== undefined ? { scopeName: relative } : {}),
    ...(output === undefined && format === 'text' ? { terminal: terminal.stdout } : {}),
  };
  const text = render(format, report, context);
  if (output !== undefined) writeFileSync(output, text);
  else io.stdout(text);
  return report.result === 'pass' ? 0 : 1;
}

/** Deployments and findings of other files are context, not the subject: the report keeps to the file. */
function keepToFile(report: ScanReport, file: string): ScanReport {
  const deployments = report.deployments.filter((d) => d.file === file).map(({ inScope: _inScope, ...d }) => d);
  const findings = report.findings.filter((f) => f.file === file);
  const used = new Set(findings.map((f) => f.ruleId));
  return {
    ...report,
    deployments,
    findings,
    rules: report.rules.filter((r) => used.has(r.id)),
    coverage: { ...report.coverage, skipped: report.coverage.skipped.filter((s) => s.file === file) },
  };
}

/**
 * The repository a file belongs to: the nearest folder holding `.git`; else the folder above the
 * outermost dot-folder on its path (`.github/workflows/x.yml` is read from the folder holding
 * `.github`); else the file's own folder.
 */
export function repositoryRoot(file: string): string {
  const parents: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    parents.push(dir);
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  const dotted = [...parents].reverse().find((dir) => path.basename(dir).startsWith('.'));
  return dotted ? path.dirname(dotted) : path.dirname(file);
}

function statOrNull(target: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(target);
  } catch {
    return null;
  }
}

/** `--output` must name a file in a folder that exists; say so before spending a scan. */
function writableTarget(absolute: string, given: string): string {
  const folder = path.dirname(absolute);
  const stat = statOrNull(folder);
  if (!stat) throw new UserError(`--output ${given}: the folder ${folder} does not exist; create it first`);
  if (!stat.isDirectory()) throw new UserError(`--output ${given}: ${folder} is not a folder`);
  if (statOrNull(absolute)?.isDirectory()) throw new UserError(`--output ${given}: is a folder; name a file`);
  return absolute;
}

/** `--repo-name` and `--commit` as the inventory merges them: a name without controls, a hex commit id. */
function reportOrigin(repository: string | undefined, commit: string | undefined): ReportOrigin {
  if (repository !== undefined && !/^[^\s\p{Cc}]{1,200}$/u.test(repository))
    throw new UserError(`--repo-name must be a repository name such as owner/name; got "${repository}"`);
  if (commit !== undefined && !/^[0-9a-f]{7,64}$/i.test(commit))
    throw new UserError(`--commit must be a commit id (7 to 64 hex digits); got "${commit}"`);
  return { repository, commit: commit?.toLowerCase() };
}
