/**
 * The `sarif` format: SARIF 2.1.0 as GitHub code scanning reads it. Rule descriptors come from the
 * report's own `rules` (title, rationale, docs link, security severity), never from the live rule
 * registry, so a stored report renders the same SARIF later; results carry a region with
 * repo-relative, percent-encoded URIs; suppressed findings carry their suppression. Fingerprints
 * are left to `github/codeql-action/upload-sarif`, which computes them from the source.
 */
import type * as Sarif from 'sarif';
import { compareCodeUnits } from '../util/order.js';
import type { RuleDescriptor, ScanReport } from '../model/report.js';
import type { Finding, Severity, Suppression } from '../model.js';
import { encodePath, untrusted } from './escape.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/agent-sandbox-guard/agent-sandbox-guard';
/** GitHub reads at most 1024 characters of each description. */
const MAX_DESCRIPTION = 1024;

export interface SarifOptions {
  /** Code scanning category: results of the same tool and category replace each other. */
  category?: string;
}

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', notice: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'recommendation' };
const SUPPRESSION_KIND: Record<Suppression['kind'], Sarif.Suppression.kind> = {
  inline: 'inSource',
  annotation: 'inSource',
  policy: 'external',
};

export function buildSarif(report: ScanReport, options: SarifOptions = {}): Sarif.Log {
  const rules = ruleDescriptors(report.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const category = (options.category ?? report.tool.name).replace(/\/+$/, '');
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    automationDetails: { id: `${category}/` },
    columnKind: 'utf16CodeUnits',
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: report.coverage.skipped.map((s) => ({
          level: 'note',
          message: { text: plainText(`${s.status}: ${s.reason}`) },
          locations: [
            location(s.file, s.line !== undefined ? { startLine: s.line, startColumn: s.column ?? 1 } : undefined),
          ],
        })),
      },
    ],
    results: report.findings.map((f) => result(f, index.get(f.ruleId))),
    properties: {
      result: report.result,
      failOn: report.failOn,
      policy: untrusted(report.policy.source),
      deployments: report.deployments.length,
      filesConsidered: report.coverage.filesConsidered,
      filesParsed: report.coverage.filesParsed,
    },
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(report: ScanReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}

/** The rules the report names, sorted by id. */
function ruleDescriptors(rules: readonly RuleDescriptor[]): Sarif.ReportingDescriptor[] {
  return [...rules].sort((a, b) => compareCodeUnits(a.id, b.id)).map(descriptor);
}

function descriptor(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  if (rule.rationale === undefined || rule.helpUri === undefined) return fromTitle(rule);
  const examples = rule.examples ? `\n\n**Fails**\n\n${rule.examples.fail}\n\n**Passes**\n\n${rule.examples.pass}` : '';
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: truncate(rule.rationale, MAX_DESCRIPTION) },
    help: { text: rule.rationale, markdown: `${rule.rationale}${examples}` },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      ...(rule.securitySeverity !== undefined ? { 'security-severity': rule.securitySeverity.toFixed(1) } : {}),
      'problem.severity': PROBLEM_SEVERITY[rule.defaultSeverity],
      precision: 'high',
      tags: ['security', 'ai-agent', 'sandbox', ...(rule.tags ?? [])],
    },
  };
}

/** A policy's custom rule has no rationale or page: its title stands in (and is untrusted text). */
function fromTitle(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  const title = untrusted(rule.title);
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: truncate(title, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(title, MAX_DESCRIPTION) },
    help: { text: title },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      tags: ['security', 'ai-agent', 'sandbox'],
      'problem.severity': PROBLEM_SEVERITY[rule.defaultSeverity],
    },
  };
}

function result(f: Finding, ruleIndex: number | undefined): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: plainText(f.message) },
    locations: [
      location(f.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }),
    ],
  };
  if (ruleIndex !== undefined) out.ruleIndex = ruleIndex;
  if (f.related?.length) {
    out.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      message: { text: plainText(r.message) },
      physicalLocation: physical(r.file, {
        startLine: r.line,
        startColumn: r.column,
        endLine: r.endLine,
        endColumn: r.endColumn,
      }),
    }));
  }
  if (f.suppressed) {
    out.suppressions = [
      { kind: SUPPRESSION_KIND[f.suppressed.kind], status: 'accepted', justification: untrusted(f.suppressed.reason) },
    ];
  }
  if (f.deployment) out.properties = { deployment: untrusted(f.deployment) };
  const fix = sarifFix(f);
  if (fix) out.fixes = [fix];
  return out;
}

/** A finding's edits as a SARIF fix: replacements grouped per file (a new file is an insertion at 1:1). */
function sarifFix(f: Finding): Sarif.Fix | null {
  if (!f.fix || f.fix.edits.length === 0) return null;
  const files = [...new Set(f.fix.edits.map((e) => e.file))];
  return {
    description: {
      text: untrusted(`${f.fix.description}${f.fix.safety === 'unsafe' ? ' (may change behaviour)' : ''}`),
    },
    artifactChanges: files.map((file) => ({
      artifactLocation: { uri: encodePath(file), uriBaseId: '%SRCROOT%' },
      replacements: f
        .fix!.edits.filter((e) => e.file === file)
        .map((e) => ({
          deletedRegion: {
            startLine: e.startLine,
            startColumn: e.startColumn,
            endLine: e.endLine,
            endColumn: e.endColumn,
          },
          insertedContent: { text: e.replacement },
        })),
    })),
  };
}

function location(file: string, region?: Sarif.Region): Sarif.Location {
  return { physicalLocation: physical(file, region) };
}

function physical(file: string, region?: Sarif.Region): Sarif.PhysicalLocation {
  const out: Sarif.PhysicalLocation = { artifactLocation: { uri: encodePath(file), uriBaseId: '%SRCROOT%' } };
  if (region) out.region = region;
  return out;
}

/**
 * A plain-text `message.text`: brackets escaped, because SARIF reads `[text](url)` in it as an
 * embedded link (§3.11.6) and scanned text (a file or job name) must not become one.
 */
function plainText(text: string): string {
  return untrusted(text).replace(/[[\]]/g, '\\$&');
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
