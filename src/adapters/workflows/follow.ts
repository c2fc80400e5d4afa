/**
 * What a `run:` block runs from the repository: committed scripts, package.json scripts and Makefile
 * recipes, read (never run) through the shell reader's `follow`. An agent found there is an agent run
 * of the step's job, pointed at the line of the followed file; every place the follower stopped (a
 * missing script, an unknown path, a bound) is kept for the job so it is reported, never silent.
 */
import { programNamed } from '../../agents/index.js';
import { LineIndex } from '../../documents/positions.js';
import { append } from '../../util/arrays.js';
import type { SourceRef } from '../../model.js';
import type { FollowBound, FollowBoundKind, ShellInvocation, ShellReading } from '../../shell/index.js';
import { follow, interpreterOf, joinPath } from '../../shell/index.js';
import type { AdapterContext } from '../types.js';
import { runsInReading, type CliContext } from './cli.js';
import { placeOf } from './cli-flags.js';
import { installationOf, pathsWrittenIn, type InstalledScripts, type WrittenByJob } from './installed.js';
import type { FollowState } from './local-refs.js';
import { refAt } from './refs.js';
import { fileScriptRuns, inlineCodeRuns, launchesIn, scriptFileLanguage } from './script-literals.js';
import { importedModules } from './script-imports.js';
import type { AgentRun, TextAt } from './types.js';
import {
  actionName,
  isMapping,
  scalarText,
  shellEnv,
  stepLabel,
  type Job,
  type Mapping,
  type Step,
} from './workflow.js';

/**
 * Sparse-checkout patterns for files a step may run. A script can have any name (`./ci/run`), so
 * these cover the usual ones: shell scripts by extension, package.json and Makefiles. A checkout of
 * only these paths misses an extension-less script; it is then reported as not in the repository
 * (`run-not-followed`), never passed.
 */
export const FOLLOWED_PATHS = [
  '*.sh',
  '*.bash',
  '*.zsh',
  '*.ksh',
  '*.mk',
  'package.json',
  'Makefile',
  'makefile',
  'GNUmakefile',
  // Python and Node scripts a step hands to its interpreter: their literal launches are read.
  '*.py',
  '*.js',
  '*.mjs',
  '*.cjs',
  '*.ts',
] as const;

const FOLLOWED_NAME = /(^|\/)(package\.json|GNUmakefile|[Mm]akefile|[^/]+\.(sh|bash|zsh|ksh|mk))$/;

/**
 * Whether a changed file may be what a workflow step runs: a script, package.json or Makefile. A
 * Python or Node file counts only when it launches something (only its literal launches are read),
 * so an ordinary source change does not turn a changed-files scan into a full one.
 */
export function mayBeFollowed(file: string, text: string): boolean {
  if (FOLLOWED_NAME.test(file) || /^#!\s*\S*\b(ba|z|da|k|mk)?sh\b/.test(text)) return true;
  const language = scriptFileLanguage(file, interpreterOf(text));
  return language !== null && launchesIn(text, language).length > 0;
}

/** How far a step is followed: generous for real repositories, finite for hostile ones. */
const MAX_DEPTH = 8;
const MAX_READINGS = 100;
/** Agent runs taken from the files one step runs (as for one `run:` block). */
const MAX_RUNS = 50;

interface RepoFile {
  text: string;
  lines: LineIndex;
}

/** Per scan (keyed by the scan's file listing): each file's text and each reading, made once. */
interface ScanCache {
  listed: ReadonlySet<string>;
  files: Map<string, RepoFile | null>;
  readings: Map<string, ShellReading>;
}
const caches = new WeakMap<readonly string[], ScanCache>();

function cacheOf(context: AdapterContext): ScanCache {
  let cache = caches.get(context.files);
  if (!cache)
    caches.set(context.files, (cache = { listed: new Set(context.files), files: new Map(), readings: new Map() }));
  return cache;
}

function repoFile(context: AdapterContext, cache: ScanCache, file: string): RepoFile | null {
  const known = cache.files.get(file);
  if (known !== undefined) return known;
  // Only files the scan lists are read: a path nobody committed is never looked for on disk.
  const text = cache.listed.has(file) ? (context.text?.(file) ?? null) : null;
  const found = text === null ? null : { text, lines: new LineIndex(text) };
  cache.files.set(file, found);
  return found;
}

/**
 * Where a step's commands start: `working-directory:` on the step, else the job's or the workflow's
 * `defaults.run`; a composite action's steps start in the workspace too. Null when it is an expression.
 */
export function workingDirectory(workflow: Mapping, job: Job, step: Step): string | null {
  const defaults = (scope: unknown): unknown =>
    isMapping(scope) && isMapping(scope['defaults']) && isMapping(scope['defaults']['run'])
      ? scope['defaults']['run']['working-directory']
      : undefined;
  const raw = step.raw['working-directory'] ?? defaults(job.raw) ?? defaults(workflow);
  const value = raw === undefined ? '' : scalarText(raw);
  if (value === null || value.includes('${{')) return null;
  return joinPath('', value) ?? '';
}

/**
 * A `follow` callback for one step's `run:` block: follows what it runs, reads each followed file's
 * commands for agents, and records every place the follower stopped in `unfollowed`, except a script
 * an earlier step's action installed (`installed`), which is that action's code (`actionCode`).
 */
export function stepFollower(
  context: AdapterContext,
  cwd: string | null,
  {
    unfollowed,
    installed,
    writtenPaths,
    writingScripts,
    actionCode,
    checkoutRoots = [],
  }: Pick<FollowState, 'unfollowed' | 'installed' | 'writtenPaths' | 'writingScripts' | 'actionCode' | 'checkoutRoots'>,
): NonNullable<CliContext['follow']> {
  return (reading, ctx) => {
    const cache = cacheOf(context);
    // `release/scripts/x.sh` after a checkout into `release/` is the repository's `scripts/x.sh`.
    const inRepository = (path: string): string => {
      if (cache.listed.has(path)) return path;
      const root = checkoutRoots.find((r) => path.startsWith(`${r}/`));
      return root ? path.slice(root.length + 1) : path;
    };
    const result = follow(
      { file: ctx.at.file, reading, cwd: cwd ?? '' },
      (path) => repoFile(context, cache, inRepository(path))?.text ?? null,
      { maxDepth: MAX_DEPTH, maxReadings: MAX_READINGS, env: shellEnv(ctx.env), cache: cache.readings },
    );
    const label = stepLabel(ctx.step);
    const traces = new Map<string, string>([[ctx.at.file, label]]);
    const textOf = (file: string): TextAt | null => {
      if (file === ctx.at.file) return ctx.at;
      const found = repoFile(context, cache, file);
      return found ? { file, path: ['run'], value: found.text, lines: found.lines } : null;
    };
    const refOf = (file: string, invocation: ShellInvocation): SourceRef => {
      const at = textOf(file);
      return at ? refAt(at, invocation.command.start, invocation.command.end) : { file, path: [] };
    };
    // What the job writes, for installed directories: a file written there is the job's own.
    const readings = [reading, ...result.readings.map((r) => r.reading)];
    for (const read of readings) writtenPaths.push(...pathsWrittenIn(read));
    const runs: AgentRun[] = [];
    // `python -c "…"`, `node -e "…"`: the code handed inline is read for what it launches.
    const inline = (read: ShellReading, at: TextAt): AgentRun[] =>
      read.commands.flatMap((c) => inlineCodeRuns(c, at, ctx.file, ctx.step, ctx.env, ctx.agentCommands));
    append(runs, inline(reading, ctx.at).slice(0, MAX_RUNS));
    for (const followed of result.readings) {
      const trace = `${traces.get(followed.from) ?? label} → ${called(followed.invocation)}`;
      if (!traces.has(followed.file)) traces.set(followed.file, trace);
      const at = textOf(followed.file);
      if (!at || runs.length >= MAX_RUNS) continue;
      for (const run of [...runsInReading(followed.reading, { ...ctx, at }), ...inline(followed.reading, at)]) {
        const where = run.at.range ? `${followed.file}:${run.at.range.line}` : followed.file;
        run.signal = `${run.signal} (${where}, reached from ${trace})`;
        run.notes.push(`${label} runs ${run.agent} from ${where}: ${trace}`);
        runs.push(run);
      }
    }
    for (const bound of result.bounds) {
      // A cycle was read once in full: nothing is missing, so it is not reported.
      if (bound.kind === 'cycle' || ignorable(bound.kind, bound.target, bound.invocation)) continue;
      // `python x.py`, `node x.js` are read for what they launch when the repository holds them; one it
      // does not hold is an ordinary program call (its words are still read for a handed agent).
      if (bound.invocation.kind === 'script' && bound.invocation.runner && bound.kind !== 'not-shell') continue;
      if (bound.kind === 'missing-file' && guarded(textOf(bound.file)?.value, bound.invocation)) continue;
      const trace = traces.get(bound.file) ?? label;
      const script = bound.kind === 'not-shell' ? repoFile(context, cache, bound.target) : null;
      const language = script
        ? scriptFileLanguage(bound.target, bound.invocation.runner ?? interpreterOf(script.text))
        : null;
      if (script && language) {
        // A Python or Node script: what it launches as literals is read as a step's own script is.
        const launched = fileScriptRuns(
          { file: bound.target, ...script, language },
          ctx.file,
          ctx.step,
          ctx.env,
          ctx.agentCommands,
        );
        for (const run of launched.slice(0, MAX_RUNS - runs.length)) {
          run.signal = `${run.signal} (reached from ${trace} → ${called(bound.invocation)})`;
          run.notes.push(`${label} runs ${run.agent} from ${bound.target}: ${trace} → ${called(bound.invocation)}`);
          runs.push(run);
        }
        // Modules of the repository it imports (`from claude_runner import run`) may launch the agent instead.
        const modules = importedModules(
          bound.target,
          script.text,
          language,
          (path) => repoFile(context, cache, path)?.text ?? null,
        );
        let fromModules = 0;
        for (const module of modules) {
          const found = repoFile(context, cache, module.file)!;
          const moduleRuns = fileScriptRuns(
            { file: module.file, ...found, language, importedBy: script.text },
            ctx.file,
            ctx.step,
            ctx.env,
            ctx.agentCommands,
          );
          fromModules += moduleRuns.length;
          for (const run of moduleRuns.slice(0, MAX_RUNS - runs.length)) {
            const how = `${trace} → ${called(bound.invocation)} → ${module.file} (imported by ${module.importedBy})`;
            run.signal = `${run.signal} (reached from ${how})`;
            run.notes.push(`${label} runs ${run.agent} from ${module.file}: ${how}`);
            runs.push(run);
          }
        }
        if (launched.length > 0 || fromModules > 0) continue;
      }
      const installation = installationFor(bound, installed, readings, { writtenPaths, writingScripts });
      if (installation) {
        actionCode.push({
          at: refOf(bound.file, bound.invocation),
          target: bound.invocation.target!.text,
          action: installation.action,
          installedAt: installation.at,
          trace: `${trace} → ${called(bound.invocation)}`,
        });
        continue;
      }
      unfollowed.push({
        kind: bound.kind,
        at: refOf(bound.file, bound.invocation),
        target: bound.target,
        message:
          cwd === null && bound.kind === 'missing-file'
            ? `${bound.message} (looked for from the repository root: the step's working-directory is not known before the run)`
            : bound.message,
        trace: `${trace} → ${called(bound.invocation)}`,
      });
    }
    return runs;
  };
}

/**
 * The installation a script the follower could not read lies in: a path outside the repository (or
 * under a runner directory) that an earlier step's action filled. Only a script or a sourced file
 * named by a path; its root variable must not be one the reading holding the call set itself.
 */
function installationFor(
  bound: FollowBound,
  installed: readonly InstalledScripts[],
  readings: readonly ShellReading[],
  written: WrittenByJob,
): InstalledScripts | null {
  const { invocation } = bound;
  if (installed.length === 0 || !invocation.target) return null;
  if (invocation.kind !== 'script' && invocation.kind !== 'source') return null;
  if (bound.kind !== 'missing-file' && bound.kind !== 'unknown-target') return null;
  const holder = readings.find((r) => r.invocations.includes(invocation));
  // Unknown is not safe: a call found in no reading is not credited to any action.
  if (!holder) return null;
  const assigned = (name: string): boolean =>
    holder.variables.has(name) || invocation.command.assignments.some((a) => a.name === name);
  // A missing file names its path as the shell resolves it; an unknown one only as written.
  const script = bound.kind === 'missing-file' ? bound.target : invocation.target.text;
  return installationOf(installed, script, assigned, written);
}

/**
 * `[ -x ./hook.sh ] && ./hook.sh`, `if [[ -f "$s" ]]; then "$s"; fi`: a call guarded by a test that
 * the file exists does not run when the repository has no such file.
 */
function guarded(text: string | undefined, invocation: ShellInvocation): boolean {
  const target = invocation.target;
  if (!text || !target) return false;
  const before = text.slice(Math.max(0, invocation.command.start - 300), invocation.command.start);
  const names = [...new Set([target.text, target.text.replace(/^["']|["']$/g, ''), target.value])].filter(Boolean);
  // Plain string search: no expression is built from scanned text.
  return names.some((name) => {
    for (let at = before.indexOf(name); at >= 0; at = before.indexOf(name, at + 1))
      if (EXISTS_TEST.test(before.slice(Math.max(0, at - 40), at))) return true;
    return false;
  });
}

/** What comes right before the path in a test that a file exists: `[ -x `, `[[ -f "`, `test -e '`. */
const EXISTS_TEST = /(\[\[?|\btest)\s+-[efsx]\s+["']?$/;

/** How a file is reached, as written: the command's words up to what it names (`npm --prefix web run agent`). */
function called(invocation: ShellInvocation): string {
  const words = [invocation.command.program, ...invocation.command.args];
  const target = invocation.target;
  const last = target ? words.findIndex((w) => w === target || w.start === target.start) : -1;
  return (last >= 0 ? words.slice(0, last + 1) : words).map((w) => w.text).join(' ');
}

/**
 * Misses that hold nothing the repository could contain: a tool installed into `node_modules`, and a
 * name `yarn`/`pnpm`/`bun` runs as a package binary when no script has it (`pnpm eslint`, also with
 * no package.json at all).
 */
function ignorable(kind: FollowBoundKind, target: string, invocation: ShellInvocation): boolean {
  if (kind === 'missing-file' && /(^|\/)node_modules\//.test(target)) return true;
  // `~/.local/bin/claude`, `"$HOME/.bun/bin/codex"`: an agent's own binary installed outside the
  // repository, judged as that agent from its words; there is no script of the repository to read.
  if (invocation.kind === 'script' && !invocation.runner && agentBinaryOutside(invocation.command.program.text))
    return true;
  if (invocation.kind !== 'package-script' || invocation.runner === 'npm') return false;
  if (kind !== 'missing-script' && kind !== 'missing-file') return false;
  return !invocation.command.args.some((arg) => arg.value === 'run' || arg.value === 'run-script');
}

/** A path not in the checkout (home, absolute, a runner variable) to a program the catalogue names unambiguously. */
function agentBinaryOutside(written: string): boolean {
  if (placeOf(written).kind === 'repository') return false;
  const path = written.replace(/^["']|["']$/g, '');
  const match = programNamed(path.slice(path.lastIndexOf('/') + 1));
  return match !== undefined && match.program.ambiguous !== true;
}

/**
 * The folders a job checks this repository out into: `actions/checkout` steps with a literal `path:`
 * and no other `repository:`. Another repository checked out there is not this one's files.
 */
export function checkoutRoots(job: Job): string[] {
  const roots: string[] = [];
  for (const step of job.steps) {
    if (!step.uses || actionName(step.uses) !== 'actions/checkout') continue;
    const path = scalarText(step.with['path']);
    const repository = scalarText(step.with['repository'])?.trim();
    if (repository && !/^\$\{\{\s*github\.repository\s*\}\}$/.test(repository)) continue;
    const root = path === null || path.includes('${{') ? null : joinPath('', path);
    if (root) roots.push(root);
  }
  return roots;
}
