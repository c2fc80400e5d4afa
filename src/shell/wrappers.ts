/**
 * The project's one table of programs that run another program: wrappers (`sudo`, `timeout`, `env`),
 * launchers that fetch a package and run it (`npx`, `uvx`, `pnpm dlx`), shells (`bash -c`) and
 * `eval`. Option arities are those of each tool's real parser, so an option's value is never taken
 * for the program.
 */
import type { WrapperKind } from './types.js';
import { ELSEWHERE_WRAPPERS } from './wrappers-elsewhere.js';

export interface WrapperSpec {
  /** Name reported in `via` (`pnpm dlx`, `uv tool run`). */
  name: string;
  kind: WrapperKind;
  /** Program basenames. */
  programs: readonly string[];
  /** Sub-command words after the program, each position with its spellings (`dlx`; `tool`, `run`). */
  verbs?: readonly (readonly string[])[];
  /** Options that take the next word as their value (a short one may also have it attached: `-uroot`). */
  valued: readonly string[];
  /**
   * An OS sandbox around its command (`bwrap`, `firejail`, `sandbox-exec`): the command still runs,
   * and an adapter that judges the boundary's options reads it as a sandbox rather than a wrapper.
   */
  boundary?: 'process';
  /** Standard input adds words to the command (`xargs`): appended, or put in place of `-I`'s string. */
  appendsInput?: true;
  /** Options that take more than one word (`bwrap --bind SRC DEST`), with how many. */
  arity?: Readonly<Record<string, number>>;
  /** Options whose value is the package to run (`npx -p`, `uvx --from`). */
  packageOptions?: readonly string[];
  /** Flags after which the next word is a command line read as a script (`bash -c`, `npx -c`). */
  scriptFlags?: readonly string[];
  /** Positional words before the command (`timeout DURATION`, `gosu USER`). */
  skip?: number;
  /** `NAME=value` words before the command are assignments (`env`, `sudo`). */
  assignments?: boolean;
  /** The first positional is the package to fetch and run (`npx pkg`, `uvx pkg`). */
  targetIsPackage?: boolean;
  /** Options that mean the wrapper runs nothing (`command -v`). */
  lookupOnly?: readonly string[];
  /** Options taken before the verb (`pnpm --filter x exec`, `npm --prefix d exec`). */
  globalValued?: readonly string[];
  /**
   * Runs its command as root unless an option names another user (`sudo`, `doas`; not `su`, whose
   * spec also covers `runuser`, which always names its user).
   */
  asRoot?: true;
  /**
   * Positional words options may still follow, as the tool's getopt permutes them (`su USER -c CMD`);
   * a lone `-` counts as an option there (`su - USER`).
   */
  permute?: number;
  /** The command ends before the first of these words (`parallel CMD ::: ARGS`). */
  commandEnds?: readonly string[];
  /**
   * The command is not after the options but after one of these words, up to one of `commandEnds`
   * (`find . -name x -exec CMD {} ;`); each such command runs.
   */
  execFlags?: readonly string[];
}

const UV_VALUED = [
  '--from',
  '--with',
  '-w',
  '--with-editable',
  '--with-requirements',
  '--python',
  '-p',
  '--index',
  '--index-url',
  '-i',
  '--extra-index-url',
  '--default-index',
  '--find-links',
  '-f',
  '--constraints',
  '-c',
  '--build-constraints',
  '-b',
  '--overrides',
  '--env-file',
  '--directory',
  '--project',
  '--cache-dir',
  '--config-file',
  '--color',
  '--index-strategy',
  '--keyring-provider',
  '--resolution',
  '--prerelease',
  '--exclude-newer',
  '--link-mode',
  '--refresh-package',
  '--reinstall-package',
  '--upgrade-package',
  '-P',
  '--python-platform',
  '--torch-backend',
  '--allow-insecure-host',
];

const NPM_GLOBAL = ['--prefix', '-C', '--dir', '--workspace', '-w', '--filter', '-F', '--cwd', '--userconfig'];

export const WRAPPERS: readonly WrapperSpec[] = [
  // Shells: `-c` makes the first operand a script; `-o`/`-O` take a value.
  {
    name: 'shell',
    kind: 'shell',
    programs: ['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh', 'busybox-sh', 'fish'],
    valued: ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'],
    scriptFlags: ['-c'],
  },
  { name: 'eval', kind: 'eval', programs: ['eval'], valued: [] },
  {
    name: 'sudo',
    kind: 'wrapper',
    programs: ['sudo'],
    valued: [
      '-u',
      '--user',
      '-g',
      '--group',
      '-p',
      '--prompt',
      '-C',
      '--close-from',
      '-h',
      '--host',
      '-r',
      '--role',
      '-t',
      '--type',
      '-U',
      '--other-user',
      '-D',
      '--chdir',
      '-R',
      '--chroot',
      '-T',
      '--command-timeout',
    ],
    assignments: true,
    asRoot: true,
  },
  { name: 'doas', kind: 'wrapper', programs: ['doas'], valued: ['-u', '-C'], asRoot: true },
  {
    name: 'su',
    kind: 'wrapper',
    programs: ['su', 'runuser'],
    valued: ['-u', '-g', '-G', '-s', '--shell', '-w', '--whitelist-environment', '--group', '--supp-group', '--user'],
    scriptFlags: ['-c', '--command', '--session-command'],
    permute: 1,
  },
  {
    name: 'env',
    kind: 'wrapper',
    programs: ['env'],
    valued: [
      '-u',
      '--unset',
      '-C',
      '--chdir',
      '-a',
      '--argv0',
      '--default-signal',
      '--ignore-signal',
      '--block-signal',
    ],
    scriptFlags: ['-S', '--split-string'],
    assignments: true,
  },
  {
    name: 'timeout',
    kind: 'wrapper',
    programs: ['timeout', 'gtimeout'],
    valued: ['-s', '--signal', '-k', '--kill-after'],
    skip: 1,
  },
  { name: 'setsid', kind: 'wrapper', programs: ['setsid'], valued: [] },
  { name: 'nohup', kind: 'wrapper', programs: ['nohup'], valued: [] },
  { name: 'exec', kind: 'wrapper', programs: ['exec'], valued: ['-a'] },
  { name: 'command', kind: 'wrapper', programs: ['command', 'builtin'], valued: [], lookupOnly: ['-v', '-V'] },
  { name: 'nice', kind: 'wrapper', programs: ['nice'], valued: ['-n', '--adjustment'] },
  {
    name: 'ionice',
    kind: 'wrapper',
    programs: ['ionice'],
    valued: ['-c', '--class', '-n', '--classdata', '-p', '-P', '-u'],
  },
  {
    name: 'stdbuf',
    kind: 'wrapper',
    programs: ['stdbuf'],
    valued: ['-i', '--input', '-o', '--output', '-e', '--error'],
  },
  { name: 'time', kind: 'wrapper', programs: ['time'], valued: ['-f', '--format', '-o', '--output'] },
  {
    name: 'xvfb-run',
    kind: 'wrapper',
    programs: ['xvfb-run'],
    valued: [
      '-n',
      '--server-num',
      '-s',
      '--server-args',
      '-f',
      '--auth-file',
      '-e',
      '--error-file',
      '-p',
      '--xauth-protocol',
      '-w',
      '--wait',
    ],
  },
  { name: 'tini', kind: 'wrapper', programs: ['tini', 'tini-static'], valued: ['-p', '-e'] },
  { name: 'dumb-init', kind: 'wrapper', programs: ['dumb-init'], valued: ['-r', '--rewrite'] },
  { name: 'gosu', kind: 'wrapper', programs: ['gosu', 'su-exec', 'chpst'], valued: [], skip: 1 },
  { name: 'unbuffer', kind: 'wrapper', programs: ['unbuffer', 'caffeinate', 'catchsegv', 'chronic'], valued: [] },
  { name: 'taskset', kind: 'wrapper', programs: ['taskset'], valued: [], skip: 1 },
  // `chrt -i 0 CMD`: a priority before the command; `-p` works on a running process, `-m` only prints.
  {
    name: 'chrt',
    kind: 'wrapper',
    programs: ['chrt'],
    valued: ['-T', '--sched-runtime', '-P', '--sched-period', '-D', '--sched-deadline'],
    skip: 1,
    lookupOnly: ['-p', '--pid', '-m', '--max'],
  },
  // `corepack pnpm dlx …`: corepack runs the package manager it is given.
  { name: 'corepack', kind: 'wrapper', programs: ['corepack'], valued: [] },
  // `busybox sh -c …`: the first word is the applet that runs.
  { name: 'busybox', kind: 'wrapper', programs: ['busybox'], valued: [] },
  // `watch -n 1 CMD …` hands its words, joined, to `sh -c`; `trap 'CMD' EXIT` runs its string later.
  { name: 'watch', kind: 'eval', programs: ['watch'], valued: ['-n', '--interval', '-q', '--equexit'] },
  { name: 'trap', kind: 'eval', programs: ['trap'], valued: [], lookupOnly: ['-p', '-l'] },
  {
    name: 'flock',
    kind: 'wrapper',
    programs: ['flock'],
    valued: ['-w', '--timeout', '-E', '--conflict-exit-code'],
    skip: 1,
    scriptFlags: ['-c', '--command'],
  },
  {
    name: 'script',
    kind: 'wrapper',
    programs: ['script'],
    valued: [
      '-E',
      '--echo',
      '-I',
      '--log-in',
      '-O',
      '--log-out',
      '-B',
      '--log-io',
      '-T',
      '--log-timing',
      '-m',
      '--logging-format',
    ],
    scriptFlags: ['-c', '--command'],
  },
  {
    name: 'xargs',
    kind: 'wrapper',
    programs: ['xargs'],
    appendsInput: true,
    valued: [
      '-I',
      '-n',
      '--max-args',
      '-P',
      '--max-procs',
      '-d',
      '--delimiter',
      '-L',
      '--max-lines',
      '-s',
      '--max-chars',
      '-E',
      '-a',
      '--arg-file',
      '--process-slot-var',
    ],
  },
  {
    name: 'parallel',
    kind: 'wrapper',
    programs: ['parallel', 'sem'],
    valued: [
      '-j',
      '--jobs',
      '-P',
      '--max-procs',
      '-S',
      '--sshlogin',
      '--joblog',
      '--results',
      '--delay',
      '--timeout',
      '--retries',
      '-n',
      '--max-args',
      '-N',
      '-d',
      '--delimiter',
      '-a',
      '--arg-file',
      '--colsep',
      '-I',
      '--replace',
      '--tmpdir',
      '--workdir',
      '--id',
    ],
    commandEnds: [':::', '::::', ':::+', '::::+'],
  },
  {
    name: 'find -exec',
    kind: 'wrapper',
    programs: ['find'],
    valued: [],
    execFlags: ['-exec', '-execdir', '-ok', '-okdir'],
    commandEnds: [';', '+'],
  },
  { name: 'coproc', kind: 'wrapper', programs: ['coproc'], valued: [] },
  ...ELSEWHERE_WRAPPERS,
  // Launchers: fetch a package (or use an installed one) and run it.
  {
    name: 'npx',
    kind: 'launcher',
    programs: ['npx', 'pnpx'],
    valued: ['-p', '--package', '--node-options', '-w', '--workspace', '--registry', '--cache', '--userconfig'],
    packageOptions: ['-p', '--package'],
    scriptFlags: ['-c', '--call'],
    targetIsPackage: true,
  },
  {
    name: 'npm exec',
    kind: 'launcher',
    programs: ['npm'],
    verbs: [['exec', 'x']],
    valued: ['-p', '--package', '-w', '--workspace', '--registry', '--cache', '--userconfig', '--prefix'],
    packageOptions: ['-p', '--package'],
    scriptFlags: ['-c', '--call'],
    targetIsPackage: true,
    globalValued: NPM_GLOBAL,
  },
  {
    name: 'pnpm dlx',
    kind: 'launcher',
    programs: ['pnpm'],
    verbs: [['dlx']],
    valued: ['--package', '--allow-build', '--reporter', '--registry'],
    packageOptions: ['--package'],
    scriptFlags: ['-c', '--shell-mode'],
    targetIsPackage: true,
    globalValued: NPM_GLOBAL,
  },
  {
    name: 'pnpm exec',
    kind: 'launcher',
    programs: ['pnpm'],
    verbs: [['exec']],
    valued: ['--filter', '-F', '--resume-from', '--reporter', '--workspace-concurrency'],
    scriptFlags: ['-c', '--shell-mode'],
    globalValued: NPM_GLOBAL,
  },
  {
    name: 'yarn dlx',
    kind: 'launcher',
    programs: ['yarn'],
    verbs: [['dlx']],
    valued: ['-p', '--package'],
    packageOptions: ['-p', '--package'],
    targetIsPackage: true,
    globalValued: NPM_GLOBAL,
  },
  { name: 'yarn exec', kind: 'launcher', programs: ['yarn'], verbs: [['exec']], valued: [], globalValued: NPM_GLOBAL },
  {
    name: 'bunx',
    kind: 'launcher',
    programs: ['bunx'],
    valued: ['-p', '--package'],
    packageOptions: ['-p', '--package'],
    targetIsPackage: true,
  },
  {
    name: 'bun x',
    kind: 'launcher',
    programs: ['bun'],
    verbs: [['x']],
    valued: ['-p', '--package'],
    packageOptions: ['-p', '--package'],
    targetIsPackage: true,
    globalValued: ['--cwd', '-c', '--config'],
  },
  {
    name: 'pipx run',
    kind: 'launcher',
    programs: ['pipx'],
    verbs: [['run']],
    valued: ['--spec', '--python', '--pip-args', '--index-url', '-i', '--backend'],
    packageOptions: ['--spec'],
    targetIsPackage: true,
  },
  {
    name: 'uvx',
    kind: 'launcher',
    programs: ['uvx'],
    valued: UV_VALUED,
    packageOptions: ['--from'],
    targetIsPackage: true,
  },
  {
    name: 'uv tool run',
    kind: 'launcher',
    programs: ['uv'],
    verbs: [['tool'], ['run']],
    valued: UV_VALUED,
    packageOptions: ['--from'],
    targetIsPackage: true,
    globalValued: ['--directory', '--project', '--cache-dir', '--config-file', '--color'],
  },
  {
    name: 'uv run',
    kind: 'launcher',
    programs: ['uv'],
    verbs: [['run']],
    valued: [...UV_VALUED, '--package', '--extra', '--group', '--only-group', '--no-group', '--script', '-s'],
    globalValued: ['--directory', '--project', '--cache-dir', '--config-file', '--color'],
  },
  {
    name: 'poetry run',
    kind: 'launcher',
    programs: ['poetry'],
    verbs: [['run']],
    valued: ['-C', '--directory', '-P', '--project'],
  },
  { name: 'pdm run', kind: 'launcher', programs: ['pdm'], verbs: [['run']], valued: ['-p', '--project'] },
  { name: 'hatch run', kind: 'launcher', programs: ['hatch'], verbs: [['run']], valued: [] },
  {
    name: 'pixi run',
    kind: 'launcher',
    programs: ['pixi'],
    verbs: [['run']],
    valued: ['-e', '--environment', '--manifest-path'],
  },
];

const BY_PROGRAM = new Map<string, WrapperSpec[]>();
for (const spec of WRAPPERS)
  for (const program of spec.programs) BY_PROGRAM.set(program, [...(BY_PROGRAM.get(program) ?? []), spec]);

/** Table rows for a program name (several when the verb decides: `pnpm dlx`, `pnpm exec`). */
export const wrappersFor = (name: string): readonly WrapperSpec[] => BY_PROGRAM.get(name) ?? [];

/** Shells that run a script given as an operand or on standard input. */
export const SHELL_PROGRAMS: ReadonlySet<string> = new Set(WRAPPERS[0]!.programs);

/** `@openai/codex@1.2.3` → `@openai/codex`; `aider-chat==0.8` → `aider-chat`; `git+https://…` unchanged. */
export function packageName(spec: string): string {
  const pip = spec.split(/==|>=|<=|~=|!=|\[/)[0]!;
  const at = pip.lastIndexOf('@');
  return at > 0 ? pip.slice(0, at) : pip;
}

/** `/usr/local/bin/claude` → `claude`; `C:\\tools\\npx.cmd` → `npx`. */
export function programName(value: string): string {
  const base = value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
  return base.replace(/\.(exe|cmd|bat|com)$/i, '');
}

/**
 * Sandbox wrappers: programs that run a command inside a boundary (`awf … -- cmd`, `srt cmd`,
 * `sbx run claude -- args`). The shell reader leaves them as commands of their own; the workflows
 * adapter reads their options with these specs and credits what the boundary really restricts.
 */
export interface SandboxWrapperSpec {
  /** Name shown in reasons (`awf`, `sbx run`). */
  name: string;
  /** What it is, for reasons (`the gh-aw firewall`). */
  title: string;
  programs: readonly string[];
  /** Sub-command words after the program (`sbx run`, `docker sandbox run`). */
  verbs?: readonly (readonly string[])[];
  isolation: 'process' | 'container' | 'microvm';
  /** Options that take the next word as their value (`--opt=value` and attached short values too). */
  valued: readonly string[];
  /** Options whose value is optional (commander's `[value]`): taken only when the next word is no option. */
  optionalValued?: readonly string[];
  /** Options whose value is a comma-separated list of the domains the command may reach. */
  allowlist?: readonly string[];
  /** Options naming a file that holds the network policy (an allowlist file, a JSON/YAML config). */
  policyFiles?: readonly string[];
  /** Bind-mount options (`-v SRC:DST[:ro]`), judged for the host paths they hand the command. */
  mounts?: readonly string[];
  /** Options that take away what the boundary restricts, with what they give the command. */
  weakening?: Readonly<Record<string, { isolation?: 'none'; network?: 'open'; reason: string }>>;
  /** Options that bound the command's time or resources. */
  limits?: readonly string[];
  /** Flags after which the next word is a command line read as a script (`srt -c 'claude …'`). */
  scriptFlags?: readonly string[];
  /** With no `--`, the command may be one quoted word (`awf --allow-domains x 'claude -p …'`). */
  quotedCommand?: boolean;
  /** The first operand is an agent name, its own arguments after `--` (`sbx run claude . -- --continue`). */
  agentOperand?: boolean;
  /** A network allowlist the wrapper applies with no option at all (srt's default config denies every domain). */
  defaultNetwork?: 'none';
  /** Keys of its config file (dotted paths) and the option each one is, for a config written in the step. */
  configKeys?: Readonly<Record<string, string>>;
  /** An option naming the runtime the command runs under, with the stronger isolation each named runtime gives. */
  runtimes?: { option: string; isolation: Readonly<Record<string, 'gvisor' | 'microvm'>> };
}

/** gh-aw-firewall's `awf [options] -- <command>` (its `docs/usage.md` and `src/cli.ts`). */
const AWF: SandboxWrapperSpec = {
  name: 'awf',
  title: "the gh-aw firewall's container",
  programs: ['awf'],
  isolation: 'container',
  valued: [
    '--config',
    '-d',
    '--allow-domains',
    '--allow-domains-file',
    '--block-domains',
    '--block-domains-file',
    '--log-level',
    '--agent-timeout',
    '--work-dir',
    '--agent-image',
    '--image-registry',
    '--image-tag',
    '--docker-host',
    '-e',
    '--env',
    '--exclude-env',
    '--env-file',
    '-v',
    '--mount',
    '--container-workdir',
    '--container-runtime',
    '--dns-servers',
    '--network-subnet',
    '--upstream-proxy',
    '--proxy-logs-dir',
    '--audit-dir',
    '--session-state-dir',
    '--topology-attach',
    '--allow-host-ports',
    '--allow-host-service-ports',
    '--allow-urls',
    '--copilot-api-target',
    '--openai-api-target',
    '--openai-api-base-path',
    '--anthropic-api-target',
    '--anthropic-api-base-path',
    '--gemini-api-target',
    '--gemini-api-base-path',
    '--anthropic-cache-tail-ttl',
    '--rate-limit-rpm',
    '--rate-limit-rph',
    '--rate-limit-bytes-pm',
    '--difc-proxy-host',
    '--difc-proxy-ca-cert',
    '--ruleset-file',
    '--memory-limit',
    '--pids-limit',
    '--docker-host-path-prefix',
    '--anthropic-api-auth-header',
    '--openai-api-auth-header',
    '--openai-base-url-env',
    '--vertex-api-target',
    '--vertex-api-base-path',
    '--max-cache-misses',
    '--max-model-multiplier',
    '--max-model-multiplier-cap',
    '--max-permission-denied',
    '--security-mode',
    '--cloud-hypervisor-binary',
    '--cloud-hypervisor-kernel',
    '--cloud-hypervisor-rootfs',
    '--cloud-hypervisor-supervisor',
    '--cloud-hypervisor-vcpus',
    '--cloud-hypervisor-memory-mib',
    '--cloud-hypervisor-api-timeout-ms',
    '--cloud-hypervisor-binary-sha256',
    '--cloud-hypervisor-virtiofsd-sha256',
    '--cloud-hypervisor-kernel-sha256',
    '--cloud-hypervisor-rootfs-sha256',
    '--cloud-hypervisor-supervisor-sha256',
  ],
  optionalValued: ['--dns-over-https'],
  allowlist: ['-d', '--allow-domains'],
  policyFiles: ['--config', '--allow-domains-file', '--ruleset-file'],
  mounts: ['-v', '--mount'],
  weakening: {
    '--enable-dind': {
      isolation: 'none',
      network: 'open',
      reason: "`awf --enable-dind` hands the agent the host's Docker socket, so `docker run` escapes the firewall",
    },
  },
  limits: ['--agent-timeout', '--memory-limit', '--pids-limit'],
  quotedCommand: true,
  // gh-aw-firewall src/config-mapper.ts: config-file keys and the options they stand for.
  configKeys: {
    'container.enableDind': '--enable-dind',
    'container.mounts': '--mount',
    'container.containerRuntime': '--container-runtime',
  },
  // `--container-runtime`: gVisor's runsc, Docker sbx and the Cloud Hypervisor preview are micro-VM or user-space kernels.
  runtimes: {
    option: '--container-runtime',
    isolation: { gvisor: 'gvisor', sbx: 'microvm', 'cloud-hypervisor': 'microvm' },
  },
};

/** Anthropic sandbox-runtime's `srt [-d] [-s settings] [-c command] command…` (its `src/cli.ts`). */
const SRT: SandboxWrapperSpec = {
  name: 'srt',
  title: 'an OS sandbox (Anthropic sandbox-runtime)',
  programs: ['srt'],
  isolation: 'process',
  valued: ['-s', '--settings', '--control-fd'],
  policyFiles: ['-s', '--settings'],
  scriptFlags: ['-c'],
  quotedCommand: true,
};

/** Docker Sandboxes: `sbx run|create [flags] AGENT [PATH…] [-- AGENT_ARGS…]` (docs.docker.com/reference/cli/sbx/run). */
const SBX_VALUED = ['--branch', '--cpus', '--kit', '-m', '--memory', '--name', '-t', '--template', '--pull-template'];
const SBX: SandboxWrapperSpec = {
  name: 'sbx run',
  title: 'a Docker Sandboxes micro-VM',
  programs: ['sbx'],
  verbs: [['run', 'create']],
  isolation: 'microvm',
  valued: SBX_VALUED,
  limits: ['--cpus', '-m', '--memory'],
  agentOperand: true,
};

/** The deprecated Docker Desktop plugin `docker sandbox run|create` (docs.docker.com/reference/cli/docker/sandbox/run). */
const DOCKER_SANDBOX: SandboxWrapperSpec = {
  ...SBX,
  name: 'docker sandbox run',
  programs: ['docker'],
  verbs: [['sandbox'], ['run', 'create']],
  valued: [...SBX_VALUED, '-e', '--env', '-v', '--volume', '--credentials'],
  mounts: ['-v', '--volume'],
  weakening: {
    '--mount-docker-socket': {
      isolation: 'none',
      reason: "`docker sandbox run --mount-docker-socket` hands the agent the host's Docker daemon",
    },
  },
};

export const SANDBOX_WRAPPERS: readonly SandboxWrapperSpec[] = [AWF, SRT, SBX, DOCKER_SANDBOX];
