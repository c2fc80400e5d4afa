/**
 * Format-preserving YAML edits: positions come from the `yaml` package's nodes over the original
 * text, and only the bytes a change needs are written. Comments, quoting, key order, indentation and
 * everything outside the change stay as they are.
 */
import {
  Composer,
  Parser,
  isMap,
  isPair,
  isScalar,
  isSeq,
  stringify,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { KeyPath } from '../documents/types.js';
import type { FixChange } from '../model.js';
import { findInSlice } from '../documents/positions.js';
import { dropFlag, type TextEdit } from './text-edit.js';

interface Step {
  /** The node at this depth (the document's contents at depth 0). */
  node: Node | null;
  /** The pair whose value `node` is, for map segments. */
  pair: Pair | null;
}

export class YamlEditor {
  private readonly docs: readonly Document[];

  constructor(
    private readonly text: string,
    private readonly eol: string,
  ) {
    this.docs = Array.from(
      new Composer({ merge: false, strict: false, uniqueKeys: false }).compose(new Parser().parse(text)),
    );
  }

  /** Text edits for one change, or a reason it cannot be written. */
  edits(change: Exclude<FixChange, { kind: 'create-file' }>): TextEdit[] | string {
    const doc = this.docs[change.at.doc ?? 0];
    if (!doc || doc.errors.length > 0) return 'the document does not parse';
    const steps = this.walk(doc, change.at.path);
    const found = steps.length === change.at.path.length + 1;
    const last = steps[steps.length - 1]!;
    switch (change.kind) {
      case 'replace-text': {
        if (!found || !isScalar(last.node) || !last.node.range) return 'the value is not where the finding points';
        const [start, end] = last.node.range;
        const hit = findInSlice(this.text, start, end, change.at.text);
        if (!hit) return 'the text is not in the value any more';
        return [dropFlag(this.text, hit[0], hit[1], change.replacement, this.eol)];
      }
      case 'remove':
        if (!found) return [];
        return this.remove(steps);
      case 'set':
        return this.set(steps, change.at.path, change.value, change.ifAbsent ?? false);
      case 'add-condition':
        return this.addCondition(steps, found, change.condition);
    }
  }

  /** Each map's pairs by key text, the first of equal keys winning (a finding per job of a 5,500-job file scanned every key). */
  private readonly keyed = new WeakMap<YAMLMap, Map<string, Pair>>();

  private pairOf(map: YAMLMap, segment: string | number): Pair | undefined {
    let byKey = this.keyed.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const p of map.items) {
        if (!isPair(p) || !isScalar(p.key)) continue;
        const key = String(p.key.value);
        if (!byKey.has(key)) byKey.set(key, p as Pair);
      }
      this.keyed.set(map, byKey);
    }
    return byKey.get(String(segment));
  }

  private walk(doc: Document, path: KeyPath): Step[] {
    const steps: Step[] = [{ node: (doc.contents as Node | null) ?? null, pair: null }];
    for (const segment of path) {
      const current = steps[steps.length - 1]!.node;
      if (isMap(current)) {
        const pair = this.pairOf(current, segment);
        if (!pair) break;
        steps.push({ node: (pair.value as Node | null) ?? null, pair: pair as Pair });
      } else if (isSeq(current) && typeof segment === 'number' && current.items[segment]) {
        steps.push({ node: current.items[segment] as Node, pair: null });
      } else break;
    }
    return steps;
  }

  private set(steps: Step[], path: KeyPath, value: unknown, ifAbsent: boolean): TextEdit[] | string {
    const depth = steps.length - 1;
    const last = steps[depth]!;
    if (depth === path.length) {
      const node = last.node;
      const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
      if (ifAbsent && !(isMap(node) && isObject)) return [];
      if (isScalar(node) && node.range && (value === null || typeof value !== 'object')) {
        if (node.value === value) return [];
        return [{ start: node.range[0], end: node.range[1], text: scalarText(value, node.type) }];
      }
      if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        // Merge key by key, so what the map already says stays.
        const out: TextEdit[] = [];
        for (const [key, inner] of Object.entries(value)) {
          const r = this.set(this.walkFrom(steps, [key]), [...path, key], inner, ifAbsent);
          if (typeof r === 'string') return r;
          out.push(...r);
        }
        return out;
      }
      if (isSeq(node) && Array.isArray(value) && sameItems(node, value)) return [];
      // A scalar (or null) turning into a collection: rewrite the value after the key.
      return this.replaceValue(steps, value);
    }
    const parent = last.node;
    const rest = path.slice(depth);
    const nested = nest(rest.slice(1) as string[], value);
    const key = rest[0]!;
    if (typeof key !== 'string') return 'a list item to create';
    if (isMap(parent) && parent.flow) return this.insertFlow(parent, key, nested);
    if (isMap(parent)) return [this.insertBlock(parent, key, nested)];
    if ((parent === null || (isScalar(parent) && parent.value === null)) && last.pair) {
      return this.replaceValue(steps, { [key]: nested });
    }
    return 'the parent is not a map';
  }

  private walkFrom(steps: Step[], path: KeyPath): Step[] {
    const out = [...steps];
    for (const segment of path) {
      const current = out[out.length - 1]!.node;
      if (!isMap(current)) break;
      const pair = this.pairOf(current, segment);
      if (!pair) break;
      out.push({ node: (pair.value as Node | null) ?? null, pair: pair as Pair });
    }
    return out;
  }

  /** Rewrites everything after `key:` with a block value indented one level under the key. */
  private replaceValue(steps: Step[], value: unknown): TextEdit[] | string {
    const { pair, node } = steps[steps.length - 1]!;
    const key = pair?.key as Node | undefined;
    if (!key?.range) return 'no key to write under';
    const keyStart = key.range[0];
    const colon = this.text.indexOf(':', key.range[1]);
    if (colon < 0) return 'no key to write under';
    const end = node?.range ? node.range[1] : colon + 1;
    const indent = this.columnOf(keyStart) + this.indentUnit(steps);
    return [
      { start: colon + 1, end: trimEndOffset(this.text, colon + 1, end), text: blockValue(value, indent, this.eol) },
    ];
  }

  private insertBlock(map: Node & { items: Pair[] }, key: string, value: unknown): TextEdit {
    const firstKey = map.items[0]?.key as Node | undefined;
    const indent = firstKey?.range ? this.columnOf(firstKey.range[0]) : 0;
    // After the last one-line entry (`runs-on: …`), where a reader looks for settings; else after the map.
    const oneLine = [...map.items].reverse().find((p) => {
      const v = p.value as Node | null;
      const k = p.key as Node | null;
      return (
        isScalar(v) &&
        v.range &&
        k?.range &&
        !/BLOCK/.test(String(v.type)) &&
        !this.text.slice(k.range[0], v.range[1]).includes('\n')
      );
    });
    const end = oneLine ? (oneLine.value as Node).range![1] : trimEndOffset(this.text, map.range![0], map.range![1]);
    const at = this.lineEndAt(Math.max(end - 1, map.range![0]));
    return { start: at, end: at, text: `${this.eol}${' '.repeat(indent)}${pairText(key, value, indent, this.eol)}` };
  }

  private insertFlow(map: Node & { items: Pair[] }, key: string, value: unknown): TextEdit[] {
    const close = this.text.lastIndexOf('}', map.range![1]);
    const flow = `${key}: ${flowText(value)}`;
    const before = trimEndOffset(this.text, map.range![0], close);
    const empty = map.items.length === 0;
    return [{ start: before, end: before, text: empty ? ` ${flow} ` : `, ${flow}` }];
  }

  /** Removes a map entry or list item with its whole lines; an entry whose map would be left empty goes with it. */
  private remove(steps: Step[]): TextEdit[] | string {
    const depth = steps.length - 1;
    if (depth === 0) return 'cannot remove the document';
    const parent = steps[depth - 1]!.node!;
    const { node, pair } = steps[depth]!;
    const items = (parent as unknown as { items: unknown[] }).items;
    if (items.length === 1 && depth >= 2) return this.remove(steps.slice(0, depth));
    const startNode = pair ? (pair.key as Node) : node;
    if (!startNode?.range) return 'no position for the entry';
    const start = startNode.range[0];
    const valueEnd = node?.range ? node.range[1] : (startNode.range[1] ?? start);
    if ((parent as { flow?: boolean }).flow) return this.removeFlow(items, steps[depth]!, start, valueEnd);
    const lineStart = this.lineStartAt(start);
    const prefix = this.text.slice(lineStart, start);
    if (/^\s*$/.test(prefix) || (!pair && /^\s*-\s*$/.test(prefix))) {
      const end = this.nextLineStart(trimEndOffset(this.text, start, valueEnd) - 1);
      return [{ start: lineStart, end, text: '' }];
    }
    // `- key: v` as the first entry of a list item: the next entry moves up onto the dash line.
    if (/^\s*-\s+$/.test(prefix) && pair) {
      const index = items.indexOf(pair);
      const next = items[index + 1] as Pair | undefined;
      const nextKey = next?.key as Node | undefined;
      if (!nextKey?.range) return 'cannot remove the only entry of a list item';
      return [{ start, end: nextKey.range[0], text: '' }];
    }
    return 'the entry shares its line with another';
  }

  private removeFlow(items: unknown[], step: Step, start: number, end: number): TextEdit[] {
    const index = items.indexOf(step.pair ?? step.node);
    const next = items[index + 1] as Node | Pair | undefined;
    const nextStart = next ? ((isPair(next) ? (next.key as Node) : next).range?.[0] ?? end) : undefined;
    if (nextStart !== undefined) return [{ start, end: nextStart, text: '' }];
    const prev = items[index - 1] as Node | Pair | undefined;
    if (!prev) return [{ start, end, text: '' }];
    const prevNode = isPair(prev) ? (prev.value as Node | null) : prev;
    const prevEnd = prevNode?.range?.[1] ?? start;
    return [{ start: prevEnd, end, text: '' }];
  }

  private addCondition(steps: Step[], found: boolean, condition: string): TextEdit[] | string {
    if (!found) return 'the job is not where the finding points';
    const map = steps[steps.length - 1]!.node;
    if (!isMap(map) || map.flow) return 'the job is not a block map';
    const ifPair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'if');
    if (!ifPair) return [this.insertBlock(map, 'if', condition)];
    const value = ifPair.value as Node | null;
    if (!isScalar(value) || !value.range) return 'the job condition is not a plain value';
    if (String(value.value).includes(condition)) return [];
    if (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') {
      // Keep the block: wrap its text in parentheses and add the gate on a line of its own.
      const header = this.lineEndAt(value.range[0]);
      const start = header + (this.text[header] === '\r' ? 2 : 1);
      const first = start + (/^[ \t]*/.exec(this.text.slice(start))?.[0].length ?? 0);
      const end = trimEndOffset(this.text, first, value.range[1]);
      const body = this.text.slice(first, end);
      if (body.includes('${{')) return 'the job condition mixes expressions and text';
      const indent = ' '.repeat(first - start);
      return [
        { start: first, end: first, text: '(' },
        { start: end, end, text: `) &&${this.eol}${indent}${condition}` },
      ];
    }
    const existing = String(value.value)
      .trim()
      .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
      .trim();
    if (existing.includes('${{')) return 'the job condition mixes expressions and text';
    const text = scalarText(`(${existing}) && ${condition}`, value.type === 'PLAIN' ? null : value.type);
    if (text.includes('\n')) return 'the new condition does not fit on one line';
    return [{ start: value.range[0], end: value.range[1], text }];
  }

  private lineStartAt(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  private lineEndAt(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }

  private nextLineStart(offset: number): number {
    const end = this.lineEndAt(offset);
    if (this.text[end] === '\r' && this.text[end + 1] === '\n') return end + 2;
    return Math.min(this.text.length, end + 1);
  }

  private columnOf(offset: number): number {
    return offset - this.lineStartAt(offset);
  }

  /** The step between the key's indentation and its parent's, else two spaces. */
  private indentUnit(steps: Step[]): number {
    for (let i = steps.length - 1; i >= 1; i--) {
      const inner = steps[i]!.pair?.key as Node | undefined;
      const outerPair = steps
        .slice(0, i)
        .reverse()
        .find((s) => s.pair)?.pair;
      const outer = outerPair?.key as Node | undefined;
      if (inner?.range && outer?.range) {
        const unit = this.columnOf(inner.range[0]) - this.columnOf(outer.range[0]);
        if (unit > 0 && unit <= 8) return unit;
      }
    }
    return 2;
  }
}

function nest(keys: readonly string[], value: unknown): unknown {
  return keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function sameItems(seq: Node & { items: unknown[] }, value: unknown[]): boolean {
  const items = seq.items.map((i) => (isScalar(i) ? i.value : undefined));
  return value.every((v) => items.includes(v));
}

function trimEndOffset(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** A scalar in the style the old one used where that style can hold it. */
export function scalarText(value: unknown, type?: string | null): string {
  if (typeof value === 'string') {
    if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
    if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  }
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function flowText(value: unknown): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow' }).replace(/\n$/, '');
}

function pairText(key: string, value: unknown, indent: number, eol: string): string {
  if (value !== null && typeof value === 'object') return `${key}:${blockValue(value, indent + 2, eol)}`;
  return `${key}: ${scalarText(value)}`;
}

/** The text after `key:` for a value: ` scalar`, or a block on the following lines at `indent`. */
function blockValue(value: unknown, indent: number, eol: string): string {
  if (value === null || typeof value !== 'object') return ` ${scalarText(value)}`;
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) return value.map((item) => `${eol}${pad}- ${flowText(item)}`).join('');
  return Object.entries(value)
    .map(([k, v]) => `${eol}${pad}${pairText(k, v, indent, eol)}`)
    .join('');
}
