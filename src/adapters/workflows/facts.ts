/**
 * The six sandbox facts of a workflow job: each agent run's own evidence and defaults, then the
 * job's layers around it (job container, harden-runner, `permissions:`, `timeout-minutes`).
 */
import { minimatch } from 'minimatch';
import {
  APPROVAL_LEVELS,
  CREDENTIAL_LEVELS,
  FILESYSTEM_LEVELS,
  ISOLATION_LEVELS,
  NETWORK_LEVELS,
  type AdapterSettings,
  type Credentials,
  type Fact,
  type Filesystem,
  type Isolation,
  type Network,
  type Sandbox,
  type SourceRef,
} from '../../model.js';
import { defaultsFor } from './defaults.js';
import { conditionExpression } from './expressions.js';
import { jobContainer } from './job-container.js';
import type { AgentRun, Candidate } from './types.js';
import {
  actionName,
  inputValues,
  isMapping,
  own,
  scalarText,
  stepEnv,
  type Job,
  type Mapping,
  type Step,
} from './workflow.js';
import { append, minOf } from '../../util/arrays.js';
import { MODEL_SCOPES } from '../../agents/token-scopes.js';

/** Picks the weakest (or strongest) candidate; equal candidates with a source become `more`. */
export function pick<T extends string>(
  levels: readonly T[],
  candidates: readonly Candidate<T>[],
  mode: 'weakest' | 'strongest',
): Fact<T> {
  const rank = (c: Candidate<T>): number => levels.indexOf(c.value);
  const target = candidates.reduce((best, c) =>
    (mode === 'weakest' ? rank(c) < rank(best) : rank(c) > rank(best)) ? c : best,
  );
  const same = candidates.filter((c) => c.value === target.value);
  const sourced = same.filter((c) => c.source);
  if (sourced.length === 0)
    return {
      value: target.value,
      reason: target.reason,
      source: null,
      ...(target.outside ? { outside: target.outside } : {}),
    };
  const seen = new Set<string>();
  const unique = sourced.filter((c) => {
    const key = JSON.stringify([c.source!.file, c.source!.path, String(c.source!.text ?? '')]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const [first, ...rest] = unique;
  return {
    value: first!.value,
    reason: first!.reason,
    source: first!.source,
    ...(rest.length > 0 ? { more: rest.map((c) => ({ reason: c.reason, source: c.source! })) } : {}),
  };
}

const asCandidate = <T extends string>(fact: Fact<T>): Candidate<T>[] => [
  { value: fact.value, reason: fact.reason, source: fact.source, ...(fact.outside ? { outside: fact.outside } : {}) },
  ...(fact.more ?? []).map((m) => ({ value: fact.value, reason: m.reason, source: m.source })),
];

/** Boundary candidates decide network and filesystem; tool-level ones count only without a boundary. */
function layered<T extends string>(
  levels: readonly T[],
  own: readonly Candidate<T>[],
  fallback: Candidate<T>,
): Fact<T> {
  const boundary = own.filter((c) => c.boundary);
  if (boundary.length > 0) return pick(levels, boundary, 'weakest');
  if (own.length > 0) return pick(levels, own, 'weakest');
  return pick(levels, [fallback], 'weakest');
}

/** A wrapper around the agent's command holds whatever the agent does inside it: the stronger of the two. */
function enclosed<T extends string>(
  levels: readonly T[],
  candidates: readonly Candidate<T>[],
  inner: Fact<T>,
): Fact<T> {
  const wrapper = candidates.filter((c) => c.wrapper);
  if (wrapper.length === 0) return inner;
  return pick(levels, [...asCandidate(inner), ...asCandidate(pick(levels, wrapper, 'weakest'))], 'strongest');
}

export interface JobLayers {
  isolation: Candidate<Isolation>[];
  network: Candidate<Network>[];
  filesystem: Candidate<Filesystem>[];
  runner: string;
  /** The job's `container:` when the job runs in one. */
  container: SourceRef | null;
}

/** The job container and harden-runner, which wrap every agent step of the job. */
export function jobLayers(file: string, job: Job, firstAgentStep: number, settings: AdapterSettings): JobLayers {
  const layers: JobLayers = {
    isolation: [],
    network: [],
    filesystem: [],
    runner: runnerLabel(job.raw['runs-on']),
    container: null,
  };
  const container = jobContainer(file, job, settings);
  layers.isolation.push(...container.isolation);
  layers.network.push(...container.network);
  layers.filesystem.push(...container.filesystem);
  layers.container = container.at;
  const harden = job.steps.find((s) => s.uses && actionName(s.uses) === 'step-security/harden-runner');
  // A harden-runner step that its `if:` may skip restricts nothing in the runs where it is skipped.
  const condition = harden ? conditionExpression(harden.raw['if']) : null;
  const alwaysRuns =
    harden?.raw['if'] === undefined || harden.raw['if'] === true || condition === 'true' || condition === 'always()';
  if (harden && harden.index < firstAgentStep && !alwaysRuns)
    layers.network.push({
      value: 'open',
      reason: "harden-runner's `if:` may skip it, and a skipped harden-runner restricts nothing",
      source: { file, path: [...harden.path, 'if'] },
    });
  if (harden && harden.index < firstAgentStep && alwaysRuns) {
    const policyPath = [...harden.path, 'with', 'egress-policy'];
    const endpoints =
      scalarText(harden.with['allowed-endpoints'])
        ?.split(/[\s,]+/)
        .filter(Boolean) ?? [];
    for (const { value, path } of inputValues(job, harden.with['egress-policy'], policyPath)) {
      const source: SourceRef = { file, path };
      if (value === 'block') {
        layers.network.push({
          value: 'allowlist',
          reason:
            endpoints.length > 0
              ? `harden-runner blocks egress except ${endpoints.length} allowed endpoint(s)`
              : "harden-runner blocks egress except GitHub's own endpoints",
          source,
        });
      } else if (value === 'audit') {
        layers.network.push({
          value: 'open',
          reason: 'harden-runner runs with `egress-policy: audit`, which only logs connections',
          source,
        });
      }
    }
  }
  return layers;
}

function runnerLabel(runsOn: unknown): string {
  const values = Array.isArray(runsOn)
    ? runsOn
    : isMapping(runsOn)
      ? [runsOn['group'], ...[runsOn['labels']].flat()]
      : [runsOn];
  const labels = values.map((v) => scalarText(v) ?? '');
  return labels.some((l) => /self-hosted/i.test(l))
    ? 'a self-hosted runner, which keeps state between jobs'
    : 'the runner';
}

export interface CredentialInput {
  workflow: Mapping;
  job: Job;
  runs: readonly AgentRun[];
  file: string;
  agentEnv: readonly string[];
}

const SCOPE_REASON: Record<string, string> = {
  contents: 'lets the token push code and tags',
  'pull-requests': 'lets the token open, edit and comment on pull requests',
  issues: 'lets the token edit issues and comments',
  actions: 'lets the token cancel, re-run and dispatch workflows',
  'id-token': 'lets the job mint OIDC tokens that trade for cloud or app credentials',
  packages: 'lets the token publish packages',
  deployments: 'lets the token create deployments',
  workflows: 'lets the token change workflow files',
};

/** Names of model-provider credentials, which every agent needs and which are not repository write access. */
const MODEL_KEY =
  /ANTHROPIC|OPENAI|CLAUDE|GEMINI|GOOGLE_API|GOOGLE_GENAI|OPENROUTER|MISTRAL|GROQ|DEEPSEEK|LLM|XAI|COHERE|TOGETHER|FIREWORKS|PERPLEXITY|DASHSCOPE|QWEN|MOONSHOT|KIMI|MINIMAX|ZHIPU|CEREBRAS|OPENCODE|HF_TOKEN|HUGGING/i;

/** Secrets that name an account, an address or an identifier rather than a credential. */
const NOT_A_CREDENTIAL = /(USER(NAME)?|EMAIL|LOGIN|_ID|_URL|_HOST|_NAME|_REGION|_PROJECT)$/i;

export function credentials(input: CredentialInput): Fact<Credentials> {
  const { workflow, job, file } = input;
  const candidates: Candidate<Credentials>[] = [];
  const jobLevel = Object.hasOwn(job.raw, 'permissions');
  const permissions = jobLevel ? job.raw['permissions'] : workflow['permissions'];
  const base = jobLevel ? [...job.path, 'permissions'] : ['permissions'];
  append(candidates, tokenPermissions(permissions, base, file));
  append(candidates, reachableSecrets(input));
  // Scopes an action requests for the agent beyond `permissions:` (claude-code-action's `additional_permissions`).
  for (const run of input.runs) append(candidates, run.credentials);
  return pick(CREDENTIAL_LEVELS, candidates, 'weakest');
}

/** What a `permissions:` value (or its absence) lets the job's token do. */
export function tokenPermissions(
  permissions: unknown,
  base: readonly (string | number)[],
  file: string,
): Candidate<Credentials>[] {
  const candidates: Candidate<Credentials>[] = [];
  if (permissions === undefined) {
    candidates.push({
      value: 'write',
      reason: 'no permissions block: the token gets the repository default, which may be read-write',
      source: null,
    });
  } else if (permissions === 'write-all') {
    candidates.push({
      value: 'write',
      reason: '`permissions: write-all` gives the token every write scope',
      source: { file, path: base },
    });
  } else if (permissions === 'read-all') {
    candidates.push({
      value: 'read',
      reason: '`permissions: read-all` gives the token read scopes only',
      source: { file, path: base },
    });
  } else if (isMapping(permissions)) {
    const entries = Object.entries(permissions);
    for (const [scope, level] of entries) {
      if (level === 'write' && !MODEL_SCOPES.has(scope))
        candidates.push({
          value: 'write',
          reason: `\`${scope}: write\` ${own(SCOPE_REASON, scope) ?? `gives the token write access to ${scope}`}`,
          source: { file, path: [...base, scope] },
        });
    }
    if (candidates.length === 0) {
      const read = entries.some(([scope, level]) => level === 'read' || (level === 'write' && MODEL_SCOPES.has(scope)));
      candidates.push(
        read
          ? { value: 'read', reason: 'every scope in `permissions:` is read or none', source: { file, path: base } }
          : { value: 'none', reason: '`permissions:` grants the token no scope', source: { file, path: base } },
      );
    }
  } else {
    candidates.push({
      value: 'write',
      reason: '`permissions:` is not a literal set of scopes, so the token may write',
      source: { file, path: base },
    });
  }
  return candidates;
}

/** Secrets handed to an agent step (other than the job token and model keys), assumed to write. */
function reachableSecrets({ workflow, job, runs, file, agentEnv }: CredentialInput): Candidate<Credentials>[] {
  const out: Candidate<Credentials>[] = [];
  const appTokenSteps = new Set(
    job.steps
      .filter((s) => s.id && s.uses && /create-github-app-token|github-app-token/.test(actionName(s.uses)))
      .map((s) => s.id!),
  );
  const isModelKey = (name: string): boolean => MODEL_KEY.test(name) || agentEnv.some((glob) => minimatch(name, glob));
  const judge = (name: string, value: unknown, path: readonly (string | number)[]): void => {
    const text = scalarText(value);
    if (!text || isModelKey(name)) return;
    for (const m of text.matchAll(/secrets\.([A-Za-z0-9_]+)/g)) {
      const secret = m[1]!;
      if (secret === 'GITHUB_TOKEN' || isModelKey(secret) || NOT_A_CREDENTIAL.test(secret)) continue;
      out.push({
        value: 'write',
        reason: `\`${name}\` hands the agent secret ${secret}, whose scope cannot be checked here`,
        source: { file, path },
      });
      return;
    }
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.token/g)) {
      if (appTokenSteps.has(m[1]!)) {
        out.push({
          value: 'write',
          reason: `\`${name}\` hands the agent a GitHub App token minted in step "${m[1]}"`,
          source: { file, path },
        });
        return;
      }
    }
  };
  for (const run of runs) {
    if (run.file !== file) continue;
    for (const [name, located] of stepEnv(workflow, job, run.step)) judge(name, located.value, located.path);
    if (run.via === 'action')
      for (const [name, value] of Object.entries(run.step.with)) judge(name, value, [...run.step.path, 'with', name]);
  }
  const firstAgent = minOf(runs.map((r) => r.step.index));
  for (const step of job.steps) {
    if (step.index >= firstAgent || !step.uses || actionName(step.uses) !== 'actions/checkout') continue;
    if (/^false$/i.test(scalarText(step.with['persist-credentials']) ?? '')) continue;
    const token = scalarText(step.with['token']) ?? '';
    const secret = /secrets\.([A-Za-z0-9_]+)/.exec(token)?.[1];
    if (secret && secret !== 'GITHUB_TOKEN') {
      out.push({
        value: 'write',
        reason: `actions/checkout stores secret ${secret} in the workspace's git configuration, where the agent can read it`,
        source: { file, path: [...step.path, 'with', 'token'] },
      });
    }
  }
  return out;
}

/** Limits: the job's `timeout-minutes`, else a bound on every agent step. */
export function limits(file: string, job: Job, runs: readonly AgentRun[]): Fact<'unbounded' | 'bounded'> {
  if (job.raw['timeout-minutes'] !== undefined) {
    return {
      value: 'bounded',
      reason: `\`timeout-minutes: ${scalarText(job.raw['timeout-minutes'])}\` stops the job`,
      source: { file, path: [...job.path, 'timeout-minutes'] },
    };
  }
  const bounds = runs.map((run) => stepBound(run.file, run.step) ?? run.limits[0] ?? null);
  if (runs.length > 0 && bounds.every(Boolean))
    return pick(['unbounded', 'bounded'] as const, bounds as Candidate<'bounded'>[], 'weakest');
  return {
    value: 'unbounded',
    reason: 'no `timeout-minutes`: GitHub cancels the job only after 360 minutes',
    source: null,
  };
}

function stepBound(file: string, step: Step): Candidate<'bounded'> | null {
  const timeout = step.raw['timeout-minutes'];
  return timeout === undefined
    ? null
    : {
        value: 'bounded',
        reason: `\`timeout-minutes: ${scalarText(timeout)}\` stops the agent step`,
        source: { file, path: [...step.path, 'timeout-minutes'] },
      };
}

/** The isolation, network, filesystem and approval of the job: the weakest over its agent runs. */
export function runFacts(
  runs: readonly AgentRun[],
  layers: JobLayers,
): Pick<Sandbox, 'isolation' | 'network' | 'filesystem' | 'approval'> {
  const per = runs.map((run) => {
    const d = defaultsFor(run, layers.runner);
    const ownIsolation = run.isolation.filter((c) => !c.wrapper);
    const isolation = enclosed(
      ISOLATION_LEVELS,
      run.isolation,
      pick(ISOLATION_LEVELS, ownIsolation.length > 0 ? ownIsolation : [d.isolation], 'weakest'),
    );
    const network = enclosed(
      NETWORK_LEVELS,
      run.network,
      layered(
        NETWORK_LEVELS,
        run.network.filter((c) => !c.wrapper),
        d.network,
      ),
    );
    const filesystem = layered(FILESYSTEM_LEVELS, run.filesystem, d.filesystem);
    const approval = pick(APPROVAL_LEVELS, run.approval.length > 0 ? run.approval : [d.approval], 'weakest');
    return {
      // The job's layers wrap the agent: the strongest boundary holds.
      isolation: pick(ISOLATION_LEVELS, [...asCandidate(isolation), ...layers.isolation], 'strongest'),
      network: pick(NETWORK_LEVELS, [...asCandidate(network), ...layers.network], 'strongest'),
      filesystem: pick(FILESYSTEM_LEVELS, [...asCandidate(filesystem), ...layers.filesystem], 'strongest'),
      approval,
    };
  });
  const isolation = pick(
    ISOLATION_LEVELS,
    per.flatMap((p) => asCandidate(p.isolation)),
    'weakest',
  );
  const filesystem = pick(
    FILESYSTEM_LEVELS,
    per.flatMap((p) => asCandidate(p.filesystem)),
    'weakest',
  );
  // Tools that write anywhere because nothing isolates them are the missing sandbox's finding, not a second one.
  if (filesystem.value === 'full' && !filesystem.source && isolation.value === 'none') filesystem.derived = true;
  return {
    isolation,
    network: pick(
      NETWORK_LEVELS,
      per.flatMap((p) => asCandidate(p.network)),
      'weakest',
    ),
    filesystem,
    approval: pick(
      APPROVAL_LEVELS,
      per.flatMap((p) => asCandidate(p.approval)),
      'weakest',
    ),
  };
}
