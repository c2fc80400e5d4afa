/**
 * Shell aliases: after `alias c='claude --dangerously-skip-permissions'`, the line `c -p …` runs the
 * alias's text followed by the rest of the line. bash expands aliases in a script once
 * `expand_aliases` is set, and sh (dash, busybox) always does; a flag read elsewhere (`BASH_ENV`, a
 * sourced file) can set it too, so every alias the script defines is expanded: an alias that is
 * never enabled costs a finding at worst, never a missed agent.
 */
import { joinAcross, sliceField, type Field } from './fields.js';
import type { Reader } from './read.js';

/** What bash accepts as an alias name: no quoting, expansion, `/` or `=` (the table's characters are enough here). */
const ALIAS_NAME = /^[A-Za-z0-9_.:@%+,~^!-]+$/;

/** `alias NAME=VALUE …` defines aliases and `unalias NAME …` (`-a`: all) removes them; true for either command. */
export function noteAliases(reader: Reader, name: string, args: readonly Field[]): boolean {
  if (name === 'alias') {
    for (const arg of args) {
      const eq = arg.chars.findIndex((c) => c.ch === '=');
      if (eq <= 0) continue; // `alias`, `alias -p`, `alias NAME`: print, define nothing
      const aliasName = arg.chars
        .slice(0, eq)
        .map((c) => c.ch)
        .join('');
      if (ALIAS_NAME.test(aliasName)) reader.aliases.set(aliasName, sliceField(arg, eq + 1));
    }
    return true;
  }
  if (name === 'unalias') {
    for (const arg of args) {
      if (arg.word.value === '-a') reader.aliases.clear();
      else reader.aliases.delete(arg.word.value);
    }
    return true;
  }
  return false;
}

/**
 * The command line an alias makes of `argv`, or null. Only an unquoted first word is an alias, and an
 * alias is not expanded again inside its own text (`alias ls='ls -la'`). A `bash -c` string is read
 * with the aliases too, although a child shell has none: at worst a finding, never a miss.
 */
export function expandedAlias(reader: Reader, argv: readonly Field[]): Field | null {
  const program = argv[0];
  if (!program || program.chars.some((c) => c.kind !== 'lit')) return null;
  const value = reader.aliases.get(program.word.value);
  if (!value || reader.expandingAliases.has(program.word.value)) return null;
  return joinAcross([value, ...argv.slice(1)]);
}
