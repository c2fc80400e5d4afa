/** Checks that need the whole policy: every rule id it names exists, and options fit each rule. */
import { z } from 'zod';
import type { KeyPath } from '../documents/types.js';
import { INTERNAL_ERROR, SUPPRESSION_RULE_IDS } from '../rules/scanner/index.js';
import { ALL_RULES } from '../rules/index.js';
import type { Layer } from './merge.js';
import { Problems, addZodIssues, suggest, type KeysAt } from './problems.js';
import { policySchema, type ResolvedPolicy, type RuleSetting } from './schema.js';

const INTERNAL_ERROR_ID = INTERNAL_ERROR.meta.id;

/** The policy's JSON schema, built on first use (6 ms of every start otherwise). */
let policyJson: JsonSchema | undefined;

/** The keys the policy accepts at a path: `rulez` at the top is near `rules`, never an exception's `rule`. */
export const policyKeysAt: KeysAt = (path) =>
  keysAt((policyJson ??= z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema), path);

type JsonSchema = { [key: string]: unknown };

/** Walks a JSON schema along a data path and returns the property names valid there. */
export function keysAt(root: JsonSchema, path: KeyPath): string[] {
  const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, JsonSchema>;
  const expand = (nodes: readonly JsonSchema[], seen = new Set<JsonSchema>()): JsonSchema[] =>
    nodes.flatMap((node) => {
      if (seen.has(node)) return [];
      seen.add(node);
      const ref = typeof node.$ref === 'string' ? defs[node.$ref.replace(/^#\/(\$defs|definitions)\//, '')] : undefined;
      const branches = [node.anyOf, node.oneOf, node.allOf].flatMap((b) =>
        Array.isArray(b) ? (b as JsonSchema[]) : [],
      );
      return [node, ...expand([...(ref ? [ref] : []), ...branches], seen)];
    });
  let nodes: JsonSchema[] = [root];
  for (const segment of path) {
    nodes = expand(nodes).flatMap((node) => {
      const child =
        typeof segment === 'number'
          ? node.items
          : ((node.properties as Record<string, unknown> | undefined)?.[segment] ?? node.additionalProperties);
      return child && typeof child === 'object' ? [child as JsonSchema] : [];
    });
  }
  const keys = new Set<string>();
  for (const node of expand(nodes))
    if (node.properties && typeof node.properties === 'object')
      Object.keys(node.properties).forEach((k) => keys.add(k));
  return [...keys].sort();
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
        `unknown rule \`${id}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; \`agent-sandbox-guard explain --list\` lists the rules`,
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
          addZodIssues(problems, result.error.issues, doc, file, setting.options, [...base, id, 'options'], (at) =>
            keysAt(
              z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
              at.slice(base.length + 2),
            ),
          );
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
