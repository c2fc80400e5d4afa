/**
 * The repository's own modules a Python or JavaScript script imports (`from claude_runner import
 * run`, `import { review } from './lib/agent.js'`): an agent may be launched there rather than in
 * the script a step names. Read as text, never imported; followed a few levels, each file once.
 */
import { posix } from 'node:path';
import type { ScriptLanguage } from './code-literals.js';

const MAX_DEPTH = 3;
const MAX_MODULES = 20;

const PY_IMPORT = /^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import\b|import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))/gm;
const JS_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"'\n]+)\1/g;

/** Where an absolute Python import is looked for besides the script's folder: the root and the usual source folders. */
const PY_ROOTS = ['', 'src', 'lib'];
const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '/index.js', '/index.ts'];

/** Candidate files for one import written in `file`, nearest first. */
function candidates(file: string, spec: string, language: ScriptLanguage): string[] {
  const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const join = (...parts: string[]): string => posix.normalize(posix.join(...parts)).replace(/^\.\//, '');
  if (language === 'javascript') {
    const base = join(dir, spec);
    if (base.startsWith('..')) return [];
    const ts = /\.[cm]?js$/.test(base) ? [base.replace(/js$/, 'ts')] : [];
    return [...JS_EXTENSIONS.map((ext) => base + ext), ...ts];
  }
  const dots = /^\.*/.exec(spec)![0].length;
  const path = spec.slice(dots).split('.').filter(Boolean).join('/');
  let roots: string[];
  if (dots > 0) {
    let up = dir;
    for (let k = 1; k < dots; k++) up = posix.dirname(up) === '.' ? '' : posix.dirname(up);
    roots = [up];
  } else roots = [dir, ...PY_ROOTS];
  return roots.flatMap((root) =>
    path ? [join(root, `${path}.py`), join(root, path, '__init__.py')] : [join(root, '__init__.py')],
  );
}

/** Each import specifier `text` writes. */
function specifiers(text: string, language: ScriptLanguage): string[] {
  if (language === 'javascript') return [...text.matchAll(JS_IMPORT)].map((m) => m[2]!);
  return [...text.matchAll(PY_IMPORT)].flatMap((m) => (m[1] !== undefined ? [m[1]] : m[2]!.split(/[ \t]*,[ \t]*/)));
}

/**
 * The repository modules `file` imports, directly or through each other, breadth first; `read`
 * gives a listed file's text (null when the repository has no such file).
 */
export function importedModules(
  file: string,
  text: string,
  language: ScriptLanguage,
  read: (path: string) => string | null,
): { file: string; text: string; importedBy: string }[] {
  const out: { file: string; text: string; importedBy: string }[] = [];
  const seen = new Set([file]);
  let level = [{ file, text }];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: { file: string; text: string }[] = [];
    for (const from of level)
      for (const spec of specifiers(from.text, language)) {
        for (const candidate of candidates(from.file, spec, language)) {
          if (seen.has(candidate)) break;
          const found = read(candidate);
          if (found === null) continue;
          seen.add(candidate);
          if (out.length >= MAX_MODULES) return out;
          out.push({ file: candidate, text: found, importedBy: from.file });
          next.push({ file: candidate, text: found });
          break;
        }
      }
    level = next;
  }
  return out;
}
