/**
 * Workflow concerns beyond the six facts, gathered for the workflow rules: PR-head checkouts,
 * persisted checkout credentials, untrusted event text reaching the agent, and actor gates.
 */
import type { SourceRef } from '../../model.js';
import type { Checkout, Injection, ActorGate } from './details.js';
import { expressionsIn, gatesActor, namesPullRequestHead, prCheckoutCommand, untrustedContext } from './expressions.js';
import { refAt } from './refs.js';
import type { AgentRun, TextAt } from './types.js';
import {
  actionName,
  isMapping,
  scalarText,
  stepEnv,
  stepLabel,
  type Job,
  type Mapping,
  type Trigger,
} from './workflow.js';
import { readsVariable } from './literal.js';
import { maxOf, minOf } from '../../util/arrays.js';

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

/**
 * Untrusted event text that reaches an agent: written into its inputs or command line, carried by an
 * environment variable the command reads, or passed through an earlier step's outputs or GITHUB_ENV.
 */
export function injections(workflow: Mapping, job: Job, runs: readonly AgentRun[]): Injection[] {
  const taintedSteps = new Map<string, string>();
  const taintedEnv = new Map<string, string>();
  const origin = (text: string): string | null => {
    for (const e of expressionsIn(text)) {
      const direct = untrustedContext(e.body);
      if (direct) return direct;
      const step = stepOutput(e.body);
      if (step && taintedSteps.has(step)) return taintedSteps.get(step)!;
      const env = /env\.([A-Za-z_][\w]*)/.exec(e.body)?.[1];
      if (env && taintedEnv.has(env)) return taintedEnv.get(env)!;
    }
    return null;
  };
  const envTaint = (scope: unknown): void => {
    if (!isMapping(scope)) return;
    for (const [name, value] of Object.entries(scope)) {
      const found = origin(scalarText(value) ?? '');
      if (found) taintedEnv.set(name, found);
    }
  };
  envTaint(workflow['env']);
  envTaint(job.raw['env']);
  const agentSteps = new Set(runs.map((r) => r.step));
  for (const step of job.steps) {
    if (agentSteps.has(step)) continue;
    // A step that reads untrusted text can pass it on through its outputs or GITHUB_ENV.
    const texts = [
      step.run ?? '',
      ...Object.values(step.with).map((v) => scalarText(v) ?? ''),
      ...Object.values(step.env).map((v) => scalarText(v) ?? ''),
    ];
    const found = texts.map(origin).find(Boolean) ?? null;
    if (found && step.id) taintedSteps.set(step.id, found);
    if (found && step.run) {
      // Only lines that write untrusted text (directly or from the step's env) taint a GITHUB_ENV variable.
      const taintedVars = Object.entries(step.env)
        .filter(([, v]) => origin(scalarText(v) ?? ''))
        .map(([k]) => k);
      for (const m of step.run.matchAll(/^[ \t]*echo[ \t]+["']?([A-Za-z_]\w*)=(.*)>>\s*"?\$\{?GITHUB_ENV/gm)) {
        const value = m[2]!;
        const carried = origin(value) ?? (taintedVars.some((v) => readsVariable(value, v)) ? found : null);
        if (carried) taintedEnv.set(m[1]!, carried);
      }
      // The multi-line form (`NAME<<EOF`, the value on the lines up to the delimiter) carries the step's text.
      if (/GITHUB_ENV/.test(step.run))
        for (const m of step.run.matchAll(/\b([A-Za-z_]\w*)<<\s*['"]?[\w-]+/g)) taintedEnv.set(m[1]!, found);
    }
  }
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
        const direct = untrustedContext(e.body);
        const stepRef = stepOutput(e.body);
        const envRef = /env\.([A-Za-z_][\w]*)/.exec(e.body)?.[1];
        const via = direct
          ? null
          : stepRef && taintedSteps.has(stepRef)
            ? `the outputs of step "${stepRef}"`
            : envRef && taintedEnv.has(envRef)
              ? `env.${envRef}`
              : undefined;
        const context =
          direct ?? (stepRef ? taintedSteps.get(stepRef) : undefined) ?? (envRef ? taintedEnv.get(envRef) : undefined);
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
    const env = stepEnv(workflow, job, run.step);
    for (const name of new Set(run.envReads)) {
      const located = env.get(name);
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

/** Events any GitHub user can cause, with the activity types that only triagers can cause. */
const OUTSIDER_EVENTS = new Set([
  // Runs with the base repository's secrets after a workflow that any fork's pull request can start.
  'workflow_run',
  'issues',
  'issue_comment',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
]);
const TRIAGER_TYPES = new Set([
  'labeled',
  'unlabeled',
  'assigned',
  'unassigned',
  'milestoned',
  'demilestoned',
  'pinned',
  'unpinned',
  'locked',
  'unlocked',
  'transferred',
  'review_requested',
  'review_request_removed',
  'deleted',
]);

/** A step that checks the actor's permission and fails the job for outsiders. */
const PERMISSION_CHECK =
  /getCollaboratorPermissionLevel|collaborators\/[^\s/]+\/permission|check-user-permission|check-actor-permission|actor-permission|author_association|permission-check|verify-user|is-collaborator/i;

/** Commands that fail the step, so the job stops when the check does not pass. */
const FAILS_STEP =
  /\bexit\s+(?:[1-9]|\$|"\$)|\bcore\.setFailed\b|\bprocess\.exit\(\s*[1-9]|\bthrow\b|\|\|\s*false\b|^\s*false\s*$/m;
/** Actions whose purpose is to fail the job for an actor without the permission. */
const CHECK_ACTION =
  /check-user-permission|check-actor-permission|actor-permission|permission-check|verify-user|is-collaborator/i;

/** A step that checks the actor and fails for outsiders; one that only prints the association stops no one. */
function stopsOutsiders(step: Job['steps'][number]): boolean {
  if (step.uses && CHECK_ACTION.test(step.uses)) return true;
  const text = [
    step.run ?? '',
    ...[...Object.values(step.with), ...Object.values(step.env)].map((v) => scalarText(v) ?? ''),
  ].join('\n');
  return PERMISSION_CHECK.test(text) && FAILS_STEP.test(text);
}

/** Triggers any GitHub user can fire: outsider events, unless limited to activity only triagers cause. */
export const outsiderTriggers = <T extends Pick<Trigger, 'name' | 'types'>>(triggers: readonly T[]): T[] =>
  triggers.filter(
    (t) =>
      OUTSIDER_EVENTS.has(t.name) &&
      !(t.types && t.types.length > 0 && t.types.every((type) => TRIAGER_TYPES.has(type))),
  );

export function actorGate(file: string, job: Job, triggers: readonly Trigger[], runs: readonly AgentRun[]): ActorGate {
  const outsider = new Set(outsiderTriggers(triggers).map((t) => t.name));
  const exposed = runs.filter((r) => !r.builtinActorGate);
  const firstExposed = minOf(exposed.map((r) => r.step.index));
  const checkStep = job.steps.find(
    (s) => s.index < firstExposed && s.raw['continue-on-error'] !== true && stopsOutsiders(s),
  );
  // Judged per event: a job `if:` that gates `issue_comment` but lets every `issues` event through is open through `issues` only.
  const outsiders = outsiderTriggers(triggers);
  const open = outsiders.filter(
    (t) =>
      !gatesActor(job.raw['if'], outsider, t.name) &&
      !exposed.every((r) => gatesActor(r.step.raw['if'], outsider, t.name)),
  );
  // Without outsider triggers of its own (a called workflow), the job is gated only by a gate that holds for any event.
  const gated =
    (outsiders.length > 0 && open.length === 0) ||
    gatesActor(job.raw['if'], outsider) ||
    exposed.every((r) => gatesActor(r.step.raw['if'], outsider)) ||
    checkStep !== undefined;
  return {
    openings: runs.flatMap((r) => r.gateOpenings),
    exposedAgents: [...new Set(exposed.map((r) => r.agent))],
    gated,
    outsiderTriggers: open.map((t) => ({ name: t.name, at: { file, path: t.path } })),
  };
}
