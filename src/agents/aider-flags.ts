/**
 * Aider's settings as a run sees them. Aider reads every option (configargparse) from, highest first:
 * the command line (`--yes-always`, `--no-auto-commits`), its environment variable (`AIDER_YES_ALWAYS`,
 * `AIDER_AUTO_COMMITS`: `AIDER_` and the option in upper case with `_` for `-`), then a YAML config:
 * the file `--config`/`-c` names, or else `.aider.conf.yml` at the repository root (and the home
 * directory, which is not in the repository).
 */
import type { SourceRef } from '../model/source.js';
import type { FlagReader, FlagReading, FlagWord, RepositoryFile } from './flags.js';

const DEFAULT_CONFIG = '.aider.conf.yml';
const TRUE = /^(true|1|yes|on)$/i;
const FALSE = /^(false|0|no|off)$/i;

interface Setting<W extends FlagWord = FlagWord> {
  on: boolean;
  /** The flag's word, when the command line sets it. */
  word?: W;
  /** How a reason names where it is set: "`--yes-always`", "`AIDER_YES_ALWAYS=true`", "`yes-always` in .aider.conf.yml". */
  where: string;
  source: SourceRef;
}

/** The config file the run loads, if the repository holds it; records what cannot be known. */
function configFile<W extends FlagWord>(r: FlagReading<W>): RepositoryFile | null {
  const named = r.flags('-c', '--config').findLast((f) => f.value);
  if (!named?.value) return r.file(DEFAULT_CONFIG);
  const word = named.value;
  const place = r.place(word);
  if (place.kind !== 'repository') {
    r.undetermined(
      `the aider configuration \`${named.name}\` loads (${place.kind === 'outside' ? 'outside the repository' : 'known only when the job runs'})`,
      word,
      place.kind === 'outside' ? [word.text] : undefined,
    );
    return null;
  }
  const file = r.file(place.path);
  if (!file) r.note(`\`${named.name} ${word.text}\` names a file the repository does not hold: aider stops`);
  return file;
}

/** One boolean option, from the highest source that sets it. */
function setting<W extends FlagWord>(
  r: FlagReading<W>,
  config: RepositoryFile | null,
  names: readonly string[],
): Setting<W> | null {
  const flags = [
    ...r.flags(...names.map((n) => `--${n}`)).map((f) => ({ f, on: true })),
    ...r.flags(...names.map((n) => `--no-${n}`)).map((f) => ({ f, on: false })),
  ].sort((a, b) => a.f.word.start - b.f.word.start);
  const last = flags.at(-1);
  if (last)
    return {
      on: last.on,
      word: last.f.word,
      where: `\`${last.f.name}\``,
      source: r.ref(last.f.word),
    };
  for (const name of names) {
    const variable = `AIDER_${name.toUpperCase().replace(/-/g, '_')}`;
    const env = r.env(variable);
    if (env && (TRUE.test(env.value.trim()) || FALSE.test(env.value.trim())))
      return { on: TRUE.test(env.value.trim()), where: `\`${variable}=${env.value.trim()}\``, source: env.source };
  }
  const table = config?.value;
  if (!config || typeof table !== 'object' || table === null) return null;
  for (const name of names) {
    const value = (table as Record<string, unknown>)[name];
    const on = value === true || (typeof value === 'string' && TRUE.test(value));
    if (on || value === false || (typeof value === 'string' && FALSE.test(value)))
      return { on, where: `\`${name}\` in ${config.file}`, source: config.ref([name]) };
  }
  return null;
}

export const readAiderFlags: FlagReader = (r) => {
  const config = configFile(r);
  const yes = setting(r, config, ['yes-always', 'yes']);
  const reason = `${yes?.where} answers yes to every aider confirmation, shell commands included`;
  if (yes?.on && yes.word) r.bypass(yes.word, reason);
  else if (yes?.on) r.add('approval', { value: 'bypassed', reason, source: yes.source });
  const commits = setting(r, config, ['auto-commits']);
  if (commits) r.note(`${commits.where}: aider ${commits.on ? 'commits' : 'does not commit'} each change it makes`);
  const shell = setting(r, config, ['suggest-shell-commands']);
  if (shell && !shell.on) r.note(`${shell.where}: aider proposes no shell commands (lint and test commands still run)`);
};
