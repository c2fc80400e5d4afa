/** What a command's environment holds beyond `env:`: assignments the script made earlier, and a driver's argument list. */
import type { SourceRef } from '../../model.js';
import { refAt } from './refs.js';
import type { Word } from './shell.js';
import type { TextAt } from './types.js';
import { scalarText, type Located } from './workflow.js';

/**
 * Variables the script set before the command (`export CODEX_HOME=…` a line earlier), as written, under
 * the command's own inline assignments; the value stays as written (`$GITHUB_WORKSPACE/x`) for paths.
 */
export function withScriptAssignments(
  inline: ReadonlyMap<string, { value: string; source: SourceRef }>,
  at: TextAt,
  before: number,
): Map<string, { value: string; source: SourceRef }> {
  const all = new Map(inline);
  const script = at.value.slice(0, before);
  for (const m of script.matchAll(
    /(?:^|[\n;&|(]|then|do|else)[ \t]*(?:(?:export|declare|local|readonly)[ \t]+(?:-\w+[ \t]+)*)?([A-Za-z_]\w*)=("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&|]*)/g,
  )) {
    const name = m[1]!;
    if (inline.has(name)) continue;
    const start = m.index + m[0].indexOf(`${name}=`);
    all.set(name, {
      value: m[2]!.replace(/^(["'])([\s\S]*)\1$/, '$2'),
      source: refAt(at, start, m.index + m[0].length),
    });
  }
  return all;
}

/** The words of a JSON array of strings in `env:` (a driver's arguments for the agent), pointed at where each is written. */
export function envArgv(variable: string, file: string, env: ReadonlyMap<string, Located<unknown>>): Word[] {
  const located = env.get(variable);
  const value = located ? scalarText(located.value) : null;
  if (!located || value === null || !value.trim().startsWith('[')) return [];
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const at: TextAt = { file, path: located.path, value };
  let cursor = 0;
  return list.flatMap((item) => {
    if (typeof item !== 'string') return [];
    const quoted = JSON.stringify(item);
    const found = value.indexOf(quoted, cursor);
    const start = found >= 0 ? found + 1 : cursor;
    cursor = found >= 0 ? found + quoted.length : cursor;
    return [{ text: item, start, end: start + (found >= 0 ? quoted.length - 2 : 0), at }];
  });
}
