/**
 * `agent-sandbox-guard explain RULE [--policy FILE]`: a rule's rationale, examples and options in
 * the terminal. Custom rules are looked up in the policy (default `.github/agent-sandbox.yml`).
 * `explain --list` lists every rule, the policy's custom rules included when it loads.
 */
import { DEPLOYMENT_KINDS } from '../../model.js';
import path from 'node:path';
import { stringify } from 'yaml';
import { UserError } from '../../errors.js';
import { loadPolicy } from '../../policy/load.js';
import { suggest } from '../../policy/problems.js';
import { optionInfo, presetSettings } from '../../policy/rule-info.js';
import type { CustomRuleDef } from '../../policy/schema.js';
import { ALL_RULES, findRule } from '../../rules/index.js';
import { ruleDocsUrl, type Rule } from '../../rules/types.js';
import { TOOL_NAME } from '../../version.js';
import { stringOption, type ParsedOptions } from '../args.js';
import type { CliIO } from '../io.js';

export async function runExplain(parsed: ParsedOptions, io: CliIO): Promise<number> {
  const { positionals } = parsed;
  const values = { policy: stringOption(parsed, 'policy') };
  if (parsed.values.list === true) {
    if (positionals.length > 0) throw new UserError('explain --list takes no rule id');
    io.stdout(listRules(customRules(io.cwd, values.policy)));
    return 0;
  }
  if (positionals.length !== 1)
    throw new UserError(
      `explain takes one rule id, for example \`${TOOL_NAME} explain sandbox-required\`; \`${TOOL_NAME} explain --list\` lists them`,
    );
  const id = positionals[0]!;
  const rule = findRule(id);
  if (rule) {
    io.stdout(explainRule(rule));
    return 0;
  }
  const custom = customRule(id, io.cwd, values.policy);
  if (custom) {
    io.stdout(explainCustom(custom));
    return 0;
  }
  const hint = suggest(
    id,
    ALL_RULES.map((r) => r.meta.id),
  );
  throw new UserError(
    `unknown rule \`${id}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; \`${TOOL_NAME} explain --list\` lists the rules`,
  );
}

/** Custom rules live in the policy; a policy that fails to load is an error only when it exists. */
function customRules(cwd: string, policyPath: string | undefined): readonly CustomRuleDef[] {
  const policy = loadPolicy({
    root: cwd,
    ...(policyPath !== undefined ? { policyPath: path.resolve(cwd, policyPath) } : {}),
  });
  return policy.customRules;
}

function customRule(id: string, cwd: string, policyPath: string | undefined): CustomRuleDef | undefined {
  return customRules(cwd, policyPath).find((r) => r.id === id);
}

/** One line per rule: id, default severity, title; built-in rules sorted, then the policy's own. */
export function listRules(custom: readonly CustomRuleDef[]): string {
  const builtIn = [...ALL_RULES]
    .map((r) => ({ id: r.meta.id, severity: r.meta.defaultSeverity, title: r.meta.title }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const own = custom.map((r) => ({
    id: r.id,
    severity: r.severity,
    title: (r.title ?? r.message).replace(/\.\s*$/, ''),
  }));
  const width = Math.max(...[...builtIn, ...own].map((r) => r.id.length)) + 2;
  const line = (r: { id: string; severity: string; title: string }): string =>
    `  ${r.id.padEnd(width)}${r.severity.padEnd(9)}${r.title}`;
  const out = [`Built-in rules (${builtIn.length}):`, ...builtIn.map(line)];
  if (own.length) out.push('', `Custom rules of the policy (${own.length}):`, ...own.map(line));
  out.push('', `\`${TOOL_NAME} explain RULE\` prints one rule's rationale, examples and options.`);
  return `${out.join('\n')}\n`;
}

export function explainRule(rule: Rule): string {
  const { meta } = rule;
  const kinds =
    meta.kinds.length === 0
      ? 'files and suppressions (scanner rule)'
      : meta.kinds.length === DEPLOYMENT_KINDS.length
        ? 'every deployment kind'
        : meta.kinds.join(', ');
  const options = optionInfo(rule);
  const lines = [
    `${meta.id}: ${meta.title}`,
    '',
    `Default severity: ${meta.defaultSeverity}    Applies to: ${kinds}    Security severity: ${meta.securitySeverity.toFixed(1)}`,
    `Presets: ${presetSettings(rule)
      .map((p) => `${p.preset} ${p.setting}`)
      .join('; ')}`,
    '',
    meta.rationale.trim(),
    '',
    'Reported:',
    indent(meta.examples.fail),
    '',
    'Not reported:',
    indent(meta.examples.pass),
    '',
    'Options:',
    ...(options.length
      ? options.map(
          (o) =>
            `  ${o.name}: ${o.type}${o.default !== undefined ? ` (default ${JSON.stringify(o.default)})` : ''}${o.description ? `. ${o.description}` : ''}`,
        )
      : ['  none']),
    '',
    'Configure in .github/agent-sandbox.yml:',
    indent(
      `rules:\n  ${meta.id}: ${meta.defaultSeverity === 'error' ? 'warning' : 'error'}   # or off, error, warning, notice`,
    ),
    '',
    `More: ${ruleDocsUrl(meta.id)}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function explainCustom(rule: CustomRuleDef): string {
  const lines = [
    `${rule.id}: ${(rule.title ?? rule.message).replace(/\.\s*$/, '')}`,
    '',
    `Custom rule from ${rule.source}    Severity: ${rule.severity}`,
    '',
    rule.message,
    ...(rule.help ? ['', rule.help.trim()] : []),
    '',
    'Selects:',
    indent(Object.keys(rule.select).length ? stringify(rule.select).trimEnd() : 'every deployment'),
    '',
    'Requires:',
    indent(stringify(rule.require).trimEnd()),
  ];
  return `${lines.join('\n')}\n`;
}

const indent = (text: string): string =>
  text
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
