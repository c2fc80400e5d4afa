/**
 * Reads server entries out of a client file in any of the shapes clients use: a map keyed by name
 * (most), a list with `name` (Continue), a command array (opencode), Zed's `command: {path, args}`.
 */
import type { KeyPath } from '../../documents/types.js';
import type { Arg } from '../../containers/docker-run.js';
import { mainCommandWords, wordsOf } from './launch.js';
import { get, isRecord } from '../../util/json.js';

export interface ServerEntry {
  name: string;
  /** Key path of the entry's object. */
  path: KeyPath;
  /** What the deployment points at: the entry's key, or its `name` field in a list. */
  keyPath: KeyPath;
  value: Record<string, unknown>;
  /** The command line (program first), or null for a remote or invalid entry. */
  argv: Arg[] | null;
  url: Arg | null;
  /** `disabled: true`, `enabled: false`, or skipped by the client's own list (Gemini CLI's `mcp.allowed`/`excluded`). */
  disabled: boolean;
}

const URL_KEYS = ['url', 'httpUrl', 'serverUrl', 'uri'] as const;

/** Keys that make a top-level object of a flat file a server entry. */
const SERVER_KEYS = ['command', 'cmd', 'type', ...URL_KEYS] as const;

/** The server entries of a client file; `skips` (the client's own) marks listed servers it will not start. */
export function readEntries(
  root: unknown,
  file: string,
  keys: readonly KeyPath[],
  flat = false,
  skips?: (root: unknown, name: string) => boolean,
): ServerEntry[] {
  const out: ServerEntry[] = [];
  // A flat file (`{"github": {"command": …}}`) has its servers at the top level.
  if (flat && isRecord(root) && keys.every((key) => get(root, key) === undefined)) {
    for (const [name, item] of Object.entries(root)) {
      if (isRecord(item) && SERVER_KEYS.some((k) => item[k] !== undefined))
        out.push(entry(name, [name], [name], item, file));
    }
    return out;
  }
  for (const key of keys) {
    const container = get(root, key);
    if (Array.isArray(container)) {
      container.forEach((item, i) => {
        if (!isRecord(item)) return;
        const name = typeof item['name'] === 'string' ? item['name'] : `#${i + 1}`;
        const path = [...key, i];
        out.push(entry(name, path, typeof item['name'] === 'string' ? [...path, 'name'] : path, item, file));
      });
    } else if (isRecord(container)) {
      for (const [name, item] of Object.entries(container)) {
        if (isRecord(item)) out.push(entry(name, [...key, name], [...key, name], item, file));
      }
    }
  }
  if (skips) for (const e of out) if (e.path[0] === keys[0]?.[0] && skips(root, e.name)) e.disabled = true;
  return out;
}

function entry(
  name: string,
  path: KeyPath,
  keyPath: KeyPath,
  value: Record<string, unknown>,
  file: string,
): ServerEntry {
  const ref = (sub: KeyPath): Arg['ref'] => ({ file, path: [...path, ...sub] });
  const argv = commandLine(value, ref);
  const urlKey = URL_KEYS.find((k) => typeof value[k] === 'string');
  return {
    name,
    path,
    keyPath,
    value,
    argv,
    url: urlKey ? { value: value[urlKey] as string, ref: ref([urlKey]) } : null,
    disabled: value['disabled'] === true || value['enabled'] === false,
  };
}

function commandLine(value: Record<string, unknown>, ref: (sub: KeyPath) => Arg['ref']): Arg[] | null {
  const items = (list: unknown, at: KeyPath): Arg[] =>
    Array.isArray(list)
      ? list.flatMap((v, i) =>
          typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
            ? [{ value: String(v), ref: ref([...at, i]) }]
            : [],
        )
      : [];
  const command = value['command'] ?? value['cmd'];
  const commandKey = value['command'] !== undefined ? 'command' : 'cmd';
  if (Array.isArray(command)) {
    const words = items(command, [commandKey]);
    return words.length > 0 ? words : null;
  }
  if (isRecord(command) && typeof command['path'] === 'string') {
    return [
      { value: command['path'], ref: ref([commandKey, 'path']) },
      ...items(command['args'], [commandKey, 'args']),
    ];
  }
  if (typeof command !== 'string' || command.trim() === '') return null;
  const args = items(value['args'], ['args']);
  const program: Arg = { value: command, ref: ref([commandKey]) };
  // `"command": "npx -y pkg"` with no args: the client hands the whole line to a shell.
  if (args.length === 0 && /\s/.test(command.trim()) && !/^[A-Za-z]:\\|^\//.test(command))
    return wordsOf(program, mainCommandWords(command));
  return [program, ...args];
}
