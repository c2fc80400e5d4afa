/**
 * Text a step fetches at run time that any GitHub user writes: `gh issue view|list`, `gh pr
 * view|list`, `gh search issues|prs`, `gh api …/issues|pulls|comments|discussions` and `curl` of
 * the same REST paths print issue and pull-request titles, bodies and comments. Substituted into an agent's command line (`claude -p "$(gh issue view 5)"`), or into a
 * variable of the same script the command reads (`BODY=$(gh issue view … --json body)`), it is the
 * same prompt injection as `${{ github.event.issue.body }}`.
 */

/** A `gh` command that prints outsider-written text, up to the end of its command. */
const FETCH =
  /\bgh\s+(?:issue\s+(?:view|list)|pr\s+(?:view|list)|search\s+(?:issues|prs)|api\s+(?:-\S+\s+)*(?:\$\{\{[^}]*\}\}|[^\s$]|\$(?!\{\{))*?(?:issues|pulls|comments|discussions))\b[^\n)`|;&]*/g;

/** `curl …/repos/OWNER/REPO/issues/N`, `wget …/pulls/N/comments`: the same text through the REST API. */
const HTTP_FETCH =
  /\b(?:curl|wget)\b[^\n|;&)`]*?\/repos\/[^\s"'|;&)`]*?\/(?:issues|pulls|comments|discussions)\b[^\n)`|;&]*/g;

/**
 * `--json` fields that hold no text an outsider writes (labels and milestones are named by the
 * maintainers): asking only for these fetches nothing a user wrote.
 */
const NOT_TEXT_FIELDS = new Set([
  'labels',
  'milestone',
  'stateReason',
  'number',
  'state',
  'url',
  'id',
  'createdAt',
  'updatedAt',
  'closedAt',
  'mergedAt',
  'closed',
  'isDraft',
  'locked',
  'mergeable',
  'additions',
  'deletions',
  'changedFiles',
  'headRefOid',
  'baseRefOid',
  'reviewDecision',
]);

/** `NAME=$(…`, `local NAME="$(…`: a variable assigned a command's output (group 1 the name). */
const SUBSTITUTED_ASSIGNMENT =
  /(?:^|[\s;&|(])(?:(?:export|local|readonly|declare)\s+(?:-\w+\s+)*)?([A-Za-z_]\w*)=["']?\$\(/g;

/** Bounds that keep hostile scripts linear: how far back a `$(` is looked for, how long a substitution is read, how many fetches are told. */
const LOOK_BACK = 200;
const MAX_SUBSTITUTION = 2000;
const MAX_FOUND = 20;
/** Fetching assignments indexed per script. */
const MAX_ASSIGNMENTS = 1000;

export interface FetchedText {
  /** [start, end) of the `gh` command in the script. */
  start: number;
  end: number;
  /** The command as written, for messages. */
  command: string;
  /** The variable that carries it to the agent's command line, when not substituted there directly. */
  via: string | null;
}

/** Every fetch of outsider text inside `$(…)` or backticks in `[from, to)` of `script`. */
function fetchesIn(
  script: string,
  from: number,
  to: number,
  substituted = true,
): { start: number; end: number; command: string }[] {
  const out: { start: number; end: number; command: string }[] = [];
  const text = script.slice(from, to);
  for (const m of [...text.matchAll(FETCH), ...text.matchAll(HTTP_FETCH)]) {
    // Without what it is redirected to (`> issue.json`), which is not the fetch.
    const command = m[0].replace(/\s+(?:\d|&)?>.*$/s, '').trimEnd();
    const fields = /--json[=\s]+([\w,]+)/.exec(command)?.[1];
    if (fields && fields.split(',').every((f) => NOT_TEXT_FIELDS.has(f))) continue;
    // Printed to the log is not substituted; the `$(` or backtick is just before (a bounded look keeps this linear).
    const before = script.slice(Math.max(0, from + m.index - LOOK_BACK), from + m.index);
    if (substituted && !/\$\([^)]*$|`[^`]*$/.test(before)) continue;
    out.push({ start: from + m.index, end: from + m.index + command.length, command });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Outsider text fetched into the agent's command line at `[start, end)` of `script`: substituted
 * there, or assigned earlier in the script to a variable in `reads`.
 */
export function fetchedTexts(script: string, start: number, end: number, reads: readonly string[]): FetchedText[] {
  const out: FetchedText[] = fetchesIn(script, start, end)
    .slice(0, MAX_FOUND)
    .map((f) => ({ ...f, via: null }));
  const wanted = new Set(reads);
  for (const assignment of fetchAssignments(script)) {
    if (assignment.end > start || out.length >= MAX_FOUND) break;
    if (!wanted.has(assignment.name)) continue;
    for (const f of assignment.fetches) out.push({ ...f, via: `$${assignment.name}` });
  }
  return out;
}

/** Whether `script` can hold a fetch at all: a cheap test before the patterns run. */
const mayFetch = (script: string): boolean => script.includes('gh ') || /\b(?:curl|wget)\b/.test(script);

/** The first fetch of outsider text substituted anywhere in `script`, as written, or null: what a step can pass on. */
export function firstFetchIn(script: string): string | null {
  return mayFetch(script) ? (fetchesIn(script, 0, script.length)[0]?.command ?? null) : null;
}

/**
 * The fetch whose text the line `[start, end)` of `script` carries, as written, or null: run on that
 * line (`gh issue view 5 > f`, `echo "B=$(gh …)"`), or read there from a variable an earlier line
 * assigned one (`echo "B=$BODY"` after `BODY=$(gh issue view …)`).
 */
export function fetchOnLine(script: string, start: number, end: number): string | null {
  if (!mayFetch(script)) return null;
  const direct = fetchesIn(script, start, end, false)[0];
  if (direct) return direct.command;
  const assigned = fetchAssignments(script);
  for (const m of script.slice(start, end).matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
    const found = assigned.find((a) => a.name === m[1] && a.end <= start);
    if (found) return found.fetches[0]!.command;
  }
  return null;
}

/** A variable assigned a command's output that fetches outsider text, with the fetches in it. */
interface FetchAssignment {
  name: string;
  /** End of the `NAME=$(` that starts it. */
  end: number;
  fetches: { start: number; end: number; command: string }[];
}

/** The last script indexed: a step's lines and sinks are judged one after another. */
let indexed: { script: string; assignments: FetchAssignment[] } | null = null;

/** Every `NAME=$(…)` of `script` that fetches outsider text, in order: one pass, shared by fetchedTexts and fetchOnLine. */
function fetchAssignments(script: string): FetchAssignment[] {
  if (indexed?.script === script) return indexed.assignments;
  const assignments: FetchAssignment[] = [];
  if (mayFetch(script))
    for (const m of script.matchAll(SUBSTITUTED_ASSIGNMENT)) {
      if (assignments.length >= MAX_ASSIGNMENTS) break;
      const from = m.index + m[0].length - 2;
      const lineEnd = script.indexOf('\n', from);
      const to = Math.min(lineEnd < 0 ? script.length : lineEnd, from + MAX_SUBSTITUTION);
      const fetches = fetchesIn(script, from, to);
      if (fetches.length > 0) assignments.push({ name: m[1]!, end: m.index + m[0].length, fetches });
    }
  indexed = { script, assignments };
  return assignments;
}

/**
 * A fetch piped into the command at `start` (`gh issue view 5 --json body | claude -p "answer"`);
 * `from` is where the command's pipeline begins.
 */
export function pipedFetch(script: string, from: number, start: number): FetchedText | null {
  if (!mayFetch(script) || !/\|\s*$/.test(script.slice(Math.max(from, start - LOOK_BACK), start))) return null;
  const found = fetchesIn(script, from, start, false)[0];
  return found ? { ...found, via: 'its standard input' } : null;
}
