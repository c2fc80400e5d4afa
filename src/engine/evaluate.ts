/** Runs the enabled rules over the deployments; a throwing rule becomes an internal-error finding. */
import { errorMessage, firstLine } from '../errors.js';
import type { Deployment, RawFinding, Severity } from '../model.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import type { ReportInput, Rule } from '../rules/types.js';
import { settingFor } from '../policy/settings.js';
import { INTERNAL_ERROR } from '../rules/scanner/index.js';
import { append } from '../util/arrays.js';
import { proposeFix } from '../fix/producers/index.js';

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

/**
 * Applies the policy's per-rule settings (allowlist mode and per-path overrides included) for one
 * file, or the base settings without one; options were validated when the policy loaded.
 */
export function enabledRules(rules: readonly Rule[], policy: ResolvedPolicy, file?: string): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const { severity, options } = settingFor(policy, rule.meta.id, rule.meta.defaultSeverity, file);
    if (severity === 'off') continue;
    enabled.push({ rule, severity, options: rule.options.parse(options) });
  }
  return enabled;
}

/** Evaluates every deployment with the settings for its file; rules still see every deployment. */
export function evaluatePolicy(
  deployments: readonly Deployment[],
  rules: readonly Rule[],
  policy: ResolvedPolicy,
): RawFinding[] {
  const perFile = new Map<string, EnabledRule[]>();
  const findings: RawFinding[] = [];
  for (const deployment of deployments) {
    let enabled = perFile.get(deployment.file);
    if (!enabled) perFile.set(deployment.file, (enabled = enabledRules(rules, policy, deployment.file)));
    append(findings, evaluate([deployment], enabled, deployments));
  }
  return findings;
}

export function evaluate(
  deployments: readonly Deployment[],
  rules: readonly EnabledRule[],
  all: readonly Deployment[] = deployments,
): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const deployment of deployments) {
    for (const { rule, severity, options } of rules) {
      if (!rule.meta.kinds.includes(deployment.kind)) continue;
      try {
        rule.check(deployment, {
          options,
          deployments: all,
          report: (input) =>
            findings.push({
              ruleId: rule.meta.id,
              severity: input.severity ?? severity,
              message: input.message,
              at: input.at,
              deployment: deployment.id,
              ...(input.related ? { related: input.related } : {}),
              ...fixOf(rule.meta.id, input, deployment, options),
            }),
        });
      } catch (error) {
        findings.push(
          internalError(`rule ${rule.meta.id} failed on ${deployment.name}`, error, deployment.at.file, deployment.id),
        );
      }
    }
  }
  return findings;
}

/** The check's own fix, else the rule's producer's; a producer that throws costs the fix, not the finding. */
function fixOf(
  ruleId: string,
  finding: ReportInput,
  deployment: Deployment,
  options: unknown,
): Pick<RawFinding, 'fix'> {
  try {
    const fix = finding.fix ?? proposeFix(ruleId, { finding, deployment, options });
    return fix ? { fix } : {};
  } catch {
    return {};
  }
}

export function internalError(what: string, error: unknown, file: string, deployment: string | null): RawFinding {
  const detail = firstLine(errorMessage(error), 300);
  return {
    ruleId: INTERNAL_ERROR.meta.id,
    severity: 'error',
    message: `Internal error: ${what}: ${detail}. The rest of the scan completed; please report this.`,
    at: { file, path: [] },
    deployment,
  };
}
