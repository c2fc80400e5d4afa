/**
 * Variables a job's earlier steps export through `$GITHUB_ENV` (`echo "NAME=value" >> "$GITHUB_ENV"`,
 * printf, tee, a heredoc, and the `NAME<<DELIMITER` form for several lines). GitHub sets them in the
 * environment of every later step of the job, so `claude -p … $FLAGS` runs with what an earlier step
 * wrote. The step scripts are read with the shell reader (never run); a value with a part that cannot
 * be known (`$(date)`, `${{ vars.X }}`) is unknown, not absent.
 */
import type { KeyPath } from '../../documents/types.js';
import { UNKNOWN, readShell, type WrittenText } from '../../shell/index.js';
import type { Job, Located, Step } from './workflow.js';

/** The file a step's text reaches GitHub's environment through, as the shell reader keys it. */
const ENV_FILE = /^\$\{?GITHUB_ENV\}?$/;
/** `shell:` values read as POSIX shells (`bash {0}`, `sh -e {0}`); none given is bash on Linux runners. */
const POSIX_SHELL = /^(?:\S*\/)?(?:ba|z|da|k)?sh\b/;

/** Where an exported value is written: `offset` into the `run:` text at `path`, for positions. */
export interface ExportedAt extends Located<unknown> {
  text: string;
  offset: number;
}

/** Whether an entry of a step's environment was exported by an earlier step (not written in `env:`). */
export const isExported = (located: Located<unknown>): located is ExportedAt =>
  'text' in located && 'offset' in located && typeof (located as ExportedAt).offset === 'number';

/** A step's environment as the shell reader takes it (null: a value that cannot be known). */
type EnvOf = (step: Step) => ReadonlyMap<string, string | null>;

const exportsByJob = new WeakMap<Job, Map<number, ReadonlyMap<string, ExportedAt>>>();
const outputsByStep = new WeakMap<Step, ReadonlyMap<string, ExportedAt>>();

/**
 * Everything the steps of `job` before `step` export, the later write winning. `envOf` gives a step's
 * own environment (which holds the exports before it), to read each script with the values it sees.
 */
export function exportedEnv(
  job: Job,
  step: Step,
  shellOf: (step: Step) => string | null,
  envOf: EnvOf,
): ReadonlyMap<string, ExportedAt> {
  let byStep = exportsByJob.get(job);
  if (!byStep) exportsByJob.set(job, (byStep = new Map()));
  const known = byStep.get(step.index);
  if (known) return known;
  const out = new Map<string, ExportedAt>();
  const previous = job.steps.filter((s) => s.index < step.index).at(-1);
  if (previous) {
    for (const [name, value] of exportedEnv(job, previous, shellOf, envOf)) out.set(name, value);
    for (const [name, value] of written(previous, ENV_FILE, 'env', shellOf, envOf)) out.set(name, value);
  }
  byStep.set(step.index, out);
  return out;
}

/**
 * The outputs a step writes to `$GITHUB_OUTPUT` (`echo "args=--yolo" >> "$GITHUB_OUTPUT"`), which
 * later steps read as `${{ steps.ID.outputs.NAME }}`; empty for a step without an `id:`.
 */
export function stepOutputs(
  step: Step,
  shellOf: (step: Step) => string | null,
  envOf: EnvOf,
): ReadonlyMap<string, ExportedAt> {
  let found = outputsByStep.get(step);
  if (!found) {
    found = step.id ? written(step, OUTPUT_FILE, `steps.${step.id}.outputs`, shellOf, envOf) : new Map();
    outputsByStep.set(step, found);
  }
  return found;
}

const OUTPUT_FILE = /^\$\{?GITHUB_OUTPUT\}?$/;

/** The entries a step's script writes to the environment or output file `target` matches. */
function written(
  step: Step,
  target: RegExp,
  context: string,
  shellOf: (step: Step) => string | null,
  envOf: EnvOf,
): Map<string, ExportedAt> {
  const out = new Map<string, ExportedAt>();
  const run = step.run;
  if (run === null || !run.includes(target === ENV_FILE ? 'GITHUB_ENV' : 'GITHUB_OUTPUT')) return out;
  const shell = shellOf(step);
  if (shell !== null && !POSIX_SHELL.test(shell.trim())) return out;
  const reading = readShell(run, { env: envOf(step) });
  const path: KeyPath = [...step.path, 'run'];
  for (const [file, text] of reading.written) {
    if (!target.test(file)) continue;
    for (const entry of envFileEntries(text))
      out.set(entry.name, {
        ...entry,
        path,
        text: run,
        ...(entry.value === null ? { unknown: [`${context}.${entry.name}`] } : {}),
      });
  }
  return out;
}

/** The `NAME=value` and `NAME<<DELIMITER … DELIMITER` entries of an environment file's text. */
function envFileEntries(written: WrittenText): { name: string; value: string | null; offset: number }[] {
  const entries: { name: string; value: string | null; offset: number }[] = [];
  const lines: { text: string; start: number }[] = [];
  let start = 0;
  for (const line of written.value.split('\n')) {
    lines.push({ text: line.replace(/\r$/, ''), start });
    start += line.length + 1;
  }
  const offsetAt = (i: number): number => written.offsets[i] ?? -1;
  for (let i = 0; i < lines.length; i++) {
    const { text, start: from } = lines[i]!;
    const heredoc = /^([^=<\s]+)<<(.+)$/.exec(text);
    if (heredoc) {
      const delimiter = heredoc[2]!;
      const end = lines.findIndex((l, j) => j > i && l.text === delimiter);
      const body = lines.slice(i + 1, end < 0 ? lines.length : end);
      const value = body.map((l) => l.text).join('\n');
      const first = body[0]?.start ?? from;
      entries.push({ name: heredoc[1]!, value: known(value), offset: offsetAt(first) });
      if (end < 0) break;
      i = end;
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0) continue;
    const name = text.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    entries.push({ name, value: known(text.slice(eq + 1)), offset: offsetAt(from + eq + 1) });
  }
  return entries;
}

/** A value with an unknowable part is unknown as a whole (null): it may hold anything. */
const known = (value: string): string | null => (value.includes(UNKNOWN) ? null : value);
