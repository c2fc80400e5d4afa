/**
 * `docker run` / `podman run` argument parsing. Produces options with the exact argument each came
 * from, the image and the container command. Devcontainer `runArgs` use the same parser.
 */
import type { SourceRef } from '../model.js';

/** One command-line word and where it is written (an array item, or a word inside a string via `text`). */
export interface Arg {
  value: string;
  ref: SourceRef;
}

export interface RunOption {
  /** Canonical long name without dashes: `volume`, `network`, `cap-add`, `privileged`. */
  name: string;
  /** The value, or null for a switch (`--read-only`). */
  value: string | null;
  /** The most specific argument to point at: the value when it is a separate word, else the flag. */
  at: SourceRef;
  /** How the option is written, for messages (`--network host`). */
  written: string;
  /** Why this option applies when it is implied rather than written (a feature that sets it). */
  note?: string;
}

export interface DockerRun {
  options: RunOption[];
  image: Arg | null;
  command: Arg[];
}

const SHORT: Record<string, string> = {
  v: 'volume',
  e: 'env',
  p: 'publish',
  u: 'user',
  w: 'workdir',
  m: 'memory',
  h: 'hostname',
  l: 'label',
  a: 'attach',
  c: 'cpu-shares',
  i: 'interactive',
  t: 'tty',
  d: 'detach',
  P: 'publish-all',
  q: 'quiet',
};
const ALIASES: Record<string, string> = { net: 'network', 'net-alias': 'network-alias', mount: 'mount' };

/** Options of `docker run` / `podman run` that take a value (from the CLI references). */
const VALUE_OPTIONS = new Set(
  (
    'add-host annotation attach blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent cgroupns cidfile cpu-count ' +
    'cpu-percent cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems detach-keys device ' +
    'device-cgroup-rule device-read-bps device-read-iops device-write-bps device-write-iops dns dns-option dns-opt dns-search ' +
    'domainname entrypoint env env-file expose gpus group-add health-cmd health-interval health-retries health-start-interval ' +
    'health-start-period health-timeout hostname ip ip6 ipc isolation kernel-memory label label-file link link-local-ip ' +
    'log-driver log-opt mac-address memory memory-reservation memory-swap memory-swappiness mount name network network-alias ' +
    'oom-score-adj pid pids-limit platform publish pull restart runtime security-opt shm-size stop-signal stop-timeout ' +
    'storage-opt sysctl tmpfs ulimit user userns uts volume volume-driver volumes-from workdir ' +
    // podman
    'arch authfile cgroup-conf cgroups chrootdirs conmon-pidfile creds decryption-key gidmap uidmap hooks-dir image-volume ' +
    'init-path passwd-entry personality pidfile pod pod-id-file preserve-fds rdt-class requires seccomp-policy sdnotify secret ' +
    'subgidname subuidname timeout tz umask unsetenv variant os'
  ).split(' '),
);

/**
 * Whether an option word of `docker run` takes the next word as its value (`-v x`, `--network x`,
 * `-dp 8080:80`; not `--network=x`, `-it`): the same table and clusters parseRunArgs reads.
 */
export function takesNextWord(word: string): boolean {
  if (word.startsWith('--')) return !word.includes('=') && VALUE_OPTIONS.has(ALIASES[word.slice(2)] ?? word.slice(2));
  if (!word.startsWith('-') || word.length < 2) return false;
  for (let k = 1; k < word.length; k++)
    if (VALUE_OPTIONS.has(SHORT[word[k]!] ?? word[k]!)) return k === word.length - 1;
  return false;
}

/** Parses the words after `run`. With `expectImage: false` (devcontainer `runArgs`) every word is an option. */
export function parseRunArgs(args: readonly Arg[], expectImage = true): DockerRun {
  const options: RunOption[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    const word = arg.value;
    if (word === '--') {
      i++;
      break;
    }
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const raw = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const name = ALIASES[raw] ?? raw;
      if (eq >= 0) options.push({ name, value: word.slice(eq + 1), at: arg.ref, written: word });
      else if (VALUE_OPTIONS.has(name) && i + 1 < args.length) {
        const next = args[++i]!;
        options.push({ name, value: next.value, at: next.ref, written: `${word} ${next.value}` });
      } else options.push({ name, value: null, at: arg.ref, written: word });
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      // A cluster of short switches (`-it`); a value option takes the rest of the word or the next word.
      for (let k = 1; k < word.length; k++) {
        const name = SHORT[word[k]!] ?? word[k]!;
        if (!VALUE_OPTIONS.has(name)) {
          options.push({ name, value: null, at: arg.ref, written: `-${word[k]}` });
          continue;
        }
        const rest = word.slice(k + 1).replace(/^=/, '');
        if (rest) options.push({ name, value: rest, at: arg.ref, written: word });
        else if (i + 1 < args.length) {
          const next = args[++i]!;
          options.push({ name, value: next.value, at: next.ref, written: `-${word[k]} ${next.value}` });
        }
        break;
      }
      continue;
    }
    if (expectImage) break;
  }
  if (!expectImage) return { options, image: null, command: [] };
  const image = args[i] ?? null;
  return { options, image, command: image ? args.slice(i + 1) : [] };
}

/** A `-v`/`--volume` or `--mount` (or devcontainer `mounts`) entry, split into its parts. */
export interface MountSpec {
  source: string;
  target: string;
  readOnly: boolean;
  /** `bind` for a host path, `volume` for a named volume, `tmpfs`, or another type. */
  type: string;
}

/** `-v src:dst[:opts]` syntax. Windows drive letters (`C:\\x`) and `${localEnv:HOME}` keep their colons. */
export function parseVolume(spec: string): MountSpec {
  const parts: string[] = [];
  let current = '';
  let braces = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    const drive = current.length === 1 && /[A-Za-z]/.test(current) && /[\\/]/.test(spec[i + 1] ?? '');
    if (c === ':' && braces === 0 && !drive) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  if (parts.length === 1) return { source: '', target: parts[0]!, readOnly: false, type: 'anonymous' };
  const [source = '', target = '', opts = ''] = parts;
  return {
    source,
    target,
    readOnly: /(?:^|,)(?:ro|readonly)(?:,|$)/.test(opts),
    type: isHostPath(source) ? 'bind' : 'volume',
  };
}

/** `--mount type=bind,source=/x,target=/y,readonly` syntax (also devcontainer `mounts` strings). */
export function parseMount(spec: string): MountSpec {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1).trim());
  }
  const source = fields.get('source') ?? fields.get('src') ?? '';
  const readOnly = ['readonly', 'ro'].some((k) => fields.has(k) && fields.get(k) !== 'false');
  return {
    source,
    target: fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '',
    readOnly,
    type: fields.get('type') ?? (isHostPath(source) ? 'bind' : 'volume'),
  };
}

/** A host path rather than a named volume: absolute, relative, home, a variable or a drive. */
export function isHostPath(source: string): boolean {
  return /^(?:\/|\.|~|\$|%|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

/** Image reference without registry noise: `{ name, tag, digest }` (`ghcr.io/a/b:1.2@sha256:…`). */
export function parseImage(ref: string): { name: string; tag: string | null; digest: string | null } {
  const at = ref.indexOf('@');
  const digest = at < 0 ? null : ref.slice(at + 1);
  const rest = at < 0 ? ref : ref.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: null, digest };
}
