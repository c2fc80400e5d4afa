#!/usr/bin/env node
/**
 * `node scripts/ascii-bundle.mjs FILE…`: rewrites every non-ASCII character of a bundle as a `\u`
 * escape. V8 keeps an all-ASCII source as a one-byte string: Node skips the UTF-8 decode and the
 * parser scans half the bytes (about 15 ms of each start of the 2.5 MB CLI bundle). The escapes
 * mean the same inside strings, templates, regular expressions and identifiers, and nothing in
 * comments. Where they would not (a `String.raw` template, a backslash right before the character)
 * the build fails rather than change what the bundle does.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const RAW_USE = /String\.raw\s*`[^`]*[^ -~\s]/; // a template with any character past ASCII

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  if (RAW_USE.test(text)) {
    process.stderr.write(
      `${file}: a String.raw template holds a non-ASCII character; escaping it would change its value\n`,
    );
    process.exit(1);
  }
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (text[i - 1] === '\\') {
      process.stderr.write(
        `${file}: a backslash before a non-ASCII character at offset ${i}; its escape would change meaning\n`,
      );
      process.exit(1);
    }
    out += text.slice(last, i) + `\\u${code.toString(16).padStart(4, '0')}`; // surrogate halves one by one
    last = i + 1;
  }
  writeFileSync(file, out + text.slice(last));
}
