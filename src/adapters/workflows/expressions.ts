/**
 * GitHub Actions expressions: finding `${{ … }}`, telling which contexts carry text an outsider
 * writes, which refs name a pull request's head, and whether an `if:` gates on who the actor is.
 */

export interface Expression {
  /** The whole `${{ … }}` as written. */
  raw: string;
  /** The inner expression, trimmed. */
  body: string;
  start: number;
}

export function expressionsIn(text: string): Expression[] {
  const out: Expression[] = [];
  for (let start = text.indexOf('${{'); start >= 0;) {
    const end = text.indexOf('}}', start + 3);
    if (end < 0) break; // no closing anywhere after: nothing more to find
    out.push({ raw: text.slice(start, end + 2), body: text.slice(start + 3, end).trim(), start });
    start = text.indexOf('${{', end + 2);
  }
  return out;
}

/**
 * Contexts whose text any GitHub user can write (titles, bodies, comments, branch names, commit
 * messages). Logins, numbers and SHAs are not free text and are left out. Index brackets are bounded:
 * an unbounded `[^\]]*` scanned to the end of the text for every `commits[` without a `]` (quadratic).
 */
const UNTRUSTED_CONTEXT = new RegExp(
  [
    String.raw`github\.event\.(issue|pull_request|discussion)\.(title|body)`,
    String.raw`github\.event\.(comment|review|review_comment)\.body`,
    String.raw`github\.event\.pull_request\.head\.(ref|label)`,
    String.raw`github\.event\.pull_request\.head\.repo\.default_branch`,
    String.raw`github\.event\.(commits\[[^\]]{0,64}\]|commits\.\*|head_commit)\.(message|author\.(name|email))`,
    String.raw`github\.event\.pages\[[^\]]{0,64}\]\.page_name|github\.event\.pages\.\*\.page_name`,
    String.raw`github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(name|email))|pull_requests\[[^\]]{0,64}\]\.head\.ref)`,
    String.raw`github\.head_ref`,
  ].join('|'),
);

/** The untrusted context named inside an expression body, if any (`github.event.issue.body`). */
export function untrustedContext(body: string): string | null {
  const plain = dotted(body);
  const whole = WHOLE_OBJECT.exec(plain);
  return UNTRUSTED_CONTEXT.exec(plain)?.[0] ?? (whole ? (whole[1] ?? whole[2]!) : null);
}

/** `github.event['issue']["body"]` is `github.event.issue.body`: GitHub reads both the same way. */
export const dotted = (body: string): string =>
  body.replace(
    /(?<=[\w\]])\[\s*(?:'([\w-]+)'|"([\w-]+)")\s*\]/g,
    (_m, a: string | undefined, b: string | undefined) => `.${a ?? b}`,
  );

/**
 * An object that holds outsider text, used whole (`toJSON(github.event)`, `${{ github.event.issue }}`,
 * `toJSON(github)`): its JSON carries every title, body and branch name inside it.
 */
const OBJECT = String.raw`(github|github\.event(?:\.(?:issue|pull_request|comment|review|review_comment|discussion|head_commit|commits|workflow_run|pages|pull_request\.head|commits\[[^\]]{0,64}\]))?)`;
const WHOLE_OBJECT = new RegExp(String.raw`^\s*${OBJECT}\s*$|\btoJSON\(\s*${OBJECT}\s*\)`);

/**
 * A ref that names pull-request code: the head SHA or branch, `github.head_ref`, a workflow_run's
 * head, `refs/pull/<n>/head|merge`, or a step output called head_sha/head_ref.
 */
const PR_HEAD_REF =
  /head[._](sha|ref|branch)|head\.repo|github\.head_ref|pull\/[^\n/]{1,200}\/(head|merge)\b|merge_commit_sha/i;

export const namesPullRequestHead = (text: string): boolean => PR_HEAD_REF.test(text);

/** Shell commands that put pull-request code into the working tree (a bare `git fetch` does not). */
const PR_CHECKOUT_COMMAND =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(pull|checkout|switch|worktree\s+add|reset\s+--hard)\b[^\n]{0,300}?(pull\/[^\n/]{1,200}\/(head|merge)\b|head[._](ref|sha|branch)|github\.head_ref|\$\{?GITHUB_HEAD_REF\b)/;

export function prCheckoutCommand(script: string): string | null {
  return PR_CHECKOUT_COMMAND.exec(script)?.[0] ?? null;
}

/** `if: false`, `if: ${{ false }}`, `if: 'false'`: a job or step that never runs. */
export function neverRuns(condition: unknown): boolean {
  if (condition === false) return true;
  const inner = conditionExpression(condition);
  return inner !== null && (inner === 'false' || inner === '0' || inner === "''");
}

/**
 * The expression GitHub evaluates for an `if:`, or null when it evaluates none: a condition is one
 * expression, bare or wholly inside `\${{ }}`. Anything around `\${{ }}` (a trailing space in quotes,
 * the newline a block scalar keeps) makes it a non-empty string, which is always true.
 */
export function conditionExpression(condition: unknown): string | null {
  if (typeof condition !== 'string') return null;
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(condition);
  if (whole) return whole[1]!.includes('}}') ? null : whole[1]!.trim();
  if (condition.includes('${{')) return null;
  return condition.trim();
}

type Node = { op: 'and' | 'or'; left: Node; right: Node } | { op: 'not'; arg: Node } | { op: 'atom'; text: string };

/**
 * Whether a condition only lets trusted actors through: every way to satisfy it checks the
 * author's association or permission, names the actor, or limits it to an event outsiders cannot
 * fire. `A && B` is gated when either side is; `A || B` only when both are. With `event`, the
 * condition is judged for that event alone: a branch that needs another `github.event_name` cannot
 * let it through.
 */
export function gatesActor(condition: unknown, outsiderEvents: ReadonlySet<string>, event?: string): boolean {
  const inner = conditionExpression(condition);
  if (inner === null) return false;
  const node = parse(tokens(dotted(inner)));
  return node ? gated(node, outsiderEvents, event) : false;
}

const GATE_ATOM: { test(text: string): boolean }[] = [
  // Compared to a list or a value, not merely read (a bare `author_association` is any non-empty string).
  /author_association\s*==|==\s*[\w.]*author_association|contains\([\s\S]{0,300}?author_association/,
  /\b(github\.(actor|triggering_actor)|github\.event\.sender\.login|github\.event\.[\w.]*user\.login)\s*==/,
  // The actor looked up in a list the repository writes; `contains(github.event.comment.body, github.actor)` is text the actor writes.
  { test: actorInList },
  /github\.event\.label\.name\s*==/,
  /\b(needs|steps)\.[\w-]+\.outputs\.[\w-]*(permission|authori[sz]ed|allowed|trusted|collaborator|maintainer|member)/i,
  // Same-repository pull requests only: their branches were pushed by people with write access.
  /head\.repo\.full_name\s*==|head\.repo\.fork\s*==\s*false/,
];

const ACTOR_IN_LIST =
  /contains\(([\s\S]{0,300}?),\s*(?:format\([^()]{0,100}?)?\b(?:github\.(?:actor|triggering_actor)|github\.event\.sender\.login)\b/;

function actorInList(text: string): boolean {
  const list = ACTOR_IN_LIST.exec(text)?.[1];
  return list !== undefined && !/github\.(event|head_ref)|\b(env|steps|needs)\./.test(list);
}

const TRUSTED_ASSOCIATION = /['"][^'"]{0,200}?\b(OWNER|MEMBER|COLLABORATOR)\b/;
/** Associations of people without write access: a list naming one lets them through. */
const OUTSIDER_ASSOCIATION = /['"][^'"]{0,200}?\b(NONE|CONTRIBUTOR|FIRST_TIME_CONTRIBUTOR|FIRST_TIMER|MANNEQUIN)\b/;

function gated(node: Node, outsiderEvents: ReadonlySet<string>, event: string | undefined): boolean {
  switch (node.op) {
    case 'and':
      return gated(node.left, outsiderEvents, event) || gated(node.right, outsiderEvents, event);
    case 'or':
      return gated(node.left, outsiderEvents, event) && gated(node.right, outsiderEvents, event);
    case 'not':
      return node.arg.op === 'atom' && /head\.repo\.fork\s*$/.test(node.arg.text);
    case 'atom': {
      // A bot name compared to the actor is spoofable by anyone who names an account or app that way.
      if (/\[bot\]/.test(node.text) && !/author_association/.test(node.text)) return false;
      if (/!=/.test(node.text) && !/==/.test(node.text)) return false;
      // An association compared only to what outsiders have (`== 'NONE'`) lets outsiders through.
      if (/author_association/.test(node.text) && /'/.test(node.text) && !TRUSTED_ASSOCIATION.test(node.text))
        return false;
      // `contains(fromJSON('["OWNER","CONTRIBUTOR"]'), …author_association)`: a contributor has no write access.
      if (/author_association/.test(node.text) && OUTSIDER_ASSOCIATION.test(node.text)) return false;
      // Limiting the job to an event outsiders cannot fire is a gate too.
      const named = /github\.event_name\s*==\s*'([\w-]+)'/.exec(node.text)?.[1];
      if (named && !/&&|\|\|/.test(node.text)) return event ? named !== event : !outsiderEvents.has(named);
      return GATE_ATOM.some((re) => re.test(node.text));
    }
  }
}

function tokens(text: string): string[] {
  const out: string[] = [];
  let atom = '';
  let depth = 0;
  const flush = (): void => {
    if (atom.trim()) out.push(atom.trim());
    atom = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length - 1 : close;
      atom += text.slice(i, stop + 1);
      i = stop;
      continue;
    }
    if (depth === 0 && (text.startsWith('&&', i) || text.startsWith('||', i))) {
      flush();
      out.push(text.slice(i, i + 2));
      i++;
      continue;
    }
    if (c === '(') {
      // A call like contains(…) stays inside its atom; a bare parenthesis groups.
      if (depth > 0 || /[\w.]$/.test(atom)) {
        depth++;
        atom += c;
      } else {
        flush();
        out.push('(');
      }
      continue;
    }
    if (c === ')') {
      if (depth > 0) {
        depth--;
        atom += c;
      } else {
        flush();
        out.push(')');
      }
      continue;
    }
    if (c === '!' && text[i + 1] !== '=' && depth === 0 && !atom.trim()) {
      out.push('!');
      continue;
    }
    atom += c;
  }
  flush();
  return out;
}

function parse(input: string[]): Node | null {
  let pos = 0;
  const orExpr = (): Node | null => {
    let left = andExpr();
    while (left && input[pos] === '||') {
      pos++;
      const right = andExpr();
      if (!right) return left;
      left = { op: 'or', left, right };
    }
    return left;
  };
  const andExpr = (): Node | null => {
    let left = unary();
    while (left && input[pos] === '&&') {
      pos++;
      const right = unary();
      if (!right) return left;
      left = { op: 'and', left, right };
    }
    return left;
  };
  const unary = (): Node | null => {
    const token = input[pos];
    if (token === undefined) return null;
    if (token === '!') {
      pos++;
      const arg = unary();
      return arg ? { op: 'not', arg } : null;
    }
    if (token === '(') {
      pos++;
      const inner = orExpr();
      if (input[pos] === ')') pos++;
      return inner;
    }
    if (token === ')' || token === '&&' || token === '||') return null;
    pos++;
    return { op: 'atom', text: token };
  };
  return orExpr();
}
