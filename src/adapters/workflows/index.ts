/**
 * The GitHub workflows adapter: one `workflow-job` deployment per job that runs a coding agent,
 * through a known action, an agent CLI in `run:`, a local composite action, or the Copilot coding
 * agent's setup job.
 */
import type { ParsedFile, SourceDocument } from '../../documents/types.js';
import { deploymentId } from '../../model.js';
import type { Deployment } from '../../model.js';
import type { Adapter, AdapterContext, AdapterOutput } from '../types.js';
import { agentAction } from './actions.js';
import { callArtifacts, linkCalls } from './calls.js';
import { agentCommands } from './cli.js';
import type { WorkflowJobDetails } from './details.js';
import type { Unfollowed } from '../../model/details/workflow-job.js';
import { neverRuns } from './expressions.js';
import { credentials, jobLayers, limits, runFacts } from './facts.js';
import { FOLLOWED_PATHS, mayBeFollowed, stepFollower, workingDirectory } from './follow.js';
import { linkSettings } from './link.js';
import { actorGate, checkouts, injections } from './risks.js';
import { applyClaudeSettings, applyGeminiSettings, type EmbeddedJson } from './settings.js';
import { jobTypedValues, WORKFLOW_SECRET_REFERENCE, workflowTypedValues } from './typed.js';
import { emptyRun, type AgentRun } from './types.js';
import {
  isMapping,
  readJobs,
  readSteps,
  readTriggers,
  stepEnv,
  stepLabel,
  type Job,
  type Mapping,
  type Step,
} from './workflow.js';
import { append, minOf } from '../../util/arrays.js';

export type { WorkflowJobDetails } from './details.js';

const WORKFLOW_DIR = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const WORKFLOW_SUBFOLDER = /(^|\/)\.github\/workflows\/.+\/[^/]+\.ya?ml$/i;
const YAML = /\.ya?ml$/i;
/** A job-level `uses: ./…/x.yml` (a local reusable workflow; a step's composite action has no .yml). */
const LOCAL_CALL = /^\s+uses:\s*["']?\.\/[^\s"'#]+\.ya?ml\b/m;
/** Model-provider keys in a step's env mark a custom agent step when its name says "agent". */
const MODEL_KEY_ENV =
  /^(ANTHROPIC|OPENAI|CLAUDE_CODE_OAUTH|GEMINI|GOOGLE_API|OPENROUTER|MISTRAL|GROQ|DEEPSEEK|LLM|AZURE_OPENAI)[A-Z0-9_]*(KEY|TOKEN)$/;

export const workflowsAdapter: Adapter = {
  id: 'workflows',
  claims: (file) => YAML.test(file),
  // Workflows, local actions (`action.yml`) and reusable workflows are all YAML; steps also run
  // scripts, package scripts and Makefile recipes from the repository (FOLLOWED_PATHS).
  paths: ['*.yml', '*.yaml', ...FOLLOWED_PATHS],
  sniff(file, text) {
    if (WORKFLOW_DIR.test(file)) return true;
    // Elsewhere only workflow-shaped files (examples, templates): a top-level `on:` and `jobs:`.
    return /^["']?on["']?\s*:/m.test(text) && /^jobs\s*:/m.test(text);
  },
  // A workflow that calls a local reusable workflow gives the called jobs its triggers and token; a
  // script, package.json or Makefile may be what a job runs.
  feeds: (file, text) =>
    (YAML.test(file) && LOCAL_CALL.test(text)) || mayBeFollowed(file, text) ? ['workflow-job'] : [],
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
        const deployment = jobDeployment(parsed.file, doc, workflow, job, context, inWorkflowDir);
        if (!deployment) continue;
        if (deployment.kind === 'workflow-job') deployment.details.inlineValues.unshift(...workflowEnv);
        workflowEnv = [];
        output.deployments.push(deployment);
      }
      append(output.artifacts, callArtifacts(parsed.file, workflow, jobs));
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
): Deployment | null {
  if (neverRuns(job.raw['if'])) return null;
  const unfollowed: Unfollowed[] = [];
  const runs = job.steps
    .filter((step) => !neverRuns(step.raw['if']))
    .flatMap((step) => stepRuns(file, workflow, job, step, context, unfollowed));
  if (job.id === 'copilot-setup-steps' && /copilot-setup-steps\.ya?ml$/.test(file)) runs.push(copilotAgent(file, job));
  if (runs.length === 0) return null;

  const triggers = readTriggers(workflow);
  const first = minOf(runs.map((r) => r.step.index));
  const layers = jobLayers(file, job, first, context.settings);
  const sandbox = {
    ...runFacts(runs, layers),
    credentials: credentials({ workflow, job, runs, file, agentEnv: context.settings['agent-env'] }),
    limits: limits(file, job, runs),
  };
  const details: WorkflowJobDetails = {
    type: 'workflow-job',
    jobId: job.id,
    triggers: triggers.map((t) => ({ name: t.name, at: { file, path: t.path } })),
    agentSteps: runs.map((r) => ({
      index: r.step.index,
      at: r.at,
      agent: r.agent,
      label: stepLabel(r.step),
      via: r.via,
    })),
    checkouts: checkouts(file, job, runs),
    // A bypassed agent runs everything anyway; approval-bypassed reports that, not each grant.
    toolGrants: runs.filter((r) => !r.approval.some((c) => c.value === 'bypassed')).flatMap((r) => r.toolGrants),
    injections: injections(workflow, job, runs),
    actorGate: actorGate(file, job, triggers, runs),
    settings: runs.flatMap((r) => (r.loads ? [r.loads] : [])),
    implied: [...new Set(runs.flatMap((r) => r.implied))],
    linked: [],
    notes: [...new Set(runs.flatMap((r) => r.notes))],
    ...(layers.container ? { jobContainer: layers.container } : {}),
    inlineValues: jobTypedValues(file, job, doc.index),
    secretReference: WORKFLOW_SECRET_REFERENCE,
  };
  if (unfollowed.length > 0) details.unfollowed = unfollowed;
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

/** Agent runs of one step: an agent action, agent commands in `run:`, or a local composite action. */
function stepRuns(
  file: string,
  workflow: Mapping,
  job: Job,
  step: Step,
  context: AdapterContext,
  unfollowed: Unfollowed[],
  depth = 0,
): AgentRun[] {
  const env = stepEnv(workflow, job, step);
  const settingsFile = (path: string, run: AgentRun, agent: 'claude-code' | 'gemini-cli' = 'claude-code'): boolean =>
    applySettingsFile(path, run, agent, context);
  if (step.uses) {
    if (step.uses.startsWith('./') && depth === 0) return compositeRuns(file, workflow, job, step, context, unfollowed);
    const run = agentAction({ file, job, step, env, settingsFile });
    return run ? [run] : [];
  }
  if (step.run === null) return [];
  const missedBefore = unfollowed.length;
  const at = { file, path: [...step.path, 'run'], value: step.run };
  const runs = agentCommands({
    file,
    step,
    at,
    env,
    agentCommands: context.settings['agent-commands'],
    settingsFile: (path, run) => settingsFile(path, run),
    follow: stepFollower(context, workingDirectory(workflow, job, step), unfollowed),
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

/** `uses: ./path` to a composite action whose steps run an agent: the job runs that agent. */
function compositeRuns(
  file: string,
  workflow: Mapping,
  job: Job,
  step: Step,
  context: AdapterContext,
  unfollowed: Unfollowed[],
): AgentRun[] {
  const dir = step.uses!.replace(/^\.\//, '').replace(/\/+$/, '');
  for (const name of ['action.yml', 'action.yaml']) {
    const actionFile = `${dir}/${name}`;
    if (!hasFile(context, actionFile)) continue;
    const loaded = context.load(actionFile);
    const action = loaded?.documents[0]?.value;
    if (!isMapping(action) || !isMapping(action['runs']) || action['runs']['using'] !== 'composite') return [];
    const inner: Job = { id: job.id, path: [], raw: {}, steps: readSteps(action['runs']['steps'], ['runs', 'steps']) };
    const before = unfollowed.length;
    const runs = inner.steps.flatMap((innerStep) =>
      stepRuns(actionFile, {}, inner, innerStep, context, unfollowed, 1).map((run) => ({
        ...run,
        // Order, env and inputs are the calling step's; sources stay in the action file.
        step,
        file,
        signal: `${run.signal} (in ${actionFile}, used by ${stepLabel(step)})`,
      })),
    );
    for (const miss of unfollowed.slice(before)) miss.trace = `${stepLabel(step)} → ${actionFile}: ${miss.trace}`;
    return runs;
  }
  return [];
}

/** The Copilot coding agent runs after the steps of `copilot-setup-steps`, in that job. */
function copilotAgent(file: string, job: Job): AgentRun {
  const step: Step = {
    index: job.steps.length,
    path: job.path,
    raw: {},
    uses: null,
    run: null,
    with: {},
    env: {},
    id: null,
    name: 'Copilot coding agent',
  };
  return emptyRun({
    agent: 'copilot',
    step,
    file,
    at: { file, path: job.path },
    signal: 'job copilot-setup-steps prepares the Copilot coding agent',
    via: 'cli',
    action: null,
  });
}

const fileSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** Whether the repository has `file`, with the listing indexed once per scan. */
function hasFile(context: AdapterContext, file: string): boolean {
  let set = fileSets.get(context.files);
  if (!set) fileSets.set(context.files, (set = new Set(context.files)));
  return set.has(file);
}

/** Applies a settings file named by `--settings` or a `settings` input, with key-path sources. */
function applySettingsFile(
  path: string,
  run: AgentRun,
  agent: 'claude-code' | 'gemini-cli',
  context: AdapterContext,
): boolean {
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
  if (agent === 'claude-code') applyClaudeSettings(run, json, file);
  else applyGeminiSettings(run, json, file);
  return true;
}
