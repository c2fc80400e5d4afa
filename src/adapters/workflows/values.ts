/**
 * The values a `${{ }}` expression can produce, as GitHub evaluates it: literals it contains
 * (`vars.MODE || 'danger-full-access'`), every combination of the job's matrix (after `exclude:` and
 * `include:`), an input's choices or default, `env:` the file sets, `format()` and `fromJSON()` of
 * literals. What the repository does not hold (`vars.*`, `secrets.*`, an input without a default, a
 * matrix key not listed) is named as unknown, never dropped.
 */
import type { KeyPath } from '../../documents/types.js';
import { isRecord } from '../../util/json.js';

/** One value an expression can take, and the line that writes it when that is not the expression's own. */
export interface Known {
  text: string;
  path?: KeyPath;
}

export interface Values {
  known: Known[];
  /** References whose value the repository does not hold (`vars.MODE`, `inputs.flags`). */
  unknown: string[];
}

/** One way the job runs: a value for each matrix key, each at the line that lists it. */
export type Combination = ReadonlyMap<string, { value: unknown; path: KeyPath }>;

/** A value the file sets somewhere (`env:`, an earlier step's `$GITHUB_ENV` or `$GITHUB_OUTPUT`). */
export interface Settable {
  value: unknown;
  path: KeyPath;
  /** What decides it when it cannot be known (`env.MODE`). */
  unknown?: readonly string[];
}

export interface Scope {
  /** The job's matrix combinations, or null when the matrix is not written here (`${{ fromJSON(…) }}`). */
  combinations: readonly Combination[] | null;
  /** Matrix keys whose list is an expression, so their values are not known. */
  unknownKeys: ReadonlySet<string>;
  /** The current combination while a text is evaluated. */
  combination?: Combination;
  /** `inputs.NAME`: its possible values when the repository fixes them (choices, boolean, default). */
  input(name: string): Known[] | null;
  /** `env.NAME` set in the file's `env:` (its raw value), or null; `unknown` when it cannot be known. */
  env(name: string): Settable | null;
  /** `steps.ID.outputs.NAME` an earlier step writes to `$GITHUB_OUTPUT`, or null. */
  output?(step: string, name: string): Settable | null;
  /**
   * `github.action_path` in a local composite action: its folder, relative to the workspace the
   * step starts in (`cd "${{ github.action_path }}"` then `python lib/run.py` reads the action's file).
   */
  actionPath?: string;
  depth?: number;
}

/** GitHub allows at most 256 jobs per matrix; a larger product fails the workflow, so none is judged past it. */
const MAX_COMBINATIONS = 256;
const MAX_VALUES = 64;
const FALSY = new Set(['', 'false', '0', 'null']);
const BOOLEAN: Values = { known: [{ text: 'true' }, { text: 'false' }], unknown: [] };

const scalar = (value: unknown): string | null =>
  value === null
    ? ''
    : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : null;

/** Every combination of a `strategy.matrix`, with `exclude:` removed and `include:` applied as GitHub does. */
export function matrixCombinations(
  strategy: unknown,
  base: KeyPath,
): { combos: Combination[] | null; unknownKeys: Set<string> } {
  const matrix = isRecord(strategy) ? strategy['matrix'] : undefined;
  const unknownKeys = new Set<string>();
  if (matrix === undefined) return { combos: [], unknownKeys };
  if (!isRecord(matrix)) return { combos: null, unknownKeys };
  const path = [...base, 'matrix'];
  let combos: Map<string, { value: unknown; path: KeyPath }>[] = [new Map()];
  const keys: string[] = [];
  for (const [key, list] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(list)) {
      unknownKeys.add(key);
      continue;
    }
    keys.push(key);
    const next: typeof combos = [];
    for (const combo of combos)
      list.forEach((value, i) => {
        if (next.length < MAX_COMBINATIONS) next.push(new Map([...combo, [key, { value, path: [...path, key, i] }]]));
      });
    combos = next;
  }
  if (keys.length === 0) combos = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const exclude = matrix['exclude'];
  if (Array.isArray(exclude))
    combos = combos.filter(
      (combo) =>
        !exclude.some(
          (entry) =>
            isRecord(entry) && Object.entries(entry).every(([k, v]) => combo.has(k) && same(combo.get(k)!.value, v)),
        ),
    );
  const include = matrix['include'];
  if (Array.isArray(include)) {
    const original = combos.length;
    include.forEach((entry, i) => {
      if (!isRecord(entry)) return;
      const at = (k: string): KeyPath => [...path, 'include', i, k];
      let extended = false;
      // An entry extends each original combination whose matrix values it does not overwrite.
      for (const combo of combos.slice(0, original)) {
        const fits = Object.entries(entry).every(([k, v]) => !keys.includes(k) || same(combo.get(k)?.value, v));
        if (!fits) continue;
        extended = true;
        for (const [k, v] of Object.entries(entry)) if (!keys.includes(k)) combo.set(k, { value: v, path: at(k) });
      }
      if (!extended && combos.length < MAX_COMBINATIONS)
        combos.push(new Map(Object.entries(entry).map(([k, v]) => [k, { value: v, path: at(k) }])));
    });
  }
  return { combos, unknownKeys };
}

/** The values of one expression body under `scope`. */
export function expressionValues(body: string, scope: Scope): Values {
  const parser = new Parser(body, scope);
  const result = parser.or();
  return parser.done() ? result : { known: [], unknown: [body.trim()] };
}

const union = (...parts: Values[]): Values => ({
  known: dedupe(parts.flatMap((p) => p.known)).slice(0, MAX_VALUES),
  unknown: [...new Set(parts.flatMap((p) => p.unknown))],
});

function dedupe(known: Known[]): Known[] {
  const seen = new Set<string>();
  return known.filter((k) => (seen.has(k.text) ? false : (seen.add(k.text), true)));
}

const TOKEN =
  /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|0x[\da-f]+)\b|(&&|\|\||==|!=|<=|>=|<|>|!|\(|\)|\[|\]|,|\.)|([A-Za-z_][\w-]*|\*))/iy;

type Token = { kind: 'string' | 'number' | 'op' | 'name'; text: string };

class Parser {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private failed = false;

  constructor(
    body: string,
    private readonly scope: Scope,
  ) {
    let at = 0;
    const end = body.trimEnd().length;
    while (at < end) {
      TOKEN.lastIndex = at;
      const m = TOKEN.exec(body);
      if (!m) break;
      at = TOKEN.lastIndex;
      if (m[1]) this.tokens.push({ kind: 'string', text: m[1].slice(1, -1).replace(/''/g, "'") });
      else if (m[2]) this.tokens.push({ kind: 'number', text: m[2] });
      else if (m[3]) this.tokens.push({ kind: 'op', text: m[3] });
      else if (m[4]) this.tokens.push({ kind: 'name', text: m[4] });
    }
    if (at < end) this.failed = true;
  }

  done(): boolean {
    return !this.failed && this.pos === this.tokens.length;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private eat(text: string): boolean {
    if (!this.peek(text)) return false;
    this.pos++;
    return true;
  }

  or(): Values {
    let left = this.and();
    while (this.eat('||')) {
      const right = this.and();
      // `a || b`: a when it is truthy, else b.
      const truthy = left.known.filter((k) => !FALSY.has(k.text));
      const mayBeFalsy = left.unknown.length > 0 || left.known.some((k) => FALSY.has(k.text));
      left = union({ known: truthy, unknown: left.unknown }, mayBeFalsy ? right : { known: [], unknown: [] });
    }
    return left;
  }

  private and(): Values {
    let left = this.comparison();
    while (this.eat('&&')) {
      const right = this.comparison();
      // `a && b`: a when it is falsy, else b. A condition's own unknowns do not reach the result.
      // An unknown left side may be falsy: its value ('' at the least) is then the result.
      const falsy = [
        ...left.known.filter((k) => FALSY.has(k.text)),
        ...(left.unknown.length > 0 ? [{ text: '' }] : []),
      ];
      const mayBeTruthy = left.unknown.length > 0 || left.known.some((k) => !FALSY.has(k.text));
      left = union({ known: falsy, unknown: [] }, mayBeTruthy ? right : { known: [], unknown: [] });
    }
    return left;
  }

  private comparison(): Values {
    const left = this.unary();
    let compared = false;
    while (['==', '!=', '<', '<=', '>', '>='].some((op) => this.eat(op))) {
      this.unary();
      compared = true;
    }
    return compared ? BOOLEAN : left;
  }

  private unary(): Values {
    if (this.eat('!')) {
      this.unary();
      return BOOLEAN;
    }
    return this.primary();
  }

  private primary(): Values {
    const token = this.tokens[this.pos];
    if (!token) return this.fail();
    if (this.eat('(')) {
      const inner = this.or();
      if (!this.eat(')')) return this.fail();
      return inner;
    }
    this.pos++;
    if (token.kind === 'string' || token.kind === 'number') return { known: [{ text: token.text }], unknown: [] };
    if (token.kind !== 'name') return this.fail();
    if (this.peek('(')) return this.indexed(this.call(token.text));
    if (/^(true|false|null)$/.test(token.text))
      return { known: [{ text: token.text === 'null' ? '' : token.text }], unknown: [] };
    const path = [token.text];
    for (;;) {
      if (this.eat('.')) {
        const next = this.tokens[this.pos++];
        if (!next || next.kind !== 'name') return this.fail();
        path.push(next.text);
      } else if (this.eat('[')) {
        const index = this.or();
        if (!this.eat(']')) return this.fail();
        path.push(index.known.length === 1 && index.unknown.length === 0 ? index.known[0]!.text : '*');
      } else break;
    }
    return this.reference(path);
  }

  /** `fromJSON('["a","b"]')[1]`, `fromJSON(x).key`: an element or property of a JSON value a call returns. */
  private indexed(value: Values): Values {
    let out = value;
    for (;;) {
      let key: Values;
      if (this.eat('[')) {
        key = this.or();
        if (!this.eat(']')) return this.fail();
      } else if (this.eat('.')) {
        const next = this.tokens[this.pos++];
        if (!next || next.kind !== 'name') return this.fail();
        key = { known: [{ text: next.text }], unknown: [] };
      } else return out;
      const keys = key.known.map((k) => k.text);
      const known: Known[] = [];
      let unknown = key.unknown.length > 0 || out.unknown.length > 0;
      for (const k of out.known) {
        const parsed = jsonOf(k.text);
        for (const name of keys) {
          const element =
            parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[name] : undefined;
          if (element === undefined || !Object.hasOwn(parsed as object, name)) unknown = true;
          else known.push({ ...k, text: scalar(element) ?? JSON.stringify(element) });
        }
      }
      out = {
        known: dedupe(known),
        unknown: unknown ? [...out.unknown, ...key.unknown, 'an element of a JSON value'] : [],
      };
    }
  }

  private call(name: string): Values {
    this.eat('(');
    const args: Values[] = [];
    if (!this.eat(')')) {
      do args.push(this.or());
      while (this.eat(','));
      if (!this.eat(')')) return this.fail();
    }
    switch (name.toLowerCase()) {
      case 'format':
        return formatValues(args);
      case 'fromjson':
        return fromJsonValues(args[0]);
      case 'tojson':
        return {
          known: (args[0]?.known ?? []).map((k) => ({ text: JSON.stringify(k.text) })),
          unknown: args[0]?.unknown ?? [],
        };
      case 'join':
        return joinValues(args[0], args[1]);
      case 'contains':
      case 'startswith':
      case 'endswith':
      case 'success':
      case 'always':
      case 'failure':
      case 'cancelled':
        return BOOLEAN;
      default:
        return { known: [], unknown: [`${name}(…)`] };
    }
  }

  private reference(path: string[]): Values {
    const [head, ...rest] = path;
    const name = path.join('.');
    if (head === 'matrix') return this.matrix(rest, name);
    const input =
      head === 'inputs'
        ? rest[0]
        : head === 'github' && rest[0] === 'event' && rest[1] === 'inputs'
          ? rest[2]
          : undefined;
    if (input !== undefined && (head === 'inputs' ? rest.length === 1 : rest.length === 3)) {
      const known = this.scope.input(input);
      return known ? { known, unknown: [] } : { known: [], unknown: [name] };
    }
    if (head === 'github' && rest.length === 1 && rest[0] === 'action_path' && this.scope.actionPath !== undefined)
      return { known: [{ text: this.scope.actionPath }], unknown: [] };
    if (head === 'env' && rest.length === 1) return this.settable(this.scope.env(rest[0]!), name);
    if (head === 'steps' && rest.length === 3 && rest[1] === 'outputs' && this.scope.output)
      return this.settable(this.scope.output(rest[0]!, rest[2]!), name);
    return { known: [], unknown: [name] };
  }

  /** The values of something the file sets, its own expressions evaluated in turn (a bounded depth). */
  private settable(set: Settable | null, name: string): Values {
    if (set?.unknown?.length) return { known: [], unknown: [...set.unknown] };
    const depth = this.scope.depth ?? 0;
    if (set && depth < 4) {
      const text = scalar(set.value);
      if (text !== null) {
        const inner = textValues(text, set.path, { ...this.scope, depth: depth + 1 });
        return {
          known: inner.filter((v) => !v.unknown).map((v) => ({ text: v.text, path: v.path })),
          unknown: inner.flatMap((v) => v.unknown ?? []),
        };
      }
    }
    return { known: [], unknown: [name] };
  }

  private matrix(rest: string[], name: string): Values {
    const { combination, combinations, unknownKeys } = this.scope;
    const key = rest[0];
    if (combinations === null || key === undefined || unknownKeys.has(key)) return { known: [], unknown: [name] };
    if (!combination || !combinations.some((c) => c.has(key))) return { known: [], unknown: [name] }; // not listed in the job's matrix
    const entry = combination.get(key);
    // A key only some include entries set is empty in the other combinations.
    if (!entry) return { known: [{ text: '' }], unknown: [] };
    let value: unknown = entry.value;
    for (const part of rest.slice(1)) value = isRecord(value) ? value[part] : undefined;
    const text = value === undefined ? '' : (scalar(value) ?? JSON.stringify(value));
    if (typeof value === 'string' && value.includes('${{')) return { known: [], unknown: [name] };
    return { known: [{ text, path: entry.path }], unknown: [] };
  }

  private fail(): Values {
    this.failed = true;
    this.pos = this.tokens.length;
    return { known: [], unknown: [] };
  }
}

/** `format('--sandbox {0}', x)`: the template with each value of each argument. */
function formatValues(args: Values[]): Values {
  const [template, ...rest] = args;
  if (!template) return { known: [], unknown: ['format()'] };
  let results: Known[] = template.known;
  rest.forEach((arg, i) => {
    const next: Known[] = [];
    for (const r of results)
      for (const a of arg.known)
        if (next.length < MAX_VALUES)
          // The expression decides the value, so it is reported there, not at an argument's source.
          next.push({ text: r.text.split(`{${i}}`).join(a.text) });
    results = next;
  });
  return {
    known: results.map((r) => ({ ...r, text: r.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') })),
    unknown: args.flatMap((a) => a.unknown),
  };
}

/**
 * `join(array, separator)`: an array's elements joined by the separator (`,` when none is given);
 * a string is itself. `fromJSON('["--a","-p"]')` is an array written as JSON text here.
 */
function joinValues(array: Values | undefined, separator: Values | undefined): Values {
  if (!array) return { known: [], unknown: ['join()'] };
  const separators = separator ? separator.known.map((k) => k.text) : [','];
  const known: Known[] = [];
  for (const k of array.known) {
    const items = jsonOf(k.text);
    const elements = Array.isArray(items) ? items.map((item) => scalar(item) ?? JSON.stringify(item)) : null;
    for (const sep of separators) known.push({ ...k, text: elements ? elements.join(sep) : k.text });
  }
  return { known: dedupe(known).slice(0, MAX_VALUES), unknown: [...array.unknown, ...(separator?.unknown ?? [])] };
}

/** A value's text read as JSON, or undefined when it is not JSON (JSON.parse never gives undefined). */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromJsonValues(arg: Values | undefined): Values {
  if (!arg) return { known: [], unknown: ['fromJSON()'] };
  const known: Known[] = [];
  for (const k of arg.known) {
    const value = jsonOf(k.text);
    // Invalid JSON fails the workflow: that value never reaches the input.
    if (value !== undefined)
      known.push({ text: scalar(value) ?? JSON.stringify(value), ...(k.path ? { path: k.path } : {}) });
  }
  return { known, unknown: arg.unknown };
}

export interface TextValue {
  text: string;
  path: KeyPath;
  /** References the value rests on that the repository does not hold; the text keeps their `${{ }}`. */
  unknown?: string[];
}

/** Every value a scalar with `${{ }}` in it can take under one matrix combination (or none). */
function textValues(text: string, path: KeyPath, scope: Scope): TextValue[] {
  const parts = text.split(/(\$\{\{[\s\S]*?\}\})/);
  let out: TextValue[] = [{ text: '', path }];
  for (const part of parts) {
    const inner = /^\$\{\{([\s\S]*)\}\}$/.exec(part);
    if (!inner) {
      out = out.map((v) => ({ ...v, text: v.text + part }));
      continue;
    }
    const values = expressionValues(inner[1]!, scope);
    const next: TextValue[] = [];
    for (const v of out) {
      for (const k of values.known)
        if (next.length < MAX_VALUES) next.push({ ...v, text: v.text + k.text, ...(k.path ? { path: k.path } : {}) });
      if (values.unknown.length > 0)
        next.push({ ...v, text: v.text + part, unknown: [...(v.unknown ?? []), ...values.unknown] });
    }
    out = next;
  }
  return out;
}

/** Every value a scalar can take over all the job's matrix combinations, the weakest among them. */
export function possibleValues(text: string, path: KeyPath, scope: Scope): TextValue[] {
  if (!text.includes('${{')) return [{ text, path }];
  const combos =
    scope.combinations && scope.combinations.length > 0 && /\bmatrix\b/.test(text) ? scope.combinations : [undefined];
  const out: TextValue[] = [];
  const seen = new Set<string>();
  for (const combination of combos)
    for (const v of textValues(text, path, { ...scope, ...(combination ? { combination } : {}) })) {
      const key = JSON.stringify([v.text, v.path, v.unknown]);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(v);
      }
    }
  return out;
}
