/** Runs the enabled rules over the deployments; a throwing rule becomes an internal-error finding. */
import type { Deployment, RawFinding, Severity } from '../model.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import type { Rule } from '../rules/types.js';
import { INTERNAL_ERROR } from './engine-rules.js';

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

/** Applies the policy's per-rule settings; options were validated when the policy loaded. */
export function enabledRules(rules: readonly Rule[], policy: ResolvedPolicy): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = policy.rules[rule.meta.id];
    let severity: Severity | 'off' = rule.meta.defaultSeverity;
    let rawOptions: unknown = {};
    if (typeof setting === 'string') severity = setting;
    else if (setting) {
      severity = setting.severity ?? severity;
      rawOptions = setting.options ?? {};
    }
    if (severity === 'off') continue;
    enabled.push({ rule, severity, options: rule.options.parse(rawOptions) });
  }
  return enabled;
}

export function evaluate(deployments: readonly Deployment[], rules: readonly EnabledRule[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const deployment of deployments) {
    for (const { rule, severity, options } of rules) {
      if (!rule.meta.kinds.includes(deployment.kind)) continue;
      try {
        rule.check(deployment, {
          options,
          deployments,
          report: (input) =>
            findings.push({
              ruleId: rule.meta.id,
              severity: input.severity ?? severity,
              message: input.message,
              at: input.at,
              deployment: deployment.id,
              ...(input.related ? { related: input.related } : {}),
            }),
        });
      } catch (error) {
        findings.push(internalError(`rule ${rule.meta.id} failed on ${deployment.name}`, error, deployment.at.file, deployment.id));
      }
    }
  }
  return findings;
}

export function internalError(what: string, error: unknown, file: string, deployment: string | null): RawFinding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ruleId: INTERNAL_ERROR.meta.id,
    severity: 'error',
    message: `Internal error: ${what}: ${detail}. The rest of the scan completed; please report this.`,
    at: { file, path: [] },
    deployment,
  };
}
