/**
 * From a command's words to what it runs: unwraps the wrappers and launchers of the table, reads
 * scripts handed to a shell (`bash -c`, `eval`, `sh <<EOF`, `echo … | sh`) as scripts of their own,
 * and notes what the command runs from the repository (scripts, package scripts, make targets).
 */
import type { Frame, Reader } from './read.js';
import { callFunction, changePositional, positionalOf, withPositional } from './positional.js';
import { noteAliases, expandedAlias } from './aliases.js';
import { joinFields, sliceField, type Field } from './fields.js';
import { echoOutput } from './printed.js';
import { noteInputBuiltins, withInputWords } from './input-builtins.js';
import {
  BUN_BUILTINS,
  IMPLICIT_SCRIPTS,
  MAKE_VALUED,
  NPM_RUN,
  PACKAGE_BUILTINS,
  PACKAGE_VALUED,
  STDIN_FILES,
  interpreterScript,
} from './runners.js';
import { noteWrittenFile, scratchScript } from './scratch-files.js';
import {
  UNKNOWN,
  type ShellAssignment,
  type ShellCommand,
  type ShellContext,
  type ShellInvocation,
  type ShellRedirect,
  type ShellVia,
  type ShellWord,
  type Span,
} from './types.js';
import { SHELL_PROGRAMS, packageName, programName, wrappersFor, type WrapperSpec } from './wrappers.js';

export type { Field } from './fields.js';

export type Invocation = ShellInvocation;

export interface CommandBase {
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  span: Span;
  context: readonly ShellContext[];
  conditional: boolean;
  frame: Frame;
  stdin: Field | undefined;
}

const isAssignment = (value: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(value);

interface Match {
  spec: WrapperSpec;
  /** Index of the first word after the program and its verbs. */
  next: number;
  options: Field[];
}

function matchSpec(argv: readonly Field[], name: string): Match | null {
  for (const spec of wrappersFor(name)) {
    if (!spec.verbs) return { spec, next: 1, options: [] };
    let i = 1;
    const options: Field[] = [];
    // Options may come before each verb (`docker --context x compose -f a.yml run …`).
    const verbsMatch = spec.verbs.every((spellings) => {
      while (i < argv.length && argv[i]!.word.value.startsWith('-')) {
        const value = argv[i]!.word.value;
        options.push(argv[i]!);
        i += spec.globalValued?.includes(value) ? 2 : 1;
      }
      return spellings.includes(argv[i++]?.word.value ?? '');
    });
    if (verbsMatch) return { spec, next: i, options };
  }
  return null;
}

export function dispatch(reader: Reader, argv: Field[], base: CommandBase, via: ShellVia[] = []): void {
  const program = argv[0];
  if (!program) return;
  // `npx @openai/codex@1.2`: the package's binary runs; without a registry, name it by the package.
  const fromPackage = via.at(-1)?.package === program.word;
  const name = programName(fromPackage ? packageName(program.word.value) : program.word.value);
  const final = (args: Field[], output?: Field): ShellCommand => {
    const command: ShellCommand = {
      program: program.word,
      name,
      args: args.map((a) => a.word),
      assignments: [...reader.prefix.assignments, ...base.assignments],
      redirects: base.redirects,
      via: [...reader.prefix.via, ...via],
      function: reader.functions.has(program.word.value),
      context: base.context,
      ...base.span,
    };
    reader.report(command, output);
    return command;
  };
  if (reader.functions.has(program.word.value)) {
    final(argv.slice(1));
    callFunction(reader, program.word.value, argv.slice(1), base.context, base.conditional);
    return;
  }
  const aliased = expandedAlias(reader, argv);
  if (aliased) {
    reader.expandingAliases.add(program.word.value);
    try {
      nested(reader, aliased, base, via);
    } finally {
      reader.expandingAliases.delete(program.word.value);
    }
    return;
  }
  if (noteAliases(reader, name, argv.slice(1)) || noteInputBuiltins(reader, name, argv.slice(1), base)) {
    final(argv.slice(1));
    return;
  }
  const match = reader.unwrap ? matchSpec(argv, name) : null;
  if (!match) {
    const output = echoOutput(name, argv.slice(1), base);
    const command = final(argv.slice(1), output);
    noteWrittenFile(reader, name, argv.slice(1), output, base.redirects, base.stdin);
    if (!fromPackage) noteInvocations(reader, command, argv, base, via);
    return;
  }
  const { spec } = match;
  if (spec.execFlags) {
    const ran = execCommands(reader, argv, match.next, spec, base, (options) => [
      ...via,
      viaOf(spec, program, options),
    ]);
    if (!ran) final(argv.slice(1), undefined);
    return;
  }
  const valued = new Set(spec.valued);
  const scriptFlags = new Set(spec.scriptFlags ?? []);
  const packageOptions = new Set(spec.packageOptions ?? []);
  const options = [...match.options];
  const assignments = [...base.assignments];
  let packageField: Field | undefined;
  let script = false;
  let lookup = false;
  let permuted = 0;
  let i = match.next;
  while (i < argv.length) {
    const field = argv[i]!;
    const value = field.word.value;
    if (value === '--') {
      options.push(field);
      i++;
      break;
    }
    if (spec.assignments && isAssignment(value)) {
      const eq = value.indexOf('=');
      assignments.push({ name: value.slice(0, eq), value: field.word, start: field.word.start, end: field.word.end });
      i++;
      continue;
    }
    const isOption =
      (value.startsWith('-') && (value !== '-' || spec.permute !== undefined)) ||
      (spec.kind === 'shell' && /^\+[oO]$/.test(value));
    if (!isOption) {
      // `su USER -c CMD`: getopt lets options follow the user.
      if (permuted < (spec.permute ?? 0) && !script) {
        permuted++;
        i++;
        continue;
      }
      break;
    }
    options.push(field);
    if (spec.lookupOnly?.includes(value)) lookup = true;
    const eq = value.startsWith('--') ? value.indexOf('=') : -1;
    const optionName = eq > 0 ? value.slice(0, eq) : value;
    if (eq > 0) {
      if (packageOptions.has(optionName)) packageField = sliceField(field, eq + 1);
      if (scriptFlags.has(optionName)) {
        nested(reader, sliceField(field, eq + 1), base, [...via, viaOf(spec, program, options, packageField)]);
        return;
      }
      i++;
      continue;
    }
    const arity = spec.arity?.[value];
    if (arity) {
      options.push(...argv.slice(i + 1, i + 1 + arity));
      i += 1 + arity;
      continue;
    }
    if (valued.has(value)) {
      const next = argv[i + 1];
      if (next) options.push(next);
      if (next && packageOptions.has(value)) packageField = next;
      if (scriptFlags.has(value)) script = true;
      i += 2;
      continue;
    }
    if (scriptFlags.has(value)) {
      script = true;
      i++;
      continue;
    }
    if (!value.startsWith('--') && value.length > 2) {
      // A cluster of short options (`-lc`, `-euxo pipefail`, `-uroot`).
      const letters = value.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const option = `-${letters[k]}`;
        if (scriptFlags.has(option)) script = true;
        if (valued.has(option)) {
          if (k === letters.length - 1) {
            const next = argv[i + 1];
            if (next) options.push(next);
            if (next && packageOptions.has(option)) packageField = next;
            i++;
          } else if (packageOptions.has(option)) packageField = sliceField(field, k + 2);
          break;
        }
      }
    }
    i++;
  }
  const step = (pkg?: Field): ShellVia => viaOf(spec, program, options, pkg);
  // `bash -n x.sh`, `sh -o noexec -c …`: the shell only checks the syntax; nothing runs.
  if (lookup || (spec.kind === 'shell' && noExec(options))) {
    final(argv.slice(1));
    return;
  }
  if (spec.kind === 'eval') {
    const words = argv.slice(i); // after its options (`watch -n 1 …`, `eval -- …`)
    if (words.length > 0) nested(reader, joinFields(words), base, [...via, step()]);
    return;
  }
  if (script) {
    const text = argv[i];
    // `bash -c 'SCRIPT' NAME A B`: NAME is `$0`, A and B are `$1` and `$2` inside SCRIPT.
    if (text && spec.kind === 'shell')
      withPositional(
        reader,
        positionalOf(argv.slice(i + 2)),
        () => nested(reader, text, { ...base, assignments }, [...via, step()]),
        argv[i + 1]?.word.value,
      );
    else if (text) nested(reader, text, { ...base, assignments }, [...via, step()]);
    else final(argv.slice(1));
    return;
  }
  i += Math.min(spec.skip ?? 0, argv.length - i);
  if (spec.kind === 'shell') {
    const command = final(argv.slice(1));
    // `bash -s -- ARGS <<EOF`: the script is stdin and the words after the options are its arguments.
    const fromStdin = options.some((o) => /^-[A-Za-z]*s[A-Za-z]*$/.test(o.word.value));
    const written = i < argv.length && !fromStdin ? writtenScript(reader, argv[i]!.word) : undefined;
    if (written) runScratch(reader, written, argv.slice(i + 1), base, [...via, step()]);
    else if (i < argv.length && !fromStdin) {
      const target = argv[i]!;
      reader.invocations.push({
        kind: 'script',
        command,
        target: target.word,
        cwd: reader.cwd,
        args: argv.slice(i + 1).map((a) => a.word),
      });
    } else if (base.stdin) nested(reader, base.stdin, base, [...via, step()], 'heredoc');
    return;
  }
  if (i >= argv.length) {
    final(argv.slice(1));
    return;
  }
  const target = argv[i]!;
  const pkg = packageField ?? (spec.targetIsPackage ? target : undefined);
  const end = spec.commandEnds ? argv.findIndex((a, k) => k > i && spec.commandEnds!.includes(a.word.value)) : -1;
  const words = end < 0 ? argv.slice(i) : argv.slice(i, end);
  if (spec.appendsInput) {
    // xargs reads its standard input for words: the command it runs does not get it.
    const capped = (lines: number): void =>
      reader.problem(
        'cap',
        base.span,
        `xargs is given more than ${lines} lines: the commands of the rest were not read`,
      );
    for (const command of withInputWords(words, options, base.stdin, capped))
      dispatch(reader, command, { ...base, assignments, stdin: undefined }, [...via, step(pkg)]);
    return;
  }
  dispatch(reader, words, { ...base, assignments }, [...via, step(pkg)]);
}

/** `find … -exec CMD {} ;`: every command between an exec flag and its end word runs. */
function execCommands(
  reader: Reader,
  argv: readonly Field[],
  from: number,
  spec: WrapperSpec,
  base: CommandBase,
  viaFor: (options: readonly Field[]) => ShellVia[],
): boolean {
  const ends = spec.commandEnds ?? [];
  let ran = false;
  for (let i = from; i < argv.length; i++) {
    if (!spec.execFlags!.includes(argv[i]!.word.value)) continue;
    let end = i + 1;
    while (end < argv.length && !ends.includes(argv[end]!.word.value)) end++;
    if (end > i + 1) dispatch(reader, argv.slice(i + 1, end), base, viaFor(argv.slice(from, i)));
    ran = true;
    i = end;
  }
  return ran;
}

function noExec(options: readonly Field[]): boolean {
  return options.some(
    (o, k) =>
      /^-[A-Za-z]*n[A-Za-z]*$/.test(o.word.value) ||
      (/^-[A-Za-z]*o$/.test(o.word.value) && options[k + 1]?.word.value === 'noexec'),
  );
}

function viaOf(spec: WrapperSpec, program: Field, options: readonly Field[], pkg?: Field): ShellVia {
  const name = spec.kind === 'shell' ? `${programName(program.word.value)} -c` : spec.name;
  const out: ShellVia = { name, kind: spec.kind, word: program.word, options: options.map((o) => o.word) };
  if (pkg) {
    out.package = pkg.word;
    out.packageName = packageName(pkg.word.value);
  }
  return out;
}

/** Reads a word's value as a script of its own, its positions mapped back through its characters. */
function nested(
  reader: Reader,
  field: Field,
  base: CommandBase,
  via: ShellVia[],
  context: ShellContext = 'string',
): void {
  const offsets: number[] = [];
  for (const c of field.chars) for (let k = 0; k < c.ch.length; k++) offsets.push(c.at);
  const outer = field.frame;
  const frame: Frame = {
    text: field.chars.map((c) => c.ch).join(''),
    toFile: (i) => {
      const at = offsets[i];
      return at === undefined || at < 0 ? -1 : outer.toFile(at);
    },
    fallback: { start: field.word.start, end: field.word.end },
    depth: outer.depth + 1,
  };
  if (field.word.unknown)
    reader.problem(
      'unreadable-string',
      field.word,
      'part of this script is not known before it runs; the commands in it cannot all be judged',
    );
  const saved = reader.prefix;
  reader.prefix = { via: [...saved.via, ...via], assignments: [...saved.assignments, ...base.assignments] };
  try {
    reader.readText(frame, [context, ...base.context], base.conditional);
  } finally {
    reader.prefix = saved;
  }
}

/** The text a script operand holds when the block wrote it: a file it wrote, or what a `<(…)` there prints. */
const writtenScript = (reader: Reader, word: ShellWord): Field | undefined =>
  scratchScript(reader, word) ?? (word.unknown ? reader.processOutputs.get(word.start) : undefined);

/** A script the block wrote itself, read where its text was written, with the words it is handed. */
function runScratch(reader: Reader, text: Field, args: readonly Field[], base: CommandBase, via: ShellVia[]): void {
  withPositional(reader, positionalOf(args), () => nested(reader, text, base, via, 'heredoc'));
}

function noteInvocations(
  reader: Reader,
  command: ShellCommand,
  argv: readonly Field[],
  base: CommandBase,
  via: ShellVia[],
): void {
  const value = command.program.value;
  const args = argv.slice(1);
  const push = (invocation: Omit<ShellInvocation, 'command' | 'cwd'>): void => {
    reader.invocations.push({ ...invocation, command, cwd: reader.cwd });
  };
  if (changePositional(reader, value, args)) return;
  if (value === 'cd' || value === 'pushd') {
    reader.changeDirectory(args.find((a) => !a.word.value.startsWith('-'))?.word ?? null);
    return;
  }
  if ((value === 'source' || value === '.') && args[0]) {
    // `. /dev/stdin <<'EOF'`: the heredoc (or the pipe into it) is what the shell reads.
    const fromStdin = STDIN_FILES.has(args[0].word.value) ? base.stdin : undefined;
    const written = fromStdin ?? writtenScript(reader, args[0].word);
    if (written) nested(reader, written, base, via, 'heredoc');
    else push({ kind: 'source', target: args[0].word, args: args.slice(1).map((a) => a.word) });
    return;
  }
  const written = scratchScript(reader, command.program);
  if (written && (value.includes('/') || command.program.unknown)) {
    runScratch(reader, written, args, base, via);
    return;
  }
  if (
    (/^(\.{0,2}\/|[^/\s]+\/)/.test(value) && !value.startsWith('/') && value.length > 2) ||
    value.startsWith(`${UNKNOWN}/`)
  ) {
    push({ kind: 'script', target: command.program, args: command.args });
    return;
  }
  const runner = command.name;
  if (runner === 'npm' || runner === 'pnpm' || runner === 'yarn' || runner === 'bun') {
    let i = 0;
    let directory: ShellWord | undefined;
    while (i < args.length && args[i]!.word.value.startsWith('-')) {
      const option = args[i]!.word.value;
      if (PACKAGE_VALUED.has(option)) {
        if (/^(--prefix|-C|--dir|--cwd)$/.test(option)) directory = args[i + 1]?.word;
        i += 2;
      } else i++;
    }
    const verb = args[i]?.word.value;
    if (verb === undefined) return;
    let target: ShellWord | undefined;
    if (NPM_RUN.has(verb)) {
      let k = i + 1;
      while (k < args.length && args[k]!.word.value.startsWith('-'))
        k += PACKAGE_VALUED.has(args[k]!.word.value) ? 2 : 1;
      target = args[k]?.word;
      i = k;
    } else if (IMPLICIT_SCRIPTS.has(verb)) {
      const full = verb === 't' || verb === 'tst' ? 'test' : verb;
      target = { ...args[i]!.word, value: full, alternatives: [full] };
    } else if (runner !== 'npm' && !PACKAGE_BUILTINS.has(verb) && !(runner === 'bun' && BUN_BUILTINS.has(verb)))
      target = args[i]!.word;
    if (!target) return;
    if (runner === 'bun' && /\/|\.(m|c)?[jt]sx?$/.test(target.value)) return;
    const invocation: Omit<ShellInvocation, 'command' | 'cwd'> = {
      kind: 'package-script',
      runner,
      target,
      args: args.slice(i + 1).map((a) => a.word),
    };
    if (directory) invocation.directory = directory;
    push(invocation);
    // `yarn claude …`, `pnpm codex …`: without a script of that name the runner runs the package's
    // binary, so the words are a command line too (a script, if there is one, is followed as well).
    if (target === args[i]!.word && runner !== 'npm')
      dispatch(reader, argv.slice(i + 1), base, [
        ...via,
        { name: `${runner} <bin>`, kind: 'launcher', word: command.program, options: [] },
      ]);
    return;
  }
  const script = interpreterScript(runner, args);
  if (script) {
    // `python ci/agent.py`, `node scripts/review.mjs`: the follower reads what the script launches.
    push({ kind: 'script', runner, target: script.word, args: args.slice(script.index + 1).map((a) => a.word) });
    return;
  }
  if (runner === 'make' || runner === 'gmake') {
    let directory: ShellWord | undefined;
    let file: ShellWord | undefined;
    const targets: ShellWord[] = [];
    for (let i = 0; i < args.length; i++) {
      const option = args[i]!.word.value;
      if (MAKE_VALUED.has(option)) {
        if (option === '-C' || option === '--directory') directory = args[i + 1]?.word;
        if (/^(-f|--file|--makefile)$/.test(option)) file = args[i + 1]?.word;
        i++;
      } else if (/^-j$/.test(option) && /^\d+$/.test(args[i + 1]?.word.value ?? '')) i++;
      else if (!option.startsWith('-') && !isAssignment(option)) targets.push(args[i]!.word);
    }
    for (const target of targets.length > 0 ? targets : [null]) {
      const invocation: Omit<ShellInvocation, 'command' | 'cwd'> = { kind: 'make', runner, target, args: [] };
      if (directory) invocation.directory = directory;
      if (file) invocation.file = file;
      push(invocation);
    }
  }
}

export { SHELL_PROGRAMS };
