/**
 * Sandbox wrappers in a command line (`awf … -- cmd`, `srt cmd`, `sbx run claude -- args`), read with
 * the specs of the shell's wrapper table: every option of the real CLI, `--` ending the options, and
 * what the boundary really restricts judged from those options (an allowlist, a host-socket mount,
 * an option that switches the firewall off).
 */
import { parseVolume } from '../../containers/docker-run.js';
import { isEscapePath, isSocketPath } from '../../containers/host-paths.js';
import type { RepositoryFile } from '../../agents/index.js';
import type { SourceRef } from '../../model.js';
import { SANDBOX_WRAPPERS, programName, type SandboxWrapperSpec } from '../../shell/index.js';
import type { Word } from './shell.js';
import type { Candidate } from './types.js';

export interface SandboxWrapping {
  isolation: Candidate<'process' | 'container' | 'gvisor' | 'microvm' | 'none'>[];
  network: Candidate<'open' | 'allowlist' | 'none'>[];
  limits: Candidate<'bounded'>[];
}

/** Reads a policy file the wrapper is given from the repository (its path as written), or null. */
export type PolicyLoader = (path: string) => RepositoryFile | null;

/** What runs inside the wrapper. */
export type Wrapped =
  /** The words from `from` on are the command line. */
  | { kind: 'argv'; from: number }
  /** One word holds the whole command line as a script (`awf '…'`, `srt -c '…'`). */
  | { kind: 'script'; index: number }
  /** The agent is named by the wrapper (`sbx run claude`), its own arguments after `--`. */
  | { kind: 'agent'; words: Word[] }
  | null;

/**
 * The sandbox wrapper `words` start with, and the index after its program and verbs. A program
 * written as a relative path (`./awf`, `scripts/srt`) is the repository's own script, not the tool.
 */
export function sandboxWrapperAt(words: readonly Word[]): { spec: SandboxWrapperSpec; next: number } | null {
  const program = words[0]?.text ?? '';
  if (program.includes('/') && !/^[/$~]/.test(program)) return null;
  const name = programName(program);
  for (const spec of SANDBOX_WRAPPERS) {
    if (!spec.programs.includes(name)) continue;
    const verbs = spec.verbs ?? [];
    if (verbs.every((spellings, k) => spellings.includes(words[1 + k]?.text ?? '')))
      return { spec, next: 1 + verbs.length };
  }
  return null;
}

/**
 * Reads the wrapper's options into `w` and returns what it runs. `script` is the step's whole
 * script, where a policy file the wrapper is given may be written first (gh-aw writes
 * `awf-config.json` with `printf … > FILE` in the same step).
 */
export function readSandboxWrapper(
  words: readonly Word[],
  spec: SandboxWrapperSpec,
  next: number,
  w: SandboxWrapping,
  ref: (word: Word) => SourceRef,
  script: string,
  load?: PolicyLoader,
): Wrapped {
  const program = words[0]!;
  const valued = new Set(spec.valued);
  const boundary: SandboxWrapping = { isolation: [], network: [], limits: [] };
  let i = next;
  let scriptAt = -1;
  while (i < words.length) {
    const option = words[i]!;
    if (option.text === '--') {
      i++;
      break;
    }
    // An unquoted expansion that is empty (`${MOUNT:+--mount "$MOUNT"}` with MOUNT unset) is no word at all.
    if (option.text === '') {
      i++;
      continue;
    }
    if (!option.text.startsWith('-') || option.text === '-') break;
    const [flag, attached] = splitOption(option.text, valued);
    const takesValue = valued.has(flag) || spec.scriptFlags?.includes(flag);
    const optional = spec.optionalValued?.includes(flag) && attached === null;
    const value =
      attached ?? (takesValue || (optional && !words[i + 1]?.text.startsWith('-')) ? words[i + 1] : undefined)?.text;
    judgeOption(spec, flag, value ?? null, option, boundary, ref, { script, load }, words[i + 1]);
    if (spec.scriptFlags?.includes(flag) && attached === null) {
      scriptAt = i + 1;
      break;
    }
    i += attached === null && (takesValue || (optional && value !== undefined)) ? 2 : 1;
  }
  w.isolation.push(
    ...(boundary.isolation.length > 0
      ? boundary.isolation
      : [{ value: spec.isolation, reason: `\`${spec.name}\` runs the agent in ${spec.title}`, source: ref(program) }]),
  );
  if (boundary.network.length === 0 && spec.defaultNetwork)
    boundary.network.push({
      value: spec.defaultNetwork,
      reason: `\`${spec.name}\` with no policy lets the agent reach no domain`,
      source: ref(program),
    });
  w.network.push(...boundary.network);
  w.limits.push(...boundary.limits);
  if (scriptAt >= 0) return scriptAt < words.length ? { kind: 'script', index: scriptAt } : null;
  if (spec.agentOperand) {
    const agent = words[i];
    if (!agent) return null;
    const dashes = words.findIndex((word, k) => k > i && word.text === '--');
    return { kind: 'agent', words: [agent, ...(dashes < 0 ? [] : words.slice(dashes + 1))] };
  }
  if (i >= words.length) return null;
  // One word left, before or after `--`, is a command line the wrapper hands a shell (gh-aw's older
  // lock files: `awf … -- '/usr/local/bin/copilot --allow-all-tools …'`).
  if (spec.quotedCommand && i === words.length - 1) return { kind: 'script', index: i };
  return { kind: 'argv', from: i };
}

/** `--opt=value` → [`--opt`, `value`]; `-dgithub.com` (a valued short option) → [`-d`, `github.com`]. */
function splitOption(text: string, valued: ReadonlySet<string>): [string, string | null] {
  if (text.startsWith('--')) {
    const eq = text.indexOf('=');
    return eq > 0 ? [text.slice(0, eq), text.slice(eq + 1)] : [text, null];
  }
  const short = text.slice(0, 2);
  return text.length > 2 && valued.has(short) ? [short, text.slice(2)] : [text, null];
}

function judgeOption(
  spec: SandboxWrapperSpec,
  flag: string,
  value: string | null,
  option: Word,
  w: SandboxWrapping,
  ref: (word: Word) => SourceRef,
  { script, load }: { script: string; load?: PolicyLoader | undefined },
  valueWord: Word | undefined,
): void {
  const source = ref(option);
  const weakening = spec.weakening?.[flag];
  if (weakening?.isolation) w.isolation.push({ value: weakening.isolation, reason: weakening.reason, source });
  if (weakening?.network) w.network.push({ value: weakening.network, reason: weakening.reason, source });
  if (value === null) return;
  const runtimes = spec.runtimes?.option === flag ? spec.runtimes.isolation : {};
  if (Object.hasOwn(runtimes, value)) {
    const isolation = runtimes[value]!;
    const what = isolation === 'gvisor' ? "gVisor's user-space kernel" : 'a micro-VM';
    w.isolation.push({
      value: isolation,
      reason: `\`${spec.name} ${flag} ${value}\` runs the agent in ${what}`,
      source,
    });
  }
  if (spec.allowlist?.includes(flag)) w.network.push(allowlist(`\`${spec.name} ${flag}\``, value.split(','), source));
  if (spec.policyFiles?.includes(flag)) {
    const written = writtenTo(valueWord && option.text === flag ? valueWord : null, value, script);
    // Not written here: a policy file the repository holds (`awf --config .github/awf.json`).
    const file = written ? null : (load?.(value) ?? null);
    const object = written ? writtenJson(written) : isObject(file?.value) ? file.value : null;
    const what = written
      ? `the \`${spec.name} ${flag}\` file written in this step`
      : `${file?.file} (\`${spec.name} ${flag}\`)`;
    const domains = written ? domainsIn(written) : object ? domainsIn(JSON.stringify(object)) : null;
    if (domains) w.network.push(allowlist(what, domains, source));
    judgeConfig(spec, object, what, w, (path, index) =>
      file ? file.ref([...path.split('.'), ...(index === undefined ? [] : [index])]) : source,
    );
  }
  if (spec.mounts?.includes(flag)) {
    const mount = parseVolume(value);
    if (isSocketPath(mount.source) || isEscapePath(mount.source))
      w.isolation.push({
        value: 'none',
        reason: `\`${spec.name} ${flag} ${value}\` hands the agent the host's \`${mount.source}\``,
        source,
      });
  }
  if (spec.limits?.includes(flag))
    w.limits.push({ value: 'bounded', reason: `\`${spec.name} ${flag}\` bounds the agent`, source });
}

function allowlist(what: string, listed: readonly string[], source: SourceRef): Candidate<'open' | 'allowlist'> {
  const domains = listed.map((d) => d.trim()).filter(Boolean);
  const open = domains.find((d) => /^(\*|\*\.\*|0\.0\.0\.0(\/0)?)$/.test(d.replace(/^https?:\/\//, '')));
  return open
    ? { value: 'open', reason: `${what} allows \`${open}\`, every domain`, source }
    : { value: 'allowlist', reason: `${what} lets the agent reach only ${domains.length} listed domain(s)`, source };
}

/**
 * The text a policy file holds when the same script writes it (`printf '…' > "$FILE"`, `echo`,
 * `cat <<EOF`): the line redirected to the path written exactly as the option's value is. Null when
 * the script does not write it.
 */
function writtenTo(valueWord: Word | null, value: string, script: string): string | null {
  const spellings = new Set([value, `"${value}"`, `'${value}'`]);
  if (valueWord) spellings.add(script.slice(valueWord.start, valueWord.end));
  for (const line of script.split('\n')) {
    const redirect = /(?:^|[^>&\d])>\s*(\S+)\s*$/.exec(line.replace(/\s+#.*$/, ''));
    // What is written comes before the redirection (its target may hold braces: `${RUNNER_TEMP}`).
    const written = redirect ? line.slice(0, redirect.index + 1) : '';
    if (redirect && spellings.has(redirect[1]!) && written.includes('{')) return written;
  }
  return null;
}

/** The `allowDomains` (awf) or `allowedDomains` (srt) array of a written policy file. */
function domainsIn(text: string): string[] | null {
  const list = /allowe?d?Domains\\?"\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
  return list === undefined ? null : [...list.matchAll(/\\?"([^"\\]*)\\?"/g)].map((m) => m[1]!);
}

/** The JSON object a shell line writes (`printf '%s\n' "{\"network\":…}" > FILE`), quotes undone; null when it does not parse. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function writtenJson(line: string): Record<string, unknown> | null {
  const start = line.indexOf('{');
  const end = line.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  // Inside double quotes `\"` is `"`; an expansion (`${CREDITS}`) stands for a number or word the step fills in.
  const text = line
    .slice(start, end + 1)
    .replace(/\\(["\\$`])/g, '$1')
    .replace(/\$\{?\w+\}?/g, '0');
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Keys of a written config that take away what the wrapper restricts, as its options would (awf's
 * config-file mapping: `container.enableDind` is `--enable-dind`, `container.mounts[]` is `--mount`), or
 * that name a stronger runtime (`container.containerRuntime` is `--container-runtime`).
 */
function judgeConfig(
  spec: SandboxWrapperSpec,
  config: Record<string, unknown> | null,
  what: string,
  w: SandboxWrapping,
  sourceOf: (path: string, index?: number) => SourceRef,
): void {
  if (!config || !spec.configKeys) return;
  for (const [path, option] of Object.entries(spec.configKeys)) {
    const source = sourceOf(path);
    let value: unknown = config;
    for (const key of path.split('.'))
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === false || value === null) continue;
    const runtimes = spec.runtimes?.option === option ? spec.runtimes.isolation : {};
    if (typeof value === 'string' && Object.hasOwn(runtimes, value)) {
      const isolation = runtimes[value]!;
      const kernel = isolation === 'gvisor' ? "gVisor's user-space kernel" : 'a micro-VM';
      w.isolation.push({
        value: isolation,
        reason: `\`${path}: ${value}\` in ${what} runs the agent in ${kernel}`,
        source,
      });
    }
    const weakening = spec.weakening?.[option];
    if (weakening && value === true) {
      const reason = `\`${path}: true\` in ${what} is \`${option}\`, which ${weakening.reason.replace(/^`[^`]*` /, '')}`;
      if (weakening.isolation) w.isolation.push({ value: weakening.isolation, reason, source });
      if (weakening.network) w.network.push({ value: weakening.network, reason, source });
    }
    if (spec.mounts?.includes(option))
      for (const [index, mount] of (Array.isArray(value) ? value : [value]).entries()) {
        if (typeof mount !== 'string') continue;
        const host = parseVolume(mount).source;
        if (isSocketPath(host) || isEscapePath(host))
          w.isolation.push({
            value: 'none',
            reason: `\`${path}\` in ${what} mounts \`${mount}\`, handing the agent the host's \`${host}\``,
            source: Array.isArray(value) ? sourceOf(path, index) : source,
          });
      }
  }
}
