/**
 * Policy problems with positions: zod issues and semantic checks become `file:line:col: message`
 * lines, located through the positioned documents layer.
 */
import type { z } from 'zod';
import type { KeyPath, SourceDocument } from '../documents/types.js';
import { PolicyError, type ErrorPosition } from '../errors.js';
import { minOf } from '../util/arrays.js';

export interface Problem {
  message: string;
  position: ErrorPosition;
}

type Issue = z.ZodError['issues'][number];

/** Collects problems from every file of a policy and throws them together, sorted by position. */
export class Problems {
  private readonly list: Problem[] = [];

  add(message: string, position: ErrorPosition): void {
    this.list.push({ message, position });
  }

  at(doc: SourceDocument | undefined, file: string, path: KeyPath, message: string): void {
    this.add(message, positionOf(doc, file, path));
  }

  get size(): number {
    return this.list.length;
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const seen = new Set<string>();
    const unique = this.list.filter((p) => {
      const key = `${p.position.file}:${p.position.line}:${p.position.column}:${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    const order = new Map<string, number>();
    unique.forEach((p) => order.has(p.position.file) || order.set(p.position.file, order.size));
    unique.sort(
      (a, b) =>
        order.get(a.position.file)! - order.get(b.position.file)! ||
        (a.position.line ?? 0) - (b.position.line ?? 0) ||
        (a.position.column ?? 0) - (b.position.column ?? 0),
    );
    const [first, ...rest] = unique;
    throw new PolicyError(first!.message, first!.position, rest);
  }
}

export function positionOf(doc: SourceDocument | undefined, file: string, path: KeyPath): ErrorPosition {
  if (!doc) return { file };
  const range = doc.locate(path);
  return { file, line: range.line, column: range.column };
}

/** `rules.sandbox-required.options.minimum`, `custom-rules[0].require.all[1]`. */
export function pathLabel(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

/** Reports every zod issue at the key it concerns; `base` prefixes paths of a nested parse. */
export function addZodIssues(
  problems: Problems,
  issues: readonly Issue[],
  doc: SourceDocument,
  file: string,
  root: unknown,
  base: KeyPath = [],
  knownKeys: readonly string[] = [],
): void {
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = suggest(key, knownKeys);
        problems.at(
          doc,
          file,
          [...path, key],
          `${where(path)}unknown key \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}`,
        );
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      const branch = deepestBranch(issue);
      if (branch) {
        addZodIssues(problems, branch, doc, file, valueAt(root, issue.path as (string | number)[]), path, knownKeys);
        continue;
      }
    }
    problems.at(doc, file, path, `${where(path)}${describe(issue, valueAt(root, issue.path as (string | number)[]))}`);
  }
}

const where = (path: KeyPath): string => (path.length ? `\`${pathLabel(path)}\`: ` : '');

/** zod's own messages start like this; anything else is a message we wrote in the schema. */
const GENERIC = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function describe(issue: Issue, value: unknown): string {
  if (!GENERIC.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? 'is required' : `expected ${issue.expected}, got ${typeName(value)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected \`${String(issue.values[0])}\`, got ${show(value)}`
        : `expected one of ${issue.values.map(String).join(', ')}; got ${show(value)}`;
    case 'too_small':
      if (issue.origin === 'array') return 'must not be empty';
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `expected ${issue.format}, got ${show(value)}`;
    default:
      return issue.message;
  }
}

/** For a union, the branch that got furthest (for example the object form of a rule setting). */
function deepestBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | null {
  let best: Issue[] | null = null;
  let depth = 0;
  for (const branch of issue.errors) {
    const d = minOf(branch.map((i) => i.path.length + (i.code === 'unrecognized_keys' ? 1 : 0)));
    if (d > depth) {
      depth = d;
      best = branch;
    }
  }
  return best;
}

export function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'a mapping';
  const text = String(value);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``;
}

/** The closest candidate within a small edit distance, for "did you mean". */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
