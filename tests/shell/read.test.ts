import { describe, expect, it } from 'vitest';
import { readShell, UNKNOWN, type ReadShellOptions, type ShellCommand } from '../../src/shell/index.js';

/** Finds the command whose program is `name`; fails when there is none. */
function find(script: string, name: string, options?: ReadShellOptions, nth = 0): ShellCommand {
  const reading = readShell(script, options);
  const found = reading.commands.filter((c) => c.name === name);
  if (!found[nth]) throw new Error(`no ${name} in ${JSON.stringify(reading.commands.map((c) => c.name))}`);
  return found[nth]!;
}

const names = (script: string, options?: ReadShellOptions): string[] =>
  readShell(script, options).commands.map((c) => c.name);

describe('every position bash runs a command in', () => {
  const cases: [string, string, string][] = [
    // [label, script, the program text the claude command is found at]
    ['plain', 'claude -p hi', 'claude'],
    ['and list', 'true && claude -p hi', 'claude'],
    ['or list', 'false || claude -p hi', 'claude'],
    ['semicolon', 'echo a; claude -p hi', 'claude'],
    ['pipeline', 'cat x | claude -p hi | tee out', 'claude'],
    ['negated', '! claude -p hi', 'claude'],
    ['background', 'claude -p hi & wait', 'claude'],
    ['group', '{ echo; claude -p hi; }', 'claude'],
    ['subshell', '(cd x && claude -p hi)', 'claude'],
    ['if condition', 'if claude -p hi; then :; fi', 'claude'],
    ['if body', 'if [ -n "$X" ]; then\n  claude -p hi\nfi', 'claude'],
    ['elif', 'if a; then b; elif c; then claude -p hi; fi', 'claude'],
    ['else', 'if a; then b; else claude -p hi; fi', 'claude'],
    ['while', 'while read -r l; do claude -p "$l"; done < f', 'claude'],
    ['until', 'until ok; do claude -p hi; done', 'claude'],
    ['for', 'for i in 1 2; do claude -p "$i"; done', 'claude'],
    ['c for', 'for ((i=0;i<2;i++)); do claude -p hi; done', 'claude'],
    ['case', 'case "$M" in\n  a|b) claude -p hi ;;\n  *) : ;;\nesac', 'claude'],
    ['function body', 'run() { claude -p hi; }\nrun', 'claude'],
    ['function keyword', 'function run { claude -p hi; }', 'claude'],
    ['command substitution', 'OUT=$(claude -p hi)', 'claude'],
    ['backticks', 'OUT=`claude -p hi`', 'claude'],
    ['substitution in string', 'echo "result: $(claude -p hi)"', 'claude'],
    ['process substitution', 'diff <(claude -p hi) b', 'claude'],
    ['redirected', 'claude -p hi > out.txt 2>&1', 'claude'],
    ['assignment prefix', 'FOO=1 BAR="x y" claude -p hi', 'claude'],
    ['absolute path', '/usr/local/bin/claude -p hi', '/usr/local/bin/claude'],
    ['time keyword', 'time claude -p hi', 'claude'],
  ];
  it.each(cases)('%s', (_label, script, programText) => {
    const command = find(script, 'claude');
    expect(command.program.start).toBe(script.indexOf(programText));
    expect(command.program.end).toBe(script.indexOf(programText) + programText.length);
    expect(script.slice(command.program.start, command.program.end)).toBe(programText);
  });

  it('reports a command span covering the whole simple command', () => {
    const script = 'x && claude -p hi --yolo; y';
    const command = find(script, 'claude');
    expect(script.slice(command.start, command.end)).toBe('claude -p hi --yolo');
  });

  it('gives each argument its resolved value and exact position', () => {
    const script = `claude -p "fix it" --permission-mode 'bypassPermissions'`;
    const command = find(script, 'claude');
    expect(command.args.map((a) => [a.value, script.slice(a.start, a.end)])).toEqual([
      ['-p', '-p'],
      ['fix it', '"fix it"'],
      ['--permission-mode', '--permission-mode'],
      ['bypassPermissions', "'bypassPermissions'"],
    ]);
  });

  it('records the enclosing constructs', () => {
    expect(find('x=$(claude -p hi)', 'claude').context).toEqual(['substitution']);
    expect(find('f() { claude; }', 'claude').context).toEqual(['function']);
    expect(find('a | claude', 'claude').context).toEqual(['pipeline']);
  });

  it('adds the base offset to every position', () => {
    const command = find('  claude -p hi', 'claude', { base: 100 });
    expect(command.program.start).toBe(102);
    expect(command.args[1]!.start).toBe(112);
  });
});

describe('wrappers and launchers', () => {
  const cases: [string, string, string, string[]][] = [
    // [script, program text, resolved name, via chain]
    ['sudo -E -u runner claude -p x', 'claude', 'claude', ['sudo']],
    ['sudo -uroot claude -p x', 'claude', 'claude', ['sudo']],
    ['env -i HOME=/tmp -u FOO claude -p x', 'claude', 'claude', ['env']],
    ['timeout 30m claude -p x', 'claude', 'claude', ['timeout']],
    ['timeout -k 5 -s KILL 1h claude -p x', 'claude', 'claude', ['timeout']],
    ['timeout --signal=TERM 60 claude -p x', 'claude', 'claude', ['timeout']],
    ['setsid -f claude -p x', 'claude', 'claude', ['setsid']],
    ['nohup claude -p x &', 'claude', 'claude', ['nohup']],
    ['exec -a agent claude -p x', 'claude', 'claude', ['exec']],
    ['command claude -p x', 'claude', 'claude', ['command']],
    ['nice -n 10 claude -p x', 'claude', 'claude', ['nice']],
    ['stdbuf -oL -e 0 claude -p x', 'claude', 'claude', ['stdbuf']],
    ['xvfb-run -a -s "-screen 0 1x1x24" claude -p x', 'claude', 'claude', ['xvfb-run']],
    ['tini -s -- claude -p x', 'claude', 'claude', ['tini']],
    ['gosu node claude -p x', 'claude', 'claude', ['gosu']],
    ['dumb-init -- claude -p x', 'claude', 'claude', ['dumb-init']],
    ['find . -name x | xargs -I{} -P 4 claude -p {}', 'claude', 'claude', ['xargs']],
    ['sudo -E timeout 5m nohup claude -p x', 'claude', 'claude', ['sudo', 'timeout', 'nohup']],
    ['npx -y @anthropic-ai/claude-code@latest -p x', '@anthropic-ai/claude-code@latest', 'claude-code', ['npx']],
    ['npx --package=@openai/codex codex exec x', 'codex', 'codex', ['npx']],
    ['npm exec --yes -- @google/gemini-cli --yolo', '@google/gemini-cli', 'gemini-cli', ['npm exec']],
    ['pnpm dlx @openai/codex exec x', '@openai/codex', 'codex', ['pnpm dlx']],
    ['pnpm --filter web exec claude -p x', 'claude', 'claude', ['pnpm exec']],
    ['bunx @openai/codex exec x', '@openai/codex', 'codex', ['bunx']],
    ['bun x @openai/codex exec x', '@openai/codex', 'codex', ['bun x']],
    ['yarn dlx -p @openai/codex codex exec x', 'codex', 'codex', ['yarn dlx']],
    ['pipx run --spec aider-chat aider --yes', 'aider', 'aider', ['pipx run']],
    ['uvx --from aider-chat==0.80 aider --yes', 'aider', 'aider', ['uvx']],
    ['uvx --python 3.12 aider-chat --yes', 'aider-chat', 'aider-chat', ['uvx']],
    ['uv tool run --from aider-chat aider --yes', 'aider', 'aider', ['uv tool run']],
    ['uv run --with aider-chat aider --yes', 'aider', 'aider', ['uv run']],
    ['chrt -i 0 claude -p x', 'claude', 'claude', ['chrt']],
    ['chrt --sched-runtime 5 -d 10 claude -p x', 'claude', 'claude', ['chrt']],
    ['busybox nohup claude -p x', 'claude', 'claude', ['busybox', 'nohup']],
    ['corepack pnpm dlx @openai/codex exec x', '@openai/codex', 'codex', ['corepack', 'pnpm dlx']],
    ['yarn claude -p x', 'claude', 'claude', ['yarn <bin>']],
    ['pnpm --dir web codex exec x', 'codex', 'codex', ['pnpm <bin>']],
    ['bun codex exec x', 'codex', 'codex', ['bun <bin>']],
  ];
  it.each(cases)('%s', (script, programText, name, via) => {
    const command = find(script, name);
    expect(script.slice(command.program.start, command.program.end)).toBe(programText);
    expect(command.via.map((v) => v.name)).toEqual(via);
  });

  it('names the package a launcher fetches, without its version', () => {
    const npx = find('npx -y @anthropic-ai/claude-code@1.0.3 -p x', 'claude-code');
    expect(npx.via[0]!.packageName).toBe('@anthropic-ai/claude-code');
    expect(npx.via[0]!.package!.value).toBe('@anthropic-ai/claude-code@1.0.3');
    expect(find('uvx --from aider-chat==0.80 aider', 'aider').via[0]!.packageName).toBe('aider-chat');
    expect(find('npx -p @openai/codex@2 codex exec', 'codex').via[0]!.packageName).toBe('@openai/codex');
  });

  it('keeps the options of a wrapper, and never takes an option value for the program', () => {
    const command = find('sudo -u codex -g agents claude -p x', 'claude');
    expect(command.via[0]!.options.map((o) => o.value)).toEqual(['-u', 'codex', '-g', 'agents']);
    expect(names('timeout -s KILL 10 claude')).toEqual(['claude']);
  });

  it('carries assignments made by env and sudo', () => {
    const command = find('env CLAUDE_CONFIG_DIR=/tmp claude -p x', 'claude');
    expect(command.assignments.map((a) => [a.name, a.value?.value])).toEqual([
      ['CLAUDE_CONFIG_DIR', 'CLAUDE_CONFIG_DIR=/tmp'],
    ]);
  });

  it('reports a wrapper with nothing to run as itself', () => {
    expect(names('sudo -i')).toEqual(['sudo']);
    expect(names('env')).toEqual(['env']);
  });

  it('does not treat command -v as running the program', () => {
    expect(names('command -v claude')).toEqual(['command']);
  });
});

describe('scripts handed to another shell', () => {
  it.each([
    ['bash -c "claude -p hi"', 'bash -c'],
    ["sh -c 'claude -p hi'", 'sh -c'],
    ['bash -lc "claude -p hi"', 'bash -c'],
    ['bash -euxo pipefail -c "claude -p hi"', 'bash -c'],
    ['zsh -c "claude -p hi"', 'zsh -c'],
    ['sudo -u agent bash -c "claude -p hi"', 'bash -c'],
    ['su -c "claude -p hi" agent', 'su'],
    ['eval "claude -p hi"', 'eval'],
    ['npx -c "claude -p hi"', 'npx'],
  ])('%s', (script, via) => {
    const command = find(script, 'claude');
    expect(command.context[0]).toBe('string');
    expect(command.via.map((v) => v.name)).toContain(via);
    // Positions map back into the quoted string.
    expect(script.slice(command.program.start, command.program.end)).toBe('claude');
    expect(script.slice(command.args[1]!.start, command.args[1]!.end)).toBe('hi');
  });

  it('maps positions through escapes inside a double-quoted string', () => {
    const script = 'bash -c "echo \\"x\\" && claude -p \\"a b\\""';
    const command = find(script, 'claude');
    expect(script.slice(command.program.start, command.program.end)).toBe('claude');
    expect(command.args.map((a) => a.value)).toEqual(['-p', 'a b']);
  });

  it('reads nested shells', () => {
    const script = `bash -c "sh -c 'timeout 5 claude -p hi'"`;
    const command = find(script, 'claude');
    expect(command.via.map((v) => v.name)).toEqual(['bash -c', 'sh -c', 'timeout']);
    expect(script.slice(command.program.start, command.program.end)).toBe('claude');
  });

  it('reads eval with several words joined by spaces', () => {
    const command = find('eval claude -p "$P"', 'claude', { env: { P: 'x' } });
    expect(command.args.map((a) => a.value)).toEqual(['-p', 'x']);
  });

  it('reads a heredoc fed to a shell', () => {
    const script = 'bash <<EOF\nclaude -p hi --yolo\nEOF\n';
    const command = find(script, 'claude');
    expect(command.context[0]).toBe('heredoc');
    expect(command.program.start).toBe(script.indexOf('claude'));
  });

  it('reads a quoted, tab-stripped heredoc piped into sh', () => {
    const script = "cat <<-'EOF' | sh\n\tcodex exec --full-auto\n\tEOF\n";
    const command = find(script, 'codex');
    expect(command.program.start).toBe(script.indexOf('codex'));
  });

  it('reads echo piped into bash, and a here-string', () => {
    const script = 'echo "claude -p hi" | bash';
    expect(find(script, 'claude').program.start).toBe(script.indexOf('claude'));
    const here = 'bash <<< "claude -p hi"';
    expect(find(here, 'claude').program.start).toBe(here.indexOf('claude'));
  });

  it.each([
    ["echo 'claude -p hi' | tee run.log | sh", 'claude'],
    [". /dev/stdin <<'EOF'\nclaude -p hi\nEOF\n", 'claude'],
    ['watch -n 5 claude -p hi', 'claude'],
    ["trap 'claude -p hi' EXIT", 'claude'],
    ["bash <(echo 'claude -p hi')", 'claude'],
    ["source <(printf '%s\\n' 'codex exec hi')", 'codex'],
  ])('reads what tee, a sourced standard input, watch, trap and a process substitution run: %s', (script, name) => {
    expect(find(script, name).program.start).toBe(script.indexOf(name));
  });

  it('reads nothing run by chrt -p or trap -p', () => {
    // `chrt -p PRIO PID` changes a running process; `trap -p` prints: neither runs a command.
    expect(readShell('chrt -p 5 claude').commands.map((c) => c.name)).toEqual(['chrt']);
    expect(readShell("trap -p 'claude -p x'").commands.map((c) => c.name)).toEqual(['trap']);
  });

  it('does not read a heredoc given to a program that is not a shell', () => {
    expect(names('cat <<EOF > notes.md\nclaude -p hi\nEOF\n')).toEqual(['cat']);
  });

  it('bounds nesting and says so', () => {
    let script = 'claude -p hi';
    for (let i = 0; i < 8; i++) script = `eval ${JSON.stringify(script)}`;
    const reading = readShell(script, { maxDepth: 3 });
    expect(reading.commands.some((c) => c.name === 'claude')).toBe(false);
    expect(reading.complete).toBe(false);
    expect(reading.problems.some((p) => p.kind === 'cap')).toBe(true);
  });
});

describe('invocations a caller can follow', () => {
  it.each([
    ['./ci/agent.sh --fast', 'script', './ci/agent.sh'],
    ['ci/agent.sh', 'script', 'ci/agent.sh'],
    ['bash ci/agent.sh', 'script', 'ci/agent.sh'],
    ['sh -e ./x.sh', 'script', './x.sh'],
    ['sh -c ./x.sh', 'script', './x.sh'],
    ['source ./env.sh', 'source', './env.sh'],
    ['. scripts/env', 'source', 'scripts/env'],
    ['npm run agent -- --yolo', 'package-script', 'agent'],
    ['npm --prefix web run-script lint', 'package-script', 'lint'],
    ['npm test', 'package-script', 'test'],
    ['pnpm run agent', 'package-script', 'agent'],
    ['pnpm agent', 'package-script', 'agent'],
    ['yarn agent', 'package-script', 'agent'],
    ['bun run agent', 'package-script', 'agent'],
    ['make agent', 'make', 'agent'],
    ['make -C tools -j 4 agent V=1', 'make', 'agent'],
  ])('%s', (script, kind, target) => {
    const invocations = readShell(script).invocations;
    expect(invocations.map((i) => [i.kind, i.target?.value])).toEqual([[kind, target]]);
  });

  it('notes no invocation for installs, builtins and package targets', () => {
    expect(readShell('npm ci; pnpm install; yarn add x; npx @scope/pkg').invocations).toEqual([]);
  });

  it('records the working directory left by earlier cd commands', () => {
    const cwd = (script: string): (string | null)[] => readShell(script).invocations.map((i) => i.cwd);
    expect(cwd('./a.sh; cd ci/tools && ./b.sh; cd ..; ./c.sh')).toEqual(['', 'ci/tools', 'ci']);
    expect(cwd('cd "$HOME"; ./a.sh')).toEqual([null]);
    expect(cwd('(cd sub; ./a.sh); ./b.sh')).toEqual(['sub', '']);
  });

  it('reads make -C and -f', () => {
    const [make] = readShell('make -f ci.mk -C sub').invocations;
    expect(make!.directory!.value).toBe('sub');
    expect(make!.file!.value).toBe('ci.mk');
    expect(make!.target).toBeNull();
  });
});

describe('functions that shadow programs', () => {
  it('reports calls of a function as calls of the function and reads its body', () => {
    const script = 'docker() { podman "$@"; }\ndocker run --privileged img';
    const reading = readShell(script);
    expect(reading.functions).toEqual(['docker']);
    const docker = reading.commands.find((c) => c.name === 'docker')!;
    expect(docker.function).toBe(true);
    expect(reading.commands.find((c) => c.name === 'podman')!.context).toEqual(['function']);
  });

  it('a call before the definition runs the real program', () => {
    const reading = readShell('claude -p x\nclaude() { echo no; }\nclaude -p y');
    expect(reading.commands.filter((c) => c.name === 'claude').map((c) => c.function)).toEqual([false, true]);
  });
});

describe('syntax errors degrade gracefully', () => {
  it.each(['if then (', 'claude -p "unterminated', 'case x in', 'echo $((', 'echo )', 'a && && b'])('%s', (script) => {
    const reading = readShell(script);
    expect(reading.complete).toBe(false);
    expect(reading.problems[0]!.kind).toBe('syntax');
  });

  it('still reads the commands before and after an error', () => {
    const reading = readShell('claude -p one\nif then\ncodex exec two\n');
    expect(reading.complete).toBe(false);
    expect(reading.commands.map((c) => c.name)).toContain('claude');
  });

  it('a well-formed script is complete', () => {
    expect(readShell('a && b | c; if x; then y; fi').complete).toBe(true);
  });
});

describe('unknown values', () => {
  it('marks a variable from outside the script as unknown, never empty', () => {
    const command = find('claude $FLAGS -p x', 'claude');
    expect(command.args[0]!.unknown).toBe(true);
    expect(command.args[0]!.value).toBe(UNKNOWN);
  });

  it('reports an unknown script string as not fully readable', () => {
    const reading = readShell('bash -c "$CMD"');
    expect(reading.complete).toBe(false);
    expect(reading.problems.map((p) => p.kind)).toEqual(['unreadable-string']);
  });
});
