/**
 * Values that can weaken the sandbox but cannot be known from the repository (`${{ vars.MODE }}` as
 * codex-action's `sandbox:`, `${{ secrets.FLAGS }}` in `claude_args`): recorded at the expression,
 * so the `value-not-determinable` rule reports them instead of letting silence pass.
 */
import { flagFactsOf } from '../../agents/index.js';
import type { Undetermined } from '../../model/details/workflow-job.js';
import type { ParsedArgs, Word } from './shell.js';
import type { AgentRun } from './types.js';
import type { Located } from './workflow.js';
import { UNKNOWN } from '../../shell/index.js';

export type { Undetermined };

/** The `${{ … }}` spans of a value that rest on unknown references. */
export function unknownSpans(value: string): { raw: string; start: number; end: number }[] {
  const out: { raw: string; start: number; end: number }[] = [];
  for (const m of value.matchAll(/\$\{\{[\s\S]*?\}\}/g))
    out.push({ raw: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The value with each `${{ }}` replaced by a same-length word, so offsets stay and a parser sees one word. */
export const masked = (value: string): string => value.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => 'x'.repeat(m.length));

/** Records that `what` rests on the unknown references of `value`, once per expression (or per span given). */
export function noteUnknown(
  run: AgentRun,
  file: string,
  value: Located<string>,
  what: string,
  spans: readonly { raw: string }[] = unknownSpans(value.value),
): void {
  if (!value.unknown || value.unknown.length === 0) return;
  for (const span of spans) {
    const refs = value.unknown.filter((u) => span.raw.includes(u));
    const names = refs.length > 0 ? refs : value.unknown;
    const entry: Undetermined = { what, unknown: [...new Set(names)], at: { file, path: value.path, text: span.raw } };
    // Once per expression: an agent's flag reader may already have said what this one decides.
    const same = (u: Undetermined): boolean =>
      JSON.stringify([u.at.path, u.at.text]) === JSON.stringify([entry.at.path, span.raw]);
    if (!run.undetermined.some(same)) noteUndetermined(run, entry);
  }
}

/** Records an undetermined value once per place and meaning. */
export function noteUndetermined(run: AgentRun, entry: Undetermined): void {
  const key = (u: Undetermined): string => JSON.stringify([u.at.file, u.at.path, String(u.at.text ?? ''), u.what]);
  const own = key(entry);
  if (!run.undetermined.some((u) => key(u) === own)) run.undetermined.push(entry);
}

/** Flags whose value can weaken the sandbox: a fact the catalogue lists (not a limit), or a sandbox-shaped name. */
function weakeningFlag(agent: string): (flag: string) => boolean {
  // A limit (`--max-turns`) only bounds the run; its value cannot open the sandbox.
  const factFlags = new Set(flagFactsOf(agent).flatMap((f) => (f.fact === 'limits' ? [] : f.flags)));
  return (flag) => factFlags.has(flag) || WEAKENING_FLAG.test(flag);
}

/**
 * Words of an agent's parsed command line with a part nobody can know: a flag whose name is
 * unknown, the value of a flag that can weaken the sandbox, or an operand (which the caller keeps
 * when the shell splits it, so it can be any flags). `--model ${{ vars.M }}` is none of these.
 */
export function unknownWords(
  agent: string,
  args: ParsedArgs,
): { word: Word; role: 'flag' | 'value' | 'operand'; flag?: string }[] {
  const weakening = weakeningFlag(agent);
  const out: { word: Word; role: 'flag' | 'value' | 'operand'; flag?: string }[] = [];
  for (const f of args.flags) {
    if (f.name.includes(UNKNOWN)) out.push({ word: f.word, role: 'flag' });
    else if (weakening(f.name))
      for (const v of f.values) if (v.text.includes(UNKNOWN)) out.push({ word: v, role: 'value', flag: f.name });
  }
  for (const p of args.positionals) if (p.text.includes(UNKNOWN)) out.push({ word: p, role: 'operand' });
  return out;
}

/** `$(…)` (one level of nested parentheses) or a backtick substitution. */
const SUBSTITUTION = /\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`/g;

/**
 * What a shell word's unknown parts rest on, as written: its variables (`$FLAGS`) and command
 * substitutions (`$(cat flags.txt)`), else the word itself.
 */
export function shellUnknowns(raw: string): string[] {
  const substitutions = [...raw.matchAll(SUBSTITUTION)].map((m) => m[0]);
  const variables = [...raw.replace(SUBSTITUTION, '').matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => `$${m[1]}`);
  const found = [...substitutions, ...variables];
  return found.length > 0 ? [...new Set(found)] : [raw];
}

/** Flag names that can weaken a sandbox, for agents whose catalogue entry lists no fact for them. */
const WEAKENING_FLAG =
  /sandbox|permission|approv|allow|disallow|tools?\b|setting|config|danger|yolo|trust|profile|add-dir|mcp|unsafe|bypass|^-[sca]$/i;

/**
 * Which unknown spans of an args input sit where they can weaken the sandbox: any word that is not
 * a flag's value (a word can be any flag), or the value of a flag that sets a sandbox fact. A value
 * of `--model` or `--max-turns` cannot.
 */
export function weakeningSpans(
  agent: string,
  value: string,
  args: ParsedArgs,
): { raw: string; start: number; end: number }[] {
  const weakening = weakeningFlag(agent);
  const valueOf = new Map<Word, string>();
  for (const f of args.flags) for (const v of f.values) valueOf.set(v, f.name);
  const words = [...args.flags.flatMap((f) => [f.word, ...f.values]), ...args.positionals];
  return unknownSpans(value).filter((span) => {
    const inside = words.filter((w) => w.start < span.end && w.end > span.start);
    if (inside.length === 0) return true;
    return inside.some((w) => {
      const flag = valueOf.get(w);
      return flag === undefined || weakening(flag);
    });
  });
}
