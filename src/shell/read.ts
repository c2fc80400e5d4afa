/**
 * Reads a shell script into every simple command bash would run, in every position: lists,
 * pipelines, compound commands, functions, loops, command substitutions, and the scripts handed
 * to another shell (`bash -c`, `eval`, heredocs and pipes into `sh`). Pure: nothing is executed.
 */
import { maskExpressions, substituteExpressions, type ExpressionValue, type MaskedExpression } from './expressions.js';
import { parseBash, type SyntaxNode } from './parser.js';
import { dispatch, type Field, type Invocation } from './dispatch.js';
import { scratchKey, writtenTexts } from './scratch-files.js';
import {
  UNKNOWN,
  type ReadShellOptions,
  type ShellAssignment,
  type ShellCommand,
  type ShellContext,
  type ShellEnvValue,
  type ShellProblem,
  type ShellReading,
  type ShellRedirect,
  type ShellVia,
  type ShellWord,
  type Span,
  type VariableValue,
} from './types.js';
import { braceExpand, realStart, resolveNode, splitFields, type Char, type Scope } from './words.js';
import {
  positionalList,
  positionalValue,
  readUncalledFunctions,
  zeroValue,
  subFrame,
  type FunctionBody,
  type Positional,
} from './positional.js';

/** Maps offsets of the text being parsed to offsets in the file. */
export interface Frame {
  text: string;
  /** The text as written, where it differs from what is parsed (`${{ … }}` masked). */
  source?: string;
  /** File offset of each code unit of `text`, -1 where it came from a variable. */
  toFile(i: number): number;
  /** Where to point when a character has no place in the file (the enclosing word). */
  fallback: Span;
  depth: number;
}

interface Walk {
  context: ShellContext[];
  /** Inside a branch that may not run: assignments add possibilities instead of replacing. */
  conditional: boolean;
  frame: Frame;
  /** Text a previous pipeline stage writes to this command's standard input, when known. */
  stdin?: Field;
  /** Output redirects of enclosing compounds (`{ …; } >> "$GITHUB_ENV"`), each inner command appending. */
  redirects?: readonly ShellRedirect[];
}

/** A word that is only a list expansion: `"$@"`, `"${@}"`, `"${ARGS[@]}"`. */
const EMPTY_LIST = /^"?\$(?:@|\{@\}|\{[A-Za-z_]\w*\[@\]\})"?$/;

/** Redirects that send standard output to a file. */
const OUTPUT = /^(>|>>|>\||&>|&>>)$/;

const DECLARATIONS = new Set(['export', 'declare', 'local', 'readonly', 'typeset']);

function normaliseEnv(env: ReadShellOptions['env']): Map<string, VariableValue> {
  const out = new Map<string, VariableValue>();
  if (!env) return out;
  const entries: [string, ShellEnvValue][] = env instanceof Map ? [...env] : Object.entries(env);
  for (const [name, value] of entries) {
    if (typeof value === 'string') out.set(name, { values: [value], unknown: false });
    else if (value === null) out.set(name, { values: [], unknown: true });
    else out.set(name, { values: [...value.values], unknown: value.unknown });
  }
  return out;
}

export class Reader {
  readonly commands: ShellCommand[] = [];
  readonly invocations: Invocation[] = [];
  readonly problems: ShellProblem[] = [];
  readonly functions = new Set<string>();
  /** Aliases the script defined (`aliases.ts`), by name: the text each stands for. */
  readonly aliases = new Map<string, Field>();
  /** Aliases being expanded, innermost last: one is not expanded again inside its own text. */
  readonly expandingAliases = new Set<string>();
  /** What each `<(echo …)` prints, by the file offset of its `<(`: a shell or `source` given one reads it. */
  readonly processOutputs = new Map<number, Field>();
  /** Bodies of the functions defined so far, read at each call (`positional.ts`). */
  readonly functionBodies = new Map<string, FunctionBody>();
  /** Files the block wrote, by path, with the text written (`scratch-files.ts`). */
  readonly scratch = new Map<string, Field>();
  /** The functions being called, innermost last. */
  readonly calls: string[] = [];
  /** `$1` … and `"$@"` of the script or function being read; null when they are not known. */
  positional: Positional;
  /** `$0` inside a `bash -c` string handed a name; null elsewhere (unknown). */
  zero: string | null = null;
  /** Array variables the script set, by name; absent when their elements are not known. */
  readonly arrays = new Map<string, string[]>();
  readonly variables: Map<string, VariableValue>;
  readonly maxDepth: number;
  readonly maxCommands: number;
  /** Whether wrappers and launchers are looked through (ReadShellOptions.unwrap). */
  readonly unwrap: boolean;
  private capped = false;
  /** Wrappers and assignments of the command whose script is being read (`sudo bash -c '…'`). */
  prefix: { via: ShellVia[]; assignments: ShellAssignment[] } = { via: [], assignments: [] };

  expressions: MaskedExpression[] = [];
  /** Working directory relative to the start, after the `cd` commands read so far; null when unknown. */
  cwd: string | null = '';

  /** `cd DIR`: a known relative directory is followed, `cd` alone or anything unknown is unknown. */
  changeDirectory(target: ShellWord | null): void {
    if (this.cwd === null) return;
    const value = target?.value;
    if (!value || value.includes(UNKNOWN) || value.startsWith('/') || value.startsWith('~') || value === '-') {
      this.cwd = null;
      return;
    }
    const parts = this.cwd.split('/').filter(Boolean);
    for (const part of value.split('/')) {
      if (!part || part === '.') continue;
      if (part === '..') {
        if (parts.length === 0) {
          this.cwd = null;
          return;
        }
        parts.pop();
      } else parts.push(part);
    }
    this.cwd = parts.join('/');
  }
  readonly base: number;
  readonly expressionValue: ExpressionValue | undefined;

  constructor(options: ReadShellOptions) {
    this.base = options.base ?? 0;
    this.expressionValue = options.expression;
    this.variables = normaliseEnv(options.env);
    this.maxDepth = options.maxDepth ?? 6;
    this.maxCommands = options.maxCommands ?? 5000;
    this.unwrap = options.unwrap ?? true;
    this.positional = options.positional ?? null;
  }

  /** Parses `frame.text` and walks it. */
  readText(frame: Frame, context: ShellContext[], conditional: boolean, stdinDepthCheck = true): void {
    if (stdinDepthCheck && frame.depth > this.maxDepth) {
      this.problem('cap', frame.fallback, `scripts nested more than ${this.maxDepth} deep are not read`);
      return;
    }
    const tree = parseBash(frame.text);
    if (!tree) {
      this.problem('syntax', frame.fallback, 'the script could not be parsed; its commands were not read');
      return;
    }
    try {
      const root = tree.rootNode;
      if (root.hasError) this.reportErrors(root, frame);
      this.walk(root, { context, conditional, frame });
    } finally {
      tree.delete();
    }
  }

  problem(kind: ShellProblem['kind'], span: Span, message: string): void {
    if (this.problems.length < 100) this.problems.push({ kind, message, start: span.start, end: span.end });
  }

  private reportErrors(root: SyntaxNode, frame: Frame): void {
    const errors = root.descendantsOfType('ERROR');
    const missing: SyntaxNode[] = [];
    const visit = (node: SyntaxNode): void => {
      if (missing.length > 20) return;
      if (node.isMissing) missing.push(node);
      else if (node.hasError) for (const child of node.children) visit(child);
    };
    visit(root);
    for (const node of [...errors, ...missing].slice(0, 20)) {
      const span = this.span(node, frame);
      this.problem(
        'syntax',
        span,
        node.isMissing
          ? `bash expects \`${node.type}\` here; the script was read as far as it goes`
          : 'bash cannot parse this part of the script; commands in it may not all be read',
      );
    }
  }

  span(node: SyntaxNode, frame: Frame): Span {
    const startIndex = node.startIndex;
    const start = frame.toFile(realStart(node, frame.text));
    const end = frame.toFile(Math.max(startIndex, node.endIndex - 1));
    if (start < 0 || end < 0) return frame.fallback;
    return { start, end: end + 1 };
  }

  get complete(): boolean {
    return this.problems.length === 0;
  }

  private scope(walk: Walk): Scope {
    return {
      text: walk.frame.text,
      lookup: (name) =>
        positionalValue(this.positional, name) ?? zeroValue(this.zero, name) ?? this.variables.get(name),
      array: (name) => positionalList(this.positional, name) ?? this.arrays.get(name),
      assign: (name, value) => this.assign(name, value, walk.conditional),
      substitution: (node) => this.substitution(node, walk),
      process: (node) => this.processSubstitution(node, walk),
    };
  }

  assign(name: string, value: VariableValue, conditional: boolean): void {
    const previous = this.variables.get(name);
    if (!conditional || !previous) {
      // A first assignment in a branch that may not run: the variable may still be unset (unknown).
      this.variables.set(name, conditional ? { values: value.values, unknown: true } : value);
      return;
    }
    const values = [...new Set([...previous.values, ...value.values])].slice(0, 8);
    this.variables.set(name, { values, unknown: previous.unknown || value.unknown });
  }

  /** `<(echo 'claude …')`: read like any commands; one that only prints literal text keeps that text. */
  private processSubstitution(node: SyntaxNode, walk: Walk): void {
    const before = this.commands.length;
    this.lastOutput = undefined;
    this.walkChildren(node, { ...walk, context: ['process-substitution', ...walk.context] });
    const inner = node.namedChildren.filter((c) => c.type !== 'comment');
    const printed = this.output(before);
    if (node.text.startsWith('<(') && inner.length === 1 && printed)
      this.processOutputs.set(walk.frame.toFile(realStart(node, walk.frame.text)), printed);
  }

  /**
   * `$(command -v x)` and `$(which x)` resolve to `x`, `$(echo …)`, `$(printf …)` and `$(cat <<EOF …)`
   * to the literal text they print (trailing newlines removed); the commands inside are read either way.
   */
  private substitution(node: SyntaxNode, walk: Walk): string | null {
    const before = this.commands.length;
    this.lastOutput = undefined;
    this.walkChildren(node, { ...walk, context: ['substitution', ...walk.context] });
    const inner = node.namedChildren.filter((c) => c.type !== 'comment');
    const printed = this.output(before);
    if (inner.length === 1 && printed && !printed.word.value.includes(UNKNOWN))
      return printed.word.value.replace(/\n+$/, '');
    if (inner.length !== 1 || inner[0]!.type !== 'command') return null;
    const found = this.commands.slice(before);
    const only = found.length === 1 ? found[0]! : null;
    if (!only) return null;
    const args = only.args.map((a) => a.value);
    if ((only.name === 'command' || only.name === 'type') && /^-[vVP]$/.test(args[0] ?? '') && args.length === 2)
      return args[1]!.includes(UNKNOWN) ? null : args[1]!;
    if (only.name === 'which' && args.length === 1) return args[0]!.includes(UNKNOWN) ? null : args[0]!;
    return null;
  }

  walk(node: SyntaxNode, walk: Walk): void {
    if (this.capped) return;
    switch (node.type) {
      case 'comment':
      case 'heredoc_body':
      case 'heredoc_start':
      case 'heredoc_end':
        return;
      case 'command':
        this.command(node, walk, []);
        return;
      case 'redirected_statement':
        this.redirected(node, walk);
        return;
      case 'variable_assignment':
        this.statementAssignment(node, walk);
        return;
      case 'variable_assignments':
        for (const child of node.namedChildren) this.statementAssignment(child, walk);
        return;
      case 'declaration_command':
        this.declaration(node, walk);
        return;
      case 'unset_command':
        for (const child of node.namedChildren.slice(0))
          if (child.type === 'variable_name' || child.type === 'word')
            this.assign(child.text, { values: [''], unknown: false }, walk.conditional);
        return;
      case 'function_definition':
        this.functionDefinition(node, walk);
        return;
      case 'list':
        this.list(node, walk);
        return;
      case 'pipeline':
        this.pipeline(node, walk);
        return;
      case 'if_statement':
      case 'elif_clause':
      case 'else_clause':
      case 'case_statement':
      case 'case_item':
        this.branches(node, walk);
        return;
      case 'while_statement':
      case 'until_statement':
      case 'c_style_for_statement':
        this.walkChildren(node, { ...walk, conditional: true, context: ['loop', ...walk.context] });
        return;
      case 'for_statement':
        this.forLoop(node, walk);
        return;
      case 'subshell': {
        // A `cd` inside `( … )` does not move the script's own working directory.
        const cwd = this.cwd;
        this.walkChildren(node, { ...walk, context: ['subshell', ...walk.context] });
        this.cwd = cwd;
        return;
      }
      case 'process_substitution':
        this.walkChildren(node, { ...walk, context: ['process-substitution', ...walk.context] });
        return;
      case 'command_substitution':
        this.walkChildren(node, { ...walk, context: ['substitution', ...walk.context] });
        return;
      default:
        this.walkChildren(node, walk);
    }
  }

  walkChildren(node: SyntaxNode, walk: Walk): void {
    for (const child of node.namedChildren) this.walk(child, walk);
  }

  private list(node: SyntaxNode, walk: Walk): void {
    // `a && b`, `a || b`: what follows the operator may not run.
    const [first, ...rest] = node.namedChildren;
    if (first) this.walk(first, walk);
    for (const child of rest) this.walk(child, { ...walk, conditional: true });
  }

  private branches(node: SyntaxNode, walk: Walk): void {
    const inner = { ...walk, conditional: true };
    for (const child of node.namedChildren) {
      if (node.type === 'case_statement' && child.type !== 'case_item') {
        this.words([child], inner); // the case value: read its substitutions
        continue;
      }
      if (node.type === 'case_item' && child.type !== 'case_item' && node.childForFieldName('value') === child)
        continue;
      this.walk(child, child.type === 'elif_clause' || child.type === 'else_clause' ? walk : inner);
    }
  }

  private forLoop(node: SyntaxNode, walk: Walk): void {
    const variable = node.childForFieldName('variable');
    const values = node.childrenForFieldName('value');
    const fields = this.words(values, walk);
    if (variable) {
      const known = fields.map((f) => f.word.value).filter((v) => !v.includes(UNKNOWN));
      const unknown = values.length === 0 || fields.some((f) => f.word.unknown);
      this.assign(variable.text, { values: known, unknown }, walk.conditional);
    }
    const body = node.childForFieldName('body');
    if (body) this.walk(body, { ...walk, conditional: true, context: ['loop', ...walk.context] });
  }

  private pipeline(node: SyntaxNode, walk: Walk): void {
    let stdin: Field | undefined;
    const context: ShellContext[] = ['pipeline', ...walk.context];
    for (const child of node.namedChildren) {
      const before = this.commands.length;
      this.walk(child, { ...walk, context, stdin });
      stdin = this.output(before);
    }
  }

  /** What the last command read writes to standard output, when it is literal text (`echo`, `cat <<EOF`). */
  private lastOutput: Field | undefined;
  private output(before: number): Field | undefined {
    const out = this.commands.length === before + 1 ? this.lastOutput : undefined;
    this.lastOutput = undefined;
    return out;
  }

  private redirected(node: SyntaxNode, walk: Walk): void {
    const body = node.childForFieldName('body');
    const redirectNodes = node.childrenForFieldName('redirect');
    const redirects: ShellRedirect[] = [];
    let stdin = walk.stdin;
    const after: SyntaxNode[] = [];
    for (const redirect of redirectNodes) {
      const parsed = this.redirect(redirect, walk);
      if (parsed.redirect) redirects.push(parsed.redirect);
      if (parsed.stdin) stdin = parsed.stdin;
      after.push(...parsed.rest);
    }
    const before = this.commands.length;
    if (body?.type === 'command') this.command(body, { ...walk, stdin }, redirects);
    else if (body) this.walk(body, { ...walk, stdin, redirects: this.enclosingOutput(walk, redirects) });
    // `cat <<EOF | sh`: the grammar puts `| sh` inside the heredoc redirect.
    let pipeStdin = this.output(before);
    for (const rest of after) {
      if (rest.type === 'pipeline') {
        for (const stage of rest.namedChildren) {
          const mark = this.commands.length;
          this.walk(stage, { ...walk, stdin: pipeStdin, context: ['pipeline', ...walk.context] });
          pipeStdin = this.output(mark);
        }
      } else if (rest.type === 'command') {
        this.walk(rest, { ...walk, stdin: pipeStdin, context: ['pipeline', ...walk.context] });
      } else this.walk(rest, { ...walk, conditional: true });
    }
    // `<(cat <<EOF … EOF)`: what the command prints is still the statement's output, unless redirected.
    if (after.length === 0 && !redirects.some((r) => OUTPUT.test(r.operator))) this.lastOutput = pipeStdin;
  }

  private redirect(
    node: SyntaxNode,
    walk: Walk,
  ): { redirect: ShellRedirect | null; stdin?: Field; rest: SyntaxNode[] } {
    const span = this.span(node, walk.frame);
    if (node.type === 'heredoc_redirect') {
      const bodyNode = node.namedChildren.find((c) => c.type === 'heredoc_body');
      const rest = node.namedChildren.filter((c) => !/^heredoc_/.test(c.type) && c.type !== 'file_descriptor');
      const start = node.namedChildren.find((c) => c.type === 'heredoc_start');
      const redirect: ShellRedirect = { operator: node.text.startsWith('<<-') ? '<<-' : '<<', target: null, ...span };
      if (!bodyNode) return { redirect, rest };
      const chars: Char[] = [...bodyNode.text].map((ch, i) => ({ ch, at: bodyNode.startIndex + i, kind: 'quoted' }));
      const field = this.field(chars, bodyNode, walk.frame);
      redirect.target = start ? this.field([], start, walk.frame).word : null;
      return { redirect, stdin: field, rest };
    }
    const operator = node.children.find((c) => !c.isNamed)?.type ?? '';
    const destination = node.childForFieldName('destination') ?? node.namedChildren.at(-1) ?? null;
    const fields = destination && destination.type !== 'file_descriptor' ? this.words([destination], walk) : [];
    const target = fields[0] ?? null;
    const redirect: ShellRedirect = { operator, target: target?.word ?? null, ...span };
    return { redirect, stdin: node.type === 'herestring_redirect' && target ? target : undefined, rest: [] };
  }

  /** The field separators: `IFS` when the script set it to one known value, else bash's default. */
  private ifs(): string | undefined {
    const ifs = this.variables.get('IFS');
    return ifs && !ifs.unknown && ifs.values.length === 1 ? ifs.values[0] : undefined;
  }

  /** A word node's resolved fields (brace expansion and field splitting applied). */
  words(nodes: readonly SyntaxNode[], walk: Walk): Field[] {
    const scope = this.scope(walk);
    const out: Field[] = [];
    for (const node of joinContinuations(nodes, walk.frame.text)) {
      const alternatives = this.substitute(
        node.parts.length === 1 ? resolveNode(node.parts[0]!, scope) : joinParts(node.parts, scope),
        walk.frame,
      );
      const primary = alternatives[0] ?? [];
      const split = (chars: Char[]): Char[][] => splitFields(chars, this.ifs());
      const fields = braceExpand(primary).flatMap(split);
      const others = alternatives.slice(1).map((alt) => braceExpand(alt).flatMap(split));
      const written = walk.frame.text.slice(node.start, node.end);
      // `"$@"` and `"${A[@]}"` of an empty list are no word at all, quoted or not.
      if (fields.length === 1 && fields[0]!.length === 0 && EMPTY_LIST.test(written) && others.length === 0) continue;
      if (fields.length === 1 && fields[0]!.length === 0 && !/["'\\]/.test(written)) {
        // An unquoted expansion that is empty vanishes: `$EMPTY claude` runs claude.
        if (others.every((o) => o.length === 1 && o[0]!.length === 0)) continue;
      }
      fields.forEach((chars, index) => {
        const field = this.field(chars, node.parts[0]!, walk.frame, node.end);
        const alternativeValues = new Set<string>([field.word.value]);
        for (const other of others) {
          const match = other[index];
          if (match) alternativeValues.add(match.map((c) => c.ch).join(''));
        }
        const alternatives = [...alternativeValues];
        field.word = { ...field.word, alternatives, unknown: alternatives.some((a) => a.includes(UNKNOWN)) };
        out.push(field);
      });
    }
    return out;
  }

  field(chars: Char[], node: SyntaxNode, frame: Frame, endIndex = node.endIndex): Field {
    const first = realStart(node, frame.text);
    const start = frame.toFile(first);
    const last = frame.toFile(Math.max(node.startIndex, endIndex - 1));
    const span = start >= 0 && last >= 0 ? { start, end: last + 1 } : frame.fallback;
    const value = chars.map((c) => c.ch).join('');
    const word: ShellWord = {
      value,
      alternatives: [value],
      unknown: value.includes(UNKNOWN),
      text: (frame.source ?? frame.text).slice(first, endIndex),
      ...span,
    };
    return { word, chars, frame };
  }

  private statementAssignment(node: SyntaxNode, walk: Walk): ShellAssignment | null {
    const name = node.childForFieldName('name')?.text ?? node.namedChildren[0]?.text;
    if (!name) return null;
    const valueNode = node.childForFieldName('value');
    const span = this.span(node, walk.frame);
    if (!valueNode) {
      this.assign(name, { values: [''], unknown: false }, walk.conditional);
      return { name, value: null, ...span };
    }
    const scope = this.scope(walk);
    if (valueNode.type === 'array') {
      // `ARGS=(--yolo -p x)`, `ARGS+=(--verbose)`: the elements, each resolved as a word.
      const elements = this.words(valueNode.namedChildren, walk).map((f) => f.word.value);
      const append = /^[A-Za-z_][A-Za-z0-9_]*\+=/.test(walk.frame.text.slice(node.startIndex, valueNode.startIndex));
      const previous = append ? this.arrays.get(name) : [];
      const known = previous !== undefined && !walk.conditional;
      if (known) this.arrays.set(name, [...previous, ...elements]);
      else this.arrays.delete(name);
      this.assign(name, { values: elements.slice(0, 1), unknown: !known || elements.length === 0 }, walk.conditional);
      return { name, value: null, ...span };
    }
    // No field splitting or brace expansion in an assignment's value.
    const alternatives = this.substitute(resolveNode(valueNode, scope, true), walk.frame).map((alt) =>
      alt.map((c) => c.ch).join(''),
    );
    const known = alternatives.filter((a) => !a.includes(UNKNOWN));
    this.assign(name, { values: known, unknown: known.length < alternatives.length }, walk.conditional);
    const field = this.field([], valueNode, walk.frame);
    const word: ShellWord = {
      ...field.word,
      value: alternatives[0] ?? '',
      alternatives,
      unknown: known.length < alternatives.length,
    };
    return { name, value: word, ...span };
  }

  private declaration(node: SyntaxNode, walk: Walk): void {
    for (const child of node.namedChildren) {
      if (child.type === 'variable_assignment') this.statementAssignment(child, walk);
      else if (child.type !== 'variable_name') this.words([child], walk);
    }
  }

  private functionDefinition(node: SyntaxNode, walk: Walk): void {
    const name = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (!body) return;
    if (!name) {
      this.walk(body, { ...walk, conditional: true, context: ['function', ...walk.context] });
      return;
    }
    // Read where it is called, with the call's words (or at the end, if it never is).
    this.functions.add(name);
    this.functionBodies.set(name, {
      frame: subFrame(walk.frame, body.startIndex, body.endIndex),
      context: walk.context,
      called: false,
    });
  }

  /**
   * `{ echo A=1; echo B=2; } > f`: the file is truncated once and every command inside writes to it,
   * so each inner command appends. Files written earlier by the block start empty again here.
   */
  private enclosingOutput(walk: Walk, redirects: readonly ShellRedirect[]): readonly ShellRedirect[] | undefined {
    const output = redirects.filter((r) => r.target && OUTPUT.test(r.operator));
    if (output.length === 0) return walk.redirects;
    for (const r of output) if (!r.operator.includes('>>')) this.scratch.delete(scratchKey(r.target!));
    const appending = output.map((r) => ({ ...r, operator: r.operator.startsWith('&') ? '&>>' : '>>' }));
    return [...(walk.redirects ?? []), ...appending];
  }

  private command(node: SyntaxNode, walk: Walk, redirects: ShellRedirect[]): void {
    const assignments: ShellAssignment[] = [];
    const wordNodes: SyntaxNode[] = [];
    const ownRedirects = [...redirects];
    let stdin = walk.stdin;
    for (const child of node.namedChildren) {
      if (child.type === 'variable_assignment') {
        // `A=1 cmd`: the value is for cmd only, so it must not change the script's variables.
        const saved = new Map(this.variables);
        const assignment = this.statementAssignment(child, walk);
        this.variables.clear();
        for (const [k, v] of saved) this.variables.set(k, v);
        if (assignment) assignments.push(assignment);
      } else if (child.type === 'command_name') wordNodes.push(child.namedChildren[0] ?? child);
      else if (/redirect$/.test(child.type)) {
        const parsed = this.redirect(child, walk);
        if (parsed.redirect) ownRedirects.push(parsed.redirect);
        if (parsed.stdin) stdin = parsed.stdin;
      } else if (child.type !== 'comment') wordNodes.push(child);
    }
    // A command's own output redirect replaces what an enclosing compound gave it.
    if (walk.redirects && !ownRedirects.some((r) => OUTPUT.test(r.operator))) ownRedirects.unshift(...walk.redirects);
    const argv = this.words(wordNodes, walk);
    const span = this.span(node, walk.frame);
    if (argv.length === 0) {
      if (!node.childForFieldName('name')) {
        // Only assignments on the line: they set the script's variables.
        for (const child of node.namedChildren)
          if (child.type === 'variable_assignment') this.statementAssignment(child, walk);
      }
      return;
    }
    if (DECLARATIONS.has(argv[0]!.word.value)) {
      for (const child of node.namedChildren)
        if (child.type === 'variable_assignment') this.statementAssignment(child, walk);
    }
    dispatch(this, argv, {
      assignments,
      redirects: ownRedirects,
      span,
      context: walk.context,
      conditional: walk.conditional,
      frame: walk.frame,
      stdin,
    });
  }

  /** `${{ … }}` runs in a word become the expressions' values (GitHub substitutes them before bash runs). */
  private substitute(alternatives: Char[][], frame: Frame): Char[][] {
    return substituteExpressions(
      alternatives,
      this.expressions,
      (at) => (at < 0 ? -1 : frame.toFile(at) - this.base),
      this.expressionValue,
    );
  }

  /** Called by dispatch for each final command. */
  report(command: ShellCommand, output: Field | undefined): void {
    if (this.commands.length >= this.maxCommands) {
      if (!this.capped)
        this.problem('cap', command, `more than ${this.maxCommands} commands: the rest of the script was not read`);
      this.capped = true;
      return;
    }
    this.commands.push(command);
    this.lastOutput = output;
  }
}

/** tree-sitter splits `cla\<newline>ude` into two words; bash joins them. */
function joinContinuations(
  nodes: readonly SyntaxNode[],
  text: string,
): { parts: SyntaxNode[]; start: number; end: number }[] {
  const out: { parts: SyntaxNode[]; start: number; end: number }[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    const start = node.startIndex;
    const end = node.endIndex;
    if (last && text[last.end] === '\\' && /^\\\r?\n$/.test(text.slice(last.end, start))) {
      last.parts.push(node);
      last.end = end;
      continue;
    }
    out.push({ parts: [node], start, end });
  }
  return out;
}

function joinParts(parts: SyntaxNode[], scope: Scope): Char[][] {
  let out: Char[][] = [[]];
  for (const part of parts) {
    const alternatives = resolveNode(part, scope);
    out = out.flatMap((head) => alternatives.map((tail) => [...head, ...tail])).slice(0, 8);
  }
  return out;
}

/** Reads a script. Never throws: whatever cannot be read is listed in `problems` and `complete` is false. */
export function readShell(script: string, options: ReadShellOptions = {}): ShellReading {
  const base = options.base ?? 0;
  const reader = new Reader(options);
  const masked = maskExpressions(script);
  reader.expressions = masked.expressions;
  const frame: Frame = {
    text: masked.text,
    source: script,
    toFile: (i) => base + Math.max(0, Math.min(i, script.length - 1)),
    fallback: { start: base, end: base + script.length },
    depth: 0,
  };
  try {
    reader.readText(frame, [], false);
    readUncalledFunctions(reader);
  } catch (error) {
    reader.problem('syntax', frame.fallback, `the script could not be read (${(error as Error).message})`);
  }
  return readingOf(reader);
}

export function readingOf(reader: Reader): ShellReading {
  return {
    commands: reader.commands,
    invocations: reader.invocations,
    functions: [...reader.functions],
    complete: reader.complete,
    problems: reader.problems,
    variables: reader.variables,
    written: writtenTexts(reader),
  };
}
