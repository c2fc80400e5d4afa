/** A rule's effective setting for one file: base rules, then matching overrides, then allowlist mode. */
import { ENGINE_RULES } from '../rules/scanner/index.js';
import type { RawFinding, Severity } from '../model.js';
import { matchesPath } from './glob.js';
import type { ResolvedPolicy, RuleSetting } from './schema.js';

export interface EffectiveSetting {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

/** The scanner's own checks (parse failures, suppression audits) are not subject to `only:`. */
const ENGINE_RULE_IDS = new Set(ENGINE_RULES.map((r) => r.meta.id));

export function settingFor(
  policy: ResolvedPolicy,
  ruleId: string,
  defaultSeverity: Severity,
  file?: string,
): EffectiveSetting {
  let effective = apply({ severity: defaultSeverity, options: {} }, policy.rules[ruleId]);
  if (file !== undefined) {
    for (const override of policy.overrides) {
      if (override.files.some((g) => matchesPath(file, g))) effective = apply(effective, override.rules[ruleId]);
    }
  }
  // `only:` has the last word: an unlisted rule is off whatever `rules:` and `overrides:` say.
  if (policy.only && !policy.only.includes(ruleId) && !ENGINE_RULE_IDS.has(ruleId))
    effective = { ...effective, severity: 'off' };
  return effective;
}

/** Later settings win: a severity replaces the severity, options merge key by key. */
export function apply(base: EffectiveSetting, setting: RuleSetting | undefined): EffectiveSetting {
  if (setting === undefined) return base;
  if (typeof setting === 'string') return { ...base, severity: setting };
  return { severity: setting.severity ?? base.severity, options: { ...base.options, ...(setting.options ?? {}) } };
}

/**
 * Findings that did not come from evaluating a rule on a deployment (adapter file-level findings,
 * parse failures) still obey the policy: `off` drops them and a configured severity replaces theirs.
 */
export function settleFileFindings(findings: readonly RawFinding[], policy: ResolvedPolicy): RawFinding[] {
  const out: RawFinding[] = [];
  for (const finding of findings) {
    const setting = settingFor(policy, finding.ruleId, finding.severity, finding.at.file);
    if (setting.severity === 'off') continue;
    out.push(setting.severity === finding.severity ? finding : { ...finding, severity: setting.severity });
  }
  return out;
}
