/**
 * Secret detection and masking, shared by adapters, rules and every renderer. Pure string work:
 * token shapes (GitHub, Anthropic, OpenAI, AWS, Slack, …), credentials in assignments, bearer
 * headers and URLs, and high-entropy values under secret-looking names. Placeholders such as
 * `${{ secrets.X }}`, `${env:X}`, `${input:x}` and `$VAR` are never secrets.
 */
import type { SourceRef } from './model.js';

export interface SecretMatch {
  /** Offsets into the scanned text, `end` exclusive. */
  start: number;
  end: number;
  /** What the secret is, in words ("GitHub personal access token"). */
  kind: string;
}

interface Shape {
  kind: string;
  pattern: RegExp;
  /** The fixed prefixes that may be shown when masking; the rest never is. */
  prefixes: readonly string[];
}

// Each pattern is bounded on both sides so a token inside a longer word is not cut in half.
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';
const shape = (kind: string, body: string, prefixes: readonly string[], flags = ''): Shape => ({
  kind,
  pattern: new RegExp(`${B}${body}${E}`, `g${flags}`),
  prefixes,
});

const SHAPES: readonly Shape[] = [
  shape('GitHub fine-grained personal access token', 'github_pat_[A-Za-z0-9_]{50,255}', ['github_pat_']),
  shape('GitHub personal access token', 'ghp_[A-Za-z0-9]{36,251}', ['ghp_']),
  shape('GitHub OAuth token', 'gho_[A-Za-z0-9]{36,251}', ['gho_']),
  shape('GitHub app user token', 'ghu_[A-Za-z0-9]{36,251}', ['ghu_']),
  shape('GitHub app installation token', 'ghs_[A-Za-z0-9]{36,251}', ['ghs_']),
  shape('GitHub refresh token', 'ghr_[A-Za-z0-9]{36,251}', ['ghr_']),
  shape('Anthropic API key', 'sk-ant-[a-z]+[0-9]{2}-[A-Za-z0-9_-]{20,}', [
    'sk-ant-api03-',
    'sk-ant-admin01-',
    'sk-ant-oat01-',
    'sk-ant-',
  ]),
  shape('OpenAI API key', 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}', ['sk-proj-', 'sk-svcacct-', 'sk-admin-']),
  shape('OpenAI API key', 'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}', ['sk-']),
  shape('OpenAI-style API key', 'sk-[A-Za-z0-9]{32,}', ['sk-']),
  shape('AWS access key id', '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}', ['AKIA', 'ASIA', 'ABIA', 'ACCA']),
  shape('Slack token', 'xox[abposre]-[A-Za-z0-9-]{10,}', [
    'xoxb-',
    'xoxp-',
    'xoxa-',
    'xoxo-',
    'xoxs-',
    'xoxr-',
    'xoxe-',
  ]),
  shape('Slack app token', 'xapp-[0-9]-[A-Za-z0-9-]{10,}', ['xapp-']),
  shape('Slack webhook URL', 'https://hooks\\.slack\\.com/services/[A-Za-z0-9/]{20,}', [
    'https://hooks.slack.com/services/',
  ]),
  shape('GitLab personal access token', 'glpat-[A-Za-z0-9_-]{20,}', ['glpat-']),
  shape('Google API key', 'AIza[0-9A-Za-z_-]{35}', ['AIza']),
  shape('Stripe secret key', '(?:sk|rk)_live_[A-Za-z0-9]{20,}', ['sk_live_', 'rk_live_']),
  shape('npm access token', 'npm_[A-Za-z0-9]{36}', ['npm_']),
  shape('Hugging Face token', 'hf_[A-Za-z]{34,}', ['hf_']),
  shape('JSON web token', 'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}', ['eyJ']),
];

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g;

/** Names whose last word says the value is a credential (`GITHUB_TOKEN`, `apiKey`, `client_secret`). */
const SECRET_NAME =
  /(?:token|secret|password|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?key|credentials?|authorization|bearer)$/i;

/** A credential assigned in text: `API_KEY=…`, `--token=…`, `?access_token=…`, `"password": "…"`. */
// Names start at a word boundary and are bounded, so a long run of text cannot make matching quadratic.
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])(?<name>[A-Za-z0-9_.-]{0,64}?(?:token|secret|password|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?))["']?[ \t]{0,4}[:=][ \t]{0,4}["'`]?(?<value>[^\s"'`&;,)]{1,4096})/gi;
/** A word ASSIGNMENT needs (its `name` group ends in one); no match is possible without one. */
const SECRET_WORD = /token|secret|passw|api[_-]?key|access[_-]?key|private[_-]?key|credential/i;
const BEARER = /\b(?:Bearer|token)[ \t]{1,4}(?<value>[A-Za-z0-9._~+/=-]{16,4096})/g;
const URL_PASSWORD = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@"']{1,256}:(?<value>[^\s/@"']{1,256})@/gi;

/** Every secret in `text`, sorted by position, overlapping matches merged. */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  // Cheap literal tests first: renderers call this on every string of a report, and most hold none
  // of the text a pattern needs (running every regex on every string was 40% of a large scan).
  for (const s of SHAPES) {
    // Every shape is case-sensitive and each match starts with one of its prefixes.
    if (!s.prefixes.some((p) => text.includes(p))) continue;
    for (const m of text.matchAll(s.pattern)) {
      const random = m[0].slice(longestPrefix(m[0], s.prefixes).length);
      if (!looksRandom(random) || isPlaceholder(random)) continue;
      found.push({ start: m.index, end: m.index + m[0].length, kind: s.kind });
    }
  }
  if (text.includes('-----BEGIN '))
    for (const m of text.matchAll(PRIVATE_KEY))
      found.push({ start: m.index, end: m.index + m[0].length, kind: 'private key' });
  const valueMatch = (m: RegExpMatchArray, kind: string): void => {
    const value = m.groups!.value!;
    // `credentials: pull-requests: write` names a key, it does not assign a value.
    if (value.endsWith(':') || !isLiteralSecret(value)) return;
    const start = m.index! + m[0].length - value.length;
    found.push({ start, end: start + value.length, kind });
  };
  if (SECRET_WORD.test(text)) for (const m of text.matchAll(ASSIGNMENT)) valueMatch(m, 'credential');
  if (text.includes('Bearer') || text.includes('token'))
    for (const m of text.matchAll(BEARER)) valueMatch(m, 'bearer token');
  if (text.includes('://') && text.includes('@'))
    for (const m of text.matchAll(URL_PASSWORD)) {
      const value = m.groups!.value!;
      if (isPlaceholder(value) || value.length < 3) continue;
      const start = m.index + m[0].length - value.length - 1;
      found.push({ start, end: start + value.length, kind: 'password in a URL' });
    }
  return merge(found);
}

/**
 * The secret a named value holds, or null: a token shape anywhere in it, or the whole value when
 * its name says it is a credential and it is a random-looking literal (`GITHUB_TOKEN: "a8f…"`).
 */
export function findNamedSecrets(name: string | null, value: string): SecretMatch[] {
  const inText = findSecrets(value);
  if (inText.length > 0 || !name || !SECRET_NAME.test(name)) return inText;
  const scheme = /^(?:Bearer|Basic|token|Token)\s+/.exec(value);
  const start = scheme ? scheme[0].length : 0;
  const literal = value.slice(start).trim();
  if (!isLiteralSecret(literal)) return [];
  return [{ start, end: start + literal.length, kind: 'credential' }];
}

/** `ghp_…(40 chars)`: the documented prefix and the length, never any of the random part. */
export function maskSecret(secret: string): string {
  if (secret.startsWith('-----BEGIN')) return `-----BEGIN PRIVATE KEY-----…(${secret.length} chars)`;
  const prefix = longestPrefix(secret, ALL_PREFIXES);
  return `${prefix}…(${secret.length} chars)`;
}

/** `text` with every secret replaced by its mask; for every string taken from a scanned file. */
export function redactSecrets(text: string): string {
  const matches = findSecrets(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + maskSecret(text.slice(m.start, m.end));
    at = m.end;
  }
  return out + text.slice(at);
}

/** A literal string an adapter read from a deployment (an `env` value, a header, an argument). */
export type { InlineValue } from './model/details/inline-values.js';
import type { InlineValue } from './model/details/inline-values.js';

/**
 * Walks a plain value and lists its string leaves with their key paths. Adapters store the result
 * in `details.inlineValues` so the `inline-secret` rule can judge them without the document.
 */
export function collectInlineValues(value: unknown, ref: SourceRef, label = ''): InlineValue[] {
  const out: InlineValue[] = [];
  const walk = (
    node: unknown,
    path: readonly (string | number)[],
    name: string | null,
    text: string,
    depth: number,
  ): void => {
    if (depth > 20) return;
    if (typeof node === 'string') {
      if (node.length > 0) out.push({ at: { ...ref, path }, name, value: node, label: text });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i], name, `${text}[${i}]`, depth + 1));
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node))
        walk(child, [...path, key], key, text ? `${text}.${key}` : key, depth + 1);
    }
  };
  walk(value, ref.path, null, label, 0);
  return out;
}

/** The `inlineValues` an adapter stored in a deployment's details, or an empty list. */

// ---------------------------------------------------------------------------------------------

const ALL_PREFIXES = [...new Set(SHAPES.flatMap((s) => s.prefixes))];

function longestPrefix(text: string, prefixes: readonly string[]): string {
  let best = '';
  for (const p of prefixes) if (text.startsWith(p) && p.length > best.length) best = p;
  return best;
}

/** Words people type where a secret should go; never a real credential. */
const PLACEHOLDER_WORDS =
  /your|xxxx|\*\*\*|\.\.\.|…|placeholder|change[-_ ]?me|replace|example|dummy|sample|redacted|insert|todo|fixme|here|secret[-_]?value|token[-_]?value|<|>/i;

/** `${…}`, `${{ … }}`, `$(…)`, `{{ … }}`, `$VAR`, `%VAR%`: references, not values. */
export function isPlaceholder(value: string): boolean {
  if (/\$\{|\$\(|\{\{|\{%/.test(value)) return true;
  if (/^\$[A-Za-z_]/.test(value) || /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(value)) return true;
  return PLACEHOLDER_WORDS.test(value);
}

/** A literal that could be a live credential: long enough, no placeholder, not a path, URL or flag. */
function isLiteralSecret(value: string): boolean {
  if (value.length < 12 || value.length > 4096 || /\s/.test(value)) return false;
  if (isPlaceholder(value)) return false;
  if (/^(?:true|false|null|none|undefined)$/i.test(value) || /^[\d.:-]+$/.test(value)) return false;
  if (/^(?:\.{0,2}\/|~|[A-Za-z]:\\)/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if (/^[a-z]+(?:[-_.][a-z]+)*$/.test(value)) return false; // lowercase words: an option name, not a key
  if (/^[A-Z]+[0-9]*(?:_(?:[A-Z]+[0-9]*|[0-9]+))+$/.test(value)) return false; // `GITHUB_TOKEN`: a variable's name, not its value
  return looksRandom(value);
}

/** Enough distinct characters and entropy that a person did not type it as a word or filler. */
function looksRandom(value: string): boolean {
  if (value.length < 8) return false;
  if (/(.)\1{5,}/.test(value) || /x{4,}|X{4,}/.test(value)) return false;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  if (counts.size < 6) return false;
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / value.length) * Math.log2(n / value.length);
  return entropy >= 3;
}

function merge(found: SecretMatch[]): SecretMatch[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretMatch[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      continue;
    }
    out.push({ ...m });
  }
  return out;
}

/**
 * The name of a credential that can write to a code forge or a cloud account: a PAT, a GitHub or
 * GitLab token, a service-account token or key. Its scope is never visible in the repository, so a
 * reader takes it as able to write.
 */
export const WRITE_TOKEN_NAME =
  /(?:^|_)PAT(?:$|_)|^(?:GH|GITHUB|GITLAB|GL|GIT)_[A-Z_]*TOKEN$|^GH_ENTERPRISE_TOKEN$|SERVICE_?ACCOUNT|(?:^|_)SA_(?:KEY|TOKEN|JSON)$|^GOOGLE_APPLICATION_CREDENTIALS$/i;
