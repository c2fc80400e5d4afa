/**
 * The GitHub Action: inputs → policy → scope → scan → outputs. Everything that can fail on a real
 * pull request (permissions, API errors, a missing summary file) degrades to a warning; only the
 * findings, an invalid policy or input, or a bug fail the step.
 */
import * as core from '@actions/core';
import { prepareScan, scanAhead, scanDirectory, stampReport } from '../engine/index.js';
import type { ScanReport } from '../model/report.js';
import { describeUserError, UserError } from '../errors.js';
import { createClient } from '../github/client.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import { planAnnotations } from '../report/annotations.js';
import { activeFindings, approvalHint, countBySeverity, verdict, type RenderContext } from '../report/view.js';
import { PullBaseline } from './baseline.js';
import { readRunContext, type RunContext } from './context.js';
import { readInputs, type Inputs } from './inputs.js';
import { Notes } from './notes.js';
import { secretsIn } from './mask.js';
import { logReport, printAnnotations, setOutputs, writeFiles, writeSummary } from './outputs.js';
import { describeProposal, diffPolicies } from './policy-diff.js';
import { resolvePolicy, type PolicyResolution } from './policy.js';
import { publishToApi } from './publish-api.js';
import { changedScope } from './scope.js';

export async function run(): Promise<void> {
  try {
    // Loads while the inputs, the policy and the changed files are read.
    const ready = prepareScan();
    const inputs = readInputs((name) => core.getInput(name));
    const context = readRunContext();
    // git lists the workspace (and a large one's parse worker boots) while the policy and changed files are fetched.
    const started = scanAhead(context.workspace, inputs.scope === 'changed' ? { parseWorker: false } : {});
    const token = inputs['github-token'];
    const octokit = token ? createClient(token, context.apiUrl, { onRetry: (message) => core.info(message) }) : null;
    const notes = new Notes();
    if (!octokit)
      notes.notice('No `github-token`: no check run, comment, changed-file list or base policy from the API.');

    const resolved = await resolvePolicy(inputs, context, octokit);
    const policy = withFailOn(resolved.policy, inputs);
    core.info(`Judged by ${resolved.origin} (${policy.source}), fail-on ${policy.failOn}.`);

    const scoped = inputs.scope === 'changed' ? await changedScope(context, octokit) : null;
    if (scoped?.fellBack) notes.warn(scoped.note);
    else if (scoped) {
      core.info(`Scope: ${scoped.note}.`);
      // A changed-scope run reads the change and what feeds it, so it stays fast on large repositories.
      notes.remark(
        `Scope: ${scoped.note}. Only these files and the files that feed them facts were read; agent deployments in other files are outside the change and were not judged. Run with \`scope: all\` (for example on pushes to the default branch) for the full inventory.`,
      );
    }
    const scope = scoped?.files;
    // On a pull request, what it adds (suppressions, exceptions) is told from what its base holds.
    const baseline =
      context.pull && context.baseSha
        ? new PullBaseline({ ...context, baseSha: context.baseSha }, octokit, policy, resolved.proposed?.policy ?? null)
        : undefined;
    // The files that gate: the changed ones and those of deployments that use them (set by each scan).
    let gating = scope;
    const ahead = await started;
    const scan = (p: ResolvedPolicy): ScanReport => {
      // scopeOnly: judge the change (and the files feeding it), not the whole repository; same verdict, a fraction of the time.
      const result = scanDirectory({
        root: context.workspace,
        policy: p,
        ahead,
        ...(scope ? { scope, scopeOnly: true } : {}),
        ...(baseline ? { baseline } : {}),
      });
      for (const secret of secretsIn(result.parsed, result.report)) core.setSecret(secret);
      gating = result.scope ?? scope;
      // Stamped with what the run is about, so reports of many repositories merge into one inventory.
      return stampReport(result.report, { repository: `${context.owner}/${context.repo}`, commit: context.sha });
    };
    await ready;
    let report = scan(policy);
    const warn = (message: string): void => notes.warn(message);
    if (baseline && (await baseline.fetchMissing(warn))) report = scan(policy);
    if (baseline && (await baseline.fetchApprovals(report, policy, warn))) report = scan(policy);
    const hint = approvalHint(report);
    if (hint) notes.remark(hint);
    const judgedScope = gating; // before the proposal's scan sets it for the proposed policy
    if (resolved.proposed) noteProposal(resolved, report, inputs, scan, notes);

    const render = renderContext(context, judgedScope);
    const files = writeFiles(report, inputs, context, notes);
    const plan = planAnnotations(report, render, {
      annotatePassing: inputs['annotate-passing'],
      readMore: 'in the job summary and in this step’s log',
      // Kept for the verdict (setFailed) and the action's own messages, known only after publishing;
      // at most two warnings (permissions, one API error) plus the scope note are ever added there.
      reserved: {
        error: report.result === 'fail' ? 1 : 0,
        warning: Math.min(10, notes.count('warning') + 2),
        notice: notes.count('notice'),
      },
    });
    if (octokit)
      await publishToApi({ octokit, run: context, inputs, report, render, plan, notes, log: (m) => core.info(m) });

    printAnnotations(plan, notes, (line) => process.stdout.write(`${line}\n`));
    await writeSummary(report, render, notes, files);
    setOutputs(report, render, files);
    logReport(report, render, (text) => process.stdout.write(text));
    if (report.result === 'fail') core.setFailed(`agent-sandbox-guard: ${verdict(report, render)}`);
    else core.info(`agent-sandbox-guard: ${verdict(report, render)}`);
  } catch (error) {
    if (error instanceof UserError) core.setFailed(`agent-sandbox-guard: ${describeUserError(error)}`);
    else
      core.setFailed(
        `agent-sandbox-guard: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
  }
}

function withFailOn(policy: ResolvedPolicy, inputs: Inputs): ResolvedPolicy {
  return inputs['fail-on'] ? { ...policy, failOn: inputs['fail-on'] } : policy;
}

function renderContext(run: RunContext, scope: ReadonlySet<string> | undefined): RenderContext {
  return {
    ...(scope ? { scope } : {}),
    ...(run.sha ? { links: { serverUrl: run.serverUrl, repository: `${run.owner}/${run.repo}`, sha: run.sha } } : {}),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
  };
}

/** The pull request edits the policy: say which one judged it and what the edit would change. */
function noteProposal(
  resolved: PolicyResolution,
  report: ScanReport,
  inputs: Inputs,
  scan: (p: ResolvedPolicy) => ScanReport,
  notes: Notes,
): void {
  const proposed = resolved.proposed!;
  const summary = (r: ScanReport) => {
    const counts = countBySeverity(activeFindings(r));
    return { result: r.result, errors: counts.error, warnings: counts.warning };
  };
  const head = proposed.policy ? withFailOn(proposed.policy, inputs) : null;
  const message = describeProposal({
    file: proposed.file,
    origin: resolved.origin,
    changes: head ? diffPolicies(resolved.policy, proposed.policy!) : null,
    error: proposed.error,
    wouldBe: head ? summary(scan(head)) : null,
    actual: summary(report),
  });
  notes.notice(message, { title: 'policy changed in this pull request', file: proposed.file, line: 1 });
}
