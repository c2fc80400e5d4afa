/**
 * Inputs carried into what a step or job calls: the caller's `with:` values replace the callee's
 * `${{ inputs.NAME }}` (a composite action's steps, a reusable workflow's jobs), so a caller's
 * `claude_args: --dangerously-skip-permissions` is judged where the callee passes it to the agent.
 * A callee input the caller does not set takes its declared `default`.
 */
import type { KeyPath } from '../../documents/types.js';
import { mapRefs } from './anchor.js';
import { isMapping, scalarText, type Mapping } from './workflow.js';

/** Input values by name (GitHub matches input names case-insensitively): caller's, else the default. */
export function inputValuesFor(declared: unknown, given: Mapping): Map<string, string> {
  const values = new Map<string, string>();
  if (isMapping(declared)) {
    for (const [name, spec] of Object.entries(declared)) {
      const fallback = isMapping(spec) ? scalarText(spec['default']) : null;
      if (fallback !== null) values.set(name.toLowerCase(), fallback);
    }
  }
  for (const [name, value] of Object.entries(given)) {
    const text = scalarText(value);
    if (text !== null) values.set(name.toLowerCase(), text);
  }
  return values;
}

const WHOLE = /^\s*inputs\.([A-Za-z_][\w-]*)\s*$/;
const INSIDE = /(?<![\w.-])inputs\.([A-Za-z_][\w-]*)(?![\w-])/g;

/**
 * `text` with each `${{ inputs.NAME }}` replaced by the input's value. An expression that is the input
 * alone becomes the value as written (itself an expression when the caller passes one); inside a
 * larger expression the input becomes a quoted literal or the caller's expression in parentheses.
 */
export function substituteText(text: string, values: ReadonlyMap<string, string>): string {
  if (!text.includes('inputs.')) return text;
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (whole, body: string) => {
    const alone = WHOLE.exec(body)?.[1];
    if (alone !== undefined) return values.get(alone.toLowerCase()) ?? whole;
    const inner = body.replace(INSIDE, (ref, name: string) => {
      const value = values.get(name.toLowerCase());
      if (value === undefined) return ref;
      const expression = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(value)?.[1];
      return expression !== undefined ? `(${expression.trim()})` : `'${value.replace(/'/g, "''")}'`;
    });
    return `\${{${inner}}}`;
  });
}

/** A copy of a parsed YAML value with inputs substituted in every string (keys stay as written). */
export function substituteInputs<T>(value: T, values: ReadonlyMap<string, string>): T {
  if (values.size === 0) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return substituteText(node, values);
    if (Array.isArray(node)) return node.map(walk);
    if (!isMapping(node)) return node;
    const out: Mapping = {};
    for (const [key, item] of Object.entries(node)) out[key] = walk(item);
    return out;
  };
  return walk(value) as T;
}

/** Whether a parsed value reads any of `names` through `inputs.NAME`. */
export function readsInputs(value: unknown, names: ReadonlySet<string>): boolean {
  if (typeof value === 'string') {
    for (const m of value.matchAll(INSIDE)) if (names.has(m[1]!.toLowerCase())) return true;
    return false;
  }
  if (Array.isArray(value)) return value.some((item) => readsInputs(item, names));
  return isMapping(value) && Object.values(value).some((item) => readsInputs(item, names));
}

/**
 * Text a caller's input put into the callee (a flag in `${{ inputs.flags }}`) is not in the callee
 * as written: references to it move to the input's value in the caller, where it is written.
 */
export function refsToCaller<T>(
  value: T,
  calleeFile: string,
  callee: unknown,
  withAt: { file: string; path: KeyPath },
  given: Mapping,
): T {
  const names = new Map(Object.keys(given).map((name) => [name.toLowerCase(), name]));
  /** The caller's input when the callee's value at `path` is that input alone (`${{ inputs.x }}`). */
  const wholeInput = (path: KeyPath): string | null => {
    const written = valueAt(callee, path);
    const name =
      typeof written === 'string' ? /^\s*\$\{\{\s*inputs\.([\w-]+)\s*\}\}\s*$/.exec(written)?.[1] : undefined;
    return name ? (names.get(name.toLowerCase()) ?? null) : null;
  };
  return mapRefs(
    value,
    (ref) => {
      if (ref.file !== calleeFile) return ref;
      if (ref.text === undefined) {
        const name = wholeInput(ref.path);
        return name ? { file: withAt.file, path: [...withAt.path, name] } : ref;
      }
      if (contains(valueAt(callee, ref.path), ref.text)) return ref;
      for (const [name, item] of Object.entries(given)) {
        if (typeof item === 'string' && contains(item, ref.text))
          return { file: withAt.file, path: [...withAt.path, name], text: ref.text };
      }
      return ref;
    },
    (at) => {
      if (at.file !== calleeFile) return at;
      const name = wholeInput(at.path);
      const text = name ? scalarText(given[name]) : null;
      return name && text === at.value ? { file: withAt.file, path: [...withAt.path, name], value: text } : at;
    },
  );
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const key of path) node = isMapping(node) || Array.isArray(node) ? (node as Mapping)[key] : undefined;
  return node;
}

const contains = (value: unknown, needle: string | RegExp): boolean =>
  typeof value === 'string' &&
  (typeof needle === 'string' ? value.includes(needle) : new RegExp(needle.source, needle.flags).test(value));
