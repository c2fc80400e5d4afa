/**
 * The Codex configuration a `codex` run loads, as its flag reader sees it: `$CODEX_HOME/config.toml`
 * (a directory in the repository, or the runner's own `~/.codex`), the project's `.codex/config.toml`
 * for its `[profiles.*]`, and the profile the run selects (`-p`, `--profile`, `-c profile=…`, or the
 * file's own `profile` key). Codex applies, highest first: flags, `-c` overrides, the profile, the
 * file's top level. Only keys the flags leave open are taken from the files.
 */
import type { SourceRef } from '../model/source.js';
import type { FactEvidence, FlagOccurrence, FlagReading, FlagWord, RepositoryFile } from './flags.js';
import { isBroadPath } from './settings-reading.js';

type Add = <K extends keyof FactEvidence>(fact: K, evidence: FactEvidence[K]) => void;
type Sandbox = (add: Add, mode: string, source: SourceRef, what: string) => void;

/** What the run's own flags already decide, so the files cannot change it. */
export interface DecidedByFlags {
  /** `--sandbox`, `-c sandbox_mode=…` or `--full-auto`: the mode they give. */
  mode: string | null;
  /** `-c sandbox_workspace_write.network_access=…`. */
  network: boolean;
}

interface Layer {
  file: RepositoryFile;
  table: Record<string, unknown>;
  path: string[];
  /** How a reason names it: "profile `ci` of ci/codex/config.toml". */
  label: string;
}

const PROJECT_CONFIG = '.codex/config.toml';
const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const profilesOf = (file: RepositoryFile | null): Record<string, unknown> =>
  file && isTable(file.value) && isTable(file.value['profiles']) ? file.value['profiles'] : {};

/** The home directory's config, when CODEX_HOME names one the repository holds; reports what cannot be known. */
function homeConfig<W extends FlagWord>(r: FlagReading<W>): { file: RepositoryFile | null; known: boolean } {
  const home = r.env('CODEX_HOME');
  if (!home) return { file: null, known: false };
  const place = r.place(home.value);
  if (place.kind !== 'repository') {
    const outside = place.kind === 'outside';
    r.undeterminedEnv(
      `the configuration Codex loads from \`CODEX_HOME\` (${outside ? 'outside the repository' : 'known only when the job runs'})`,
      'CODEX_HOME',
      outside && !/\$/.test(home.value) ? [`${home.value.replace(/\/+$/, '')}/config.toml`] : undefined,
    );
    return { file: null, known: false };
  }
  const path = place.path ? `${place.path}/config.toml` : 'config.toml';
  const file = r.file(path);
  if (!file)
    r.note(
      `\`CODEX_HOME\` is \`${home.value}\`, where the repository holds no readable config.toml: Codex uses its defaults unless a step writes one`,
    );
  return { file, known: true };
}

/** The profile the run selects: `--profile` over `-c profile=…` over the file's own `profile` key. */
function selection<W extends FlagWord>(
  r: FlagReading<W>,
  home: RepositoryFile | null,
): { name: string; word: W | null; written: string } | { unknown: W; written: string } | null {
  const flag = r.flags('-p', '--profile').findLast((f) => f.value);
  const override = r.flags('-c', '--config').findLast((f) => f.value && /^\s*profile\s*=/.test(f.value.text)) as
    FlagOccurrence<W> | undefined;
  const word = flag?.value ?? override?.value ?? null;
  if (word) {
    const name = flag?.value ? word.text : word.text.replace(/^\s*profile\s*=\s*/, '').replace(/^["']|["']\s*$/g, '');
    if (r.unknown(word)) return { unknown: word, written: flag?.value ? flag.name : '-c profile=…' };
    return { name, word, written: flag?.value ? `${flag.name} ${name}` : `-c profile=${name}` };
  }
  const own = home && isTable(home.value) ? home.value['profile'] : undefined;
  return typeof own === 'string' ? { name: own, word: null, written: `\`profile = "${own}"\` in ${home!.file}` } : null;
}

/** How weak a profile's sandbox is: lower is weaker (the one an unknown selection is judged as). */
function weakness(table: Record<string, unknown>): number {
  const mode = table['sandbox_mode'];
  const ws = isTable(table['sandbox_workspace_write']) ? table['sandbox_workspace_write'] : {};
  if (mode === 'danger-full-access') return 0;
  if (mode !== 'read-only' && (ws['network_access'] === true || broadRoot(ws['writable_roots']) >= 0)) return 1;
  if (mode === undefined) return 2;
  return mode === 'read-only' ? 4 : 3;
}

/** The index of the first writable root that reaches the whole disk or a home, as the settings reader judges it. */
const broadRoot = (roots: unknown): number =>
  Array.isArray(roots) ? roots.findIndex((p) => typeof p === 'string' && isBroadPath(p)) : -1;

/** The profile tables named `name`, the project's over the home's (Codex's layer order). */
function profileLayers(name: string, configs: readonly RepositoryFile[]): Layer[] {
  return configs.flatMap((file) => {
    const table = profilesOf(file)[name];
    return isTable(table)
      ? [{ file, table, path: ['profiles', name], label: `profile \`${name}\` of ${file.file}` }]
      : [];
  });
}

/**
 * Reads the configuration into evidence for what the flags left open. `sandbox` turns a mode into
 * evidence (the flag reader's own judgement), so a file's `sandbox_mode` means what `--sandbox` does.
 */
export function readCodexConfig<W extends FlagWord>(
  r: FlagReading<W>,
  add: Add,
  sandbox: Sandbox,
  flags: DecidedByFlags,
): void {
  const home = homeConfig(r);
  const project = r.file(PROJECT_CONFIG);
  const configs = [home.file, project].filter((f): f is RepositoryFile => f !== null);
  const chosen = selection(r, home.file);
  const layers: Layer[] = [];
  if (chosen && 'unknown' in chosen) {
    // Known only at run time: judged as the weakest profile the repository's configs define.
    const names = [...new Set(configs.flatMap((f) => Object.keys(profilesOf(f))))];
    const weakest = names
      .map((name) => ({ name, layers: profileLayers(name, configs) }))
      .sort(
        (a, b) =>
          Math.min(...a.layers.map((l) => weakness(l.table))) - Math.min(...b.layers.map((l) => weakness(l.table))),
      )[0];
    if (!weakest || !home.known) r.undetermined(`the Codex profile \`${chosen.written}\` selects`, chosen.unknown);
    if (weakest) {
      for (const l of weakest.layers) l.label = `${l.label} (the weakest profile \`${chosen.written}\` can select)`;
      layers.push(...weakest.layers);
    }
  } else if (chosen) {
    const found = profileLayers(chosen.name, configs);
    for (const l of found)
      l.label = `${l.label} (selected by ${chosen.word ? `\`${chosen.written}\`` : chosen.written})`;
    if (found.length > 0) layers.push(...found);
    else if (chosen.word && !home.known)
      r.undetermined(
        `the Codex profile \`${chosen.name}\` that \`${chosen.written}\` selects, which no configuration in the repository defines`,
        chosen.word,
        [home.file === null && r.env('CODEX_HOME') ? '$CODEX_HOME/config.toml' : '~/.codex/config.toml'],
      );
    else if (chosen.word)
      r.note(
        `\`${chosen.written}\` names a profile no config.toml Codex loads defines: Codex stops with "config profile \`${chosen.name}\` not found"`,
      );
  }
  if (home.file && isTable(home.file.value))
    layers.unshift({
      file: home.file,
      table: home.file.value,
      path: [],
      label: `${home.file.file} (the \`CODEX_HOME\` config)`,
    });
  applyLayers(layers, add, sandbox, flags);
}

/** The value of `key` in the highest layer that sets it (layers lowest first). */
function pick(
  layers: readonly Layer[],
  key: readonly string[],
): { value: unknown; source: SourceRef; layer: Layer } | null {
  for (const layer of [...layers].reverse()) {
    let v: unknown = layer.table;
    for (const k of key) v = isTable(v) ? v[k] : undefined;
    if (v !== undefined) return { value: v, source: layer.file.ref([...layer.path, ...key]), layer };
  }
  return null;
}

function applyLayers(layers: readonly Layer[], add: Add, sandbox: Sandbox, flags: DecidedByFlags): void {
  if (layers.length === 0) return;
  const mode = pick(layers, ['sandbox_mode']);
  const modeValue = flags.mode ?? (typeof mode?.value === 'string' ? mode.value : null);
  if (!flags.mode && mode && typeof mode.value === 'string') {
    sandbox(add, mode.value, mode.source, `\`sandbox_mode = "${mode.value}"\` in ${mode.layer.label}`);
    const policy = pick(layers, ['approval_policy']);
    if (mode.value === 'danger-full-access' && policy?.value === 'never')
      add('approval', {
        value: 'bypassed',
        reason: `\`approval_policy = "never"\` in ${policy.layer.label} with the sandbox off never asks, the same as \`--yolo\``,
        source: policy.source,
      });
  }
  if (modeValue === 'read-only' || modeValue === 'danger-full-access') return;
  const access = flags.network ? null : pick(layers, ['sandbox_workspace_write', 'network_access']);
  if (access?.value === true)
    add('network', {
      value: 'open',
      reason: `\`[sandbox_workspace_write] network_access = true\` in ${access.layer.label} gives Codex's sandbox the network`,
      source: access.source,
      boundary: true,
    });
  const roots = pick(layers, ['sandbox_workspace_write', 'writable_roots']);
  const broad = roots ? broadRoot(roots.value) : -1;
  if (roots && broad >= 0)
    add('filesystem', {
      value: 'full',
      reason: `\`writable_roots\` in ${roots.layer.label} lets sandboxed commands write to \`${String((roots.value as unknown[])[broad])}\``,
      source: roots.layer.file.ref([...roots.layer.path, 'sandbox_workspace_write', 'writable_roots', broad]),
      boundary: true,
    });
}
