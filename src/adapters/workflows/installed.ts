/**
 * Scripts a remote action installs for a job's later steps: the step copies the action's own scripts
 * into a directory (an input, or the action's default) and later steps run them from there. They are
 * that action's code, at the ref the step pins, and are not followed, as no remote action is; the
 * catalogue says which actions do this (`scriptInstallerOf`). A script under such a directory with no
 * installing step before it stays a script that could not be read.
 */
import { scriptInstallerOf } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import type { ActionCode } from '../../model/details/workflow-job.js';
import { unquote, type ShellCommand, type ShellReading } from '../../shell/index.js';
import { actionName, scalarText, stepLabel, type Step } from './workflow.js';

/** A directory an earlier step's action filled with its scripts (copied flat, as gh-aw's setup.sh does). */
export interface InstalledScripts {
  /** The directory in one spelling (`spelledPath`). */
  dir: string;
  /** The step's `uses:`, as written. */
  action: string;
  step: string;
  at: SourceRef;
}

/** Directories the runner sets, as a `${{ }}` context and as the variable a shell sees. */
const RUNNER_ROOTS: Readonly<Record<string, string>> = {
  'runner.temp': 'RUNNER_TEMP',
  'runner.tool_cache': 'RUNNER_TOOL_CACHE',
  'github.workspace': 'GITHUB_WORKSPACE',
};
const ROOT_VARIABLES = new Set(Object.values(RUNNER_ROOTS));

/**
 * A path as written in one spelling: `${{ runner.temp }}/x`, `${RUNNER_TEMP}/x` and `"$RUNNER_TEMP"/x`
 * are all `$RUNNER_TEMP/x`, `/opt/./x/` is `/opt/x`. Null for a relative path, for any other expansion
 * (its value is not known before the run) and for one whose `..` climbs above its root.
 */
export function spelledPath(written: string): string | null {
  let text = unquote(written.trim()).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(RUNNER_ROOTS, name) ? `$${RUNNER_ROOTS[name]}` : whole,
  );
  text = text.replace(/^\$\{([A-Z_]+)\}/, '$$$1');
  const root = /^\$([A-Z_]+)(?=\/|$)/.exec(text);
  if (root && !ROOT_VARIABLES.has(root[1]!)) return null;
  if (!root && !text.startsWith('/')) return null;
  const rest = root ? text.slice(root[0].length) : text;
  // Any other expansion, glob or unreadable part: where it points is not known.
  if (/[$`*?[\]{}\u{E000}]/u.test(rest)) return null;
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return null;
  }
  return `${root ? root[0] : ''}/${parts.join('/')}`;
}

/** The runner variable a spelled path starts from (`RUNNER_TEMP`), if any. */
const rootVariable = (spelled: string): string | null => /^\$([A-Z_]+)/.exec(spelled)?.[1] ?? null;

const under = (path: string, dir: string): boolean => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);

/**
 * A directory other programs write to as well (`/`, `/tmp`, the runner's temp directory itself): a
 * script there may be anyone's, so an action installing into it is not credited with what runs there.
 */
const shared = (dir: string): boolean => dir.split('/').filter(Boolean).length < 2; // `$RUNNER_TEMP` is one part

/** What a step installs, when its `uses:` is an action the catalogue knows installs scripts. */
export function installedBy(file: string, step: Step): InstalledScripts | null {
  if (!step.uses) return null;
  const installer = scriptInstallerOf(actionName(step.uses));
  if (!installer) return null;
  const given = step.with[installer.input];
  const written = given === undefined ? installer.default : scalarText(given);
  // A directory named by an input or a variable is not known: nothing there is credited to the action.
  const dir = written === null ? null : spelledPath(written);
  if (dir === null || shared(dir)) return null;
  return { dir, action: step.uses, step: stepLabel(step), at: { file, path: [...step.path, 'uses'] } };
}

/**
 * The installation a script path lies in, or null. A path starting from a runner variable the script
 * or its environment set itself (`RUNNER_TEMP=/tmp/x`) no longer points where the action installed.
 */
export function installationOf(
  installed: readonly InstalledScripts[],
  script: string,
  assigned: (variable: string) => boolean,
  written: WrittenByJob,
): InstalledScripts | null {
  const path = spelledPath(script);
  if (path === null) return null;
  const variable = rootVariable(path);
  if (variable && assigned(variable)) return null;
  // The action copies its scripts flat into the directory: a file in it, not a subdirectory's.
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  const installation = installed.findLast((i) => i.dir === parent) ?? null;
  return installation && !writtenInto(installation.dir, written) ? installation : null;
}

/** Programs that write the files their arguments name (a copy's target, a download's output). */
const WRITERS = /^(cp|mv|install|ln|rsync|tee|curl|wget|tar|unzip|sed|patch|dd)$/;

/**
 * Paths a script writes, in one spelling (`cat > "$RUNNER_TEMP/dir/x.sh"`, `cp ./mine.sh /opt/dir/`):
 * redirections, and every argument of a program that writes files. Unknown paths are left out.
 */
export function pathsWrittenIn(reading: ShellReading): string[] {
  const written = (command: ShellCommand): string[] => [
    ...command.redirects.filter((r) => r.operator.includes('>') && r.target).map((r) => r.target!.text),
    ...(WRITERS.test(command.name) ? command.args.map((a) => a.text) : []),
  ];
  return reading.commands.flatMap(written).flatMap((w) => spelledPath(w) ?? []);
}

/** Paths an action step writes to: its `path:` input (download-artifact, cache), one per line. */
export function pathsWrittenBy(step: Step): string[] {
  const path = scalarText(step.with['path']);
  return path === null ? [] : path.split('\n').flatMap((line) => spelledPath(line) ?? []);
}

/**
 * Whether a step of the job wrote into the directory (or over a directory above it), before or after
 * the action filled it: a file there may then be the job's own, not the action's (the action copies
 * only its own files, and a later write replaces one).
 */
export const writtenInto = (dir: string, job: WrittenByJob): boolean =>
  job.writtenPaths.some((path) => under(path, dir) || under(dir, path)) ||
  // A script that writes files and names the directory (its part after the runner variable) may write there.
  job.writingScripts.some((text) => text.includes(dir.replace(/^\$[A-Z_]+/, '')));

/** What the job's steps write, as far as `recordInstalls`, the follower and `recordScriptWrites` saw. */
export interface WrittenByJob {
  writtenPaths: readonly string[];
  writingScripts: readonly string[];
}

/** File-writing calls of Node (`fs.writeFileSync`, `copyFile`, streams) and Python (`open(…, 'w')`, shutil). */
const WRITING_CALL =
  /\b(writeFile|writeFileSync|appendFile|appendFileSync|copyFile|copyFileSync|cp|cpSync|rename|renameSync|symlink|symlinkSync|createWriteStream|write_text|write_bytes|copy|copy2|copyfile|copytree|move)\s*\(|\bopen\s*\([^)]*['"][wax+]/;

/** Keeps a JavaScript or Python step's script that writes files, so a directory it names is not credited. */
export function recordScriptWrites(text: string, job: { writingScripts: string[] }): void {
  if (WRITING_CALL.test(text)) job.writingScripts.push(text);
}

/**
 * What an action step leaves for the steps after it: the directory it fills with its scripts, or the
 * paths it writes. A step whose `if:` may skip it still counts as installing: skipped, it installs
 * nothing, and a later `bash <dir>/x.sh` fails on the missing file instead of running something
 * else; when anything runs from there it is the action's code (unless the job wrote there too,
 * which `writtenPaths` holds, before or after).
 */
export function recordInstalls(
  file: string,
  step: Step,
  job: { installed: InstalledScripts[]; writtenPaths: string[] },
): void {
  const installs = installedBy(file, step);
  if (installs) job.installed.push(installs);
  else job.writtenPaths.push(...pathsWrittenBy(step));
}

/** One note per installing action: how many commands run its scripts, which are not followed. */
export function actionCodeNotes(code: readonly ActionCode[]): string[] {
  const byAction = new Map<string, number>();
  for (const c of code) byAction.set(c.action, (byAction.get(c.action) ?? 0) + 1);
  return [...byAction].map(
    ([action, count]) =>
      `${count} command(s) run scripts that \`uses: ${action}\` installed earlier in the job: that action's code, not followed (as no remote action is)`,
  );
}
