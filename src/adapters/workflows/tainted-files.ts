/**
 * Outsider text that reaches an agent through a file: a step writes it there (`echo "$BODY" >
 * prompt.md`, `gh issue view 5 --json body > issue.json`, `… | tee prompt.txt`) and the agent's
 * command line reads the file (`claude -p "$(cat prompt.md)"`, `< prompt.md`, `cat prompt.md |
 * codex exec -`). Read line by line from the step's script, with bounds that keep it linear.
 */
import { placeOf } from './cli-flags.js';

/** Longest line looked at; a longer one is not read for file writes or reads (nothing is claimed from it). */
const MAX_LINE = 4000;
const MAX_FILES = 50;
/** Lines with a redirect judged per script: past this many, later ones are not read for writes. */
const MAX_WRITING_LINES = 1000;

/**
 * One name for a file however a step spells it: a path in the checkout as `placeOf` resolves it
 * (`./p.md`, `$GITHUB_WORKSPACE/p.md` → `p.md`), any other (`$RUNNER_TEMP/p.md`) as written.
 */
export function fileKey(path: string): string {
  const place = placeOf(path);
  return place.kind === 'repository' ? place.path : path;
}

/** Files the runner itself reads or that go nowhere: writing to them is not writing a file a step reads back. */
const NOT_A_FILE = /^(?:\/dev\/|\$\{?GITHUB_(?:ENV|OUTPUT|STEP_SUMMARY|PATH|STATE)\b|&)/;

const PATH = String.raw`(["']?)([^\s"'|;&<>()\`]+)\1`;
/** `> f`, `>> f`, `>| f`, `&> f` (not `2>&1`, not a here-document). */
const REDIRECT_OUT = new RegExp(String.raw`(?:^|[^<>&\d])(?:&>>?|>>?\|?)\s*` + PATH, 'g');
const TEE = new RegExp(String.raw`\btee\s+(?:(?:-a|--append|-i|-p)\s+)*` + PATH, 'g');

/**
 * The files `script` writes outsider text into, each with where that text comes from. `origin`
 * judges one line (`[start, end)` of the script): what outsider text it carries, or null.
 */
export function filesWritten(
  script: string,
  origin: (start: number, end: number) => string | null,
  until = script.length,
): Map<string, string> {
  const out = new Map<string, string>();
  let start = 0;
  let judged = 0;
  while (start < until && out.size < MAX_FILES && judged < MAX_WRITING_LINES) {
    const newline = script.indexOf('\n', start);
    const end = Math.min(newline < 0 ? script.length : newline, until);
    const line = script.slice(start, end);
    if (line.length <= MAX_LINE && /[>]|\btee\b/.test(line)) {
      const targets = [...line.matchAll(REDIRECT_OUT), ...line.matchAll(TEE)]
        .map((m) => m[2]!)
        .filter((p) => !NOT_A_FILE.test(p));
      if (targets.length > 0) judged++;
      const from = targets.length > 0 ? origin(start, end) : null;
      if (from) for (const target of targets) out.set(fileKey(target), from);
    }
    start = end + 1;
  }
  return out;
}

export interface FileRead {
  path: string;
  /** [start, end) of the read in the script. */
  start: number;
  end: number;
}

const SUBSTITUTED_READ = new RegExp(String.raw`\$\(\s*(?:cat\s+(?:--\s+)?|<\s*)` + PATH + String.raw`\s*\)`, 'g');
const BACKTICK_READ = new RegExp(String.raw`\`\s*cat\s+` + PATH + String.raw`\s*\``, 'g');
const REDIRECT_IN = new RegExp(String.raw`(?:^|[^<\d])<\s*(?![<(])` + PATH, 'g');
const PIPED_CAT = new RegExp(String.raw`\bcat\s+` + PATH + String.raw`\s*\|`, 'g');

/**
 * Files the command at `[start, end)` of `script` takes text from: substituted (`"$(cat f)"`,
 * `$(< f)`), as its standard input (`< f`), or piped from `cat f` earlier on its line.
 */
export function filesRead(script: string, start: number, end: number): FileRead[] {
  const lineStart = script.lastIndexOf('\n', start - 1) + 1;
  if (end - lineStart > MAX_LINE) return [];
  const out: FileRead[] = [];
  const scan = (pattern: RegExp, from: number, to: number): void => {
    for (const m of script.slice(from, to).matchAll(pattern))
      out.push({ path: fileKey(m[2]!), start: from + m.index, end: from + m.index + m[0].length });
  };
  const lineEnd = script.indexOf('\n', end);
  const rest = script.slice(end, lineEnd < 0 ? script.length : lineEnd).search(/[|;&]/);
  scan(SUBSTITUTED_READ, start, end);
  scan(BACKTICK_READ, start, end);
  // The command's own `< f`, up to where the next command on its line starts.
  scan(REDIRECT_IN, start, rest < 0 ? (lineEnd < 0 ? script.length : lineEnd) : end + rest);
  scan(PIPED_CAT, pipelineStart(script, start), start);
  // `$(< f)` is also a `< f`: one read, the substitution.
  return out.filter((r) => !out.some((o) => o !== r && o.start <= r.start && r.end <= o.end));
}

/** Where the pipeline that ends at `start` begins on its line: after the last `;`, `&&` or `||` before it. */
export function pipelineStart(script: string, start: number): number {
  const lineStart = script.lastIndexOf('\n', start - 1) + 1;
  const prefix = script.slice(lineStart, start);
  let at = 0;
  for (const m of prefix.matchAll(/;|&&|\|\|/g)) at = m.index + m[0].length;
  return lineStart + at;
}

/** Whether `line` names `path` as a whole word (`issue.json`, `./issue.json`; not `old-issue.json.bak`). */
export function mentionsPath(line: string, path: string): boolean {
  for (let i = line.indexOf(path); i >= 0; i = line.indexOf(path, i + 1)) {
    const before = line.slice(0, i);
    const after = line[i + path.length];
    // At a word's start, or after a spelling of the workspace (`./`, `$GITHUB_WORKSPACE/`) that fileKey removes.
    const starts = !/[\w./-]$/.test(before) || fileKey(`${before.split(/[\s"'=<>|;&(]/).pop()}x`) === 'x';
    if (starts && (after === undefined || !/[\w./-]/.test(after))) return true;
  }
  return false;
}
