/**
 * Applies suppressions to positioned findings: Kubernetes annotations and inline comments first
 * (closest to the code), then the policy's exceptions. Suppressed findings stay in the report with
 * who suppressed them and why. A suppression the change under review adds is its own (govern.ts): under
 * `from-pull-request: govern` it is recorded but does not count until an approver approves. The
 * policy governs in-file suppressions, and expired, unused or refused ones become findings of their own.
 */
import type { ParsedFile, Range, SourceDocument } from '../documents/types.js';
import type { Deployment, Finding, Suppression, SuppressionRecord } from '../model.js';
import { matchesPath, matchesValue } from '../policy/glob.js';
import {
  COMMENT_PREFIX,
  commentTarget,
  parseAnnotation,
  parseComment,
  splitLines,
  type WrittenSuppression,
} from './inline.js';
import { addDays } from '../util/dates.js';
import type { PolicyException, ResolvedPolicy } from '../policy/schema.js';
import { settingFor } from '../policy/settings.js';
import {
  SUPPRESSION_EXPIRED,
  SUPPRESSION_NOT_ALLOWED,
  SUPPRESSION_RULE_IDS,
  SUPPRESSION_UNUSED,
} from '../rules/scanner/index.js';
import { changeAcceptance, OriginJudge, type ChangeBaseline, type Origin } from './govern.js';

export interface SuppressionInput {
  policy: ResolvedPolicy;
  deployments: readonly Deployment[];
  /** Parsed files whose comments may hold suppressions. */
  files: readonly ParsedFile[];
  /** A file's text, to tell a comment on its own line from one after code; null when unknown. */
  text(file: string): string | null;
  /** Every rule id that exists (built-in, engine and custom). */
  knownRules: ReadonlySet<string>;
  /** `YYYY-MM-DD`, UTC. Injected so tests and re-runs are deterministic. */
  today: string;
  /** The base the change under review is measured against; absent: every suppression is the repository's own. */
  baseline?: ChangeBaseline;
}

/** A suppression written in a scanned file. */
interface InFile extends WrittenSuppression {
  kind: 'inline' | 'annotation';
  file: string;
  range: Range;
  /** Inline: the lines it covers. Annotation: the deployment it belongs to. */
  lines?: ReadonlySet<number>;
  deployment?: string;
  /** Inline: the file's lines, to tell which code the comment speaks about. */
  text: readonly string[] | null;
  refused: string | null;
  refusedRules: Map<string, string>;
  used: Set<string>;
  expiredMatches: number;
}

export function applySuppressions(findings: readonly Finding[], input: SuppressionInput): Finding[] {
  const { policy, today } = input;
  const byId = new Map(input.deployments.map((d) => [d.id, d]));
  const written = [...annotations(input), ...comments(input)];
  for (const entry of written) govern(entry, input);
  const exceptions = [...policy.exceptions, ...(input.baseline?.addedExceptions ?? [])];
  const exceptionUse = exceptions.map(() => ({ used: 0, expiredMatches: 0 }));
  const judge = new OriginJudge(input.baseline);
  const acceptance = changeAcceptance(policy, input.baseline);

  const out = findings.map((finding): Finding => {
    if (SUPPRESSION_RULE_IDS.has(finding.ruleId)) return finding;
    const deployment = finding.deployment ? byId.get(finding.deployment) : undefined;
    // Every suppression that matches, closest first; the first that counts wins, else the first that matched is shown.
    const matched: (SuppressionRecord & { expires?: string })[] = [];
    for (const entry of written) {
      if (
        !entry.rules.includes(finding.ruleId) ||
        entry.refused ||
        entry.refusedRules.has(finding.ruleId) ||
        !covers(entry, finding)
      )
        continue;
      if (isExpired(entry.until, today)) {
        entry.expiredMatches++;
        continue;
      }
      entry.used.add(finding.ruleId);
      const origin =
        entry.kind === 'inline'
          ? judge.inline(entry.file, finding.ruleId, entry.text, entry.range)
          : judge.annotation(entry.file, finding.ruleId, byId.get(entry.deployment!));
      matched.push(record(entry.kind, entry.reason, `${entry.file}:${entry.range.line}`, origin, entry.until));
    }
    exceptions.forEach((exception, i) => {
      if (!exceptionMatches(exception, finding, byId)) return;
      if (isExpired(exception.expires, today)) {
        exceptionUse[i]!.expiredMatches++;
        return;
      }
      exceptionUse[i]!.used++;
      const origin = judge.exception(exception, finding.file, deployment);
      const at = `${exception.at.file}:${exception.at.range.line}`;
      matched.push(record('policy', exception.reason, at, origin, exception.expires));
    });
    if (matched.length === 0) return finding;
    for (const m of matched) {
      if (m.source === 'pull-request') {
        m.applied = acceptance.applies;
        if (acceptance.approvedBy.length > 0) m.approvedBy = acceptance.approvedBy;
      }
    }
    const chosen = matched.find((m) => m.applied) ?? matched[0]!;
    const suppressed: Suppression | null =
      finding.suppressed ??
      (chosen.applied
        ? {
            kind: chosen.kind,
            reason: chosen.reason,
            source: chosen.by,
            ...(chosen.expires ? { expires: chosen.expires } : {}),
          }
        : null);
    const { expires: _expires, ...suppression } = chosen;
    return { ...finding, suppressed, suppression };
  });

  const audits: Finding[] = [];
  const audit = (
    rule: { meta: { id: string; defaultSeverity: Finding['severity'] } },
    file: string,
    range: Range,
    message: string,
    deployment: string | null = null,
  ): void => {
    const setting = settingFor(policy, rule.meta.id, rule.meta.defaultSeverity, file);
    if (setting.severity === 'off') return;
    audits.push({
      ruleId: rule.meta.id,
      severity: setting.severity,
      message,
      file,
      ...range,
      deployment,
      suppressed: null,
    });
  };

  for (const entry of written) {
    const label =
      entry.kind === 'inline'
        ? `\`agent-sandbox: ignore[${entry.rules.join(', ')}]\``
        : `annotation \`agent-sandbox/ignore.${entry.rules[0] ?? ''}\``;
    const deployment = entry.deployment ?? null;
    if (entry.refused) {
      audit(
        SUPPRESSION_NOT_ALLOWED,
        entry.file,
        entry.range,
        `${label} is refused: ${entry.refused}. The findings it names are still reported.`,
        deployment,
      );
      continue;
    }
    for (const [rule, why] of entry.refusedRules) {
      audit(
        SUPPRESSION_NOT_ALLOWED,
        entry.file,
        entry.range,
        `${label} cannot suppress \`${rule}\`: ${why}.`,
        deployment,
      );
    }
    if (isExpired(entry.until, today)) {
      audit(
        SUPPRESSION_EXPIRED,
        entry.file,
        entry.range,
        `${label} expired on ${entry.until}${again(entry.expiredMatches)}; renew it with a fresh reason or remove it.`,
        deployment,
      );
      continue;
    }
    for (const rule of entry.rules) {
      if (entry.used.has(rule) || entry.refusedRules.has(rule)) continue;
      const where =
        entry.kind === 'inline'
          ? `on line ${[...entry.lines!].join(' or ')}`
          : `for ${byId.get(entry.deployment!)?.name ?? 'this workload'}`;
      audit(
        SUPPRESSION_UNUSED,
        entry.file,
        entry.range,
        `${label} suppresses nothing: no \`${rule}\` finding ${where}. Remove it, or fix the rule id.`,
        deployment,
      );
    }
  }
  exceptions.forEach((exception, i) => {
    const use = exceptionUse[i]!;
    const label = `The exception for \`${exception.rule}\`${exception.paths.length ? ` in ${exception.paths.join(', ')}` : ''}`;
    if (isExpired(exception.expires, today)) {
      audit(
        SUPPRESSION_EXPIRED,
        exception.at.file,
        exception.at.range,
        `${label} expired on ${exception.expires}${again(use.expiredMatches)}; renew it with a fresh reason or remove it.`,
      );
    } else if (use.used === 0) {
      audit(
        SUPPRESSION_UNUSED,
        exception.at.file,
        exception.at.range,
        `${label} matches no finding. Remove it, or fix its rule, paths or deployment.`,
      );
    }
  });
  return [...out, ...audits];
}

function record(
  kind: SuppressionRecord['kind'],
  reason: string,
  by: string,
  origin: Origin,
  expires: string | undefined,
): SuppressionRecord & { expires?: string } {
  return {
    kind,
    reason,
    by,
    source: origin.source,
    applied: true,
    ...(origin.source === 'pull-request' && origin.note ? { note: origin.note } : {}),
    ...(expires ? { expires } : {}),
  };
}

const again = (n: number): string =>
  n > 0 ? ` and no longer suppresses ${n} finding${n === 1 ? '' : 's'}, which are reported again` : '';

/** A suppression is good through its `until` day (UTC). */
const isExpired = (until: string | undefined, today: string): boolean => until !== undefined && until < today;

function covers(entry: InFile, finding: Finding): boolean {
  if (entry.kind === 'annotation') return finding.deployment === entry.deployment;
  return finding.file === entry.file && entry.lines!.has(finding.line);
}

function exceptionMatches(
  exception: PolicyException,
  finding: Finding,
  byId: ReadonlyMap<string, Deployment>,
): boolean {
  if (exception.rule !== finding.ruleId) return false;
  if (exception.deployments && !(finding.deployment && exception.deployments.includes(finding.deployment)))
    return false;
  if (exception.paths.length && !exception.paths.some((g) => matchesPath(finding.file, g))) return false;
  if (exception.deployment !== undefined) {
    const name = finding.deployment ? byId.get(finding.deployment)?.name : undefined;
    if (name === undefined || !matchesValue(name, exception.deployment)) return false;
  }
  return true;
}

/** The policy's rules for in-file suppressions; a refused one suppresses nothing. */
function govern(entry: InFile, input: SuppressionInput): void {
  const settings = input.policy.suppressions;
  const refuse = (why: string): void => void (entry.refused ??= why);
  if (entry.problem) refuse(entry.problem);
  if (entry.kind === 'inline' && !settings.inline)
    refuse('the policy turns inline suppressions off (`suppressions.inline: false`)');
  if (entry.kind === 'annotation' && !settings.annotations)
    refuse('the policy turns annotation suppressions off (`suppressions.annotations: false`)');
  if (settings.requireReason && !entry.reason)
    refuse('it gives no reason, and the policy requires one (`suppressions.require-reason`)');
  if (settings.maxDays !== null) {
    const latest = addDays(input.today, settings.maxDays);
    if (!entry.until)
      refuse(
        `it has no \`until=YYYY-MM-DD\` date, and the policy limits suppressions to ${settings.maxDays} days (\`suppressions.max-days\`)`,
      );
    else if (entry.until > latest)
      refuse(`\`until=${entry.until}\` is more than ${settings.maxDays} days ahead; the latest allowed is ${latest}`);
  }
  for (const rule of entry.rules) {
    if (!input.knownRules.has(rule)) entry.refusedRules.set(rule, 'no rule has this id');
    else if (SUPPRESSION_RULE_IDS.has(rule))
      entry.refusedRules.set(rule, 'findings about suppressions cannot be suppressed');
    else if (settings.rules && !settings.rules.includes(rule)) {
      entry.refusedRules.set(
        rule,
        `the policy lets files suppress only ${settings.rules.map((r) => `\`${r}\``).join(', ')}; ask for a policy exception instead`,
      );
    }
  }
}

function blank(kind: InFile['kind'], file: string, range: Range, written: WrittenSuppression): InFile {
  return {
    ...written,
    kind,
    file,
    range,
    text: null,
    refused: null,
    refusedRules: new Map(),
    used: new Set(),
    expiredMatches: 0,
  };
}

/** A suppression comment starts with the prefix, in any case; a text that never mentions it holds none. */
const MENTIONS_PREFIX = new RegExp(COMMENT_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

function comments(input: SuppressionInput): InFile[] {
  const out: InFile[] = [];
  for (const parsed of input.files) {
    // Listing a file's comments means scanning all of it (JSONC runs a tokenizer); most files can be ruled out first.
    const text = input.text(parsed.file);
    if (text !== null && !MENTIONS_PREFIX.test(text)) continue;
    const seen = new Set<string>();
    let lines: string[] | null | undefined; // split only when the file holds a suppression
    for (const doc of parsed.documents) {
      for (const comment of doc.comments) {
        const key = `${comment.range.line}:${comment.range.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const written = parseComment(comment.text);
        if (!written) continue;
        if (lines === undefined) lines = text === null ? null : splitLines(text);
        const entry = blank('inline', parsed.file, comment.range, written);
        entry.lines = coveredLines(lines, comment.range);
        entry.text = lines;
        out.push(entry);
      }
    }
  }
  return out;
}

/** A comment after code covers its own line; a comment on a line of its own also covers the next line of code. */
function coveredLines(lines: string[] | null, range: Range): Set<number> {
  const own = new Set([range.line]);
  if (!lines) return own.add(range.line + 1);
  const target = commentTarget(lines, range);
  return target.line === null ? own : own.add(target.line);
}

const ANNOTATION_PATHS = [
  ['metadata', 'annotations'],
  ['spec', 'template', 'metadata', 'annotations'],
] as const;

function annotations(input: SuppressionInput): InFile[] {
  const out: InFile[] = [];
  const files = new Map(input.files.map((f) => [f.file, f]));
  const seen = new Set<string>();
  for (const deployment of input.deployments) {
    if (deployment.kind !== 'k8s-workload') continue;
    const doc = files.get(deployment.root.file)?.documents.find((d) => d.index === (deployment.root.doc ?? 0));
    if (!doc) continue;
    for (const path of ANNOTATION_PATHS) {
      const at = [...deployment.root.path, ...path];
      const map = valueAt(doc, at);
      if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const [key, value] of Object.entries(map)) {
        const written = parseAnnotation(key, value);
        if (!written) continue;
        const range = doc.locate([...at, key]);
        const id = `${deployment.id}\u0000${range.line}:${range.column}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = blank('annotation', deployment.root.file, range, written);
        entry.deployment = deployment.id;
        out.push(entry);
      }
    }
  }
  return out;
}

function valueAt(doc: SourceDocument, path: readonly (string | number)[]): unknown {
  let node = doc.value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
