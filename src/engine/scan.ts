/**
 * The scan: files in, report out. Discovery and reading are injected, so this module is pure
 * apart from what its `read` callback does.
 */
import type { Adapter, AdapterContext, AdapterOutput, Artifact, NotEvaluated, SniffResult } from '../adapters/types.js';
import { parseDocument } from '../documents/index.js';
import type { ParseAhead } from '../documents/parse-ahead.js';
import type { ParsedFile } from '../documents/types.js';
import type { ReadResult } from '../discovery/read.js';
import { compareCodeUnits } from '../util/order.js';
import { SANDBOX_FACTS, type Deployment, type RawFinding } from '../model.js';
import type { ResolvedPolicy } from '../policy/schema.js';
import type { Rule } from '../rules/types.js';
import { compileCustomRules, documentReader } from '../policy/custom/index.js';
import { settleFileFindings } from '../policy/settings.js';
import { todayUtc } from '../util/dates.js';
import { NOT_EVALUATED, UNPARSABLE_FILE } from '../rules/scanner/index.js';
import { errorMessage, firstLine } from '../errors.js';
import { evaluatePolicy, internalError } from './evaluate.js';
import { applyAttestations } from './attestations.js';
import { buildReport } from './build-report.js';
import { malformed } from './validate.js';
import { limitToScope, referencesTo } from './scope-only.js';
import type { CoverageEntry, ScanReport } from '../model/report.js';
import type { ChangeBaseline } from './govern.js';
import { append } from '../util/arrays.js';

export interface ScanInput {
  /** Repo-relative files, already filtered by the policy's include/exclude. */
  files: readonly string[];
  /** Files discovery already refused (links out of the repo). */
  skipped: readonly CoverageEntry[];
  read(file: string): ReadResult;
  policy: ResolvedPolicy;
  adapters: readonly Adapter[];
  rules: readonly Rule[];
  /** With `scope: changed`, only these files gate the result; the rest are reported as outside. */
  scope?: ReadonlySet<string>;
  /**
   * Judge only the scope: a file outside it is read only when an adapter's `related` says it may feed
   * cross-file facts to files inside, and deployments in the files left unread are not listed. A
   * `scope: changed` run then costs what the change touches, not what the repository holds.
   */
  scopeOnly?: boolean;
  /** `YYYY-MM-DD` (UTC) for suppression expiry; defaults to the current date. */
  today?: string;
  /**
   * The base of the change under review (a pull request's base commit, `scan --base REF`):
   * suppressions and exceptions absent there are the change's own and need an approver.
   */
  baseline?: ChangeBaseline;
  /** A parse worker: YAML files are handed to it once sniffed and parsed there while others are extracted. */
  parseAhead?: ParseAhead | null;
}

export interface ScanResult {
  report: ScanReport;
  /**
   * With a scope: the files that gate, which are the changed files and the files of every
   * deployment that uses one (a workflow calling a changed local action, reusable workflow or
   * script, a job whose agent loads changed settings). Renderers use it as the run's scope.
   */
  scope?: ReadonlySet<string>;
  /** Parsed files, for renderers that quote source or suppressions that read comments. */
  parsed: ReadonlyMap<string, ParsedFile>;
}

export function scan(input: ScanInput): ScanResult {
  const { policy, adapters } = input;
  const skipped: CoverageEntry[] = [...input.skipped];
  const findings: RawFinding[] = [];
  const parsed = new Map<string, ParsedFile | null>();
  const refused = new Set<string>();
  /** Files some adapter claims by path: reading them matters. */
  const claimed = new Set<string>();

  // A reader, claims or sniff that throws costs that file (an internal error), never the whole scan.
  const readSafely = (file: string): ReadResult => {
    try {
      return input.read(file);
    } catch (error) {
      return { ok: false, status: 'unreadable', reason: `cannot read: ${firstLine(errorMessage(error), 300)}` };
    }
  };

  // Texts of parsed files, for suppressions; nothing else is kept once its sniff or parse is done.
  const texts = new Map<string, string>();
  /** Reads the sniffs did for files not parsed yet: a file another adapter loads first is not read twice. */
  const sniffed = new Map<string, ReadResult>();
  /** Parses a file once; `preread` is the read its sniff already did, so no file is read twice. */
  const load = (file: string, preread?: ReadResult): ParsedFile | null => {
    if (parsed.has(file)) return parsed.get(file)!;
    const read = preread ?? sniffed.get(file) ?? readSafely(file);
    sniffed.delete(file);
    if (!read.ok) {
      if (!refused.has(file)) {
        skipped.push({ file, status: read.status, reason: read.reason });
        // A config an adapter wants but cannot read (padded past the size cap, binary) is never judged silently.
        if (claimed.has(file)) {
          findings.push({
            ruleId: UNPARSABLE_FILE.meta.id,
            severity: UNPARSABLE_FILE.meta.defaultSeverity,
            message: `Cannot judge ${file}: ${read.reason}. Agent deployments it may declare were not judged; raise \`max-file-size\` in the policy, or exclude the path if it holds none.`,
            at: { file, path: [], range: { line: 1, column: 1, endLine: 1, endColumn: 1 } },
            deployment: null,
          });
        }
      }
      refused.add(file);
      parsed.set(file, null);
      return null;
    }
    const result = input.parseAhead?.take(file, read.text) ?? parseDocument(file, read.text);
    parsed.set(file, result);
    texts.set(file, read.text);
    const first = result.problems[0];
    if (first) {
      skipped.push({
        file,
        status: 'unparsable',
        reason: first.message,
        line: first.range.line,
        column: first.range.column,
      });
      findings.push({
        ruleId: UNPARSABLE_FILE.meta.id,
        severity: UNPARSABLE_FILE.meta.defaultSeverity,
        message: `Cannot parse ${file}: ${first.message}. Agent deployments it may declare were not judged.`,
        at: { file, path: [], range: first.range },
        deployment: null,
      });
    }
    return result;
  };

  // Fail closed: what could not be judged is a finding, not only a coverage line (an error with `templated: fail`).
  const notEvaluated = (entry: NotEvaluated): void => {
    skipped.push({ file: entry.file, status: 'not-evaluated', reason: entry.reason });
    if (entry.judgedElsewhere) return;
    findings.push({
      ruleId: NOT_EVALUATED.meta.id,
      severity: policy.templated === 'fail' ? 'error' : NOT_EVALUATED.meta.defaultSeverity,
      message: `${entry.file} was not evaluated: ${entry.reason}. Agent deployments it may declare were not judged.`,
      // An exact range: positioning it must not parse a file that was not evaluated (and report it unparsable).
      at: { file: entry.file, path: [], range: { line: 1, column: 1, endLine: 1, endColumn: 1 } },
      deployment: null,
    });
  };

  const text = (file: string): string | null => {
    const known = texts.get(file);
    if (known !== undefined) return known;
    const read = readSafely(file);
    return read.ok ? read.text : null;
  };
  const context: AdapterContext = { settings: policy.detect, load, text, files: input.files };
  // Outputs per extracted file, assembled in file order below so `link` sees the same order however files were visited.
  const judged = new Map<string, { deployments: Deployment[]; artifacts: Artifact[] }>();

  const claimsOf = (file: string): Adapter[] => {
    const mine = adapters.filter((a) => {
      try {
        return a.claims(file);
      } catch (error) {
        findings.push(internalError(`adapter ${a.id} failed to claim the file`, error, file, null));
        return false;
      }
    });
    if (mine.length > 0) claimed.add(file);
    return mine;
  };

  /** The claiming adapters that still want the file after their sniffs, and the read the sniffs did; null if none. */
  const sniffFile = (
    file: string,
    mine: readonly Adapter[],
    preread?: ReadResult,
  ): { active: readonly Adapter[]; read: ReadResult | undefined } | null => {
    if (!mine.some((a) => a.sniff)) return { active: mine, read: preread };
    const known = texts.get(file); // already parsed for another adapter's load()
    const read = preread ?? (known === undefined ? readSafely(file) : { ok: true, text: known });
    if (!read.ok) return { active: mine, read };
    const wanting: Adapter[] = [];
    for (const adapter of mine) {
      let verdict: SniffResult = true;
      try {
        if (adapter.sniff) verdict = adapter.sniff(file, read.text);
      } catch (error) {
        findings.push(internalError(`adapter ${adapter.id} failed to sniff the file`, error, file, null));
      }
      if (verdict === true) wanting.push(adapter);
      else if (verdict) notEvaluated({ file, reason: verdict.notEvaluated });
    }
    return wanting.length === 0 ? null : { active: wanting, read };
  };

  /** Parses a file (once) and runs the adapters that want it. */
  const extractFile = (file: string, active: readonly Adapter[], read: ReadResult | undefined): void => {
    const doc = load(file, read);
    if (!doc) return;
    const bucket = { deployments: [] as Deployment[], artifacts: [] as Artifact[] };
    judged.set(file, bucket);
    for (const adapter of active) {
      let output: AdapterOutput;
      try {
        output = adapter.extract(doc, context);
      } catch (error) {
        findings.push(internalError(`adapter ${adapter.id} failed`, error, file, null));
        continue;
      }
      append(bucket.deployments, output.deployments);
      append(findings, output.findings);
      append(bucket.artifacts, output.artifacts);
      for (const entry of output.notEvaluated ?? []) notEvaluated(entry);
    }
  };

  /** Sniffs, parses and extracts one claimed file; `preread` is a read already done for it. */
  const judge = (file: string, mine: readonly Adapter[], preread?: ReadResult): void => {
    const sniffed = sniffFile(file, mine, preread);
    if (sniffed) extractFile(file, sniffed.active, sniffed.read);
  };

  if (input.scopeOnly && input.scope) {
    const fail = (what: string, error: unknown, file: string): number =>
      findings.push(internalError(what, error, file, null));
    limitToScope(input.files, input.scope, adapters, readSafely, fail).run(claimsOf, judge, () =>
      [...judged.values()].flatMap((b) => b.deployments),
    );
  } else {
    // Every claim and sniff first, handing each wanted file to the parse worker (it keeps the YAML it can
    // parse); then extraction in file order. The report is sorted, so the order changes nothing.
    const ahead = input.parseAhead;
    const wanted: { file: string; active: readonly Adapter[] }[] = [];
    for (const file of input.files) {
      const mine = claimsOf(file);
      const wants = mine.length > 0 ? sniffFile(file, mine) : null;
      if (!wants) continue;
      let { read } = wants;
      if (ahead) {
        read ??= readSafely(file);
        if (read.ok) ahead.submit(file, read.text);
      }
      if (read) sniffed.set(file, read); // `load` takes it from there
      wanted.push({ file, active: wants.active });
    }
    for (const { file, active } of wanted) extractFile(file, active, undefined);
  }
  const deployments: Deployment[] = [];
  const artifacts: Artifact[] = [];
  for (const file of input.files) {
    const bucket = judged.get(file);
    if (!bucket) continue;
    append(deployments, bucket.deployments);
    append(artifacts, bucket.artifacts);
  }

  for (const adapter of adapters) {
    if (!adapter.link) continue;
    try {
      const linked = adapter.link(deployments, artifacts, context);
      if (Array.isArray(linked)) append(findings, linked);
      else {
        append(findings, linked.findings);
        for (const entry of linked.notEvaluated ?? []) notEvaluated(entry);
      }
    } catch (error) {
      // Attribute the failure to some file the adapter read, so it can be annotated; the message names the adapter.
      const file = deployments[0]?.file ?? [...claimed].sort(compareCodeUnits)[0] ?? input.files[0] ?? '.';
      findings.push(internalError(`adapter ${adapter.id} failed to link files`, error, file, null));
    }
  }

  // A deployment without the model's shape would break every renderer: it becomes an internal error.
  for (let i = deployments.length - 1; i >= 0; i--) {
    const problem = malformed(deployments[i]!);
    if (!problem) continue;
    const d = deployments.splice(i, 1)[0]!;
    const file = typeof d.file === 'string' ? d.file : (d.at?.file ?? '');
    findings.push(
      internalError(
        'an adapter produced a malformed deployment',
        new Error(problem),
        typeof file === 'string' ? file : '',
        null,
      ),
    );
  }
  uniquifyIds(deployments);
  const today = input.today ?? todayUtc();
  // Facts enforced outside the repository, as the policy attests them, before any rule judges a fact.
  const attested = applyAttestations(deployments, policy, today, documentReader(load), !input.scopeOnly);
  append(findings, attested.findings);
  const scope = input.scope ? withUsers(input.scope, deployments, input.files, text) : undefined;
  // File-level findings obey `off` and severities too; custom rules from the policy run like built-in ones.
  const fileFindings = settleFileFindings(findings.splice(0), policy);
  const rules = [...input.rules, ...compileCustomRules(policy.customRules, documentReader(load))];
  append(append(findings, fileFindings), evaluatePolicy(deployments, rules, policy));

  const parsedFiles = new Map<string, ParsedFile>();
  for (const [file, doc] of parsed) if (doc) parsedFiles.set(file, doc);
  // A file with a syntax error is counted as unparsable in coverage, not as parsed.
  const filesParsed = [...parsed.entries()].filter(
    ([file, doc]) => doc && doc.problems.length === 0 && claimed.has(file),
  ).length;
  const report = buildReport({
    policy,
    rules,
    deployments,
    findings,
    files: input.files.length,
    filesParsed,
    skipped,
    load,
    scope,
    today,
    attestations: attested,
    ...(input.baseline ? { baseline: input.baseline } : {}),
    sources: {
      files: [...parsedFiles.values()],
      text,
    },
  });
  return { report, parsed: parsedFiles, ...(scope ? { scope } : {}) };
}

/**
 * The changed files plus the file of every deployment that uses one: a sandbox fact cites it (the
 * settings an agent loads), or the deployment's file names it (`uses: ./.github/actions/x`, a
 * reusable workflow, `run: ./scripts/agent.sh`). A change to what a deployment runs is its change.
 */
function withUsers(
  scope: ReadonlySet<string>,
  deployments: readonly Deployment[],
  files: readonly string[],
  text: (file: string) => string | null,
): ReadonlySet<string> {
  const changed = files.filter((f) => scope.has(f));
  const names = referencesTo(changed);
  const out = new Set(scope);
  const naming = new Map<string, boolean>();
  for (const d of deployments) {
    // A job runs through other files (nested local actions, a Docker action's script, its callers):
    // a change to any of them is the job's change, and its findings in each of them are in scope.
    const through = runsThrough(d);
    if ([d.file, ...through].some((f) => scope.has(f))) for (const f of [d.file, ...through]) out.add(f);
    if (out.has(d.file)) continue;
    const cites = SANDBOX_FACTS.some((name) => {
      const fact = d.sandbox[name];
      return (
        (fact.source !== null && scope.has(fact.source.file)) || (fact.more ?? []).some((m) => scope.has(m.source.file))
      );
    });
    let named = naming.get(d.file);
    if (named === undefined && !cites) {
      const body = text(d.file);
      named = body !== null && names(d.file, body);
      naming.set(d.file, named);
    }
    if (cites || named) out.add(d.file);
  }
  return out;
}

/** Files besides its own that a workflow job's agents are written in or called from. */
const runsThrough = (d: Deployment): string[] =>
  d.kind === 'workflow-job'
    ? [...new Set([...d.details.agentSteps.map((s) => s.at.file), ...d.details.triggers.map((t) => t.at.file)])].filter(
        (f) => f !== d.file,
      )
    : [];

/** Two deployments with the same kind, file and name (duplicate job keys in a broken file) get #2, #3. */
function uniquifyIds(deployments: Deployment[]): void {
  const seen = new Map<string, number>();
  for (const d of deployments.sort((a, b) => compareCodeUnits(a.id, b.id))) {
    const n = (seen.get(d.id) ?? 0) + 1;
    seen.set(d.id, n);
    if (n > 1) d.id = `${d.id}#${n}`;
  }
}
