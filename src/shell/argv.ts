/**
 * Exec-form command lines (Kubernetes `command`/`args`, Compose and devcontainer arrays, MCP
 * `command` + `args`): no shell splits them, but the same wrappers apply and a `sh -c` element is
 * a script, read with its positions mapped into the element's scalar.
 */
import { dispatch, type Field } from './dispatch.js';
import { Reader, readingOf, type Frame } from './read.js';
import type { ReadShellOptions, ShellReading, Span } from './types.js';

export interface ArgvElement extends Span {
  /** The element's value (YAML/JSON already decoded). */
  value: string;
  /**
   * File offset of the value's first character when the value is the scalar's text character for
   * character (plain or quoted without escapes); without it, words inside point at the element.
   */
  valueStart?: number;
}

/** Reads an argv that no shell splits; `env`/`sudo`/`npx`/`sh -c '…'` unwrap as in a script. */
export function readArgv(argv: readonly ArgvElement[], options: Omit<ReadShellOptions, 'base'> = {}): ShellReading {
  const reader = new Reader(options);
  if (argv.length === 0) return readingOf(reader);
  const span: Span = { start: argv[0]!.start, end: argv.at(-1)!.end };
  // Offsets in this frame are file offsets already.
  const frame: Frame = { text: '', toFile: (i) => i, fallback: span, depth: 0 };
  const fields: Field[] = argv.map((element) => ({
    word: {
      value: element.value,
      alternatives: [element.value],
      unknown: false,
      text: element.value,
      start: element.start,
      end: element.end,
    },
    chars: [...element.value].map((ch, i) => ({
      ch,
      at: element.valueStart === undefined ? -1 : element.valueStart + offsetOf(element.value, i),
      kind: 'quoted' as const,
    })),
    frame: { ...frame, fallback: { start: element.start, end: element.end } },
  }));
  try {
    dispatch(reader, fields, {
      assignments: [],
      redirects: [],
      span,
      context: [],
      conditional: false,
      frame,
      stdin: undefined,
    });
  } catch (error) {
    reader.problem('syntax', span, `the command could not be read (${(error as Error).message})`);
  }
  return readingOf(reader);
}

/** UTF-16 offset of the i-th code point. */
function offsetOf(value: string, index: number): number {
  let offset = 0;
  let k = 0;
  for (const ch of value) {
    if (k++ === index) return offset;
    offset += ch.length;
  }
  return offset;
}
