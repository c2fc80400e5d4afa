/** Turns the policy's declarative custom rules into Rule objects the engine runs like any other. */
import { z } from 'zod';
import { DEPLOYMENT_KINDS, type Deployment, type SourceRef } from '../../model.js';
import { matchesPath, matchesValue } from '../glob.js';
import type { CustomRuleDef } from '../schema.js';
import type { Rule } from '../../rules/types.js';
import { evaluateCondition, type Spot } from './conditions.js';

/** Reads the plain value of the document a SourceRef points into (undefined when it cannot). */
export type DocumentReader = (ref: SourceRef) => unknown;

const SECURITY_SEVERITY = { error: 7.0, warning: 4.0, notice: 1.0 } as const;

export function compileCustomRules(defs: readonly CustomRuleDef[], read: DocumentReader): Rule[] {
  return defs.map((def) => compileCustomRule(def, read));
}

export function compileCustomRule(def: CustomRuleDef, read: DocumentReader): Rule {
  const title = (def.title ?? def.message).replace(/\.\s*$/, '');
  return {
    meta: {
      id: def.id,
      title,
      rationale: def.help ?? def.message,
      examples: { fail: '', pass: '' },
      defaultSeverity: def.severity,
      kinds: def.select.kind ?? DEPLOYMENT_KINDS,
      securitySeverity: SECURITY_SEVERITY[def.severity],
    },
    options: z.strictObject({}),
    check(deployment, context) {
      if (!selects(def, deployment)) return;
      const document = read(deployment.root);
      const root = valueAtPath(document, deployment.root.path);
      const outcome = evaluateCondition(def.require, { deployment, document, root });
      if (outcome.holds) return;
      for (const group of outcome.groups) {
        const spots = uniqueSpots(group);
        const [first, ...rest] = spots;
        const details = spots.map((s) => s.detail).join('; ');
        context.report({
          message: `${def.message.replace(/\.\s*$/, '')}${details ? ` (${details})` : ''}.`,
          at: first?.at ?? deployment.at,
          ...(rest.length ? { related: rest.map((s) => ({ message: s.detail, at: s.at })) } : {}),
        });
      }
    },
  };
}

export function selects(def: Pick<CustomRuleDef, 'select'>, deployment: Deployment): boolean {
  const { kind, agent, path, name, labels } = def.select;
  if (kind && !kind.includes(deployment.kind)) return false;
  if (agent && !agent.some((g) => matchesValue(deployment.agent, g))) return false;
  if (path && !path.some((g) => matchesPath(deployment.file, g))) return false;
  if (name && !name.some((g) => matchesValue(deployment.name, g))) return false;
  if (labels) {
    for (const [key, glob] of Object.entries(labels)) {
      const value = deployment.labels[key];
      if (value === undefined || !matchesValue(value, glob)) return false;
    }
  }
  return true;
}

function uniqueSpots(spots: Spot[]): Spot[] {
  const seen = new Set<string>();
  return spots.filter((s) => {
    const key = `${JSON.stringify(s.at.path)}\u0000${s.at.file}\u0000${s.detail}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function valueAtPath(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A reader over the engine's parsed files. */
export function documentReader(
  load: (file: string) => { documents: readonly { index: number; value: unknown }[] } | null,
): DocumentReader {
  return (ref) => load(ref.file)?.documents.find((d) => d.index === (ref.doc ?? 0))?.value;
}
