/**
 * `agent-sandbox-guard fix [DIR] [--unsafe] [--diff] [--rule ID…] [--policy FILE]`: applies the
 * findings' fixes in place (safe ones unless `--unsafe`), or prints them as a unified diff with
 * `--diff` and changes nothing. Edits that overlap wait for the next run; running again after
 * everything is applied changes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareScan, scanDirectory } from '../../engine/index.js';
import { UserError } from '../../errors.js';
import { unifiedDiff } from '../../fix/diff.js';
import { planFixes, type FixPlan } from '../../fix/plan.js';
import type { Finding } from '../../model.js';
import { loadPolicy } from '../../policy/load.js';
import { findRule } from '../../rules/index.js';
import type { ParsedOptions } from '../args.js';
import type { CliIO } from '../io.js';

export async function runFix(parsed: ParsedOptions, io: CliIO): Promise<number> {
  await prepareScan();
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fix takes one directory, got ${positionals.length}`);
  const rules = ((values.rule as string[] | undefined) ?? []).flatMap((r) => r.split(',')).filter(Boolean);
  for (const id of rules) if (!findRule(id)) throw new UserError(`--rule: unknown rule \`${id}\``);
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const policyPath = values.policy === undefined ? undefined : path.resolve(io.cwd, values.policy as string);
  const policy = loadPolicy({ root, ...(policyPath ? { policyPath } : {}) });
  const { report } = scanDirectory({ root, policy });

  const inside = (file: string): string => {
    const full = path.resolve(root, file);
    if (path.relative(root, full).startsWith('..') || path.isAbsolute(path.relative(root, full)))
      throw new Error(`a fix names a file outside the repository: ${file}`);
    return full;
  };
  const read = (file: string): string | null => {
    const full = inside(file);
    return existsSync(full) ? readFileSync(full, 'utf8') : null;
  };
  const plan = planFixes(report, read, { unsafe: values.unsafe === true, rules });
  if (values.diff) {
    io.stdout(plan.changes.map((c) => unifiedDiff(c.file, c.before, c.after)).join(''));
  } else {
    for (const change of plan.changes) {
      const full = inside(change.file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, change.after);
    }
  }
  io.stderr(summary(plan, values.diff === true));
  return plan.refused.length > 0 ? 1 : 0;
}

const where = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;

function summary(plan: FixPlan, dryRun: boolean): string {
  const lines: string[] = [];
  const files = plan.changes.length;
  const verb = dryRun ? 'would apply' : 'applied';
  lines.push(
    `${plan.applied.length} fix${plan.applied.length === 1 ? '' : 'es'} ${verb} in ${files} file${files === 1 ? '' : 's'}.`,
  );
  for (const f of plan.applied) lines.push(`  ${where(f)}: ${f.fix!.description}`);
  if (plan.deferred.length > 0) {
    lines.push(
      `${plan.deferred.length} fix${plan.deferred.length === 1 ? '' : 'es'} overlap one applied now; run fix again to apply:`,
    );
    for (const f of plan.deferred) lines.push(`  ${where(f)}`);
  }
  if (plan.unsafe.length > 0) {
    lines.push(
      `${plan.unsafe.length} unsafe fix${plan.unsafe.length === 1 ? '' : 'es'} (may change behaviour) not applied; pass --unsafe to apply:`,
    );
    for (const f of plan.unsafe) lines.push(`  ${where(f)}: ${f.fix!.description}`);
  }
  for (const r of plan.refused) lines.push(`Left ${r.file} unchanged: ${r.reason}.`);
  if (plan.adviceOnly.length > 0)
    lines.push(
      `${plan.adviceOnly.length} finding${plan.adviceOnly.length === 1 ? ' has' : 's have'} no automatic fix; \`scan\` shows what to change.`,
    );
  return `${lines.join('\n')}\n`;
}
