import { describe, expect, it } from 'vitest';
import { readShell, UNKNOWN, type ShellCommand } from '../../src/shell/index.js';

/** The words of the command named `name` (its program first), UNKNOWN shown as `?`. */
function line(script: string, name: string): string[] {
  const command = readShell(script).commands.find((c: ShellCommand) => c.name === name);
  if (!command) throw new Error(`no ${name} in ${script}`);
  return [command.program, ...command.args].map((w) => w.value.replaceAll(UNKNOWN, '?'));
}

describe('read, mapfile and printf -v set variables from text', () => {
  it.each([
    [
      'a here-string, one name: the whole line',
      "read -r CMD <<< 'claude --yolo -p x'\n$CMD",
      ['claude', '--yolo', '-p', 'x'],
    ],
    [
      'several names: the last takes the rest',
      "read -r A B <<< 'claude  --yolo -p x'\n$A $B",
      ['claude', '--yolo', '-p', 'x'],
    ],
    ['more names than fields: the rest are empty', "read -r A B C <<< 'claude'\n$A $B $C -p x", ['claude', '-p', 'x']],
    ['no name: REPLY', "read <<< 'claude --yolo'\n$REPLY", ['claude', '--yolo']],
    [
      '-a: an array of the fields',
      'read -ra ARGS <<< \'--yolo -p x\'\nclaude "${ARGS[@]}"',
      ['claude', '--yolo', '-p', 'x'],
    ],
    ['-a with a separate value', 'read -r -a ARGS <<< \'--yolo\'\nclaude "${ARGS[@]}"', ['claude', '--yolo']],
    ['a heredoc: its first line', "read -r CMD <<'EOF'\nclaude --yolo\nrm -rf /\nEOF\n$CMD", ['claude', '--yolo']],
    ['without -r a backslash escapes', "read CMD <<< 'claude \\--yolo'\n$CMD", ['claude', '--yolo']],
    ['-d: up to the delimiter', "read -r -d , CMD <<< 'claude,--yolo'\n$CMD", ['claude']],
    ['-p and -t take their values', "read -r -p 'agent? ' -t 5 CMD <<< 'claude --yolo'\n$CMD", ['claude', '--yolo']],
    [
      'mapfile -t: one element per line',
      'mapfile -t A <<\'EOF\'\n--yolo\n-p\nx\nEOF\nclaude "${A[@]}"',
      ['claude', '--yolo', '-p', 'x'],
    ],
    ['readarray without -t keeps each newline', 'readarray A <<< \'--yolo\'\nclaude "${A[@]}"', ['claude', '--yolo\n']],
    ['mapfile -s skips lines', 'mapfile -t -s 1 A <<\'EOF\'\n-p\n--yolo\nEOF\nclaude "${A[@]}"', ['claude', '--yolo']],
    ['printf -v: the formatted text', "printf -v CMD '%s --%s' claude yolo\n$CMD", ['claude', '--yolo']],
    ['a pipe from echo', "echo 'claude --yolo' | read -r CMD\n$CMD", ['claude', '--yolo']],
  ])('%s', (_label, script, words) => {
    const name = words[0]!;
    expect(line(script, name)).toEqual(words);
  });

  it('input nobody knows leaves the variable unknown, not empty', () => {
    const reading = readShell('read -r FLAGS < flags.txt\nclaude $FLAGS -p x');
    const claude = reading.commands.find((c) => c.name === 'claude')!;
    expect(claude.args[0]!.unknown).toBe(true);
    expect(readShell('read -r -u 3 CMD <<< "claude"\nX=1').variables.get('CMD')).toEqual({ values: [], unknown: true });
    expect(readShell('read -ra A <<< "$SECRET"').variables.get('A')?.unknown).toBe(true);
    expect(readShell("printf -v CMD '%d' 3").variables.get('CMD')).toEqual({ values: [], unknown: true });
  });

  it('a read in a pipeline stage or a branch is only possible', () => {
    const piped = readShell('echo claude | read -r CMD\nX=1').variables.get('CMD');
    expect(piped).toEqual({ values: ['claude'], unknown: true });
    const branch = readShell('if x; then read -r CMD <<< claude; fi').variables.get('CMD');
    expect(branch?.unknown).toBe(true);
  });

  it('printf -v prints nothing: a shell it pipes into reads no script', () => {
    expect(readShell("printf -v X 'claude --yolo' | sh").commands.map((c) => c.name)).toEqual(['printf', 'sh']);
  });
});

describe('xargs runs its command with the words it reads', () => {
  it.each([
    ['appended from a pipe', 'echo --yolo -p x | xargs claude', ['claude', '--yolo', '-p', 'x']],
    ['quotes group words', `echo "-p 'a b'" | xargs claude --yolo`, ['claude', '--yolo', '-p', 'a b']],
    ['-I puts each line in place', 'echo claude | xargs -I{} {} --yolo', ['claude', '--yolo']],
    ['-I with a separate string', 'echo --yolo | xargs -I ARG claude ARG -p x', ['claude', '--yolo', '-p', 'x']],
    ['a here-string', 'xargs claude -p x <<< --yolo', ['claude', '-p', 'x', '--yolo']],
    ['input from a file: one unknown word', 'xargs claude -p x < flags.txt', ['claude', '-p', 'x', '?']],
    ['-a FILE: one unknown word', 'xargs -a flags.txt claude -p x', ['claude', '-p', 'x', '?']],
    ['-I with unknown input', 'cat list | xargs -I % claude % -p x', ['claude', '?', '-p', 'x']],
  ])('%s', (_label, script, words) => {
    expect(line(script, 'claude')).toEqual(words);
  });

  it('-I runs one command per input line', () => {
    const lines = readShell("printf 'plan\\nbypassPermissions\\n' | xargs -I M claude --permission-mode M -p x")
      .commands.filter((c) => c.name === 'claude')
      .map((c) => c.args[1]!.value);
    expect(lines).toEqual(['plan', 'bypassPermissions']);
    const many = readShell(`printf '${'a\\n'.repeat(20)}' | xargs -I M claude -p M`);
    expect(many.commands.filter((c) => c.name === 'claude')).toHaveLength(16);
    expect(many.problems.map((p) => p.kind)).toEqual(['cap']);
  });

  it('the command xargs runs does not read its input as a script', () => {
    expect(readShell("echo 'claude --yolo' | xargs sh").commands.map((c) => c.name)).toEqual(['echo', 'sh']);
  });
});

describe('$(…) of literal output is that text', () => {
  it.each([
    ['echo', 'F=$(echo --yolo)\ngemini $F', ['gemini', '--yolo']],
    ['printf', "F=$(printf '%s' -y)\ngemini $F", ['gemini', '-y']],
    ['a heredoc through cat', "F=$(cat <<'EOF'\n--yolo\nEOF\n)\ngemini $F", ['gemini', '--yolo']],
    ['trailing newlines removed', 'F=$(printf \'%s\\n\\n\' --yolo)\ngemini "$F"', ['gemini', '--yolo']],
    ['unknown output stays unknown', 'F=$(echo "$X")\ngemini $F', ['gemini', '?']],
    ['an unknown word after a known one too', 'F=$(printf \'%s %s\' --yolo "$X")\ngemini $F', ['gemini', '?']],
    ['output sent to a file is not the value', 'F=$(echo --yolo > f)\ngemini $F', ['gemini', '?']],
  ])('%s', (_label, script, words) => {
    expect(line(script, 'gemini')).toEqual(words);
  });

  it('words joined for eval are unknown when any of them is', () => {
    const problems = readShell('eval claude "$FLAGS"').problems.map((p) => p.kind);
    expect(problems).toContain('unreadable-string');
  });

  it('a heredoc in a process substitution is the script a shell reads', () => {
    const names = readShell("bash <(cat <<'EOF'\nclaude --yolo\nEOF\n)").commands.map((c) => c.name);
    expect(names).toEqual(['cat', 'bash', 'claude']);
  });
});

describe('IFS', () => {
  it.each([
    ['a comma splits an expansion', 'IFS=,\nA="claude,--yolo"\n$A', ['claude', '--yolo']],
    ['spaces no longer split', "IFS=$'\\n'\nA='claude --yolo'\n$A -p x", ['claude --yolo', '-p', 'x']],
    [
      'doubled non-blank separators make an empty field',
      'IFS=,\nA="--yolo,,-p"\nclaude $A',
      ['claude', '--yolo', '', '-p'],
    ],
    ['empty IFS: no splitting', "IFS=\nA='--yolo -p'\nclaude $A", ['claude', '--yolo -p']],
    ['literal words are not split by IFS', 'IFS=o\nclaude --yolo', ['claude', '--yolo']],
    ['an IFS that is not known: the default', 'IFS="$SEP"\nA="--yolo -p"\nclaude $A', ['claude', '--yolo', '-p']],
  ])('%s', (_label, script, words) => {
    expect(line(script, words[0]!)).toEqual(words);
  });
});
