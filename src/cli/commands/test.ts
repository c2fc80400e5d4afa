/**
 * `agent-sandbox-guard test POLICY FIXTURES [--rule ID]… [--today YYYY-MM-DD]`: runs a policy
 * against fixture repositories with expectations, so policy authors can test their custom rules.
 *
 * Each folder under FIXTURES is one case, scanned as a repository of its own. Expectations:
 *   - `# expect: rule-id` (or `// expect: rule-id`): a comment after code expects a finding on its
 *     line; a comment on a line of its own expects one on the next line of code;
 *   - `FIXTURES/<case>.expected.json`: `[{ ruleId, file, line, column?, endLine?, endColumn?, severity?, message? }]`.
 * Tested rules are the policy's custom rules (or the `--rule` ones) plus every rule an expectation
 * names. Every unsuppressed finding of a tested rule must be expected and every expectation met.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Adapter } from '../../adapters/types.js';
import { formatOf, parseDocument } from '../../documents/index.js';
import { prepareScan, scanDirectory } from '../../engine/index.js';
import { errorMessage, UserError } from '../../errors.js';
import type { Finding } from '../../model.js';
import { commentTarget, splitLines } from '../../engine/inline.js';
import { loadPolicy } from '../../policy/load.js';
import { ALL_RULES } from '../../rules/index.js';
import { TOOL_NAME } from '../../version.js';
import { stringOption, type ParsedOptions } from '../args.js';
import type { CliIO } from '../io.js';

export interface Expectation {
  ruleId: string;
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Finding['severity'];
  message?: string;
  /** Where the expectation is written, for messages. */
  from: string;
}

export interface CaseResult {
  name: string;
  missing: Expectation[];
  unexpected: Finding[];
  matched: number;
}

export interface PolicyTestOptions {
  /** Repository root for the policy's repo-relative `extends`. */
  root: string;
  policyPath: string;
  fixtures: string;
  /** Test only these rules (default: the policy's custom rules). */
  rules?: readonly string[];
  today?: string;
  adapters?: readonly Adapter[];
}

const MARKER = /^expect\s*:\s*(.+)$/i;

export async function runTest(parsed: ParsedOptions, io: CliIO): Promise<number> {
  await prepareScan();
  const { positionals } = parsed;
  const rules = parsed.values.rule;
  const values = { rule: Array.isArray(rules) ? rules : undefined, today: stringOption(parsed, 'today') };
  if (positionals.length !== 2)
    throw new UserError(`test takes a policy file and a fixtures folder: \`${TOOL_NAME} test POLICY FIXTURES\``);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new UserError(`--today must be a date written YYYY-MM-DD; got "${values.today}"`);
  const results = testPolicy({
    root: io.cwd,
    policyPath: path.resolve(io.cwd, positionals[0]!),
    fixtures: path.resolve(io.cwd, positionals[1]!),
    ...(values.rule ? { rules: values.rule } : {}),
    ...(values.today ? { today: values.today } : {}),
  });
  io.stdout(formatResults(results));
  return results.every(passed) ? 0 : 1;
}

const passed = (r: CaseResult): boolean => r.missing.length === 0 && r.unexpected.length === 0;

export function testPolicy(options: PolicyTestOptions): CaseResult[] {
  const policy = loadPolicy({ root: options.root, policyPath: options.policyPath });
  if (!existsSync(options.fixtures) || !statSync(options.fixtures).isDirectory())
    throw new UserError(`fixtures folder not found: ${options.fixtures}`);
  const cases = readdirSync(options.fixtures, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (cases.length === 0)
    throw new UserError(`no case folders in ${options.fixtures}: each case is a folder holding a small repository`);

  const known = new Set([...ALL_RULES.map((r) => r.meta.id), ...policy.customRules.map((r) => r.id)]);
  for (const id of options.rules ?? [])
    if (!known.has(id)) throw new UserError(`--rule ${id}: no such rule in the policy or the built-in rules`);
  const base = new Set(options.rules ?? policy.customRules.map((r) => r.id));

  return cases.map((name) => {
    const dir = path.join(options.fixtures, name);
    const files = listFiles(dir);
    const expected = [...markers(dir, files), ...expectedJson(`${dir}.expected.json`, name)];
    for (const e of expected)
      if (!known.has(e.ruleId)) throw new UserError(`${e.from}: expects unknown rule \`${e.ruleId}\``);
    const tested = new Set([...base, ...expected.map((e) => e.ruleId)]);
    if (tested.size === 0)
      throw new UserError('nothing to test: the policy has no custom rules, and no fixture names a rule to expect');
    const { report } = scanDirectory({
      root: dir,
      policy,
      listing: files,
      ...(options.adapters ? { adapters: options.adapters } : {}),
      ...(options.today ? { today: options.today } : {}),
    });
    const unexpected = report.findings.filter((f) => tested.has(f.ruleId) && !f.suppressed);
    const missing: Expectation[] = [];
    let matched = 0;
    for (const e of expected) {
      const at = unexpected.findIndex((f) => fits(e, f));
      if (at < 0) missing.push(e);
      else {
        unexpected.splice(at, 1);
        matched++;
      }
    }
    return { name, missing, unexpected, matched };
  });
}

function fits(e: Expectation, f: Finding): boolean {
  return (
    e.ruleId === f.ruleId &&
    e.file === f.file &&
    e.line === f.line &&
    (e.column === undefined || e.column === f.column) &&
    (e.endLine === undefined || e.endLine === f.endLine) &&
    (e.endColumn === undefined || e.endColumn === f.endColumn) &&
    (e.severity === undefined || e.severity === f.severity) &&
    (e.message === undefined || f.message.includes(e.message))
  );
}

function markers(dir: string, files: readonly string[]): Expectation[] {
  const out: Expectation[] = [];
  for (const file of files) {
    if (!formatOf(file)) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    const parsed = parseDocument(file, text);
    const lines = splitLines(text);
    const seen = new Set<string>();
    for (const comment of parsed.documents.flatMap((d) => d.comments)) {
      const match = MARKER.exec(comment.text);
      const key = `${comment.range.line}:${comment.range.column}`;
      if (!match || seen.has(key)) continue;
      seen.add(key);
      const from = `${file}:${comment.range.line}`;
      const target = commentTarget(lines, comment.range).line;
      if (target === null)
        throw new UserError(`${path.basename(dir)}/${from}: an \`expect:\` comment must be followed by a line of code`);
      for (const ruleId of match[1]!.split(/[\s,]+/).filter(Boolean))
        out.push({ ruleId, file, line: target, from: `${path.basename(dir)}/${from}` });
    }
  }
  return out;
}

function expectedJson(file: string, name: string): Expectation[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${path.basename(file)}: not valid JSON (${errorMessage(error)})`);
  }
  if (!Array.isArray(data)) throw new UserError(`${path.basename(file)}: expected a list of findings`);
  return data.map((item, i) => {
    const e = item as Partial<Expectation>;
    if (typeof e.ruleId !== 'string' || typeof e.file !== 'string' || typeof e.line !== 'number') {
      throw new UserError(`${path.basename(file)}: entry ${i + 1} needs \`ruleId\`, \`file\` and \`line\``);
    }
    return { ...(e as Expectation), from: `${name}.expected.json entry ${i + 1}` };
  });
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

export function formatResults(results: readonly CaseResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `${passed(r) ? 'PASS' : 'FAIL'}  ${r.name}  (${r.matched} expected finding${r.matched === 1 ? '' : 's'} reported)`,
    );
    for (const e of r.missing)
      lines.push(
        `      missing     ${e.ruleId} at ${e.file}:${e.line}${e.column ? `:${e.column}` : ''} (expected by ${e.from})`,
      );
    for (const f of r.unexpected)
      lines.push(`      unexpected  ${f.ruleId} at ${f.file}:${f.line}:${f.column}: ${f.message}`);
  }
  const failed = results.filter((r) => !passed(r)).length;
  lines.push(
    `${results.length} case${results.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed`,
  );
  return `${lines.join('\n')}\n`;
}
