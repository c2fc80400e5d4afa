/**
 * Escaping for every sink a report lands in. Everything that comes from a scanned file (file
 * names, job names, values quoted in messages) passes through `untrusted` first (secrets masked,
 * invisible and control characters made visible), then through the escaper of its sink.
 */
import { redactSecrets } from '../secrets.js';

/**
 * Control characters, bidi overrides and zero-width characters can reorder or hide text in a
 * terminal, a log or a rendered page ("Trojan Source"); they are shown as `\uXXXX` instead.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/** Zero-width space: breaks a mention, a reference, a URL or a command prefix without showing. */
const ZWSP = '\u200b';

export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Masks secrets and makes invisible characters visible. Newlines and tabs are kept for the sink to handle. */
export function untrusted(text: string): string {
  return showInvisible(redactSecrets(text));
}

/** One line of text: untrusted, with line breaks and tabs folded to spaces. */
export function oneLine(text: string): string {
  return untrusted(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\t/g, ' ');
}

// --- workflow commands (`::error file=…::data`) -----------------------------------------------

/** The data part of a workflow command: the runner unescapes exactly these. */
export function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: data escaping plus the separators `:` and `,`. */
export function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The runner treats any line that starts (after leading whitespace) with `::` as a command. Lines of
 * plain text printed to a log get a zero-width space in front so they stay text. (It is not
 * whitespace to the runner's TrimStart, and invisible to a reader.)
 */
export function neutraliseCommands(text: string): string {
  return text.replace(/^([ \t]*)::/gm, `$1${ZWSP}::`);
}

// --- Markdown and HTML (job summary, PR comment, check run summary) ----------------------------

/**
 * Characters that start Markdown or HTML structure, as numeric references: CommonMark never
 * treats a character reference as markup, and a table row is split before they are decoded.
 */
const MARKDOWN_REFS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '\\': '&#92;',
  '!': '&#33;',
  $: '&#36;',
};

/**
 * Untrusted text as inline Markdown that renders literally on one line: no links, images, HTML,
 * emphasis, tables breaking, math, or notifications. Mentions (`@user`), references (`#123`) and
 * bare URLs are linked after Markdown is rendered, so they get a zero-width space instead.
 * Callers never place the result at the start of a line (no headings or list markers to fear).
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/([@#])(?=[\p{L}\p{N}_])/gu, `$1${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`)
    .replace(/[&<>"|`[\]()*_~\\!$]/g, (c) => MARKDOWN_REFS[c]!);
}

/** Untrusted text as inline code: literal, escaped, wrapped in `<code>` (works inside tables). */
export function markdownCode(text: string): string {
  return `<code>${markdownText(text)}</code>`;
}

/**
 * A message written by a rule, which quotes untrusted values in backticks: balanced backtick
 * spans become `<code>`, everything is escaped. Unbalanced backticks are shown literally.
 */
export function markdownMessage(message: string): string {
  const parts = oneLine(message).split('`');
  if (parts.length % 2 === 0) return markdownText(message);
  return parts.map((part, i) => (i % 2 === 1 ? `<code>${markdownText(part)}</code>` : markdownText(part))).join('');
}

/** Text for an HTML element or attribute value. */
export function htmlText(text: string): string {
  return oneLine(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A Markdown link whose URL we built; the text is escaped, the URL must already be encoded. */
export function markdownLink(text: string, url: string): string {
  return `[${text}](${url.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

/** A repo-relative path as a URL path: each segment percent-encoded, including `(`, `)`, `'`, `!`, `*`. */
export function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

// --- terminal ---------------------------------------------------------------------------------

/** Untrusted text for a terminal or a log line: one line, no escape sequences, no workflow commands. */
export function terminalText(text: string): string {
  return oneLine(text);
}
