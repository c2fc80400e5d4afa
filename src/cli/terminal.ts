/**
 * What the CLI knows about the terminal: colour (on a TTY, or forced with FORCE_COLOR, never with
 * NO_COLOR), the width to wrap to, and a progress line on stderr for scans that take a while.
 */
import type { TerminalContext } from '../report/view.js';
import type { CliIO } from './io.js';

export interface Terminal {
  stdout: TerminalContext;
  stderrIsTTY: boolean;
}

/** https://no-color.org and https://force-color.org: NO_COLOR wins; FORCE_COLOR=0/false turns colour off. */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return isTTY && env.TERM !== 'dumb';
}

export function terminalOf(io: CliIO): Terminal {
  const env = io.env ?? {};
  const isTTY = io.stdoutIsTTY ?? false;
  const width = isTTY && io.stdoutColumns && io.stdoutColumns >= 40 ? io.stdoutColumns : undefined;
  return {
    stdout: { color: colorEnabled(env, isTTY), ...(width ? { width } : {}) },
    stderrIsTTY: io.stderrIsTTY ?? false,
  };
}

export interface Progress {
  tick: (file: string) => void;
  done: () => void;
}

const QUIET_MS = 1000;
const REDRAW_MS = 100;

/** After a second of scanning, one line on a TTY's stderr, redrawn in place and erased at the end. */
export function progressLine(io: CliIO, terminal: Terminal, what: string, now: () => number = Date.now): Progress {
  if (!terminal.stderrIsTTY) return { tick: () => {}, done: () => {} };
  const start = now();
  let read = 0;
  let drawn = 0;
  return {
    tick: () => {
      read++;
      const t = now();
      if (t - start < QUIET_MS || t - drawn < REDRAW_MS) return;
      drawn = t;
      io.stderr(`\r\x1b[2Kscanning ${what}: ${read} files read, ${((t - start) / 1000).toFixed(1)} s`);
    },
    done: () => {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}
