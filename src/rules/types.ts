/** The rule contract: metadata beside the logic, options as a zod schema, findings as key paths. */
import type { z } from 'zod';
import type { Deployment, DeploymentKind, DeploymentOf, FixProposal, Severity, SourceRef } from '../model.js';
import type { OwaspId } from './owasp.js';

export interface RuleMeta<Kind extends DeploymentKind = DeploymentKind> {
  /** Kebab-case, equal to the rule's file name. */
  id: string;
  /** One line, shown in tables and SARIF `shortDescription`. */
  title: string;
  /** Markdown: why it matters and what to do. Shown by `explain`, in docs and SARIF `help`. */
  rationale: string;
  /** Markdown snippets: a failing and a passing example. */
  examples: { fail: string; pass: string };
  defaultSeverity: Severity;
  /** Deployment kinds the rule judges. */
  kinds: readonly Kind[];
  /** 0.0–10.0 for SARIF `security-severity` (GitHub code scanning buckets it). */
  securitySeverity: number;
  /**
   * OWASP Top 10 for Agentic Applications 2026 entries the rule addresses (ASI01–ASI10), and for
   * risks of MCP servers the OWASP MCP Top 10 entries (MCP01–MCP10); empty only for scanner rules
   * that guard the scan itself. Most relevant first. Optional in the type so test rules need not
   * carry it; the meta-test requires it of every registered rule.
   */
  owasp?: readonly OwaspId[];
  /** CWE ids a finding is an instance of (250 for CWE-250), most specific first. */
  cwe?: readonly number[];
}

export interface ReportInput {
  message: string;
  at: SourceRef;
  /** Overrides the configured severity for this finding (e.g. downgrade when an outer sandbox exists). */
  severity?: Severity;
  related?: { message: string; at: SourceRef }[];
  /** A fix the check itself knows; otherwise the rule's fix producer (src/rules/fixes/) proposes one. */
  fix?: FixProposal;
}

/** What a fix producer sees: the finding as reported and the deployment it was reported on. */
export interface FixInput<Options = unknown> {
  finding: ReportInput;
  deployment: Deployment;
  options: Options;
}

/**
 * How a rule's findings are fixed. `produce` returns the fix for one finding (a description always;
 * changes where the tool can write them). `noEdits` says why a rule never writes edits, for the docs
 * and the meta-test that every rule either edits or says why it cannot.
 */
export interface RuleFix<Options = unknown> {
  produce(input: FixInput<Options>): FixProposal;
  noEdits?: string;
  /** The fix for findings not tied to a deployment (file-level findings of the engine's own rules). */
  advice?: string;
}

export interface RuleContext<Options> {
  options: Options;
  /** Every deployment of the scan, for rules that compare across files. */
  deployments: readonly Deployment[];
  report(finding: ReportInput): void;
}

export interface Rule<Options = unknown> {
  meta: RuleMeta;
  /** Options schema with defaults; `{}` must parse. */
  options: z.ZodType<Options>;
  check(deployment: Deployment, context: RuleContext<Options>): void;
}

export const RULE_DOCS_BASE = 'https://github.com/agent-sandbox-guard/agent-sandbox-guard/blob/main/docs/rules';
export const ruleDocsUrl = (id: string): string => `${RULE_DOCS_BASE}/${id}.md`;

/**
 * Identity helper that keeps the Options type inferred from the schema, and narrows `check`'s
 * deployment to the kinds in `meta.kinds` (the engine calls a rule only for those kinds), so a rule
 * reads its kinds' `details` typed.
 */
export function defineRule<Schema extends z.ZodType, Kind extends DeploymentKind>(rule: {
  meta: RuleMeta<Kind>;
  options: Schema;
  check(deployment: DeploymentOf<Kind>, context: RuleContext<z.output<Schema>>): void;
}): Rule<z.output<Schema>> {
  return rule as unknown as Rule<z.output<Schema>>;
}
