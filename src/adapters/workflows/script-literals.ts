/**
 * Commands a step's script launches, where they are written as literals: `actions/github-script`'s
 * `script:` and `run:` steps whose `shell:` is Python or Node. JavaScript `execSync("…")`,
 * `exec.exec("prog", ["a"])`, `spawn("prog", ["a", "b"])`, `execFile…`, `Bun.spawn([…])`, `new
 * Deno.Command("prog", { args: […] })`; Python `subprocess.run([…])`
 * (and `call`, `check_call`, `check_output`, `Popen`), `os.system("…")`, `os.popen("…")`. A string
 * command is read as the shell would read it; a list is argv. Only literal strings are read (a
 * variable in the list is one word of unknown value; a list whose program is not a literal is not
 * read); nothing is executed, imported or evaluated. The same is read from code handed to an
 * interpreter inline (`node -e`, `python -c`, `deno eval`).
 */
import { Line, type Origin } from './anchor.js';
import { envReadsIn, listAt, literalAt, type Launch, type ScriptLanguage } from './code-literals.js';
import { sdkLaunchesIn } from './sdk-launches.js';
import { agentCommands } from './cli.js';
import type { LineIndex } from '../../documents/positions.js';
import type { KeyPath } from '../../documents/types.js';
import { interpreterOperand, UNKNOWN, type ShellCommand, type ShellWord } from '../../shell/index.js';
import type { AgentRun, TextAt } from './types.js';
import { stepLabel, type Located, type Step } from './workflow.js';

export type { Launch, ScriptLanguage };

const JS_CALL =
  /\b(?:(?:child_process|cp|exec)\s*\.\s*)?(execSync|exec|execFileSync|execFile|spawnSync|spawn|getExecOutput|Deno\s*\.\s*Command)\s*\(/g;
const PY_CALL = /\b(subprocess\s*\.\s*(?:run|call|check_call|check_output|Popen)|os\s*\.\s*(?:system|popen))\s*\(/g;

/** The language a `shell:` value runs the script with, or null for a shell. */
export function scriptLanguage(shell: string | null): ScriptLanguage | null {
  if (!shell) return null;
  const program = shell.trim().split(/\s+/)[0]!.split('/').at(-1)!;
  if (/^python[\d.]*$/.test(program)) return 'python';
  if (/^(node|nodejs|bun|deno)$/.test(program)) return 'javascript';
  return null;
}

/** Every literal launch in a script. */
export function launchesIn(text: string, language: ScriptLanguage): Launch[] {
  const out: Launch[] = [];
  const lists = listAssignments(text, language);
  for (const m of text.matchAll(language === 'python' ? PY_CALL : JS_CALL)) {
    if (out.length >= MAX_LAUNCHES) break;
    const call = m[1]!.replace(/\s+/g, '');
    const after = m.index + m[0].length;
    const first = literalAt(text, after, language);
    // `cmd = ['claude', '-p']` earlier, then `subprocess.run(cmd, …)`: the list the name was last given.
    const list = first ? null : (listAt(text, after, language) ?? namedList(text, after, language, lists));
    if (list && list.length > 0) {
      if (!list[0]!.unknown) out.push({ kind: 'argv', words: list, call });
      continue;
    }
    if (!first) continue;
    // `spawn("prog", ["a"])`, `exec.exec("prog", ["a"])`, `execFile("prog", [...])`: a program and its argv.
    // `new Deno.Command("prog", { args: [...] })`: the argv is the `args` of its options.
    const rest = (call === 'Deno.Command' ? /^\s*,\s*\{[^}]*?\bargs\s*:/ : /^\s*,/).exec(text.slice(first.next));
    const args = rest ? listAt(text, first.next + rest[0].length, language) : null;
    const shellString =
      language === 'python'
        ? /system|popen|shell\s*=\s*True/.test(`${call} ${lineRest(text, first.next)}`)
        : /^(exec|execSync|getExecOutput)$/.test(call);
    const word = { value: first.value, start: first.start, end: first.end };
    if (args) out.push({ kind: 'argv', words: [word, ...args], call });
    else out.push({ kind: shellString ? 'shell' : 'argv', words: [word], call });
  }
  // An agent's SDK the script imports starts the agent's CLI: a launch too (`sdk-launches.ts`).
  return [...out, ...sdkLaunchesIn(text, language)];
}

/** Where each name is assigned a list literal (`cmd = [`, `const args = [`), in order: one pass over the script. */
function listAssignments(text: string, language: ScriptLanguage): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const pattern =
    language === 'python'
      ? /^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?=[[(])/gm
      : /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=\s*(?=\[)/g;
  for (const m of text.matchAll(pattern)) {
    const at = out.get(m[1]!) ?? [];
    if (at.length < MAX_LAUNCHES) at.push(m.index + m[0].length);
    out.set(m[1]!, at);
  }
  return out;
}

/** The list a call's first argument names (`run(cmd, …)`): the last list literal assigned to it before the call. */
function namedList(
  text: string,
  after: number,
  language: ScriptLanguage,
  lists: ReadonlyMap<string, number[]>,
): Launch['words'] | null {
  const name = /^\s*([A-Za-z_$][\w$]*)\s*[,)]/.exec(text.slice(after, after + 200))?.[1];
  const at = name ? lists.get(name)?.findLast((position) => position < after) : undefined;
  return at === undefined ? null : listAt(text, at, language);
}

/** Launches read per script: hostile text stays linear. */
const MAX_LAUNCHES = 1000;

const lineRest = (text: string, from: number): string => text.slice(from, text.indexOf(')', from) + 1 || undefined);

/** A launch as a synthetic command line whose words point back where each is written (`originAt` its offset). */
export function launchLine(launch: Launch, marker: string, originAt: (offset: number) => Origin): Line {
  const line = new Line(marker);
  // A shell string keeps its own words; an argv element is one word whatever it holds.
  // An unknown item is a word the shell cannot know: a quoted command substitution.
  for (const w of launch.words)
    if (w.unknown) line.add('"$(value)"', originAt(w.start));
    else line.add(w.value, originAt(w.start), launch.kind === 'argv');
  return line;
}

/** The language of a repository script by its interpreter (`python3`, `node`) or its extension. */
export function scriptFileLanguage(file: string, interpreter: string | undefined): ScriptLanguage | null {
  return (
    scriptLanguage(interpreter ?? null) ??
    (/\.py$/.test(file) ? 'python' : /\.[cm]?[jt]s$/.test(file) ? 'javascript' : null)
  );
}

/** Where a script's launches are read from: its text, how an offset maps back, and what messages call it. */
interface ScriptSource {
  text: string;
  language: ScriptLanguage;
  marker: string;
  originAt: (offset: number) => Origin;
  /** `the Python script of step 2`, `the Python script ci/agent.py`. */
  name: string;
  /** Environment variables the code that imports this script reads (`script-imports.ts`). */
  envReads?: readonly string[];
}

/** Agent runs a script launches, each reported as launched from it (in the workflow `file`), its literal flags read. */
function launchedRuns(
  source: ScriptSource,
  file: string,
  step: Step,
  env: ReadonlyMap<string, Located<unknown>>,
  agentCommandGlobs: readonly string[],
): AgentRun[] {
  return launchesIn(source.text, source.language).flatMap((launch, i) => {
    const line = launchLine(launch, `${source.marker}:${i}`, source.originAt);
    const runs = agentCommands({
      file: line.marker,
      step,
      at: line.at(),
      env,
      agentCommands: agentCommandGlobs,
      settingsFile: () => false,
    });
    // What the script reads from its environment reaches the agent it launches (`os.environ["ISSUE_BODY"]`).
    const envReads = [...(source.envReads ?? []), ...envReadsIn(source.text, source.language)];
    return runs.map((run) => ({
      ...line.anchor(run),
      envReads: [...run.envReads, ...envReads],
      file,
      signal: `${run.signal.replace(/^run: /, '')}, an agent launched from ${source.name} (\`${launch.call}\`)`,
    }));
  });
}

const languageName = (language: ScriptLanguage): string => (language === 'python' ? 'Python' : 'JavaScript');

/** Agent runs a step's own script launches (`shell: python`, `actions/github-script`). */
export function scriptRuns(
  file: string,
  step: Step,
  script: { path: KeyPath; value: string; language: ScriptLanguage },
  env: ReadonlyMap<string, Located<unknown>>,
  agentCommandGlobs: readonly string[],
): AgentRun[] {
  const source: ScriptSource = {
    text: script.value,
    language: script.language,
    marker: `\0script:${file}:${step.path.join('.')}`,
    originAt: (offset) => ({ kind: 'scalar', file, path: script.path, value: script.value, offset }),
    name: `the ${languageName(script.language)} script of ${stepLabel(step)}`,
  };
  return launchedRuns(source, file, step, env, agentCommandGlobs);
}

/**
 * Agent runs a repository script launches (`python ci/agent.py`, `node scripts/review.mjs`), read as a
 * step's own script is; the runs stay the workflow's, their references point into the script.
 */
export function fileScriptRuns(
  script: { file: string; text: string; lines: LineIndex; language: ScriptLanguage; importedBy?: string },
  workflowFile: string,
  step: Step,
  env: ReadonlyMap<string, Located<unknown>>,
  agentCommandGlobs: readonly string[],
): AgentRun[] {
  const source: ScriptSource = {
    text: script.text,
    language: script.language,
    marker: `\0script-file:${script.file}`,
    originAt: (offset) => ({ kind: 'text', file: script.file, text: script.text, offset, lines: script.lines }),
    name: `the ${languageName(script.language)} script ${script.file}`,
    envReads: script.importedBy === undefined ? [] : envReadsIn(script.importedBy, script.language),
  };
  return launchedRuns(source, workflowFile, step, env, agentCommandGlobs);
}

/** The code a command hands its interpreter inline (`python -c CODE`, `node -e CODE`, `deno eval CODE`), or null. */
export function inlineCode(command: ShellCommand): { word: ShellWord; language: ScriptLanguage; how: string } | null {
  const operand = interpreterOperand(
    command.name,
    command.args.map((a) => a.value),
  );
  return operand?.kind === 'code'
    ? { word: command.args[operand.index]!, language: operand.language, how: operand.option }
    : null;
}

/**
 * Agent runs the inline code of a command launches (`node -e "execSync('claude …')"`), read as a step's
 * own script is; `at` holds the command's words. Positions are exact when the code is one quoted
 * string without escapes, else they point at the code's start.
 */
export function inlineCodeRuns(
  command: ShellCommand,
  at: TextAt,
  workflowFile: string,
  step: Step,
  env: ReadonlyMap<string, Located<unknown>>,
  agentCommandGlobs: readonly string[],
): AgentRun[] {
  const code = inlineCode(command);
  if (!code || code.word.value.includes(UNKNOWN)) return [];
  const raw = at.value.slice(code.word.start, code.word.end);
  const exact = raw.length === code.word.value.length + 2 && raw.slice(1, -1) === code.word.value;
  const start = exact ? code.word.start + 1 : code.word.start;
  const source: ScriptSource = {
    text: code.word.value,
    language: code.language,
    marker: `\0inline:${at.file}:${step.path.join('.')}:${code.word.start}`,
    originAt: (offset) => {
      const where = exact ? start + offset : start;
      return at.lines
        ? { kind: 'text', file: at.file, text: at.value, offset: where, lines: at.lines }
        : { kind: 'scalar', file: at.file, path: at.path, value: at.value, offset: where };
    },
    name: `the inline ${languageName(code.language)} code of \`${command.name} ${code.how}\``,
  };
  return launchedRuns(source, workflowFile, step, env, agentCommandGlobs);
}
