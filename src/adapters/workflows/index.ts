/**
 * The GitHub workflows adapter: one `workflow-job` deployment per job that runs a coding agent,
 * through a known action, an agent CLI in `run:`, a local composite action, or the Copilot coding
 * agent's setup job.
 */
import { agentOfSetupJob } from '../../agents/index.js';
import type { ParsedFile, SourceDocument } from '../../documents/types.js';
import { deploymentId } from '../../model.js';
import type { Deployment, SourceRef } from '../../model.js';
import type { Adapter, AdapterContext, AdapterOutput } from '../types.js';
import { agentAction } from './actions.js';
import { callArtifacts, linkCalls, markCalledBy } from './calls.js';
import { agentCommands } from './cli.js';
import { repositoryFiles } from './cli-flags.js';
import type { WorkflowJobDetails } from './details.js';
import type { ActionCode, Unfollowed } from '../../model/details/workflow-job.js';
import { neverRuns } from './expressions.js';
import { credentials, jobLayers, limits, runFacts } from './facts.js';
import { FOLLOWED_PATHS, checkoutRoots, mayBeFollowed, stepFollower, workingDirectory } from './follow.js';
import { linkSettings } from './link.js';
import { dockerStepRuns } from './docker-action.js';
import { actionCodeNotes, recordInstalls, recordScriptWrites } from './installed.js';
import { localActionRuns } from './local-actions.js';
import { hasFile, isLocalUses, unresolvedFinding, type FollowState, type Unresolved } from './local-refs.js';
import { refsToCaller } from './inputs.js';
import { scriptLanguage, scriptRuns } from './script-literals.js';
import { calledVariants, LOCAL_CALL, settleVariants, unjudgedCalls } from './reusable.js';
import { actorGate } from './actor-gates.js';
import { checkouts, injections } from './risks.js';
import { refuseBypasses } from './bypass-refusal.js';
import { applyAgentSettings, type EmbeddedJson } from './settings.js';
import { jobTypedValues, WORKFLOW_SECRET_REFERENCE, workflowTypedValues } from './typed.js';
import { emptyRun, type AgentRun } from './types.js';
import {
  actionName,
  isMapping,
  scalarText,
  stepShell,
  readJobs,
  readTriggers,
  stepEnv,
  stepLabel,
  type Job,
  type Mapping,
  type Step,
  stepScope,
} from './workflow.js';
import { append, minOf } from '../../util/arrays.js';

export type { WorkflowJobDetails } from './details.js';

const WORKFLOW_DIR = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const WORKFLOW_SUBFOLDER = /(^|\/)\.github\/workflows\/.+\/[^/]+\.ya?ml$/i;
const YAML = /\.ya?ml$/i;
const LOCAL_ACTION = /(^|\/)action\.ya?ml$/i;
const DOCKERFILE = /(^|\/)(Dockerfile[^/]*|[^/]+\.dockerfile|Containerfile[^/]*)$/i;
/** Model-provider keys in a step's env mark a custom agent step when its name says "agent". */
const MODEL_KEY_ENV =
  /^(ANTHROPIC|OPENAI|CLAUDE_CODE_OAUTH|GEMINI|GOOGLE_API|OPENROUTER|MISTRAL|GROQ|DEEPSEEK|LLM|AZURE_OPENAI)[A-Z0-9_]*(KEY|TOKEN)$/;

export const workflowsAdapter: Adapter = {
  id: 'workflows',
  claims: (file) => YAML.test(file),
  // Workflows, local actions (`action.yml`) and reusable workflows are all YAML. Docker actions read
  // their Dockerfile and the script it copies in; a local action folder may hold any script; steps also
  // run scripts, package scripts and Makefile recipes from the repository (FOLLOWED_PATHS).
  paths: [
    '*.yml',
    '*.yaml',
    'Dockerfile*',
    '*.Dockerfile',
    '*.dockerfile',
    'Containerfile*',
    '**/.github/actions/',
    // Files a job's agent or sandbox wrapper is pointed at: the Codex config a CODEX_HOME names, and
    // JSON ones anywhere (`claude --settings ci/claude.json`, `awf --config .github/awf.json`);
    // aider's `--config` YAML is covered above.
    'config.toml',
    '*.json',
    ...FOLLOWED_PATHS,
  ],
  sniff(file, text) {
    if (WORKFLOW_DIR.test(file)) return true;
    // Elsewhere only workflow-shaped files (examples, templates): a top-level `on:` and `jobs:`.
    return /^["']?on["']?\s*:/m.test(text) && /^jobs\s*:/m.test(text);
  },
  // A workflow that calls a local reusable workflow gives the called jobs its triggers and token.
  // So does a local action (its steps, its Docker command) or a Dockerfile one may build, and a script,
  // package.json or Makefile a step may run: jobs elsewhere run them.
  feeds: (file, text) =>
    (YAML.test(file) && LOCAL_CALL.test(text)) ||
    LOCAL_ACTION.test(file) ||
    (DOCKERFILE.test(file) && /^[ \t]*(ENTRYPOINT|CMD)\b/im.test(text)) ||
    mayBeFollowed(file, text)
      ? ['workflow-job']
      : [],
  extract(parsed, context) {
    const output: AdapterOutput = { deployments: [], findings: [], artifacts: [] };
    const inWorkflowDir = WORKFLOW_DIR.test(parsed.file);
    // GitHub runs only files directly in .github/workflows: one in a subfolder never runs as written.
    if (WORKFLOW_SUBFOLDER.test(parsed.file)) {
      output.notEvaluated = [
        {
          file: parsed.file,
          reason:
            'a file in a subfolder of .github/workflows, which GitHub does not run as a workflow (move it up a level for it to run)',
        },
      ];
      return output;
    }
    for (const doc of parsed.documents) {
      const workflow = doc.value;
      if (!isMapping(workflow) || !isMapping(workflow['jobs'])) continue;
      if (!inWorkflowDir && !('on' in workflow)) continue;
      const jobs = readJobs(workflow);
      let workflowEnv = workflowTypedValues(parsed.file, workflow, doc.index);
      for (const job of jobs) {
        const unresolved: Unresolved[] = unjudgedCalls(parsed.file, workflow, job, context);
        const deployment = jobDeployment(parsed.file, doc, workflow, job, context, inWorkflowDir, unresolved);
        const id = deployment?.id ?? null;
        append(
          output.findings,
          unresolved.map((u) => unresolvedFinding({ ...u, ...(doc.index > 0 ? { doc: doc.index } : {}) }, id)),
        );
        if (!deployment) continue;
        if (deployment.kind === 'workflow-job') deployment.details.inlineValues.unshift(...workflowEnv);
        workflowEnv = [];
        output.deployments.push(deployment);
      }
      append(output.artifacts, callArtifacts(parsed.file, workflow, jobs));
      // Each local caller's `with:` inputs, carried in: the called jobs judged as that caller runs them.
      const variants = calledVariants(parsed.file, workflow, context).flatMap((variant) =>
        variant.jobs.flatMap((job) => {
          const judged = jobDeployment(parsed.file, doc, variant.workflow, job, context, inWorkflowDir, []);
          if (!judged) return [];
          const { caller } = variant;
          const given = isMapping(caller.job.raw['with']) ? caller.job.raw['with'] : {};
          const withAt = { file: caller.file, path: [...caller.job.path, 'with'] };
          const deployment = refsToCaller(judged, parsed.file, workflow, withAt, given);
          const name = `${variant.caller.job.id} / ${job.id}`;
          deployment.id = deploymentId('workflow-job', parsed.file, name);
          deployment.name = name;
          deployment.signals.push(`judged with the inputs of job ${variant.caller.job.id} in ${variant.caller.file}`);
          markCalledBy(deployment, variant.caller.file, variant.caller.job.id);
          return [{ jobId: job.id, deployment }];
        }),
      );
      output.deployments = settleVariants(parsed.file, workflow, output.deployments, variants, context);
    }
    return output;
  },
  link(deployments, artifacts, context) {
    linkCalls(deployments, artifacts);
    linkSettings(deployments, context);
    return [];
  },
};

function jobDeployment(
  file: string,
  doc: SourceDocument,
  workflow: Mapping,
  job: Job,
  context: AdapterContext,
  inWorkflowDir: boolean,
  unresolved: Unresolved[],
): Deployment | null {
  if (neverRuns(job.raw['if'])) return null;
  const unfollowed: Unfollowed[] = [];
  const actionCode: ActionCode[] = [];
  const state: FollowState = {
    context,
    chain: [],
    unresolved,
    budget: { read: 0 },
    unfollowed,
    installed: [],
    writtenPaths: [],
    writingScripts: [],
    actionCode,
    checkoutRoots: checkoutRoots(job),
  };
  const runs = job.steps
    .filter((step) => !neverRuns(step.raw['if']))
    .flatMap((step) => stepRuns(file, workflow, job, step, state));
  const setup = agentOfSetupJob(file, job.id);
  if (setup) runs.push(setupJobAgent(file, job, setup));
  if (runs.length === 0) return null;

  const triggers = readTriggers(workflow);
  const first = minOf(runs.map((r) => r.step.index));
  const layers = jobLayers(file, job, first, context.settings);
  const jobCheckouts = checkouts(file, job, runs);
  refuseBypasses(runs, jobCheckouts, (run) => stepEnv(workflow, job, run.step), context);
  const facts = runFacts(runs, layers);
  const noExec = noExecOf(runs);
  const sandbox = {
    ...facts,
    ...(noExec ? { approval: { ...facts.approval, noExec } } : {}),
    credentials: credentials({ workflow, job, runs, file, agentEnv: context.settings['agent-env'] }),
    limits: limits(file, job, runs),
  };
  const details: WorkflowJobDetails = {
    type: 'workflow-job',
    jobId: job.id,
    triggers: triggers.map((t) => ({ name: t.name, at: { file, path: t.path } })),
    agentSteps: distinctSteps(runs),
    checkouts: jobCheckouts,
    // A bypassed agent runs everything anyway; approval-bypassed reports that, not each grant.
    toolGrants: runs.filter((r) => !r.approval.some((c) => c.value === 'bypassed')).flatMap((r) => r.toolGrants),
    injections: injections(workflow, job, runs),
    actorGate: actorGate(file, job, triggers, runs),
    settings: runs.flatMap((r) => (r.loads ? [r.loads] : [])),
    implied: [...new Set(runs.flatMap((r) => r.implied))],
    linked: [],
    notes: [...new Set([...runs.flatMap((r) => r.notes), ...actionCodeNotes(actionCode)])],
    ...(layers.container ? { jobContainer: layers.container } : {}),
    ...undeterminedOf(runs),
    inlineValues: jobTypedValues(file, job, doc.index),
    secretReference: WORKFLOW_SECRET_REFERENCE,
  };
  if (unfollowed.length > 0) details.unfollowed = unfollowed;
  if (actionCode.length > 0) details.actionCode = actionCode;
  const marketplaces = runs.flatMap((r) => r.marketplaces);
  if (marketplaces.length > 0) details.marketplaces = marketplaces;
  const signals = [...new Set(runs.map((r) => r.signal))];
  if (!inWorkflowDir) signals.push('workflow-shaped file outside .github/workflows: GitHub does not run it from here');
  const at = { file, path: job.path, ...(doc.index > 0 ? { doc: doc.index } : {}) };
  return {
    id: deploymentId('workflow-job', file, job.id),
    kind: 'workflow-job',
    name: job.id,
    agent: runs[0]!.agent,
    file,
    at,
    sandbox,
    signals,
    labels: {},
    root: at,
    details: { ...details },
  };
}

/**
 * The job's agents run no command and fetch nothing when every run's tool list says so: tools removed
 * (`--disallowedTools`, `--tools`, `permissions.deny`) count anywhere; an allowlist only for a CLI run
 * whose approval it alone decides (an action may add tools of its own).
 */
function noExecOf(runs: readonly AgentRun[]): { reason: string; source: SourceRef } | null {
  const credited = runs.map((r) =>
    r.noExec && (r.noExec.by === 'removed' || (r.via === 'cli' && r.approval.every((c) => c.value === 'restricted')))
      ? r.noExec
      : null,
  );
  if (credited.some((c) => c === null)) return null;
  return { reason: credited[0]!.reason, source: credited[0]!.source };
}

/** The job's agent steps, once per step, place and agent (each variant of a `run:` block is a run of its own). */
function distinctSteps(runs: readonly AgentRun[]): WorkflowJobDetails['agentSteps'] {
  const seen = new Set<string>();
  return runs.flatMap((r) => {
    const key = JSON.stringify([r.step.index, r.at.file, r.at.path, String(r.at.text ?? ''), r.agent, r.via]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ index: r.step.index, at: r.at, agent: r.agent, label: stepLabel(r.step), via: r.via }];
  });
}

/** What the job's runs could not determine, once each; absent when there is nothing. */
function undeterminedOf(runs: readonly AgentRun[]): Pick<WorkflowJobDetails, 'undetermined'> {
  const seen = new Set<string>();
  const undetermined = runs
    .flatMap((r) => r.undetermined)
    .filter((u) => {
      const key = JSON.stringify([u.at.file, u.at.path, String(u.at.text ?? ''), u.what]);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return undetermined.length > 0 ? { undetermined } : {};
}

/** Agent runs of one step: an agent action, agent commands in `run:`, or a local composite action. */
function stepRuns(file: string, workflow: Mapping, job: Job, step: Step, state: FollowState): AgentRun[] {
  const context = state.context;
  const env = stepEnv(workflow, job, step);
  const settingsFile = (path: string, run: AgentRun, agent: string): boolean =>
    applySettingsFile(path, run, agent, context);
  const loadFile = repositoryFiles(context);
  if (step.uses) {
    recordInstalls(file, step, state);
    if (isLocalUses(step.uses))
      return localActionRuns(file, job, step, state, (actionFile, innerJob, innerStep, inner) =>
        stepRuns(actionFile, {}, innerJob, innerStep, inner),
      );
    if (step.uses.startsWith('docker://')) return dockerStepRuns(file, step, state);
    const script = actionName(step.uses) === 'actions/github-script' ? scalarText(step.with['script']) : null;
    if (script !== null) {
      recordScriptWrites(script, state);
      const path = [...step.path, 'with', 'script'];
      const found = { path, value: script, language: 'javascript' as const };
      return scriptRuns(file, step, found, env, context.settings['agent-commands']);
    }
    const run = agentAction({ file, job, step, env, settingsFile, loadFile });
    return run ? [run] : [];
  }
  if (step.run === null) return [];
  const language = scriptLanguage(stepShell(workflow, job, step));
  if (language) {
    recordScriptWrites(step.run, state);
    const found = { path: [...step.path, 'run'], value: step.run, language };
    const launched = scriptRuns(file, step, found, env, context.settings['agent-commands']);
    return launched.length > 0 ? launched : customAgent(file, step, env, undefined);
  }
  const unfollowed = state.unfollowed;
  const missedBefore = unfollowed.length;
  const at = { file, path: [...step.path, 'run'], value: step.run };
  const runs = agentCommands({
    file,
    step,
    at,
    env,
    agentCommands: context.settings['agent-commands'],
    settings: context.settings,
    settingsFile,
    expressions: stepScope(job, step),
    loadFile,
    follow: stepFollower(context, workingDirectory(workflow, job, step), state),
  });
  if (runs.length > 0) return runs;
  // A shell script the step runs but could not be read may be the agent (not a script under another interpreter).
  const missed = unfollowed.slice(missedBefore).find((u) => u.kind !== 'not-shell');
  return customAgent(file, step, env, missed);
}

/** A step named as an agent that receives a model key runs some agent the tool does not know by name. */
function customAgent(
  file: string,
  step: Step,
  env: ReturnType<typeof stepEnv>,
  missed: Unfollowed | undefined,
): AgentRun[] {
  // "Run the review agent", "agent-run": a step that says it runs an agent, not one that sets it up.
  const label = `${step.name ?? ''} ${step.id ?? ''}`;
  const named =
    /\bagents?\b/i.test(label) &&
    /\b(run|runs|start|invoke|execute|launch|call)\b|agent[-_ ]?(run|task|exec)/i.test(label) &&
    !/\b(setup|set up|install|configure|build)\b/i.test(label);
  // Or a step handed a model key that runs a script the scanner could not read: it may be the agent.
  if (!named && !missed) return [];
  const key = [...env.keys()].find((name) => MODEL_KEY_ENV.test(name));
  if (!key) return [];
  const run = emptyRun({
    agent: 'unknown',
    step,
    file,
    at: { file, path: [...step.path, 'run'] },
    signal: named
      ? `${stepLabel(step)} runs an agent with model key ${key}`
      : `${stepLabel(step)} runs \`${missed!.target}\`, which was not read, with model key ${key}`,
    via: 'cli',
    action: null,
  });
  run.prompts.push({
    text: { file, path: [...step.path, 'run'], value: step.run ?? '' },
    start: 0,
    end: (step.run ?? '').length,
  });
  append(
    run.envReads,
    [...(step.run ?? '').matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]!),
  );
  return [run];
}

/** An agent that runs after the steps of its setup job (`copilot-setup-steps`), in that job. */
function setupJobAgent(file: string, job: Job, setup: NonNullable<ReturnType<typeof agentOfSetupJob>>): AgentRun {
  const step: Step = {
    index: job.steps.length,
    path: job.path,
    raw: {},
    uses: null,
    run: null,
    with: {},
    env: {},
    id: null,
    name: setup.stepName,
  };
  return emptyRun({
    agent: setup.agent,
    step,
    file,
    at: { file, path: job.path },
    signal: setup.signal,
    via: 'cli',
    action: null,
  });
}

/** Applies a settings file named by `--settings` or a `settings` input, with key-path sources. */
function applySettingsFile(path: string, run: AgentRun, agent: string, context: AdapterContext): boolean {
  const file = path.replace(/^\.\//, '');
  if (!hasFile(context, file)) return false;
  const parsed: ParsedFile | null = context.load(file);
  const doc = parsed?.documents[0];
  if (!doc) return false;
  const json: EmbeddedJson = {
    value: doc.value,
    ref: (p) => ({ file, path: p }),
    refValue: (p) => ({ file, path: p }),
  };
  return applyAgentSettings(run, agent, json, file);
}
