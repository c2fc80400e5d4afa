import { describe, expect, it } from 'vitest';
import { readShell, UNKNOWN, type ReadShellOptions } from '../../src/shell/index.js';
import { follow } from '../../src/shell/follow.js';

/** Each command as its program and argument values. */
const commands = (script: string, options?: ReadShellOptions): string[][] =>
  readShell(script, options).commands.map((c) => [c.name, ...c.args.map((a) => a.value)]);

const claudeArgs = (script: string, options?: ReadShellOptions): string[][] =>
  commands(script, options)
    .filter(([name]) => name === 'claude')
    .map(([, ...args]) => args);

describe('positional parameters', () => {
  it('binds a function call’s words to "$@", $1 and $# in its body', () => {
    expect(claudeArgs('run() { claude -p "$1" "$#"; }\nrun task two')).toEqual([['-p', 'task', '2']]);
    expect(claudeArgs('run() { claude "$@"; }\nrun --dangerously-skip-permissions -p "a b"')).toEqual([
      ['--dangerously-skip-permissions', '-p', 'a b'],
    ]);
    expect(claudeArgs('function run { claude ${@}; }\nrun --yolo')).toEqual([['--yolo']]);
  });

  it('reads the body at every call, each with its own words', () => {
    expect(claudeArgs('f() { claude "$@"; }\nf -p a\nf --dangerously-skip-permissions -p b')).toEqual([
      ['-p', 'a'],
      ['--dangerously-skip-permissions', '-p', 'b'],
    ]);
  });

  it('reads a function never called once, with parameters nobody knows (never as empty)', () => {
    const [args] = claudeArgs('f() { claude -p "$1"; }\necho done');
    expect(args![0]).toBe('-p');
    expect(args![1]).toContain(UNKNOWN);
  });

  it('reads a function that calls itself once per chain, and stops', () => {
    const found = claudeArgs('f() { claude -p "$1"; f "$@"; }\nf x');
    expect(found).toEqual([['-p', 'x']]);
  });

  it('follows `set --` and `shift`', () => {
    expect(claudeArgs('set -- --yolo -p x\nclaude "$@"')).toEqual([['--yolo', '-p', 'x']]);
    expect(claudeArgs('set -e\nset -- a --yolo\nshift\nclaude "$@"')).toEqual([['--yolo']]);
    expect(claudeArgs('f() { shift 2; claude "$@"; }\nf a b -p c')).toEqual([['-p', 'c']]);
  });

  it('gives a `bash -c` string its name as $0 and the words after it as $1…', () => {
    expect(claudeArgs(`sh -c 'claude "$@"' sh --dangerously-skip-permissions -p t`)).toEqual([
      ['--dangerously-skip-permissions', '-p', 't'],
    ]);
    expect(claudeArgs(`bash -c 'exec "$0" "$@"' claude -p t`)).toEqual([['-p', 't']]);
    // Without words the list is empty, as bash has it.
    expect(claudeArgs(`bash -c 'claude -p x "$@"'`)).toEqual([['-p', 'x']]);
  });

  it('keeps the top-level parameters of a `run:` block unknown unless told', () => {
    const [args] = claudeArgs('claude -p "$1"');
    expect(args![1]).toContain(UNKNOWN);
    expect(claudeArgs('claude -p "$1"', { positional: ['known'] })).toEqual([['-p', 'known']]);
  });
});

describe('following with the words a script is handed', () => {
  const files: Record<string, string> = {
    'ci/agent.sh': '#!/bin/bash\nclaude -p "$@"\n',
    'package.json': JSON.stringify({ scripts: { agent: 'claude -p' } }),
  };
  const followed = (script: string): string[][] =>
    follow({ file: '.github/workflows/w.yml', reading: readShell(script) }, (p) => files[p] ?? null).readings.flatMap(
      (r) => r.reading.commands.filter((c) => c.name === 'claude').map((c) => c.args.map((a) => a.value)),
    );

  it('binds a script’s arguments, however it is invoked', () => {
    expect(followed('bash ci/agent.sh --dangerously-skip-permissions task')).toEqual([
      ['-p', '--dangerously-skip-permissions', 'task'],
    ]);
    expect(followed('./ci/agent.sh --yolo')).toEqual([['-p', '--yolo']]);
  });

  it('reads a script again when a second call hands it other words', () => {
    expect(followed('./ci/agent.sh a\n./ci/agent.sh --dangerously-skip-permissions\n./ci/agent.sh a')).toEqual([
      ['-p', 'a'],
      ['-p', '--dangerously-skip-permissions'],
    ]);
  });

  it('appends what a package runner hands to the script', () => {
    expect(followed('npm run agent -- --dangerously-skip-permissions')).toEqual([
      ['-p', '--dangerously-skip-permissions'],
    ]);
    // npm keeps options before `--` for itself.
    expect(followed('npm run agent --silent')).toEqual([['-p']]);
    expect(followed("pnpm run agent --yolo 'it''s'")).toEqual([['-p', '--yolo', 'its']]);
  });
});

describe('wrappers whose command is not simply after their options', () => {
  const programs = (script: string): string[] => readShell(script).commands.map((c) => c.name);
  it('reads `find -exec`, `su USER -c`, `parallel … :::` and `coproc`', () => {
    expect(claudeArgs('find . -name "*.md" -exec claude -p {} \\;')).toEqual([['-p', '{}']]);
    expect(claudeArgs('find . -type f -execdir claude -p x {} + -exec ls {} \\;')).toEqual([['-p', 'x', '{}']]);
    expect(programs('find . -exec ls {} \\;')).toEqual(['ls']);
    expect(programs('find . -name x')).toEqual(['find']);
    expect(claudeArgs('su runner -c "claude -p hi"')).toEqual([['-p', 'hi']]);
    expect(claudeArgs('su - runner -c "claude -p hi"')).toEqual([['-p', 'hi']]);
    expect(claudeArgs('runuser -u runner -- claude -p hi')).toEqual([['-p', 'hi']]);
    expect(claudeArgs('parallel -j 2 claude -p ::: a b')).toEqual([['-p']]);
    expect(claudeArgs('coproc claude -p hi')).toEqual([['-p', 'hi']]);
  });
  it('runs nothing under `bash -n` or `-o noexec` (a syntax check)', () => {
    for (const script of [
      'bash -n ci/agent.sh',
      'sh -n -c "claude -p x"',
      'bash -o noexec ci/agent.sh',
      'bash -en x.sh',
    ]) {
      const reading = readShell(script);
      expect(reading.invocations, script).toEqual([]);
      expect(
        reading.commands.map((c) => c.name),
        script,
      ).toEqual([reading.commands[0]!.name]);
    }
    expect(readShell('bash -e ci/agent.sh').invocations).toHaveLength(1);
  });
  it('reads a script the block writes and then runs, where it is written', () => {
    const cases = [
      "cat > run.sh <<'EOF'\nclaude --dangerously-skip-permissions -p x\nEOF\nchmod +x run.sh\n./run.sh",
      'script=$(mktemp)\ncat >"$script" <<\'SCRIPT\'\nclaude "$@"\nSCRIPT\nbash "$script" --dangerously-skip-permissions -p x',
      "echo 'claude --dangerously-skip-permissions -p x' > /tmp/a.sh\nbash /tmp/a.sh",
      'tee agent.sh <<EOF\nclaude --dangerously-skip-permissions -p x\nEOF\nsource ./agent.sh',
    ];
    for (const script of cases) {
      const reading = readShell(script);
      const claude = reading.commands.find((c) => c.name === 'claude');
      expect(
        claude?.args.map((a) => a.value),
        script,
      ).toEqual(['--dangerously-skip-permissions', '-p', 'x']);
      expect(reading.invocations, script).toEqual([]);
      // Its words point into the block, where the text is written.
      expect(script.slice(claude!.program.start, claude!.program.end)).toBe('claude');
    }
    // A file written but never run, or run before it is written, is not read as run.
    expect(readShell("./run.sh\ncat > run.sh <<'EOF'\nclaude -p x\nEOF").commands.map((c) => c.name)).toEqual([
      'run.sh',
      'cat',
    ]);
  });
});
