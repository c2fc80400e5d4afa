/**
 * Agent CLIs in `run:` blocks: unwraps launchers (`npx -y @anthropic-ai/claude-code`, `timeout`,
 * `srt`, `docker run`, `bash -c`), recognises the agent and reads its flags.
 */
import { minimatch } from 'minimatch';
import { mainProgram, programNamed, programOfPackage } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { applyFlagFacts, FLAG_READERS, envLookup, type FlagContext } from './cli-flags.js';
import { refAt } from './refs.js';
import { isAssignment, parseArgs, programName, splitArgs, splitCommands, type Word } from './shell.js';
import { emptyRun, type AgentRun, type Candidate, type TextAt } from './types.js';
import { scalarText, type Located, type Step } from './workflow.js';
import { append } from '../../util/arrays.js';

const LAUNCHERS = new Set(['npx', 'bunx', 'pnpx', 'uvx']);
const PASS_THROUGH = new Set([
  'sudo',
  'env',
  'time',
  'nohup',
  'exec',
  'command',
  'stdbuf',
  'nice',
  'xvfb-run',
  'unbuffer',
  'caffeinate',
]);
const DOCKER_VALUED = new Set([
  '-e',
  '--env',
  '-v',
  '--volume',
  '-w',
  '--workdir',
  '--name',
  '--network',
  '--net',
  '--entrypoint',
  '-u',
  '--user',
  '--mount',
  '--env-file',
  '-p',
  '--publish',
  '--platform',
  '--cpus',
  '-m',
  '--memory',
  '--pids-limit',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--runtime',
  '--pid',
  '--ipc',
  '--uts',
  '--userns',
  '-l',
  '--label',
  '--add-host',
  '--device',
  '--gpus',
  '--shm-size',
  '--ulimit',
  '--tmpfs',
  '-h',
  '--hostname',
  '--log-driver',
  '--restart',
  '--stop-timeout',
  '--cgroupns',
  '--group-add',
  '--dns',
]);

export interface CliContext {
  /** Variables the script set on lines of their own before this command. */
  scriptVars?: ReadonlyMap<string, Word[]>;
  /** The raw text of those assignments' values, as the shell sees it before splitting. */
  scriptVarText?: ReadonlyMap<string, string>;
  file: string;
  step: Step;
  /** The `run:` scalar. */
  at: TextAt;
  env: ReadonlyMap<string, Located<unknown>>;
  agentCommands: readonly string[];
  settingsFile(path: string, run: AgentRun): boolean;
}

/** Agent commands read from one `run:` block; more say nothing new and only cost time on hostile input. */
const MAX_RUNS_PER_STEP = 50;

/** Every agent run in a `run:` block, one per agent command. */
export function agentCommands(ctx: CliContext): AgentRun[] {
  const runs: AgentRun[] = [];
  const scriptVars = new Map<string, Word[]>();
  const scriptVarText = new Map<string, string>();
  for (const command of splitCommands(ctx.at.value)) {
    // `FLAGS="--yolo"` (or `export FLAGS=…`) on its own line: later `$FLAGS` expands to these words.
    const words = /^(export|declare|local|readonly)$/.test(command.words[0]?.text ?? '')
      ? command.words.slice(1)
      : command.words;
    if (words.length > 0 && words.every((w) => isAssignment(w.text))) {
      for (const w of words) {
        const name = w.text.slice(0, w.text.indexOf('='));
        scriptVars.set(name, valueWords(ctx.at, w));
        scriptVarText.set(name, ctx.at.value.slice(w.start, w.end));
      }
      continue;
    }
    const run = readCommand(command.words, { ...ctx, scriptVars, scriptVarText }, 0);
    if (run) runs.push(run);
    if (runs.length >= MAX_RUNS_PER_STEP) break;
  }
  return runs;
}

/** The words of an assignment's value, at their offsets in the script. */
function valueWords(at: TextAt, word: Word): Word[] {
  const value = word.text.slice(word.text.indexOf('=') + 1);
  const found = at.value.indexOf(value, word.start);
  const base = found >= word.start && found < word.end ? found : word.start;
  return splitArgs(value).map((x) => ({ ...x, start: x.start + base, end: x.end + base }));
}

/**
 * Replaces `$NAME` and `${NAME}` words with the words of a variable set earlier in the script or in
 * `env:`. (An assignment in front of the same command does not count: the shell expands first.)
 */
function expandVariables(words: readonly Word[], ctx: CliContext): Word[] {
  return words.flatMap((word) => {
    const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(word.text)?.[1];
    if (!name) return [word];
    const local = ctx.scriptVars?.get(name);
    if (local) return local;
    const located = ctx.env.get(name);
    const value = located ? scalarText(located.value) : null;
    if (!located || value === null) return [word];
    const at: TextAt = { file: ctx.file, path: located.path, value };
    return splitArgs(value).map((x) => ({ ...x, at }));
  });
}

interface Wrapping {
  isolation: Candidate<'process' | 'container' | 'gvisor' | 'microvm' | 'none'>[];
  network: Candidate<'open' | 'allowlist' | 'none'>[];
  limits: Candidate<'bounded'>[];
  inline: Map<string, { value: string; source: SourceRef }>;
  /** Offsets of the whole command line in the script. */
  span: [number, number];
}

function readCommand(words: readonly Word[], ctx: CliContext, depth: number, wrap?: Wrapping): AgentRun | null {
  if (words.length === 0) return null;
  const w: Wrapping = wrap ?? {
    isolation: [],
    network: [],
    limits: [],
    inline: new Map(),
    span: [words[0]!.start, words.at(-1)!.end],
  };
  let i = 0;
  const ref = (word: Word): SourceRef => refAt(ctx.at, word.start, word.end);
  while (i < words.length) {
    const word = words[i]!;
    const name = programName(word.text);
    if (isAssignment(word.text)) {
      const eq = word.text.indexOf('=');
      w.inline.set(word.text.slice(0, eq), { value: word.text.slice(eq + 1), source: ref(word) });
      i++;
    } else if (PASS_THROUGH.has(name)) {
      i++;
      while (i < words.length && words[i]!.text.startsWith('-')) i += /^-(u|g|n|o|e|i)$/.test(words[i]!.text) ? 2 : 1;
    } else if (name === 'timeout') {
      i++;
      while (i < words.length && words[i]!.text.startsWith('-')) i += /^-(s|k)$/.test(words[i]!.text) ? 2 : 1;
      if (i < words.length)
        w.limits.push({ value: 'bounded', reason: `\`timeout ${words[i]!.text}\` stops the agent`, source: ref(word) });
      i++;
    } else if (name === 'srt') {
      w.isolation.push({
        value: 'process',
        reason: '`srt` (Anthropic sandbox-runtime) wraps the agent in an OS sandbox',
        source: ref(word),
      });
      i++;
      while (i < words.length && words[i]!.text.startsWith('-')) i += words[i]!.text === '--settings' ? 2 : 1;
    } else if (
      (name === 'sbx' || (name === 'docker' && words[i + 1]?.text === 'sandbox')) &&
      /^(run|create)$/.test(words[i + (name === 'sbx' ? 1 : 2)]?.text ?? '')
    ) {
      w.isolation.push({
        value: 'microvm',
        reason: `\`${name === 'sbx' ? 'sbx' : 'docker sandbox'} run\` starts the agent in a Docker Sandboxes micro-VM`,
        source: ref(word),
      });
      i += name === 'sbx' ? 2 : 3;
      while (i < words.length && words[i]!.text.startsWith('-')) i++;
    } else if ((name === 'docker' || name === 'podman') && words[i + 1]?.text === 'run') {
      i = readDockerRun(words, i + 2, w, ref);
      if (i < 0) return null;
    } else if (/^(bash|sh|zsh|dash)$/.test(name) && words[i + 1]?.text === '-c' && words[i + 2] && depth < 3) {
      return readQuotedCommand(words[i + 2]!, ctx, depth, w);
    } else if (name === 'awf') {
      // gh-aw's agent workflow firewall: the command runs in a container behind a domain allowlist.
      w.isolation.push({
        value: 'container',
        reason: '`awf` (the gh-aw firewall) runs the agent in a container',
        source: ref(word),
      });
      i++;
      while (i < words.length && words[i]!.text.startsWith('-') && words[i]!.text !== '--') {
        const option = words[i]!;
        const valued =
          /^--(allow-domains|block-domains|allow-urls|log-level|container-workdir|mount|exclude-env|env-file|env|image-tag|proxy-logs-dir|work-dir)$|^-e$/.test(
            option.text,
          );
        if (option.text === '--allow-domains' && words[i + 1]) {
          w.network.push({
            value: 'allowlist',
            reason: `\`awf --allow-domains\` lets the agent reach only ${words[i + 1]!.text.split(',').length} listed domain(s)`,
            source: ref(option),
          });
        }
        i += valued ? 2 : 1;
      }
      if (words[i]?.text === '--') i++;
      else if (i === words.length - 1 && depth < 3) return readQuotedCommand(words[i]!, ctx, depth, w);
    } else if (
      LAUNCHERS.has(name) ||
      ((name === 'pnpm' || name === 'yarn') && words[i + 1]?.text === 'dlx') ||
      (name === 'npm' && /^(exec|x)$/.test(words[i + 1]?.text ?? '')) ||
      (name === 'pipx' && words[i + 1]?.text === 'run')
    ) {
      i += LAUNCHERS.has(name) ? 1 : 2;
      if (name === 'pipx' && words[i]?.text === 'run') i++;
      let pkg: string | null = null;
      while (i < words.length && words[i]!.text.startsWith('-')) {
        const flagText = words[i]!.text;
        if (/^(-p|--package|--from)$/.test(flagText)) pkg = words[i + 1]?.text ?? null;
        else if (/^--(package|from)=/.test(flagText)) pkg = flagText.slice(flagText.indexOf('=') + 1);
        i += /^(-p|--package|--from|--python|-c|--call)$/.test(flagText) ? 2 : 1;
      }
      const target = words[i];
      if (!target) return null;
      const mapped = programOfPackage(stripVersion(pkg ?? target.text));
      if (mapped) return recognise(mapped, words[i]!, words.slice(i + 1), ctx, w);
      return recognise(programName(target.text), target, words.slice(i + 1), ctx, w);
    } else if (
      /^python[\d.]*$/.test(name) &&
      words[i + 1]?.text === '-m' &&
      /^openhands\.(resolver\.resolve_\w+|core\.main|cli(\.main)?)$/.test(words[i + 2]?.text ?? '')
    ) {
      const run = emptyRun({
        agent: 'openhands',
        step: ctx.step,
        file: ctx.file,
        at: ref(words[i + 2]!),
        signal: `run: python -m ${words[i + 2]!.text}`,
        via: 'cli',
        action: null,
      });
      return finish(run, 'openhands', parseArgs(words.slice(i + 3), mainProgram('openhands')!.args), ctx, w);
    } else {
      return recognise(name, word, words.slice(i + 1), ctx, w);
    }
  }
  return null;
}

/** A command written as one quoted word (`bash -c "claude -p x"`, `awf '…'`), read at its offsets. */
function readQuotedCommand(inner: Word, ctx: CliContext, depth: number, w: Wrapping): AgentRun | null {
  const offset = ctx.at.value.indexOf(inner.text, inner.start);
  const base = offset >= inner.start && offset < inner.end ? offset : inner.start;
  for (const command of splitCommands(inner.text)) {
    const shifted = command.words.map((x) => ({ text: x.text, start: x.start + base, end: x.end + base }));
    const run = readCommand(shifted, ctx, depth + 1, { ...w, inline: new Map(w.inline) });
    if (run) return run;
  }
  return null;
}

function recognise(name: string, word: Word, rest: readonly Word[], ctx: CliContext, w: Wrapping): AgentRun | null {
  const match = programNamed(name);
  if (match) {
    const args = parseArgs(expandVariables(rest, ctx), match.program.args);
    if (!match.program.runsTask(args)) return null;
    const run = emptyRun({
      agent: match.agent,
      step: ctx.step,
      file: ctx.file,
      at: refAt(ctx.at, word.start, word.end),
      signal: `run: ${commandSummary(name, args)}`,
      via: 'cli',
      action: null,
    });
    return finish(run, match.agent, args, ctx, w);
  }
  if (ctx.agentCommands.some((glob) => minimatch(name, glob))) {
    const run = emptyRun({
      agent: 'unknown',
      step: ctx.step,
      file: ctx.file,
      at: refAt(ctx.at, word.start, word.end),
      signal: `run: ${name} (listed in detect.agent-commands)`,
      via: 'cli',
      action: null,
    });
    return finish(run, 'unknown', parseArgs(rest, { valued: new Set() }), ctx, w);
  }
  return null;
}

function finish(
  run: AgentRun,
  agent: string,
  args: ReturnType<typeof parseArgs>,
  ctx: CliContext,
  w: Wrapping,
): AgentRun {
  append(run.isolation, w.isolation);
  append(
    run.network,
    w.network.map((c) => ({ ...c, boundary: true })),
  );
  if (w.isolation.some((c) => c.value !== 'none')) {
    run.filesystem.push({
      value: 'workspace',
      reason: 'the wrapper confines writes to what it exposes',
      source: w.isolation[0]!.source,
      boundary: true,
    });
  }
  append(run.limits, w.limits);
  const flagContext: FlagContext = {
    at: ctx.at,
    env: envLookup(ctx.file, ctx.env, w.inline),
    settingsFile: ctx.settingsFile,
  };
  FLAG_READERS[agent]?.(run, args, flagContext);
  applyFlagFacts(run, agent, args, flagContext);
  const line = ctx.at.value.slice(w.span[0], w.span[1]);
  run.prompts.push({ text: ctx.at, start: w.span[0], end: w.span[1] });
  append(run.envReads, readsThrough(referencedVariables(line), ctx));
  if (agent === 'claude-code' && !run.loads) run.loads = { agent: 'claude-code', sources: null, replaced: false };
  if (agent === 'codex') run.loads = { agent: 'codex', sources: null, replaced: false };
  if (agent === 'gemini-cli') run.loads = { agent: 'gemini-cli', sources: null, replaced: false };
  return run;
}

/** `docker run [options] IMAGE command…`: returns the index of the command, or -1 when there is none. */
function readDockerRun(words: readonly Word[], from: number, w: Wrapping, ref: (word: Word) => SourceRef): number {
  let i = from;
  const escapes: Candidate<'none'>[] = [];
  let runtime: string | null = null;
  while (i < words.length && words[i]!.text.startsWith('-')) {
    const word = words[i]!;
    const eq = word.text.startsWith('--') ? word.text.indexOf('=') : -1;
    const name = eq > 0 ? word.text.slice(0, eq) : word.text;
    const value = eq > 0 ? word.text.slice(eq + 1) : DOCKER_VALUED.has(name) ? (words[i + 1]?.text ?? '') : '';
    if (name === '--privileged')
      escapes.push({
        value: 'none',
        reason: '`docker run --privileged` gives the container the host',
        source: ref(word),
      });
    if (/^(-v|--volume|--mount)$/.test(name) && /docker\.sock|^\/:|source=\/(,|$)/.test(value))
      escapes.push({ value: 'none', reason: `mounting \`${value}\` hands the container the host`, source: ref(word) });
    if (/^--(pid|ipc|uts|userns)$/.test(name) && value === 'host')
      escapes.push({ value: 'none', reason: `\`${name}=host\` shares the host's namespace`, source: ref(word) });
    if (name === '--cap-add' && /^(ALL|SYS_ADMIN)$/i.test(value))
      escapes.push({ value: 'none', reason: `\`--cap-add ${value}\` lets the container escape`, source: ref(word) });
    if (/^--(network|net)$/.test(name) && value === 'none')
      w.network.push({
        value: 'none',
        reason: '`docker run --network none` gives the agent no network',
        source: ref(word),
      });
    if (/^--(network|net)$/.test(name) && value === 'host')
      w.network.push({
        value: 'open',
        reason: "`--network host` puts the container on the runner's network",
        source: ref(word),
      });
    if (name === '--runtime') runtime = value;
    if (/^(-m|--memory|--cpus|--pids-limit)$/.test(name))
      w.limits.push({ value: 'bounded', reason: `\`${name}\` caps the container's resources`, source: ref(word) });
    i += eq < 0 && DOCKER_VALUED.has(name) ? 2 : 1;
  }
  if (i >= words.length - 1) return -1; // an image with no command: nothing to recognise
  const start = ref(words[from - 2]!);
  if (escapes.length > 0) append(w.isolation, escapes);
  else if (runtime && /runsc|gvisor/.test(runtime))
    w.isolation.push({
      value: 'gvisor',
      reason: `\`docker run --runtime ${runtime}\` runs the agent under gVisor`,
      source: start,
    });
  else if (runtime && /kata|firecracker/.test(runtime))
    w.isolation.push({
      value: 'microvm',
      reason: `\`docker run --runtime ${runtime}\` runs the agent in a micro-VM`,
      source: start,
    });
  else w.isolation.push({ value: 'container', reason: '`docker run` starts the agent in a container', source: start });
  return i + 1;
}

function stripVersion(pkg: string): string {
  const at = pkg.lastIndexOf('@');
  return at > 0 ? pkg.slice(0, at) : pkg;
}

function commandSummary(name: string, args: ReturnType<typeof parseArgs>): string {
  const sub =
    args.positionals[0] && /^(exec|e|run)$/.test(args.positionals[0].text) ? ` ${args.positionals[0].text}` : '';
  const mode = args.flags.find((f) => /^(-p|--print|--prompt|-m|--message)$/.test(f.name));
  return `${name}${sub}${mode ? ` ${mode.name}` : ''}`;
}

/** Shell variables a command line reads (`$ISSUE_BODY`, `${TITLE}`). */
/** `PROMPT="…$ISSUE_BODY…"` set earlier in the script: a command reading `$PROMPT` reads `$ISSUE_BODY` too. */
function readsThrough(names: readonly string[], ctx: CliContext): string[] {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = ctx.scriptVarText?.get(name);
    if (text) append(queue, referencedVariables(text.slice(text.indexOf('=') + 1)));
  }
  return [...seen];
}

function referencedVariables(script: string): string[] {
  return [...script.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}
