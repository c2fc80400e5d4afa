/**
 * Command lines that are not one YAML scalar: a Docker action's `entrypoint` plus its `args` list, a
 * Dockerfile's `ENTRYPOINT`/`CMD`, a script the image copies in. They are read as one synthetic line
 * (a TextAt in a marker file), then every reference into it is moved back to where each piece is
 * written: a YAML scalar (key path and text), or an exact range in a file that is not YAML (a
 * Dockerfile is never parsed as YAML to position a finding).
 */
import { LineIndex } from '../../documents/positions.js';
import type { KeyPath } from '../../documents/types.js';
import type { SourceRef } from '../../model.js';
import type { AgentRun, PromptSink, TextAt } from './types.js';

/** Where one piece of the synthetic line is written. */
export type Origin =
  /** A YAML scalar: the piece is `value.slice(offset, offset + length)` of the scalar at `path`. */
  | { kind: 'scalar'; file: string; path: KeyPath; value: string; offset: number }
  /** Raw text of a non-YAML file starting at `offset`. */
  | { kind: 'text'; file: string; text: string; offset: number; lines?: LineIndex }
  /** No text of its own (a program the image implies): point at this reference. */
  | { kind: 'ref'; ref: SourceRef };

interface Piece {
  start: number;
  end: number;
  origin: Origin;
}

/** A synthetic command line assembled from pieces, each mapped back to its origin. */
export class Line {
  private readonly pieces: Piece[] = [];
  value = '';
  constructor(readonly marker: string) {}

  /** Appends `text` (as the shell should read it) from `origin`; `quote` single-quotes it as one word. */
  add(text: string, origin: Origin | null, quote = false): this {
    if (this.value) this.value += ' ';
    const safe = quote && (text === '' || /[^\w@%+=:,./-]/.test(text));
    const body = safe ? text.replace(/'/g, `'\\''`) : text;
    const start = this.value.length + (safe ? 1 : 0);
    this.value += safe ? `'${body}'` : body;
    if (origin) this.pieces.push({ start, end: start + body.length, origin });
    return this;
  }

  /** A new line: `text` from `origin`, then this line's words at their own origins. */
  prefixed(marker: string, text: string, origin: Origin): Line {
    const line = new Line(marker).add(text, origin);
    const shift = line.value.length + 1;
    line.value += ` ${this.value}`;
    for (const p of this.pieces) line.pieces.push({ ...p, start: p.start + shift, end: p.end + shift });
    return line;
  }

  /** The line as a `run:`-like scalar (so messages say "in the command"). */
  at(): TextAt {
    return { file: this.marker, path: ['run'], value: this.value };
  }

  /** The real reference for `[start, end)` of the line. */
  refFor(start: number, end: number): SourceRef | null {
    const piece = this.pieces.find((p) => start >= p.start && start < p.end) ?? this.pieces.find((p) => start < p.end);
    if (!piece) return null;
    const from = start - piece.start;
    const to = Math.min(end, piece.end) - piece.start;
    const o = piece.origin;
    if (o.kind === 'ref') return o.ref;
    if (o.kind === 'scalar') {
      const needle = o.value
        .slice(o.offset + from, o.offset + Math.max(from, to))
        .split(/[\r\n]/)[0]!
        .trimEnd();
      return needle ? { file: o.file, path: o.path, text: needle } : { file: o.file, path: o.path };
    }
    o.lines ??= new LineIndex(o.text);
    return { file: o.file, path: [], range: o.lines.range(o.offset + from, o.offset + Math.max(from, to)) };
  }

  /** Moves a reference into the line (as refAt makes them) to its origin; others are kept. */
  move(ref: SourceRef): SourceRef {
    if (ref.file !== this.marker) return ref;
    const needle = ref.text;
    if (needle === undefined) return this.refFor(0, this.value.length) ?? ref;
    let start = -1;
    let length = 0;
    if (typeof needle === 'string') {
      start = this.value.indexOf(needle);
      length = needle.length;
    } else {
      const hit = new RegExp(needle.source, needle.flags.replace('g', '')).exec(this.value);
      if (hit) [start, length] = [hit.index, hit[0].length];
    }
    return (start >= 0 ? this.refFor(start, start + length) : null) ?? this.refFor(0, this.value.length) ?? ref;
  }

  /** Every reference of the run moved to its origin; prompts become the scalars they came from. */
  anchor(run: AgentRun): AgentRun {
    const moved = mapRefs(run, (ref) => this.move(ref));
    moved.prompts = run.prompts.flatMap((p): PromptSink[] => (p.text.file === this.marker ? this.prompts() : [p]));
    return moved;
  }

  /** The YAML scalars of the line, as prompt sinks (event text in an `args` item reaches the agent). */
  prompts(): PromptSink[] {
    return this.pieces.flatMap((p): PromptSink[] => {
      const o = p.origin;
      if (o.kind !== 'scalar') return [];
      return [
        {
          text: { file: o.file, path: o.path, value: o.value },
          start: o.offset,
          end: o.offset + (p.end - p.start),
        },
      ];
    });
  }
}

const isRef = (value: object): value is SourceRef =>
  typeof (value as SourceRef).file === 'string' && Array.isArray((value as SourceRef).path);

/** A copy of `value` with `move` applied to each SourceRef in it (not to TextAt); the raw step is shared. */
export function mapRefs<T>(value: T, move: (ref: SourceRef) => SourceRef, moveText?: (at: TextAt) => TextAt): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object' || node instanceof RegExp) return node;
    if (isRef(node)) {
      if (!('value' in node)) return move(node);
      if (moveText && typeof (node as TextAt).value === 'string') return moveText(node as TextAt);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) out[key] = key === 'step' ? item : walk(item);
    return out;
  };
  return walk(value) as T;
}
