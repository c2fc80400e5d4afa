/**
 * The boundary between adapters and the rest of the scan: a deployment must have the model's shape
 * before rules judge it and renderers print it. Renderers run outside any try, so one malformed value
 * (an agent that is a function because a lookup table was indexed with `constructor`) would otherwise
 * take every output of the run down with it. A malformed deployment becomes an internal error instead.
 */
import { DEPLOYMENT_KINDS, FACT_LEVELS as LEVELS, SANDBOX_FACTS, type Deployment } from '../model.js';

/** What is wrong with a deployment's shape, or null when it is well formed. */
export function malformed(d: Deployment): string | null {
  for (const key of ['id', 'name', 'agent', 'file'] as const) {
    if (typeof d[key] !== 'string') return `\`${key}\` is a ${typeof d[key]}, not a string`;
  }
  if (!(DEPLOYMENT_KINDS as readonly string[]).includes(d.kind)) return 'an unknown `kind`';
  if (!isRef(d.at) || !isRef(d.root)) return 'a malformed `at` or `root`';
  if (!Array.isArray(d.signals) || !d.signals.every((s) => typeof s === 'string'))
    return 'a `signals` entry that is not a string';
  if (!d.labels || typeof d.labels !== 'object' || !Object.values(d.labels).every((v) => typeof v === 'string'))
    return 'a label that is not a string';
  if (!d.sandbox || typeof d.sandbox !== 'object') return 'no `sandbox`';
  for (const name of SANDBOX_FACTS) {
    const fact = d.sandbox[name] as { value?: unknown; reason?: unknown; source?: unknown; more?: unknown } | undefined;
    if (!fact || !LEVELS[name].includes(fact.value as string))
      return `\`sandbox.${name}\` is not one of ${LEVELS[name].join(', ')}`;
    if (typeof fact.reason !== 'string') return `\`sandbox.${name}.reason\` is not a string`;
    if (fact.source !== null && !isRef(fact.source)) return `\`sandbox.${name}.source\` is malformed`;
    if (
      fact.more !== undefined &&
      (!Array.isArray(fact.more) || !fact.more.every((m) => m && typeof m.reason === 'string' && isRef(m.source)))
    )
      return `\`sandbox.${name}.more\` is malformed`;
  }
  return null;
}

function isRef(value: unknown): boolean {
  const ref = value as { file?: unknown; path?: unknown } | null;
  return (
    !!ref &&
    typeof ref === 'object' &&
    typeof ref.file === 'string' &&
    Array.isArray(ref.path) &&
    ref.path.every((k) => typeof k === 'string' || typeof k === 'number')
  );
}
