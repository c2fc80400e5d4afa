/**
 * Names from scanned files (env keys) found in text literally, never compiled into a regular
 * expression: a key such as `(` or `(a+)+$` is only text to look for.
 */
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** A word boundary before `i` in `text`, as `\b` tells it. */
const boundary = (text: string, i: number): boolean => isWordChar(text[i - 1]) !== isWordChar(text[i]);

/** Whether `name` occurs in `text` where `\bname\b` would find it. */
export function containsWord(text: string, name: string): boolean {
  if (name === '') return false;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    if (boundary(text, i) && boundary(text, i + name.length)) return true;
  }
  return false;
}

/** Whether shell text reads the variable: `$NAME` or `${NAME` followed by a word boundary. */
export function readsVariable(text: string, name: string): boolean {
  if (name === '') return false;
  for (const prefix of ['$', '${']) {
    const needle = prefix + name;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      if (boundary(text, i + needle.length)) return true;
    }
  }
  return false;
}
