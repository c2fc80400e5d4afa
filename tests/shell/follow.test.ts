import { describe, expect, it } from 'vitest';
import { follow, joinPath, readShell, type FollowResult } from '../../src/shell/index.js';

/** Follows `script` (as if written in .github/workflows/ci.yml) through an in-memory repository. */
function run(script: string, files: Record<string, string>, options?: Parameters<typeof follow>[2]): FollowResult {
  const reads: string[] = [];
  const result = follow(
    { file: '.github/workflows/ci.yml', reading: readShell(script) },
    (path) => {
      reads.push(path);
      return files[path] ?? null;
    },
    options,
  );
  return result;
}

const commandsIn = (result: FollowResult): string[] =>
  result.readings.flatMap((r) => r.reading.commands.map((c) => `${r.file}:${c.name}`));

describe('following scripts', () => {
  it('reads a committed script invoked in each way, with positions in that file', () => {
    const agent = '#!/usr/bin/env bash\nset -e\nclaude -p "$1" --dangerously-skip-permissions\n';
    for (const call of [
      './ci/agent.sh x',
      'bash ci/agent.sh x',
      'source ci/agent.sh',
      '. ./ci/agent.sh',
      'sh -c ./ci/agent.sh',
    ]) {
      const result = run(call, { 'ci/agent.sh': agent });
      const reading = result.readings.find((r) => r.file === 'ci/agent.sh');
      expect(reading, call).toBeDefined();
      const claude = reading!.reading.commands.find((c) => c.name === 'claude')!;
      expect(claude.program.start).toBe(agent.indexOf('claude'));
      expect(result.bounds).toEqual([]);
    }
  });

  it('follows scripts that call scripts, relative to the working directory', () => {
    const result = run('cd tools && ./a.sh', {
      'tools/a.sh': 'bash scripts/b.sh',
      'tools/scripts/b.sh': 'codex exec --full-auto',
    });
    expect(commandsIn(result)).toEqual(['tools/a.sh:bash', 'tools/scripts/b.sh:codex']);
    expect(result.readings.map((r) => r.depth)).toEqual([1, 2]);
  });

  it('a cd inside a subshell does not move the script', () => {
    const result = run('(cd web && npm ci); ./a.sh', { 'a.sh': 'claude -p x' });
    expect(commandsIn(result)).toEqual(['a.sh:claude']);
  });

  it('after cd to an unknown directory, guesses the start and says so when that fails', () => {
    expect(commandsIn(run('cd "$GITHUB_WORKSPACE"; ./a.sh', { 'a.sh': 'claude -p x' }))).toEqual(['a.sh:claude']);
    const lost = run('cd "$DIR"; ./gone.sh', {});
    expect(lost.bounds.map((b) => b.kind)).toEqual(['unknown-target']);
  });

  it('resolves a script next to the caller through an unknown directory', () => {
    const result = run('./ci/run.sh', {
      'ci/run.sh': '"$(dirname "$0")/agent.sh"',
      'ci/agent.sh': 'gemini --yolo -p x',
    });
    expect(commandsIn(result)).toContain('ci/agent.sh:gemini');
  });

  it('reports a cycle once and keeps going', () => {
    const result = run('./a.sh', { 'a.sh': './b.sh', 'b.sh': './a.sh\nclaude -p x' });
    expect(commandsIn(result)).toContain('b.sh:claude');
    expect(result.bounds.map((b) => [b.kind, b.file, b.target])).toEqual([['cycle', 'b.sh', 'a.sh']]);
  });

  it('a second call of the same script is not a cycle', () => {
    const result = run('./a.sh; ./a.sh', { 'a.sh': 'claude -p x' });
    expect(result.bounds).toEqual([]);
    expect(result.readings).toHaveLength(1);
  });

  it('reports the depth bound with the invocation it stopped at', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`s${i}.sh`] = `./s${i + 1}.sh`;
    files['s6.sh'] = 'claude -p x';
    const result = run('./s0.sh', files, { maxDepth: 3 });
    expect(result.readings).toHaveLength(3);
    expect(result.bounds.map((b) => [b.kind, b.target])).toEqual([['depth', 's3.sh']]);
  });

  it('reports the readings bound', () => {
    const result = run('./a.sh; ./b.sh; ./c.sh', { 'a.sh': 'x', 'b.sh': 'y', 'c.sh': 'z' }, { maxReadings: 2 });
    expect(result.bounds.map((b) => [b.kind, b.target])).toEqual([['readings', 'c.sh']]);
  });

  it('reports a missing script, an unknown path and a script that is not shell', () => {
    const result = run('./gone.sh; "$SCRIPT_DIR/x.sh"; ./tool.py; ../outside.sh', {
      'tool.py': '#!/usr/bin/env python3\nimport subprocess\n',
    });
    expect(result.bounds.map((b) => b.kind)).toEqual(['missing-file', 'unknown-target', 'not-shell', 'missing-file']);
  });

  it('never reads a file it is not pointed at', () => {
    const reads: string[] = [];
    follow({ file: 'x', reading: readShell('echo hi; claude -p x') }, (p) => (reads.push(p), null));
    expect(reads).toEqual([]);
  });
});

describe('following package scripts', () => {
  const pkg = `{
  "name": "x",
  "scripts": {
    "preagent": "echo start",
    "agent": "claude -p \\"review\\" --permission-mode bypassPermissions",
    "review": "npm run agent",
    "plain": "codex exec --full-auto"
  }
}`;

  it('reads the script with pre and post hooks, positions in package.json', () => {
    const result = run('npm run plain', { 'package.json': pkg });
    const codex = result.readings[0]!.reading.commands[0]!;
    expect(result.readings[0]!.file).toBe('package.json');
    expect(result.readings[0]!.name).toBe('plain');
    expect(pkg.slice(codex.program.start, codex.program.end)).toBe('codex');
    expect(pkg.slice(codex.args[1]!.start, codex.args[1]!.end)).toBe('--full-auto');
    const withPre = run('pnpm agent', { 'package.json': pkg });
    expect(commandsIn(withPre)).toEqual(['package.json:echo', 'package.json:claude']);
  });

  it('follows a script that runs another script, and a prefix directory', () => {
    expect(commandsIn(run('yarn review', { 'package.json': pkg }))).toContain('package.json:claude');
    expect(commandsIn(run('npm --prefix web run plain', { 'web/package.json': pkg }))).toEqual([
      'web/package.json:codex',
    ]);
  });

  it('reports a missing package.json and a missing script', () => {
    expect(run('npm run agent', {}).bounds.map((b) => b.kind)).toEqual(['missing-file']);
    expect(run('npm run nope', { 'package.json': pkg }).bounds.map((b) => [b.kind, b.target])).toEqual([
      ['missing-script', 'nope'],
    ]);
  });
});

describe('following make targets', () => {
  const makefile = [
    'AGENT := claude',
    '.PHONY: review lint all',
    'all: lint',
    '',
    'lint:',
    '\t@eslint .',
    '',
    'review: prepare',
    '\t@$(AGENT) -p "review" \\',
    '\t  --dangerously-skip-permissions',
    '\t-$(MAKE) -C sub agent',
    '',
    'prepare:',
    '\tnpm ci',
    '',
  ].join('\n');

  it('reads the target’s recipe lines and its prerequisites, positions in the Makefile', () => {
    const result = run('make review', { Makefile: makefile, 'sub/Makefile': 'agent:\n\tcodex exec --yolo\n' });
    expect(commandsIn(result)).toEqual(['Makefile:npm', 'Makefile:claude', 'Makefile:make', 'sub/Makefile:codex']);
    const claude = result.readings.flatMap((r) => r.reading.commands).find((c) => c.name === 'claude')!;
    expect(makefile.slice(claude.program.start, claude.program.end)).toBe('$(AGENT)');
    expect(claude.args.map((a) => a.value)).toEqual(['-p', 'review', '--dangerously-skip-permissions']);
  });

  it('runs the first target when none is named', () => {
    expect(commandsIn(run('make', { Makefile: makefile }))).toEqual(['Makefile:eslint']);
  });

  it('reports a missing Makefile and a missing target', () => {
    expect(run('make x', {}).bounds.map((b) => b.kind)).toEqual(['missing-file']);
    expect(run('make nope', { Makefile: makefile }).bounds.map((b) => [b.kind, b.target])).toEqual([
      ['missing-target', 'nope'],
    ]);
  });
});

describe('joinPath', () => {
  it.each([
    ['', './a/b.sh', 'a/b.sh'],
    ['ci', '../x.sh', 'x.sh'],
    ['', '../x.sh', null],
    ['web', 'package.json', 'web/package.json'],
  ])('%s + %s', (dir, path, expected) => {
    expect(joinPath(dir, path)).toBe(expected);
  });
});

describe('a shell reading its script from stdin', () => {
  it('`bash -s -- ARGS` runs the heredoc with ARGS as its arguments, not a script named ARGS', () => {
    const script = 'sudo bash -s -- "$PID" <<\'EOF\'\nclaude -p "$1" --yolo\nEOF\n';
    const reading = readShell(script);
    expect(reading.invocations).toEqual([]);
    expect(reading.commands.map((c) => c.name)).toContain('claude');
    expect(run(script, {}).bounds).toEqual([]);
    // Without -s the first word is the script.
    expect(readShell('bash -x ./ci/run.sh "$PID"').invocations.map((i) => i.target?.value)).toEqual(['./ci/run.sh']);
  });
});

describe('readings shared across calls', () => {
  it('reads a script once for every caller whose variables it does not name, again when they differ', () => {
    const cache = new Map();
    const files = { 'ci/agent.sh': 'claude -p "$PROMPT" $FLAGS\n' };
    const call = (env: Record<string, string>) =>
      follow({ file: 'w.yml', reading: readShell('./ci/agent.sh') }, (p) => files[p as keyof typeof files] ?? null, {
        env,
        cache,
      }).readings[0]!.reading;
    const first = call({ JOB: 'a', FLAGS: '--yolo' });
    expect(call({ JOB: 'b', FLAGS: '--yolo' })).toBe(first);
    expect(cache.size).toBe(1);
    const other = call({ JOB: 'a', FLAGS: '--safe' });
    expect(other).not.toBe(first);
    expect(other.commands[0]!.args.map((a) => a.value)).toContain('--safe');
  });
});

describe('variables into followed scripts', () => {
  it('a sourced file’s variables reach the scripts run after it, and inline assignments reach their command', () => {
    const files = {
      'ci/env.sh': 'export FLAGS="--yolo"\n',
      'ci/run.sh': 'gemini $FLAGS -p "$TASK"\n',
    };
    const argsOf = (script: string) =>
      run(script, files)
        .readings.filter((r) => r.file === 'ci/run.sh')
        .flatMap((r) => r.reading.commands[0]!.args.map((a) => a.value));
    expect(argsOf('source ci/env.sh\n./ci/run.sh')).toContain('--yolo');
    expect(argsOf('TASK=triage ./ci/run.sh')).toContain('triage');
    // Before the source, the variable is not set yet: it is unknown, never `--yolo`.
    expect(argsOf('./ci/run.sh; source ci/env.sh')).not.toContain('--yolo');
  });
});
