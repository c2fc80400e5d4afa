import { describe, expect, it } from 'vitest';
import { readShell, UNKNOWN, type ReadShellOptions, type ShellWord } from '../../src/shell/index.js';

/** The words of the last command in the script. */
function argv(script: string, options?: ReadShellOptions): ShellWord[] {
  const command = readShell(script, options).commands.at(-1)!;
  return [command.program, ...command.args];
}
const values = (script: string, options?: ReadShellOptions): string[] => argv(script, options).map((w) => w.value);

describe('words as bash joins them', () => {
  it.each([
    [`echo "a"'b'c`, ['echo', 'abc']],
    [`echo $'a\\tb\\x41\\u00e9\\101\\''`, ['echo', "a\tbAéA'"]],
    [`echo a\\ b "c\\"d" 'e\\f'`, ['echo', 'a b', 'c"d', 'e\\f']],
    [`cla\\\nude -p x`, ['claude', '-p', 'x']],
    [`"cla\\\nude" -p`, ['claude', '-p']],
    [`echo --{yolo,safe}`, ['echo', '--yolo', '--safe']],
    [`echo a{1..3}b`, ['echo', 'a1b', 'a2b', 'a3b']],
    [`echo "{a,b}" '{c,d}'`, ['echo', '{a,b}', '{c,d}']],
    [`echo {x,y}{1,2}`, ['echo', 'x1', 'x2', 'y1', 'y2']],
    [`echo $"hi"`, ['echo', 'hi']],
  ])('%s', (script, expected) => {
    expect(values(script)).toEqual(expected);
  });

  it('keeps each word pointed at its source, quotes included', () => {
    const script = `claude --permission-mode "bypass"'Permissions'`;
    const word = argv(script)[2]!;
    expect(word.value).toBe('bypassPermissions');
    expect(script.slice(word.start, word.end)).toBe(`"bypass"'Permissions'`);
    expect(word.text).toBe(`"bypass"'Permissions'`);
  });

  it('points a word split by backslash-newline at both halves', () => {
    const script = 'cla\\\nude -p x';
    const program = argv(script)[0]!;
    expect(program.value).toBe('claude');
    expect([program.start, program.end]).toEqual([0, 8]);
  });
});

describe('variables', () => {
  it('uses assignments made earlier in the script', () => {
    expect(values('AGENT_BIN=claude\n"$AGENT_BIN" -p x')).toEqual(['claude', '-p', 'x']);
    expect(values('export AGENT=codex\n${AGENT} exec')).toEqual(['codex', 'exec']);
    expect(values('declare -x A=gemini; $A --yolo')).toEqual(['gemini', '--yolo']);
    expect(values('readonly M=bypassPermissions\nclaude --permission-mode=$M')).toEqual([
      'claude',
      '--permission-mode=bypassPermissions',
    ]);
  });

  it('uses the caller’s environment (job or workflow env:)', () => {
    expect(values('"$BIN" -p x', { env: { BIN: 'claude' } })).toEqual(['claude', '-p', 'x']);
    expect(values('claude $ARGS', { env: new Map([['ARGS', '--yolo -p x']]) })).toEqual([
      'claude',
      '--yolo',
      '-p',
      'x',
    ]);
  });

  it('splits an unquoted expansion into fields but not a quoted one', () => {
    expect(values('FLAGS="--yolo -p x"; gemini $FLAGS')).toEqual(['gemini', '--yolo', '-p', 'x']);
    expect(values('FLAGS="--yolo -p x"; gemini "$FLAGS"')).toEqual(['gemini', '--yolo -p x']);
  });

  it('drops an empty unquoted expansion but keeps an empty quoted one', () => {
    expect(values('EMPTY=; $EMPTY claude -p x')).toEqual(['claude', '-p', 'x']);
    expect(values('EMPTY=; cl${EMPTY}aude -p x')).toEqual(['claude', '-p', 'x']);
    expect(values('EMPTY=""; echo "$EMPTY" x')).toEqual(['echo', '', 'x']);
  });

  it('an assignment in front of a command is for that command only', () => {
    expect(values('A=codex claude; echo $A')[1]).toBe(UNKNOWN);
  });

  it('resolves $(command -v x) and $(which x) to x', () => {
    expect(values('"$(command -v claude)" -p x')[0]).toBe('claude');
    expect(values('`which codex` exec')[0]).toBe('codex');
    expect(values('BIN=$(command -v gemini); $BIN --yolo')[0]).toBe('gemini');
    expect(values('$(type -P claude) -p')[0]).toBe('claude');
  });

  it('does not know other substitutions', () => {
    const [program] = argv('$(cat agent.txt) -p x');
    expect(program!.unknown).toBe(true);
  });

  it('expands arrays the script builds', () => {
    const script =
      'ARGS=(--model "opus 4" --dangerously-skip-permissions)\nARGS+=(--verbose)\nclaude -p x "${ARGS[@]}"';
    expect(values(script)).toEqual([
      'claude',
      '-p',
      'x',
      '--model',
      'opus 4',
      '--dangerously-skip-permissions',
      '--verbose',
    ]);
    expect(values('A=(a b); echo "${A[1]}" ${A[*]}')).toEqual(['echo', 'b', 'a', 'b']);
    expect(argv('claude "${OUTSIDE[@]}"').at(-1)!.unknown).toBe(true);
    expect(argv('if x; then A=(--yolo); fi; gemini "${A[@]}"').at(-1)!.unknown).toBe(true);
  });

  it('loops over the values of a for loop', () => {
    const reading = readShell('for a in claude codex; do "$a" --yolo; done');
    const word = reading.commands[0]!.program;
    expect(word.alternatives).toEqual(['claude', 'codex']);
  });
});

describe('defaults and unknowns', () => {
  it.each([
    // [script, value, alternatives, unknown]
    ['codex -s ${MODE:-danger-full-access}', 'danger-full-access', ['danger-full-access', UNKNOWN], true],
    ['codex -s ${MODE-danger-full-access}', 'danger-full-access', ['danger-full-access', UNKNOWN], true],
    ['codex -s ${MODE:=danger-full-access}', 'danger-full-access', ['danger-full-access', UNKNOWN], true],
    ['MODE=read-only; codex -s ${MODE:-danger-full-access}', 'read-only', ['read-only'], false],
    ['MODE=; codex -s ${MODE:-danger-full-access}', 'danger-full-access', ['danger-full-access'], false],
    ['MODE=; codex -s "${MODE-danger-full-access}"', '', [''], false],
    ['codex ${YOLO:+--yolo}', '--yolo', ['--yolo', ''], false],
    ['codex -s "${MODE:-"danger-full-access"}"', 'danger-full-access', ['danger-full-access', UNKNOWN], true],
    ['codex -s $MODE', UNKNOWN, [UNKNOWN], true],
    ['codex -s ${MODE/x/y}', UNKNOWN, [UNKNOWN], true],
    ['codex -s ${#MODE}', UNKNOWN, [UNKNOWN], true],
    ['codex -s "--$X-mode"', `--${UNKNOWN}-mode`, [`--${UNKNOWN}-mode`], true],
  ])('%s', (script, value, alternatives, unknown) => {
    const word = argv(script).at(-1)!;
    expect(word.value).toBe(value);
    expect(word.alternatives).toEqual(alternatives);
    expect(word.unknown).toBe(unknown);
  });

  it('takes a null env value as unknown and a VariableValue as its listed values', () => {
    expect(argv('codex -s "$M"', { env: { M: null } }).at(-1)!.unknown).toBe(true);
    const word = argv('codex -s "$M"', {
      env: { M: { values: ['read-only', 'danger-full-access'], unknown: false } },
    }).at(-1)!;
    expect(word.alternatives).toEqual(['read-only', 'danger-full-access']);
    expect(word.unknown).toBe(false);
  });

  it('${VAR:=x} assigns the default for later commands', () => {
    expect(values(': ${AGENT:=claude}; $AGENT -p x')[0]).toBe('claude');
  });

  it('an assignment in a branch keeps the earlier value as a possibility', () => {
    const word = argv('M=read-only\nif [ -n "$CI" ]; then M=danger-full-access; fi\ncodex -s $M').at(-1)!;
    expect(word.alternatives).toEqual(['read-only', 'danger-full-access']);
  });

  it('a first assignment in a branch leaves the variable possibly unset', () => {
    const word = argv('if x; then M=danger-full-access; fi\ncodex -s $M').at(-1)!;
    expect(word.alternatives).toEqual(['danger-full-access', UNKNOWN]);
    expect(word.unknown).toBe(true);
  });
});
