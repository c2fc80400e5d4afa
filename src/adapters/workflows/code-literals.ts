/**
 * String and list literals of Python and JavaScript code, as the interpreter reads them: what
 * `script-literals.ts` reads launches from and `sdk-launches.ts` reads SDK options from.
 */

export type ScriptLanguage = 'javascript' | 'python';

/** How far a literal or an argument list is read: hostile text stays linear. */
const MAX_LIST = 8192;

/** One launch: its words (each a literal at an offset of the script), or one shell string. */
export interface Launch {
  kind: 'shell' | 'argv';
  /** `unknown`: an item that is not a literal (a variable, a call), one word of unknown value. */
  words: { value: string; start: number; end: number; unknown?: boolean }[];
  /** The call as written (`execSync`, `subprocess.run`), for messages. */
  call: string;
}

export interface Literal {
  value: string;
  /** Offsets of the literal's content (inside the quotes). */
  start: number;
  end: number;
  /** Offset just after the closing quote. */
  next: number;
}

/** A string literal at `at` (after spaces), or null when the text there is not one. */
export function literalAt(text: string, at: number, language: ScriptLanguage): Literal | null {
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

/** A list of string literals (`["a", "b", x]`) at `at`; a non-literal item is an unknown word. */
export function listAt(text: string, at: number, language: ScriptLanguage): Launch['words'] | null {
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
    // A non-literal item (`prompt`, `MODEL`): one word whose value is not known, so the words after it
    // keep their places (`["--model", MODEL, "--yolo"]` must not read `--yolo` as the model).
    const from = i;
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
    if (i > from) words.push({ value: '', start: from, end: i, unknown: true });
    if (text[i] === closing) return words;
    if (i >= limit) return null;
  }
  return null;
}

const PY_ENV_READ = /\bos\s*\.\s*(?:environ\s*(?:\.\s*get\s*\(|\[)|getenv\s*\()\s*(["'])([A-Za-z_]\w*)\1/g;
const JS_ENV_READ =
  /\b(?:process\s*\.\s*env|Bun\s*\.\s*env)\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*(["'`])([A-Za-z_]\w*)\2)|\bDeno\s*\.\s*env\s*\.\s*get\s*\(\s*()(["'`])([A-Za-z_]\w*)\5/g;

/** Environment variables code reads by a literal name (`os.environ["X"]`, `os.getenv("X")`, `process.env.X`). */
export function envReadsIn(text: string, language: ScriptLanguage): string[] {
  const names = new Set<string>();
  if (language === 'python') for (const m of text.matchAll(PY_ENV_READ)) names.add(m[2]!);
  else for (const m of text.matchAll(JS_ENV_READ)) names.add((m[1] ?? m[3] ?? m[6])!);
  return [...names];
}
