/**
 * The bash grammar (tree-sitter-bash, run by web-tree-sitter as WebAssembly). Loaded once by
 * `loadShellParser()` (about 25 ms, the WebAssembly compiled off the main thread); every parse after
 * that is synchronous. Not a top-level await: that would make every module that imports this one,
 * which is nearly all of the bundle, an async module, and the CLI's `--version` would pay the load.
 *
 * Why the CommonJS build and the two URLs: @vercel/ncc copies a file next to the bundle only when it
 * sees `new URL('<relative path>', import.meta.url)`, and it breaks the ESM build's dynamic
 * import of `module`. The CommonJS build reads `__dirname` on start-up, which an ESM bundle
 * lacks; the WebAssembly is handed over as bytes, so that directory is never used.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
// @ts-expect-error -- the build's .d.cts declares an ambient module; the types come from the package name.
import TreeSitterBuild from '../../node_modules/web-tree-sitter/web-tree-sitter.cjs';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Node as SyntaxNode, Parser as ParserType, Tree } from 'web-tree-sitter';

const TreeSitter = TreeSitterBuild as typeof WebTreeSitter;

export type { SyntaxNode, Tree };

const runtime = readFileSync(new URL('../../node_modules/web-tree-sitter/web-tree-sitter.wasm', import.meta.url));
const grammar = readFileSync(new URL('../../node_modules/tree-sitter-bash/tree-sitter-bash.wasm', import.meta.url));

/**
 * Keeps the WebAssembly on V8's baseline compiler (Liftoff). Node 24's optimising compiler, once the
 * grammar's lexer (one 160 KB function) gets hot, spends about 0.8 s of CPU and 700 MB of memory
 * outside the JS heap compiling it: that was most of a scan's peak RSS (590 of 600 MiB at 5,000
 * files). Baseline code parses a typical `run:` script in tens of microseconds, which is cheaper than
 * that compile for any scan. `--liftoff-only` can no longer be set once V8 has started; the tier-up
 * filter is read when a function gets hot, so naming an index no function has stops all tier-up.
 */
const WASM_BASELINE_ONLY = '--wasm-tier-up-filter=2147483647';
setFlagsFromString(WASM_BASELINE_ONLY);

let parser: ParserType | null = null;
let loading: Promise<void> | null = null;

/** Loads the grammar once; the scan's entry points await it before anything is parsed. */
export function loadShellParser(): Promise<void> {
  // Not `??=`: @vercel/ncc's asset relocator cannot parse it, and then leaves the two URLs above to
  // webpack, which copies the WebAssembly as text and corrupts it.
  if (loading === null)
    loading = load().then((loaded) => {
      parser = loaded;
    });
  return loading;
}

async function load(): Promise<ParserType> {
  const global = globalThis as { __dirname?: string };
  const shimmed = global.__dirname === undefined;
  if (shimmed) global.__dirname = dirname(fileURLToPath(import.meta.url));
  try {
    await TreeSitter.Parser.init({ wasmBinary: runtime });
    const bash = await TreeSitter.Language.load(grammar);
    const created = new TreeSitter.Parser();
    created.setLanguage(bash);
    return created;
  } finally {
    if (shimmed) delete global.__dirname;
  }
}

/**
 * tree-sitter-bash 0.25 glues a line that starts with a backslash (`\claude -p …`, the usual way past
 * an alias) onto the command of the line before it, as more arguments; bash runs it as a command of its
 * own. Before an ordinary character (or a newline) such a backslash changes no word the reader
 * resolves, so it is parsed as a space: the same offsets, the same words. (The name then counts as
 * unquoted, so an alias of it is expanded: at worst a finding, never a miss.)
 */
const LINE_START_ESCAPE = /(?<=\n)\\(?=[A-Za-z0-9_@%+=:,./^\n-])/g;

/** Parses a script; the tree must be released with `tree.delete()`. Null only if the parser gave up. */
export function parseBash(script: string): Tree | null {
  if (parser === null) throw new Error('the shell parser is not loaded: await loadShellParser() before scanning');
  return parser.parse(script.includes('\n\\') ? script.replace(LINE_START_ESCAPE, ' ') : script);
}
