/**
 * `agent-sandbox-guard paths [--format lines|json]`: the sparse-checkout patterns that cover every
 * file the scanner reads, from each adapter's own `paths` (declared beside its `claims`), plus the
 * policy. A fleet job runs `git sparse-checkout set --no-cone --stdin` with them and fetches
 * configuration, not whole repositories. Patterns are gitignore syntax; every letter is written as a
 * `[xX]` class because the scanner matches names without regard to case and git does not.
 */
import { Minimatch } from 'minimatch';
import { ADAPTERS } from '../../adapters/index.js';
import type { Adapter } from '../../adapters/types.js';
import { oneOf, stringOption, type ParsedOptions } from '../args.js';
import type { CliIO } from '../main.js';
import { TOOL_NAME } from '../../version.js';
import { UserError } from '../../errors.js';

/** The policy and what it extends (YAML), read before any adapter. */
const POLICY_PATHS = ['.github/agent-sandbox.yml', '.github/agent-sandbox.yaml', '*.yml', '*.yaml'];
/** Asked for when an adapter declares no paths: the whole repository, so nothing it reads is missing. */
const EVERYTHING = '/*';

export interface SparsePatterns {
  patterns: string[];
  /** Adapters that declare no paths (the patterns then cover the whole repository). */
  undeclared: string[];
}

export function sparsePatterns(adapters: readonly Adapter[] = ADAPTERS): SparsePatterns {
  const undeclared = adapters.filter((a) => !a.paths?.length).map((a) => a.id);
  if (undeclared.length) return { patterns: [EVERYTHING], undeclared };
  const all = new Set<string>([...POLICY_PATHS, ...adapters.flatMap((a) => a.paths ?? [])]);
  return { patterns: [...all].map(anyCase).sort(), undeclared };
}

/** `*.yml` → `*.[yY][mM][lL]`: the same pattern for git, matching names in any case. */
export const anyCase = (pattern: string): string =>
  pattern.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);

/**
 * A file test with git's non-cone sparse-checkout semantics for the patterns used here: a pattern
 * without a slash (or with only a trailing one) matches at any depth; a trailing slash means a
 * folder and everything under it; a leading slash anchors at the root.
 */
export function sparseMatcher(patterns: readonly string[]): (file: string) => boolean {
  const opts = { dot: true, nocomment: true, nonegate: true, nocase: true };
  const globs = patterns.map((p) => {
    const dir = p.endsWith('/');
    const body = dir ? p.slice(0, -1) : p;
    const anchored = body.startsWith('/') || body.includes('/');
    const base = body.replace(/^\//, '');
    const glob = `${anchored ? '' : '**/'}${base}`;
    return dir ? [new Minimatch(`${glob}/**`, opts)] : [new Minimatch(glob, opts), new Minimatch(`${glob}/**`, opts)];
  });
  return (file) => globs.some((pair) => pair.some((m) => m.match(file)));
}

export async function runPaths(parsed: ParsedOptions, io: CliIO): Promise<number> {
  const { positionals } = parsed;
  const values = { format: stringOption(parsed, 'format') ?? 'lines' };
  if (positionals.length) throw new UserError('paths takes no arguments');
  const format = oneOf('--format', values.format as string, ['lines', 'json'] as const);
  const { patterns, undeclared } = sparsePatterns();
  if (undeclared.length)
    io.stderr(`${TOOL_NAME}: adapters ${undeclared.join(', ')} declare no paths; asking for the whole repository\n`);
  io.stdout(format === 'json' ? `${JSON.stringify(patterns, null, 2)}\n` : `${patterns.join('\n')}\n`);
  return 0;
}
