/**
 * What the run leaves on the runner: the JSON report and SARIF files, workflow-command annotations
 * (capped and ranked), the job summary, step outputs, and the full text report in the log between
 * stop-commands markers so nothing from a scanned file can act as a command.
 */
import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../errors.js';
import type { ScanReport } from '../model/report.js';
import type { AnnotationPlan } from '../report/annotations.js';
import { workflowCommand } from '../report/github.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { activeFindings, countBySeverity, type RenderContext } from '../report/view.js';
import type { RunContext } from './context.js';
import type { Inputs } from './inputs.js';
import type { Notes } from './notes.js';

export interface Files {
  reportFile: string;
  sarifFile: string | null;
}

/**
 * A file that cannot be written (a folder where the SARIF file should go, a full disk) is a warning:
 * the annotations, summary, check run and comment still carry every finding. An empty `reportFile`
 * means the JSON report could not be written.
 */
export function writeFiles(report: ScanReport, inputs: Inputs, run: RunContext, notes?: Notes): Files {
  const write = (file: string, what: string, render: () => string): boolean => {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, render());
      return true;
    } catch (error) {
      notes?.warn(
        `Could not write the ${what} to \`${file}\`: ${(error as NodeJS.ErrnoException).code ?? 'error'}. The findings are in the annotations and the job summary.`,
      );
      return false;
    }
  };
  const reportFile = path.join(run.runnerTemp, 'agent-sandbox-guard', 'report.json');
  const wroteReport = write(reportFile, 'JSON report', () => renderJson(report));
  let sarifFile: string | null = null;
  if (inputs['sarif-file']) {
    const target = path.resolve(run.workspace, inputs['sarif-file']);
    if (write(target, 'SARIF file', () => renderSarif(report))) sarifFile = target;
  }
  return { reportFile: wroteReport ? reportFile : '', sarifFile };
}

/** Findings first (worst first), then the overflow notice, then the action's own messages. */
export function printAnnotations(plan: AnnotationPlan, notes: Notes, write: (line: string) => void): void {
  for (const annotation of plan.shown) write(workflowCommand(annotation));
  if (plan.overflow) write(workflowCommand(plan.overflow));
  for (const note of notes.items) write(workflowCommand(note));
}

export async function writeSummary(
  report: ScanReport,
  render: RenderContext,
  notes: Notes,
  files: Files,
): Promise<void> {
  const markdown = renderSummary(report, render, {
    notes: notes.markdown(),
    fullReport: `the JSON report (the \`report-file\` output, ${path.basename(files.reportFile)})`,
  });
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.info('No job summary: GITHUB_STEP_SUMMARY is not set.');
    return;
  }
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.info(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

export function setOutputs(report: ScanReport, render: RenderContext, files: Files): void {
  const counts = countBySeverity(activeFindings(report, render));
  core.setOutput('result', report.result);
  core.setOutput('deployments', report.deployments.length);
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('report-file', files.reportFile);
  core.setOutput('sarif-file', files.sarifFile ?? '');
}

/** The whole text report in the log, with workflow commands stopped around it. */
export function logReport(report: ScanReport, render: RenderContext, write: (text: string) => void): void {
  const token = randomUUID();
  write(`::stop-commands::${token}\n`);
  write(renderText(report, render));
  write(`::${token}::\n`);
}
