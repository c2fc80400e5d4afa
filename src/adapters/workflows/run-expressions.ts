/**
 * `${{ }}` in a `run:` block as GitHub runs it: every expression is replaced by its value as text
 * before the shell reads the script, so the shell then splits an unquoted value into words and a
 * value in the program position picks the program. Each way the step can run (every matrix
 * combination the script refers to, each literal an expression can produce, each value of an
 * `env:` entry written with an expression) is one variant of the script, read on its own; the
 * weakest reading decides. What no variant can know stays unknown and is reported where it sits.
 */
import type { KeyPath } from '../../documents/types.js';
import type { ShellEnvValue } from '../../shell/index.js';
import { expressionValues, possibleValues, type Combination, type Scope } from './values.js';
import { scalarText, type Located } from './workflow.js';

/** Readings of one `run:` block at most; past it the widest slots are read as alternatives of one word. */
const MAX_VARIANTS = 24;

/** The unknown references behind an expression, and where the expression is written. */
export interface UnknownAt {
  refs: string[];
  /** Set for an `env:` entry: its path and the expression's text there. */
  env?: { path: KeyPath; raw: string };
}

/** One way the step runs: a value for each expression and each `env:` entry written with one. */
export interface RunVariant {
  /** What the shell is handed for `${{ body }}`: a value, several (read as one word's alternatives), or null. */
  expression(body: string): ShellEnvValue;
  /** Shell variables set before the script starts, with `env:` expressions evaluated. */
  env: Map<string, ShellEnvValue>;
  /** Script expressions (by body) that are unknown in this variant. */
  unknown: ReadonlyMap<string, UnknownAt>;
  /** `env:` entries (by name) whose value rests on unknown references in this variant. */
  unknownEnv: ReadonlyMap<string, UnknownAt[]>;
  /** The block's `${{ }}` spans, in order. */
  spans: readonly ExpressionSpan[];
}

export interface ExpressionSpan {
  body: string;
  start: number;
  end: number;
}

/** `${{ … }}` spans of a script, with their trimmed bodies. */
export function expressionSpans(script: string): ExpressionSpan[] {
  return [...script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({
    body: m[1]!.trim(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** One choice for a slot: a value, a value the repository does not hold, or several read as alternatives. */
type Choice =
  | { kind: 'value'; text: string }
  | { kind: 'unknown'; at: UnknownAt[] }
  | { kind: 'many'; values: string[]; at: UnknownAt[] };

interface Slot {
  kind: 'expression' | 'env';
  name: string;
  choices: Choice[];
}

const MATRIX_KEY = /\bmatrix\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g;

/** The job's combinations that differ in the matrix keys `texts` refer to (one per distinct set of values). */
function combinationsFor(texts: readonly string[], scope: Scope): (Combination | undefined)[] {
  const keys = new Set(texts.flatMap((t) => [...t.matchAll(MATRIX_KEY)].map((m) => m[1] ?? m[2]!)));
  if (keys.size === 0 || !scope.combinations || scope.combinations.length === 0) return [undefined];
  const seen = new Set<string>();
  return scope.combinations.filter((combo) => {
    const key = JSON.stringify([...keys].map((k) => combo.get(k)?.value ?? null));
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function expressionSlot(body: string, scope: Scope): Slot {
  const values = expressionValues(body, scope);
  const choices: Choice[] = [...new Set(values.known.map((k) => k.text))].map((text) => ({ kind: 'value', text }));
  if (values.unknown.length > 0 || choices.length === 0)
    choices.push({ kind: 'unknown', at: [{ refs: values.unknown.length > 0 ? values.unknown : [body] }] });
  return { kind: 'expression', name: body, choices };
}

function envSlot(name: string, located: Located<unknown>, text: string, scope: Scope): Slot {
  const choices: Choice[] = [];
  const seen = new Set<string>();
  for (const v of possibleValues(text, located.path, scope)) {
    if (!v.unknown) {
      if (!seen.has(v.text)) choices.push({ kind: 'value', text: v.text });
      seen.add(v.text);
      continue;
    }
    const raws = [...text.matchAll(/\$\{\{[\s\S]*?\}\}/g)]
      .map((m) => m[0])
      .filter((raw) => v.unknown!.some((u) => raw.includes(u)));
    const at = (raws.length > 0 ? raws : [text]).map((raw) => ({ refs: v.unknown!, env: { path: located.path, raw } }));
    if (!choices.some((c) => c.kind === 'unknown')) choices.push({ kind: 'unknown', at });
  }
  return { kind: 'env', name, choices };
}

/** Folds a slot's choices into one: the shell reads them as the alternatives of one word. */
function collapse(slot: Slot): Slot {
  const values = slot.choices.flatMap((c) => (c.kind === 'value' ? [c.text] : c.kind === 'many' ? c.values : []));
  const at = slot.choices.flatMap((c) => (c.kind === 'value' ? [] : c.at));
  return { ...slot, choices: [{ kind: 'many', values, at }] };
}

/** The slots with the widest folded, widest first, until their product of choices fits `budget`. */
function fitted(slots: Slot[], budget: number): Slot[] {
  let log = slots.reduce((sum, s) => sum + Math.log(s.choices.length), 0);
  const limit = Math.log(budget) + 1e-9;
  if (log <= limit) return slots;
  const order = slots.map((_, i) => i).sort((a, b) => slots[b]!.choices.length - slots[a]!.choices.length);
  const out = [...slots];
  for (const i of order) {
    if (log <= limit) break;
    log -= Math.log(out[i]!.choices.length);
    out[i] = collapse(out[i]!);
  }
  return out;
}

/**
 * Every variant of the script, or none when nothing in it or its `env:` is an expression. The
 * first variant is the one read for what the block runs from the repository.
 */
export function runVariants(
  script: string,
  env: ReadonlyMap<string, Located<unknown>>,
  scope: Scope,
  relevant: (span: ExpressionSpan) => boolean = () => true,
): RunVariant[] {
  const spans = expressionSpans(script);
  const placed = new Set(spans.filter(relevant).map((s) => s.body));
  // An expression elsewhere matters only when a value of it can start a command of its own.
  const bodies = [...new Set(spans.map((s) => s.body))].filter(
    (body) => placed.has(body) || startsCommand(body, scope),
  );
  const envTexts = [...env].flatMap(([name, located]) => {
    const text = scalarText(located.value);
    const read = script.includes(`$${name}`) || script.includes(`\${${name}`);
    return read && text !== null && text.includes('${{') ? [{ name, located, text }] : [];
  });
  if (bodies.length === 0 && envTexts.length === 0) return [];
  const combos = combinationsFor([...bodies, ...envTexts.map((e) => e.text)], scope);
  const budget = Math.max(1, Math.floor(MAX_VARIANTS / combos.length));
  const variants: RunVariant[] = [];
  for (const combination of combos.slice(0, MAX_VARIANTS)) {
    const inCombo: Scope = {
      ...scope,
      combinations: combination ? [combination] : scope.combinations,
      ...(combination ? { combination } : {}),
    };
    const slots = fitted(
      [
        ...bodies.map((body) => expressionSlot(body, inCombo)),
        ...envTexts.map((e) => envSlot(e.name, e.located, e.text, inCombo)),
      ],
      budget,
    );
    // Slots with one choice are the same in every pick; only the others multiply.
    const fixed = slots.filter((s) => s.choices.length === 1).map((s) => [s, s.choices[0]!] as const);
    let picks: (readonly [Slot, Choice])[][] = [[]];
    for (const slot of slots.filter((s) => s.choices.length > 1))
      picks = picks.flatMap((p) => slot.choices.map((c) => [...p, [slot, c] as const]));
    for (const pick of picks) variants.push(variantOf([...fixed, ...pick], env, spans));
  }
  return variants;
}

/** A value with a command separator or substitution in it runs commands wherever it is pasted. */
const startsCommand = (body: string, scope: Scope): boolean =>
  possibleValues(`\${{ ${body} }}`, [], scope).some((v) => !v.unknown && /[;&|\n`]|\$\(/.test(v.text));

const shellValue = (choice: Choice): ShellEnvValue =>
  choice.kind === 'value'
    ? choice.text
    : choice.kind === 'unknown'
      ? null
      : { values: choice.values, unknown: choice.at.length > 0 };

function variantOf(
  pick: readonly (readonly [Slot, Choice])[],
  env: ReadonlyMap<string, Located<unknown>>,
  spans: readonly ExpressionSpan[],
): RunVariant {
  const expressions = new Map<string, ShellEnvValue>();
  const unknown = new Map<string, UnknownAt>();
  const unknownEnv = new Map<string, UnknownAt[]>();
  const shellEnv = new Map<string, ShellEnvValue>();
  for (const [name, located] of env) shellEnv.set(name, scalarText(located.value));
  for (const [slot, choice] of pick) {
    const value = shellValue(choice);
    const at = choice.kind === 'value' ? [] : choice.at;
    if (slot.kind === 'expression') {
      expressions.set(slot.name, value);
      if (at.length > 0) unknown.set(slot.name, { refs: [...new Set(at.flatMap((a) => a.refs))] });
    } else {
      shellEnv.set(slot.name, value);
      if (at.length > 0) unknownEnv.set(slot.name, at);
    }
  }
  return { expression: (body) => expressions.get(body) ?? null, env: shellEnv, unknown, unknownEnv, spans };
}

/** A variant's script as GitHub hands it to the shell, and how its offsets map back to the block. */
export interface Substituted {
  text: string;
  /** The block's span for a span of `text`: inside a substituted value, the whole expression. */
  toBlock(start: number, end: number): [number, number];
}

/**
 * The script with each expression this variant fixes replaced by its value, as text: the shell then
 * splits, quotes and runs it as it would on the runner. Expressions it does not fix stay written.
 */
export function substitute(script: string, variant: RunVariant): Substituted {
  const subs: { from: number; to: number; at: number; until: number }[] = [];
  let text = '';
  let last = 0;
  for (const span of variant.spans) {
    const value = variant.expression(span.body);
    if (typeof value !== 'string') continue;
    text += script.slice(last, span.start);
    subs.push({ from: span.start, to: span.end, at: text.length, until: text.length + value.length });
    text += value;
    last = span.end;
  }
  text += script.slice(last);
  if (subs.length === 0) return { text, toBlock: (start, end) => [start, end] };
  // Each substitution's growth, summed over those before it: an offset past one moves back by it.
  const grown: number[] = [];
  let total = 0;
  for (const sub of subs) grown.push((total += sub.until - sub.at - (sub.to - sub.from)));
  /** The last substitution starting at or before `p` in the substituted text, or -1. */
  const before = (p: number): number => {
    let lo = 0;
    let hi = subs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (subs[mid]!.at <= p) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const toBlock = (p: number, isEnd: boolean): number => {
    const i = before(isEnd ? p - 1 : p);
    if (i < 0) return p;
    const sub = subs[i]!;
    if (isEnd ? p <= sub.until : p < sub.until) return isEnd ? sub.to : sub.from;
    return p - grown[i]!;
  };
  return { text, toBlock: (start, end) => [toBlock(start, false), toBlock(end, true)] };
}

/** Moves every span of a reading (commands, words, redirects, invocations) back to the block's offsets. */
export function toBlockSpans(reading: object, substituted: Substituted): void {
  const seen = new WeakSet<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node) || node instanceof Map) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const span = node as { start?: unknown; end?: unknown };
    if (typeof span.start === 'number' && typeof span.end === 'number')
      [span.start, span.end] = substituted.toBlock(span.start, span.end);
    for (const value of Object.values(node)) visit(value);
  };
  visit(reading);
}

/** The spans (sorted, apart) that overlap `[start, end)`. */
export function spansOverlapping<T extends { start: number; end: number }>(
  spans: readonly T[],
  start: number,
  end: number,
): T[] {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < spans.length && spans[i]!.start < end; i++) out.push(spans[i]!);
  return out;
}
