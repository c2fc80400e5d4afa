/** Checks that need the whole policy: every rule id it names exists, and options fit each rule. */
import { z } from 'zod';
import type { KeyPath } from '../documents/types.js';
import { INTERNAL_ERROR, SUPPRESSION_RULE_IDS } from '../rules/scanner/index.js';
import { ALL_RULES } from '../rules/index.js';
import type { Layer } from './merge.js';
import { Problems, addZodIssues, suggest } from './problems.js';
import { policySchema, type ResolvedPolicy, type RuleSetting } from './schema.js';

const INTERNAL_ERROR_ID = INTERNAL_ERROR.meta.id;

/** Every key the policy schema knows, for "did you mean" on unknown keys; built on first use (6 ms of every start otherwise). */
let knownKeys: readonly string[] | undefined;
export const KNOWN_KEYS = (): readonly string[] =>
  (knownKeys ??= collectKeys(z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' })));

function collectKeys(schema: unknown, out = new Set<string>()): string[] {
  if (Array.isArray(schema)) schema.forEach((s) => collectKeys(s, out));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((k) => out.add(k));
      collectKeys(value, out);
    }
  }
  return [...out].sort();
}

export function checkReferences(layers: readonly Layer[], merged: ResolvedPolicy, problems: Problems): void {
  const builtIn = new Map(ALL_RULES.map((r) => [r.meta.id, r]));
  const custom = new Set(merged.customRules.map((r) => r.id));
  const known = [...builtIn.keys(), ...custom].sort();

  for (const layer of layers) {
    const { parsed, doc, file } = layer;
    const at = (path: KeyPath, message: string): void => problems.at(doc, file, path, message);
    const exists = (id: string, path: KeyPath): boolean => {
      if (builtIn.has(id) || custom.has(id)) return true;
      const hint = suggest(id, known);
      at(
        path,
        `unknown rule \`${id}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; \`agent-sandbox-guard explain\` lists the rules`,
      );
      return false;
    };
    const settings = (rules: Record<string, RuleSetting> | undefined, base: KeyPath): void => {
      for (const [id, setting] of Object.entries(rules ?? {})) {
        if (
          id === INTERNAL_ERROR_ID &&
          (typeof setting === 'string' ? setting : (setting.severity ?? 'error')) !== 'error'
        ) {
          // An internal error means a file was not judged: lowering it would let a crash pass the run.
          at(
            [...base, id],
            `\`${id}\` means a file could not be judged; it always fails the run and cannot be turned off or lowered`,
          );
          continue;
        }
        if (!exists(id, [...base, id]) || typeof setting === 'string' || setting.options === undefined) continue;
        const rule = builtIn.get(id);
        if (!rule) {
          at([...base, id, 'options'], `custom rule \`${id}\` takes no options`);
          continue;
        }
        const result = rule.options.safeParse(setting.options);
        if (!result.success)
          addZodIssues(problems, result.error.issues, doc, file, setting.options, [...base, id, 'options']);
      }
    };

    (parsed['custom-rules'] ?? []).forEach((rule, i) => {
      if (builtIn.has(rule.id))
        at(['custom-rules', i, 'id'], `\`${rule.id}\` is a built-in rule; give the custom rule its own id`);
    });
    settings(parsed.rules, ['rules']);
    (parsed.overrides ?? []).forEach((override, i) => settings(override.rules, ['overrides', i, 'rules']));
    (parsed.only ?? []).forEach((id, i) => exists(id, ['only', i]));
    (parsed.exceptions ?? []).forEach((exception, i) => {
      if (exception.rule === INTERNAL_ERROR_ID)
        at(
          ['exceptions', i, 'rule'],
          `\`${exception.rule}\` means a file could not be judged and cannot be suppressed`,
        );
      if (exists(exception.rule, ['exceptions', i, 'rule']) && SUPPRESSION_RULE_IDS.has(exception.rule)) {
        at(
          ['exceptions', i, 'rule'],
          `\`${exception.rule}\` reports on suppressions themselves and cannot be suppressed`,
        );
      }
    });
    (parsed.suppressions?.rules ?? []).forEach((id, i) => exists(id, ['suppressions', 'rules', i]));
  }
}
