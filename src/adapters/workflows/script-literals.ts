/**
 * Commands a step's script launches, where they are written as literals: `actions/github-script`'s
 * `script:` and `run:` steps whose `shell:` is Python or Node. JavaScript `execSync("…")`,
 * `exec.exec("prog", ["a"])`, `spawn("prog", ["a", "b"])`, `execFile…`; Python `subprocess.run([…])`
 * (and `call`, `check_call`, `check_output`, `Popen`), `os.system("…")`, `os.popen("…")`. A string
 * command is read as the shell would read it; a list is argv. Only literal strings are read (a
 * variable in the list is skipped); nothing is executed, imported or evaluated.
 */
import { Line } from './anchor.js';
import { agentCommands } from './cli.js';
import type { KeyPath } from '../../documents/types.js';
import type { AgentRun } from './types.js';
import { stepLabel, type Located, type Step } from './workflow.js';

export type ScriptLanguage = 'javascript' | 'python';

/** One launch: its words (each a literal at an offset of the script), or one shell string. */
export interface Launch {
  kind: 'shell' | 'argv';
  words: { value: string; start: number; end: number }[];
  /** The call as written (`execSync`, `subprocess.run`), for messages. */
  call: string;
}

const JS_CALL =
  /\b(?:(?:child_process|cp|exec)\s*\.\s*)?(execSync|exec|execFileSync|execFile|spawnSync|spawn|getExecOutput)\s*\(/g;
const PY_CALL = /\b(subprocess\s*\.\s*(?:run|call|check_call|check_output|Popen)|os\s*\.\s*(?:system|popen))\s*\(/g;

/** The language a `shell:` value runs the script with, or null for a shell. */
export function scriptLanguage(shell: string | null): ScriptLanguage | null {
  if (!shell) return null;
  const program = shell.trim().split(/\s+/)[0]!.split('/').at(-1)!;
  if (/^python[\d.]*$/.test(program)) return 'python';
  if (/^(node|nodejs|bun|deno)$/.test(program)) return 'javascript';
  return null;
}

interface Literal {
  value: string;
  /** Offsets of the literal's content (inside the quotes). */
  start: number;
  end: number;
  /** Offset just after the closing quote. */
  next: number;
}

/** A string literal at `at` (after spaces), or null when the text there is not one. */
function literalAt(text: string, at: number, language: ScriptLanguage): Literal | null {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  let raw = false;
  if (language === 'python' && /[rRbBuU]/.test(text[i] ?? '') && /['"]/.test(text[i + 1] ?? '')) {
    raw = /[rR]/.test(text[i]!);
    i++;
  }
  const quote = text[i];
  if (quote !== '"' && quote !== "'" && !(language === 'javascript' && quote === '`')) return null;
  const triple = language === 'python' && text.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  const start = i + close.length;
  let value = '';
  for (let j = start, end = Math.min(text.length, start + MAX_LIST); j < end; j++) {
    if (text.startsWith(close, j)) return { value, start, end: j, next: j + close.length };
    const c = text[j]!;
    if (c === '\n' && !triple && quote !== '`') return null;
    if (quote === '`' && c === '$' && text[j + 1] === '{') return null; // a template with a value in it
    if (c === '\\' && !raw) {
      const e = text[++j] ?? '';
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
    } else value += c;
  }
  return null;
}

/** A list of string literals (`["a", "b", x]`) at `at`; non-literal items are skipped. */
function listAt(text: string, at: number, language: ScriptLanguage): Launch['words'] | null {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const open = text[i];
  if (open !== '[' && !(language === 'python' && open === '(')) return null;
  const closing = open === '[' ? ']' : ')';
  const words: Launch['words'] = [];
  const limit = Math.min(text.length, i + MAX_LIST);
  i++;
  while (i < limit) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    if (text[i] === closing) return words;
    const literal = literalAt(text, i, language);
    if (literal) {
      words.push({ value: literal.value, start: literal.start, end: literal.end });
      i = literal.next;
      continue;
    }
    // A non-literal item: skip to the next comma at this depth.
    let depth = 0;
    while (i < limit) {
      const c = text[i]!;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      i++;
    }
    if (text[i] === closing) return words;
    if (i >= limit) return null;
  }
  return null;
}

/** Every literal launch in a script. */
export function launchesIn(text: string, language: ScriptLanguage): Launch[] {
  const out: Launch[] = [];
  for (const m of text.matchAll(language === 'python' ? PY_CALL : JS_CALL)) {
    if (out.length >= MAX_LAUNCHES) break;
    const call = m[1]!.replace(/\s+/g, '');
    const after = m.index + m[0].length;
    const first = literalAt(text, after, language);
    const list = first ? null : listAt(text, after, language);
    if (list && list.length > 0) {
      out.push({ kind: 'argv', words: list, call });
      continue;
    }
    if (!first) continue;
    // `spawn("prog", ["a"])`, `exec.exec("prog", ["a"])`, `execFile("prog", [...])`: a program and its argv.
    const rest = /^\s*,/.exec(text.slice(first.next));
    const args = rest ? listAt(text, first.next + rest[0].length, language) : null;
    const shellString =
      language === 'python'
        ? /system|popen|shell\s*=\s*True/.test(`${call} ${lineRest(text, first.next)}`)
        : /^(exec|execSync|getExecOutput)$/.test(call);
    const word = { value: first.value, start: first.start, end: first.end };
    if (args) out.push({ kind: 'argv', words: [word, ...args], call });
    else out.push({ kind: shellString ? 'shell' : 'argv', words: [word], call });
  }
  return out;
}

/** Launches read per script, and how far an argument list is followed: hostile text stays linear. */
const MAX_LAUNCHES = 1000;
const MAX_LIST = 8192;

const lineRest = (text: string, from: number): string => text.slice(from, text.indexOf(')', from) + 1 || undefined);

/** A launch as a synthetic command line whose words point back into the script scalar. */
export function launchLine(launch: Launch, file: string, path: KeyPath, script: string, marker: string): Line {
  const line = new Line(marker);
  for (const w of launch.words) {
    const origin = { kind: 'scalar' as const, file, path, value: script, offset: w.start };
    // A shell string keeps its own words; an argv element is one word whatever it holds.
    line.add(w.value, origin, launch.kind === 'argv');
  }
  return line;
}

/** Agent runs a script launches, each reported as launched from the script, with its literal flags read. */
export function scriptRuns(
  file: string,
  step: Step,
  script: { path: KeyPath; value: string; language: ScriptLanguage },
  env: ReadonlyMap<string, Located<unknown>>,
  agentCommandGlobs: readonly string[],
): AgentRun[] {
  const what = script.language === 'python' ? 'Python' : 'JavaScript';
  return launchesIn(script.value, script.language).flatMap((launch, i) => {
    const line = launchLine(launch, file, script.path, script.value, `\0script:${file}:${step.path.join('.')}:${i}`);
    const runs = agentCommands({
      file: line.marker,
      step,
      at: line.at(),
      env,
      agentCommands: agentCommandGlobs,
      settingsFile: () => false,
    });
    return runs.map((run) => ({
      ...line.anchor(run),
      file,
      signal: `${run.signal.replace(/^run: /, '')}, an agent launched from the ${what} script of ${stepLabel(step)} (\`${launch.call}\`)`,
    }));
  });
}
