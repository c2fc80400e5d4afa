/**
 * The plain value of a TOML AST. Same semantics as toml-eslint-parser's `getStaticTOMLValue`, which
 * writes keys with `target[key] = …`: a `[__proto__]` table or a `__proto__.x = 1` key then writes
 * into `Object.prototype` of the whole process (a scanned file could switch rules off that way).
 * Here every read checks own properties and every write defines an own property.
 */
import type { AST } from 'toml-eslint-parser';

type Table = Record<string, unknown>;

export function tomlValue(ast: AST.TOMLProgram): Table {
  const root: Table = {};
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLTable') {
      const table = tableAt(root, item.key.keys.map(keyName), item.kind === 'array');
      for (const kv of item.body) assign(table, kv);
    } else assign(root, item);
  }
  return root;
}

const keyName = (key: AST.TOMLBare | AST.TOMLQuoted): string => (key.type === 'TOMLBare' ? key.name : key.value);

function own(target: object, key: string | number): unknown {
  return Object.hasOwn(target, key) ? (target as Table)[key as string] : undefined;
}

function put(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

const isLeaf = (value: unknown): boolean => typeof value !== 'object' || value instanceof Date;

function content(node: AST.TOMLContentNode): unknown {
  if (node.type === 'TOMLValue') return node.value;
  if (node.type === 'TOMLArray') return node.elements.map(content);
  const table: Table = {};
  for (const kv of node.body) assign(table, kv);
  return table;
}

function assign(base: Table, kv: AST.TOMLKeyValue): void {
  const keys = kv.key.keys.map(keyName);
  let target: Table = base;
  for (const key of keys.slice(0, -1)) {
    const next = own(target, key);
    if (next == null || isLeaf(next) || Array.isArray(next)) {
      const fresh: Table = {};
      put(target, key, fresh);
      target = fresh;
    } else target = next as Table;
  }
  put(target, keys[keys.length - 1]!, content(kv.value));
}

/** The table a `[a.b]` or `[[a.b]]` header opens; array headers append a new table. */
function tableAt(base: Table, keys: string[], array: boolean): Table {
  let target: Table = base;
  for (const key of keys.slice(0, -1)) target = descend(target, key);
  const lastKey = keys[keys.length - 1]!;
  const existing = own(target, lastKey);
  const fresh: Table = {};
  if (existing == null || isLeaf(existing)) put(target, lastKey, array ? [fresh] : fresh);
  else if (!array) {
    if (!Array.isArray(existing)) return existing as Table;
    put(target, lastKey, fresh);
  } else if (Array.isArray(existing)) existing.push(fresh);
  else put(target, lastKey, [fresh]);
  return fresh;
}

/** One step of a header key: into a table, or into the last table of an array of tables. */
function descend(target: Table, key: string): Table {
  const next = own(target, key);
  if (next == null || isLeaf(next)) {
    const fresh: Table = {};
    put(target, key, fresh);
    return fresh;
  }
  let current: unknown = next;
  while (Array.isArray(current)) {
    const lastIndex = current.length - 1;
    const element: unknown = current[lastIndex];
    if (isLeaf(element)) {
      const fresh: Table = {};
      current[lastIndex] = fresh;
      return fresh;
    }
    current = element;
  }
  return current as Table;
}
