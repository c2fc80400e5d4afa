/**
 * Is this dev container an agent deployment? Yes when it installs or runs a coding agent: an agent
 * devcontainer feature, an agent VS Code extension, or an agent CLI installed or invoked in a
 * lifecycle command. Credential variables alone are not enough (an app calling an LLM API is not an agent).
 */
import path from 'node:path';
import { minimatch } from 'minimatch';
import {
  agentOfCommand,
  agentOfEnv,
  agentOfExtension,
  agentOfFeature,
  agentsInstalledIn,
  agentsInvokedIn,
} from '../../agents/index.js';
import { basename, programs } from '../../containers/commands.js';
import { envName, imageSignal } from '../../containers/signals.js';
import type { KeyPath } from '../../documents/types.js';
import type { AdapterSettings } from '../../model.js';
import { readShell, type ShellWord } from '../../shell/index.js';
import { isRecord } from '../../util/json.js';

export interface Signal {
  agent: string;
  text: string;
}

/** A lifecycle command string with where it is written. */
export interface CommandText {
  key: string;
  path: KeyPath;
  value: string;
}

export const LIFECYCLE_KEYS = [
  'initializeCommand',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
] as const;

export function agentSignals(
  value: Record<string, unknown>,
  commands: readonly CommandText[],
  settings: AdapterSettings,
): Signal[] {
  const signals: Signal[] = [];
  const features = isRecord(value['features']) ? Object.keys(value['features']) : [];
  for (const id of features) {
    const agent = agentOfFeature(featureName(id));
    if (agent) signals.push({ agent, text: `installs the \`${id}\` devcontainer feature` });
  }
  for (const ext of extensions(value)) {
    const agent = agentOfExtension(ext.toLowerCase());
    if (agent) signals.push({ agent, text: `installs the \`${ext}\` VS Code extension` });
  }
  signals.push(...imageAndEnvSignals(value, settings), ...startedAgents(value));
  for (const command of commands) {
    for (const agent of agentsInstalledIn(command.value))
      signals.push({ agent, text: `\`${command.key}\` installs ${agent}` });
    for (const agent of agentsInvokedIn(command.value))
      signals.push({ agent, text: `\`${command.key}\` runs ${agent}` });
    const extra = settings['agent-commands'];
    if (extra.length > 0) {
      const word = commandWords(command.value).find((w) => extra.some((g) => minimatch(w.split('/').pop() ?? w, g)));
      if (word)
        signals.push({ agent: 'unknown', text: `\`${command.key}\` runs \`${word}\` (policy \`agent-commands\`)` });
    }
  }
  return dedupe(signals);
}

/**
 * Agents a lifecycle command starts by name (`"postAttachCommand": "aider"`, `["npx", "-y",
 * "@openai/codex"]`, `sudo -E claude` inside a longer script), read the way the shell and the
 * exec form run them. A name shared with other tools (Cursor's `agent`) is never taken alone.
 */
function startedAgents(value: Record<string, unknown>): Signal[] {
  return LIFECYCLE_KEYS.flatMap((key) =>
    agentsStartedBy(value[key]).map(({ agent, name }) => ({ agent, text: `\`${key}\` starts \`${name}\`` })),
  );
}

const MAX_COMMAND = 16_384;
const MAX_WORDS = 1_000;

/** The agent programs one lifecycle command starts: a string as `sh -c`, an array as exec form, an object's each command. */
export function agentsStartedBy(node: unknown, nested = false): { agent: string; name: string; path: KeyPath }[] {
  const exec = Array.isArray(node) && node.every((w) => typeof w === 'string');
  // A lifecycle command is a line or a short script: the shell reader takes its first MAX_COMMAND characters.
  const argv =
    typeof node === 'string'
      ? ['sh', '-c', node.slice(0, MAX_COMMAND)]
      : exec
        ? (node as string[]).slice(0, MAX_WORDS)
        : null;
  // The object form names commands one level deep; deeper values are not commands.
  if (!argv)
    return isRecord(node) && !nested
      ? Object.entries(node).flatMap(([name, child]) =>
          agentsStartedBy(child, true).map((s) => ({ ...s, path: [name, ...s.path] })),
        )
      : [];
  const read = programs(argv).flatMap(({ word, index }) => {
    const name = word.startsWith('@') ? word : basename(word);
    const agent = agentOfCommand(name);
    // The exec form points at the array item that names the program; a string at itself.
    return agent ? [{ agent, name, path: exec ? [index] : [] }] : [];
  });
  // Past what the shell reader takes, a word in a command position still starts a program: nothing
  // there passes unseen (a cheap scan, so a padded command cannot hide an agent at its end).
  if (typeof node !== 'string' || node.length <= MAX_COMMAND) return read;
  const tail = [...node.slice(MAX_COMMAND).matchAll(TAIL_COMMAND)].flatMap((m) => {
    const word = m[1]!;
    const name = word.startsWith('@') ? word : basename(word);
    const agent = agentOfCommand(name);
    return agent ? [{ agent, name, path: [] as KeyPath }] : [];
  });
  return [...read, ...tail];
}

/** A word at the start of a line or after `;`, `&&`, `||`, `|`, `(` or `{`: where the shell runs a program. */
const TAIL_COMMAND = /(?:^|[;&|\n({])[ \t]*([\w@./-]+)/g;

/** An agent image (`docker/sandbox-templates:claude-code`, `ghcr.io/openai/codex-universal`) and agent-only variables. */
function imageAndEnvSignals(value: Record<string, unknown>, settings: AdapterSettings): Signal[] {
  const out: Signal[] = [];
  const image = text(value['image']);
  if (image) {
    const verdict = imageSignal(image, { file: '', path: ['image'] }, settings);
    if (verdict?.kind === 'signal' && verdict.signal.strength === 'strong')
      out.push({ agent: verdict.signal.agent ?? 'unknown', text: `\`image\`: ${verdict.signal.text}` });
  }
  for (const key of ['containerEnv', 'remoteEnv'] as const) {
    const env = isRecord(value[key]) ? value[key] : {};
    const seen = new Set<string>();
    for (const name of Object.keys(env)) {
      const agent = agentOfEnv(envName(name));
      // One variable per agent says enough (`CODEX_*` families come in groups).
      if (agent && !seen.has(agent) && seen.add(agent))
        out.push({ agent, text: `\`${key}.${name}\` is read only by ${agent}` });
    }
  }
  return out;
}

/**
 * Agent installs in the files a dev container runs: the Dockerfile it builds (`build.dockerfile`,
 * legacy `dockerFile`) and the repository scripts its lifecycle commands run (`bash .devcontainer/setup.sh`,
 * or `/tmp/setup.sh` when that Dockerfile copies the script there). Files outside the repository are not read.
 */
export function fileSignals(
  file: string,
  value: Record<string, unknown>,
  commands: readonly CommandText[],
  read: ((file: string) => string | null) | undefined,
): Signal[] {
  if (!read) return [];
  const signals: Signal[] = [];
  const dir = dirOf(file);
  const build = isRecord(value['build']) ? value['build'] : {};
  const dockerfileName = text(build['dockerfile']) ?? text(value['dockerFile']);
  let copies: { src: string; dest: string }[] = [];
  const dockerfile = dockerfileName ? inRepo(dir, dockerfileName) : null;
  const dockerText = dockerfile ? read(dockerfile) : null;
  if (dockerfile && dockerText) {
    for (const agent of agentsInstalledIn(dockerText))
      signals.push({ agent, text: `\`${dockerfile}\` (the image it builds) installs ${agent}` });
    const context = inRepo(dir, text(build['context']) ?? text(value['context']) ?? '.');
    if (context !== null) copies = dockerCopies(dockerText, context);
  }
  const seen = new Set<string>();
  for (const command of commands) {
    for (const word of commandWords(command.value)) {
      if (!/^[\w./~-]+$/.test(word) || !(word.includes('/') || /\.(?:sh|bash)$/.test(word))) continue;
      for (const script of scriptCandidates(word, dir, copies)) {
        if (seen.has(`${command.key} ${script}`) || script === dockerfile) continue;
        seen.add(`${command.key} ${script}`);
        const body = read(script);
        if (body === null) continue;
        for (const agent of agentsInstalledIn(body))
          signals.push({ agent, text: `\`${command.key}\` runs \`${script}\`, which installs ${agent}` });
        for (const agent of agentsInvokedIn(body))
          signals.push({ agent, text: `\`${command.key}\` runs \`${script}\`, which runs ${agent}` });
        break;
      }
    }
  }
  return dedupe(signals);
}

const MAX_COMMAND_CHARS = 16_384;

/**
 * Every word a lifecycle command runs, in the order written, as the shell reader resolves it: wrappers
 * and their options, programs and arguments, commands inside `$(…)` and `bash -c '…'` included. A word
 * with a part nobody can know (`$DIR/setup.sh`) is left out: it names no file or program for certain.
 */
function commandWords(script: string): string[] {
  const words: ShellWord[] = [];
  // The shell reader costs about 0.1 ms a word; a lifecycle command is a few lines. Past this many
  // characters only the start is read for words (the install and invocation patterns still see all of it).
  for (const command of readShell(script.slice(0, MAX_COMMAND_CHARS)).commands) {
    for (const via of command.via) words.push(via.word, ...via.options, ...(via.package ? [via.package] : []));
    words.push(command.program, ...command.args);
  }
  return words
    .filter((w) => !w.unknown)
    .sort((a, b) => a.start - b.start)
    .map((w) => w.value);
}

const posix = path.posix;
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const dirOf = (file: string): string => (posix.dirname(file) === '.' ? '' : posix.dirname(file));

/** A repository path from `name` relative to `dir`, or null when it leaves the repository or is absolute. */
function inRepo(dir: string, name: string): string | null {
  if (name.startsWith('/') || name.startsWith('~') || name.includes('${')) return null;
  const joined = posix.normalize(posix.join(dir || '.', name));
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** Where a script word may live in the repository: the workspace root (where lifecycle commands run), the config's folder, or a Dockerfile `COPY` source. */
function scriptCandidates(word: string, dir: string, copies: readonly { src: string; dest: string }[]): string[] {
  if (word.startsWith('/')) {
    const base = posix.basename(word);
    return copies.flatMap(({ src, dest }) => {
      if (dest === word) return [src];
      if (dest.replace(/\/$/, '') === posix.dirname(word) && posix.basename(src) === base) return [src];
      return [];
    });
  }
  return [inRepo('', word), dir ? inRepo(dir, word) : null].filter((c): c is string => c !== null && c !== '');
}

/** `COPY`/`ADD` sources (as repository paths under the build context) and their destinations. */
function dockerCopies(dockerfile: string, context: string): { src: string; dest: string }[] {
  const out: { src: string; dest: string }[] = [];
  for (const line of dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const m = /^\s*(?:COPY|ADD)\s+(.*)$/i.exec(line);
    if (!m) continue;
    let words: string[];
    try {
      words = m[1]!.trim().startsWith('[')
        ? (JSON.parse(m[1]!) as unknown[]).filter((w): w is string => typeof w === 'string')
        : m[1]!.trim().split(/\s+/);
    } catch {
      continue;
    }
    words = words.filter((w) => !w.startsWith('--'));
    if (words.length < 2) continue;
    const dest = words[words.length - 1]!;
    for (const src of words.slice(0, -1)) {
      const repo = inRepo(context, src);
      if (repo) out.push({ src: repo, dest });
    }
  }
  return out;
}

/** `ghcr.io/anthropics/devcontainer-features/claude-code:1` → `claude-code`. */
export function featureName(id: string): string {
  const last = id.split('/').pop() ?? id;
  return last.replace(/[:@].*$/, '').toLowerCase();
}

function extensions(value: Record<string, unknown>): string[] {
  const custom = isRecord(value['customizations']) ? value['customizations'] : {};
  const vscode = isRecord(custom['vscode']) ? custom['vscode'] : {};
  const list = vscode['extensions'] ?? value['extensions'];
  return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
}

/** Every lifecycle command, in string, array or named-object form, as separate strings with paths. */
export function lifecycleCommands(value: Record<string, unknown>): CommandText[] {
  const out: CommandText[] = [];
  const add = (key: string, node: unknown, path: KeyPath): void => {
    if (typeof node === 'string') out.push({ key, path, value: node });
    else if (Array.isArray(node)) {
      node.forEach((item, i) => typeof item === 'string' && out.push({ key, path: [...path, i], value: item }));
      // The array form is one command line; its joined words show invocations split across items.
      out.push({ key, path, value: node.filter((w) => typeof w === 'string').join(' ') });
    } else if (isRecord(node)) for (const [name, child] of Object.entries(node)) add(key, child, [...path, name]);
  };
  for (const key of LIFECYCLE_KEYS) add(key, value[key], [key]);
  return out;
}

function dedupe(signals: Signal[]): Signal[] {
  const seen = new Set<string>();
  return signals.filter((s) => !seen.has(s.text) && seen.add(s.text));
}
