/** What the policy can say about a rule: its options (from the zod schema) and each preset's setting. */
import { z } from 'zod';
import type { Rule } from '../rules/types.js';
import { loadPreset } from './load.js';
import { PRESET_NAMES } from './presets.js';
import { settingFor } from './settings.js';
import type { ResolvedPolicy } from './schema.js';

export interface OptionInfo {
  name: string;
  type: string;
  default?: unknown;
  description?: string;
}

interface JsonSchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
}

export function optionInfo(rule: Rule): OptionInfo[] {
  const schema = z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  return Object.entries(schema.properties ?? {}).map(([name, node]) => ({
    name,
    type: typeText(node),
    ...(node.default !== undefined ? { default: node.default } : {}),
    ...(node.description ? { description: node.description } : {}),
  }));
}

function typeText(node: JsonSchemaNode): string {
  if (node.enum) return `one of ${node.enum.map(String).join(', ')}`;
  if (node.const !== undefined) return String(node.const);
  if (node.anyOf) return node.anyOf.map(typeText).join(' or ');
  if (node.type === 'array') return `list of ${node.items ? typeText(node.items) : 'values'}`;
  return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
}

let presets: { name: string; policy: ResolvedPolicy }[] | undefined;

/** Each preset's effective setting for a rule: `error`, `off`, `error (minimum: container)`. */
export function presetSettings(rule: Rule): { preset: string; setting: string }[] {
  presets ??= PRESET_NAMES.map((name) => ({ name, policy: loadPreset(name) }));
  return presets.map(({ name, policy }) => {
    const effective = settingFor(policy, rule.meta.id, rule.meta.defaultSeverity);
    const options = Object.entries(effective.options).map(([k, v]) => `${k}: ${String(v)}`);
    return {
      preset: name,
      setting: effective.severity + (options.length && effective.severity !== 'off' ? ` (${options.join(', ')})` : ''),
    };
  });
}
