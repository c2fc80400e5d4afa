/**
 * Workflow concerns beyond the six facts, gathered for the workflow rules: PR-head checkouts,
 * persisted checkout credentials and untrusted event text reaching the agent (actor gates are in
 * `actor-gates.ts`).
 */
import { isExported } from './exported-env.js';
import { fetchOnLine, fetchedTexts, firstFetchIn, pipedFetch } from './fetched-text.js';
import { fileKey, filesRead, filesWritten, mentionsPath, pipelineStart } from './tainted-files.js';
import type { SourceRef } from '../../model.js';
import type { Checkout, Injection } from './details.js';
import { dotted, expressionsIn, namesPullRequestHead, prCheckoutCommand, untrustedContext } from './expressions.js';
import { refAt } from './refs.js';
import type { AgentRun, PromptSink, TextAt } from './types.js';
import {
  actionName,
  isMapping,
  readSteps,
  scalarText,
  stepEnv,
  stepLabel,
  type Job,
  type Mapping,
  type Step,
} from './workflow.js';
import { readsVariable } from './literal.js';
import { needsOf } from './actor-gates.js';
import { maxOf } from '../../util/arrays.js';

/** Steps before the last agent step that put pull-request code in the workspace or leave a token on disk. */
export function checkouts(file: string, job: Job, runs: readonly AgentRun[]): Checkout[] {
  const lastAgent = maxOf(runs.map((r) => r.step.index));
  const out: Checkout[] = [];
  for (const step of job.steps) {
    if (step.index >= lastAgent) break;
    const label = stepLabel(step);
    if (step.uses && actionName(step.uses) === 'actions/checkout') {
      let prHead: SourceRef | null = null;
      let what: string | null = null;
      for (const key of ['ref', 'repository']) {
        const value = scalarText(step.with[key]);
        if (value && namesPullRequestHead(value)) {
          prHead = { file, path: [...step.path, 'with', key] };
          what = `${key}: ${value.trim()}`;
          break;
        }
      }
      const persist = scalarText(step.with['persist-credentials']);
      const token = scalarText(step.with['token']);
      out.push({
        index: step.index,
        step: label,
        at: { file, path: [...step.path, 'uses'] },
        prHead,
        what,
        persists: !/^false$/i.test(persist?.trim() ?? ''),
        persistAt: persist === null ? null : { file, path: [...step.path, 'with', 'persist-credentials'] },
        customToken: token && !/secrets\.GITHUB_TOKEN|github\.token/.test(token) ? token.trim() : null,
      });
      continue;
    }
    const command = step.run ? prCheckoutCommand(step.run) : null;
    if (step.run && command) {
      const at: TextAt = { file, path: [...step.path, 'run'], value: step.run };
      const index = step.run.indexOf(command);
      out.push({
        index: step.index,
        step: label,
        at: refAt(at, index, index + command.length),
        prHead: refAt(at, index, index + command.length),
        what: command.trim(),
        persists: false,
        persistAt: null,
        customToken: null,
      });
    }
  }
  return out;
}

/** What earlier steps of a job tainted: step outputs and variables written to GITHUB_ENV, each with its origin. */
interface Taint {
  steps: Map<string, string>;
  env: Map<string, string>;
  /** Where a GITHUB_ENV variable is written, for variables the agent reads as `$NAME`. */
  envAt: Map<string, SourceRef>;
  /** Files a step wrote outsider text into, by path as written (`tainted-files.ts`), with that step's index. */
  files: Map<string, { origin: string; step: number }>;
}

/** `context.payload.…` in an actions/github-script script: the event's text, as JavaScript reads it. */
const SCRIPT_PAYLOAD =
  /context\.payload\.(?:(issue|pull_request|discussion)\.(title|body)|(comment|review)\.body|pull_request\.head\.ref)\b/;

/** A line that writes `NAME=value` (echo or printf; alone, in a `{ …; } >> $GITHUB_ENV` group, or through tee). */
const ENV_WRITE = /^[ \t]*(?:echo|printf)(?:[ \t]+-[a-z]+)*[ \t]+(?:--[ \t]+)?["']?([A-Za-z_]\w*)=(.*)$/gm;

/**
 * What the steps of a job pass on from outsider text: a step that reads such text (directly, from its
 * env, or from the outputs of a job it needs) taints its outputs, and the GITHUB_ENV variables it writes
 * that text into.
 */
function jobTaint(
  workflow: Mapping,
  job: Job,
  skip: ReadonlySet<Job['steps'][number]>,
  seen: Set<string> = new Set(),
): Taint & { origin(text: string): string | null; lineOrigin(step: Step, script: string): LineOrigin } {
  const taint: Taint = { steps: new Map(), env: new Map(), envAt: new Map(), files: new Map() };
  const needed = new Map<string, Map<string, string>>();
  const neededOutputs = (id: string): Map<string, string> => {
    if (needed.has(id)) return needed.get(id)!;
    const outputs = new Map<string, string>();
    needed.set(id, outputs);
    const jobs = isMapping(workflow['jobs']) ? workflow['jobs'] : {};
    const raw = Object.hasOwn(jobs, id) ? jobs[id] : undefined;
    if (!isMapping(raw) || seen.has(id) || !needsOf(job).includes(id)) return outputs;
    seen.add(id);
    const other: Job = { id, path: ['jobs', id], raw, steps: readSteps(raw['steps'], ['jobs', id, 'steps']), workflow };
    const inner = jobTaint(workflow, other, new Set(), seen);
    if (isMapping(raw['outputs']))
      for (const [name, value] of Object.entries(raw['outputs'])) {
        const found = inner.origin(scalarText(value) ?? '');
        if (found) outputs.set(name, found);
      }
    return outputs;
  };
  const origin = (text: string): string | null => {
    for (const e of expressionsIn(text)) {
      const body = dotted(e.body);
      const direct = untrustedContext(body);
      if (direct) return direct;
      const step = stepOutput(body);
      if (step && taint.steps.has(step)) return taint.steps.get(step)!;
      const env = /env\.([A-Za-z_][\w]*)/.exec(body)?.[1];
      if (env && taint.env.has(env)) return taint.env.get(env)!;
      const need = /needs\.([\w-]+)\.outputs\.([\w-]+)/.exec(body);
      const fromNeed = need ? neededOutputs(need[1]!).get(need[2]!) : undefined;
      if (fromNeed) return fromNeed;
    }
    return null;
  };
  const envTaint = (scope: unknown): void => {
    if (!isMapping(scope)) return;
    for (const [name, value] of Object.entries(scope)) {
      const found = origin(scalarText(value) ?? '');
      if (found) taint.env.set(name, found);
    }
  };
  /** What outsider text one line of a step's script carries: an expression, a fetch, a tainted variable it reads. */
  const lineOrigin =
    (step: Step, script: string): LineOrigin =>
    (start, end) => {
      const line = script.slice(start, end);
      let carried = origin(line);
      for (const m of line.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
        if (carried) break;
        const name = m[1]!;
        const value = Object.hasOwn(step.env, name) ? scalarText(step.env[name]) : null;
        carried = (value !== null ? origin(value) : null) ?? taint.env.get(name) ?? null;
      }
      // `jq -r .body issue.json > prompt.md`: a line that reads a tainted file passes its text on.
      const copied = carried ? undefined : [...taint.files.keys()].find((path) => mentionsPath(line, path));
      return carried ?? (copied ? taint.files.get(copied)!.origin : null) ?? fetchOnLine(script, start, end);
    };
  envTaint(workflow['env']);
  envTaint(job.raw['env']);
  const file = '';
  for (const step of job.steps) {
    if (skip.has(step)) continue;
    // A step that reads untrusted text can pass it on through its outputs or GITHUB_ENV.
    const texts = [
      step.run ?? '',
      ...Object.values(step.with).map((v) => scalarText(v) ?? ''),
      ...Object.values(step.env).map((v) => scalarText(v) ?? ''),
    ];
    const script =
      step.uses && actionName(step.uses) === 'actions/github-script' ? (scalarText(step.with['script']) ?? '') : '';
    const payload = SCRIPT_PAYLOAD.exec(script);
    const found =
      texts.map(origin).find(Boolean) ??
      (payload ? `github.event.${payload[0].slice('context.payload.'.length)}` : null) ??
      // `BODY=$(gh issue view …)`: text the step fetches itself, passed on like event text.
      firstFetchIn(step.run ?? '');
    if (found && step.id) taint.steps.set(step.id, found);
    // `echo "$BODY" > prompt.md`, `gh issue view 5 > issue.json`: a later step may hand the file to the agent.
    if (step.run)
      for (const [path, from] of filesWritten(step.run, lineOrigin(step, step.run)))
        if (taint.files.size < MAX_TAINTED_FILES) taint.files.set(path, { origin: from, step: step.index });
    if (!found) continue;
    // core.exportVariable('NAME', <event text>) in a script.
    const scriptAt: TextAt = { file, path: [...step.path, 'with', 'script'], value: script };
    for (const m of script.matchAll(/core\.exportVariable\(\s*['"`]([A-Za-z_]\w*)['"`]\s*,([^\n]{0,300})/g)) {
      const carried = SCRIPT_PAYLOAD.exec(m[2]!);
      if (!carried) continue;
      taint.env.set(m[1]!, `github.event.${carried[0].slice('context.payload.'.length)}`);
      taint.envAt.set(m[1]!, refAt(scriptAt, m.index, m.index + m[0].length));
    }
    if (!step.run || !/GITHUB_ENV/.test(step.run)) continue;
    // Only lines that write untrusted text (directly or from the step's env) taint a GITHUB_ENV variable.
    const taintedVars = Object.entries(step.env).flatMap(([k, v]) => {
      const from = origin(scalarText(v) ?? '');
      return from ? [{ name: k, from }] : [];
    });
    const at: TextAt = { file, path: [...step.path, 'run'], value: step.run };
    for (const m of step.run.matchAll(ENV_WRITE)) {
      const value = m[2]!;
      const carried =
        origin(value) ??
        taintedVars.find((v) => readsVariable(value, v.name))?.from ??
        fetchOnLine(step.run, m.index, m.index + m[0].length);
      if (!carried) continue;
      taint.env.set(m[1]!, carried);
      taint.envAt.set(m[1]!, refAt(at, m.index, m.index + m[0].length));
    }
    // The multi-line form (`NAME<<EOF`, the value on the lines up to the delimiter) carries the step's text.
    for (const m of step.run.matchAll(/\b([A-Za-z_]\w*)<<\s*['"]?[\w-]+/g)) {
      taint.env.set(m[1]!, found);
      taint.envAt.set(m[1]!, refAt(at, m.index, m.index + m[0].length));
    }
  }
  return { ...taint, origin, lineOrigin };
}

type LineOrigin = (start: number, end: number) => string | null;

/** Files a job's steps can taint before the rest are not tracked (a bound for hostile workflows). */
const MAX_TAINTED_FILES = 200;

/**
 * Untrusted event text that reaches an agent: written into its inputs or command line, carried by an
 * environment variable the command reads, or passed through an earlier step's outputs, a needed job's
 * outputs or GITHUB_ENV.
 */
export function injections(workflow: Mapping, job: Job, runs: readonly AgentRun[]): Injection[] {
  const taint = jobTaint(workflow, job, new Set(runs.map((r) => r.step)));
  const { origin } = taint;
  const taintedSteps = taint.steps;
  const taintedEnv = taint.env;
  const out: Injection[] = [];
  const seen = new Set<string>();
  const add = (injection: Injection): void => {
    const key = JSON.stringify([injection.at.path, String(injection.at.text ?? '')]);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(injection);
    }
  };
  for (const run of runs) {
    for (const sink of run.prompts) {
      const span = sink.text.value.slice(sink.start, sink.end);
      for (const e of expressionsIn(span)) {
        const start = sink.start + e.start;
        const body = dotted(e.body);
        const direct = untrustedContext(body);
        const stepRef = stepOutput(body);
        const envRef = /env\.([A-Za-z_][\w]*)/.exec(body)?.[1];
        const needRef = /needs\.([\w-]+)\.outputs\.[\w-]+/.exec(body)?.[0];
        const fromNeed = direct || stepRef || envRef || !needRef ? null : origin(e.raw);
        const via = direct
          ? null
          : stepRef && taintedSteps.has(stepRef)
            ? `the outputs of step "${stepRef}"`
            : envRef && taintedEnv.has(envRef)
              ? `env.${envRef}`
              : fromNeed
                ? `the outputs of job "${needRef!.split('.')[1]}"`
                : undefined;
        const context =
          direct ??
          (stepRef ? taintedSteps.get(stepRef) : undefined) ??
          (envRef ? taintedEnv.get(envRef) : undefined) ??
          fromNeed ??
          undefined;
        if (!context || via === undefined) continue;
        add({
          at: refAt(sink.text, start, start + e.raw.length),
          context,
          via,
          sink: sinkLabel(sink.text),
          agent: run.agent,
        });
      }
    }
    // `claude -p "$(gh issue view …)"`, `BODY=$(gh pr view …)`: outsider text fetched by the script itself.
    for (const sink of run.prompts)
      for (const fetched of fetchedTexts(sink.text.value, sink.start, sink.end, run.envReads))
        add({
          at: refAt(sink.text, fetched.start, fetched.end),
          context: fetched.command,
          via: fetched.via,
          sink: sinkLabel(sink.text),
          agent: run.agent,
        });
    for (const sink of run.prompts) fileInjections(sink, run, taint, add);
    const env = stepEnv(workflow, job, run.step);
    for (const name of new Set(run.envReads)) {
      const located = env.get(name);
      const written = taint.envAt.get(name);
      if ((!located || isExported(located)) && written) {
        // Set by an earlier step through GITHUB_ENV: the agent's command reads it as `$NAME`.
        add({
          at: { ...written, file: run.file },
          context: taintedEnv.get(name)!,
          via: `$${name} (written to GITHUB_ENV)`,
          sink: sinkLabel(run.prompts[0]?.text ?? { file: run.file, path: run.at.path, value: '' }),
          agent: run.agent,
        });
        continue;
      }
      const value = located ? scalarText(located.value) : null;
      if (!located || value === null) continue;
      const context = origin(value);
      if (!context) continue;
      const expression = expressionsIn(value).find((e) => origin(e.raw));
      const at: TextAt = { file: run.file, path: located.path, value };
      add({
        at: expression
          ? refAt(at, expression.start, expression.start + expression.raw.length)
          : { file: run.file, path: located.path },
        context,
        via: `$${name}`,
        sink: sinkLabel(run.prompts[0]?.text ?? at),
        agent: run.agent,
      });
    }
  }
  return out;
}

/**
 * Outsider text that reaches the agent's command line through its standard input or a file:
 * piped from a fetch (`gh issue view 5 | claude -p …`), or read from a file an earlier step, or
 * an earlier line of the same script, wrote it into (`claude -p "$(cat prompt.md)"`).
 */
function fileInjections(
  sink: PromptSink,
  run: AgentRun,
  taint: ReturnType<typeof jobTaint>,
  add: (injection: Injection) => void,
): void {
  const script = sink.text.value;
  const key = sink.text.path.at(-1);
  // Only a step before the agent's has written the file when the agent reads it.
  const writtenBefore = (path: string): string | null => {
    const written = taint.files.get(path);
    return written && written.step < run.step.index ? written.origin : null;
  };
  if (sink.text.path.at(-2) === 'with') {
    // An action's `prompt-file: prompt.md` input that names a file an earlier step wrote outsider text into.
    const context =
      typeof key === 'string' && /prompt[-_]?file/i.test(key) ? writtenBefore(fileKey(script.trim())) : null;
    if (context)
      add({
        at: sink.text,
        context,
        via: `the file ${fileKey(script.trim())}`,
        sink: sinkLabel(sink.text),
        agent: run.agent,
      });
    return; // an input's text is not a shell's: nothing in it reads a file or a pipe
  }
  const piped = pipedFetch(script, pipelineStart(script, sink.start), sink.start);
  if (piped)
    add({
      at: refAt(sink.text, piped.start, piped.end),
      context: piped.command,
      via: piped.via,
      sink: sinkLabel(sink.text),
      agent: run.agent,
    });
  const reads = filesRead(script, sink.start, sink.end);
  if (reads.length === 0) return;
  // Files this script wrote before the command: only when the script is the step's own `run:`.
  const own = key === 'run' ? filesWritten(script, taint.lineOrigin(run.step, script), sink.start) : null;
  for (const read of reads) {
    const context = own?.get(read.path) ?? writtenBefore(read.path);
    if (!context) continue;
    add({
      at: refAt(sink.text, read.start, read.end),
      context,
      via: `the file ${read.path}`,
      sink: sinkLabel(sink.text),
      agent: run.agent,
    });
  }
}

/**
 * The step whose output an expression reads, unless the output's name says it holds no free text
 * (`is_pr`, `number`, `sha`, `exit_code`).
 */
function stepOutput(body: string): string | null {
  const m = /steps\.([\w-]+)\.outputs\.([\w-]+)/.exec(body) ?? /steps\.([\w-]+)\.outputs\b()/.exec(body);
  if (!m) return null;
  return NOT_TEXT_OUTPUT.test(m[2]!) ? null : m[1]!;
}

const NOT_TEXT_OUTPUT =
  /^(is|has|should|can)([A-Z_-]|$)|num(ber)?s?$|count$|(^|[_-])id$|sha$|status$|success$|exit[_-]?code$|outcome$|conclusion$|url$|^ok$/i;

function sinkLabel(at: TextAt): string {
  const key = String(at.path.at(-1));
  return key === 'run' ? 'the agent command' : `\`${key}\``;
}
