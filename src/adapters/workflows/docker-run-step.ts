/**
 * `docker run` / `podman run` in a `run:` block, read with the project's one container reader
 * (`containers/docker-run.ts` and `containers/judge.ts`, shared with Compose, devcontainers and MCP):
 * every spelling of an escape (`-v/var/run/docker.sock:…`, `--mount type=bind,src=/`, `/var/./run`,
 * `--cap-add CAP_SYS_ADMIN`, `--security-opt seccomp=unconfined`, host namespaces) voids the
 * container, and the container's command is what the agent check reads next.
 */
import { judgeContainer } from '../../containers/judge.js';
import { parseRunArgs, type Arg } from '../../containers/docker-run.js';
import { detectSettings, type AdapterSettings, type SourceRef } from '../../model.js';
import type { Candidate } from './types.js';
import type { Word } from './shell.js';

/** What the container adds to the agent's wrapping. */
export interface ContainerWrapping {
  isolation: Candidate<'process' | 'container' | 'gvisor' | 'microvm' | 'none'>[];
  network: Candidate<'open' | 'allowlist' | 'none'>[];
  limits: Candidate<'bounded'>[];
}

/** The container's command: its words, and the program when the image's own is replaced or implied. */
export interface ContainerCommand {
  /** Index of the container command's first word in the command line. */
  next: number;
  /** `--entrypoint X`, or `sh` for an image started with shell options (`IMAGE -lc '…'`). */
  program?: { text: string; at: Word };
}

let defaults: AdapterSettings | undefined;

/**
 * Reads the options from `words[from]` (the word after `run`), adds their evidence to `w`, and
 * returns where the container's command starts; null for an image run without a command.
 */
export function readDockerRun(
  words: readonly Word[],
  from: number,
  w: ContainerWrapping,
  ref: (word: Word) => SourceRef,
  settings?: AdapterSettings,
): ContainerCommand | null {
  const args: Arg[] = words.slice(from).map((word) => ({ value: word.text, ref: ref(word) }));
  const run = parseRunArgs(args);
  if (!run.image) return null;
  const imageIndex = from + args.indexOf(run.image);
  const entrypoint = run.options.findLast((o) => o.name === 'entrypoint' && o.value);
  if (imageIndex >= words.length - 1 && !entrypoint) return null; // an image with no command: nothing to recognise
  const j = judgeContainer(run.options, settings ?? (defaults ??= detectSettings.parse(undefined)));
  const start = ref(words[from - 2]!);
  if (j.escapes.length > 0) w.isolation.push(...j.escapes);
  else if (j.runtime) w.isolation.push(j.runtime);
  else w.isolation.push({ value: 'container', reason: '`docker run` starts the agent in a container', source: start });
  if (j.network) w.network.push(j.network);
  w.limits.push(...j.limits);
  const image = words[imageIndex]!;
  if (entrypoint) return { next: imageIndex + 1, program: { text: entrypoint.value!, at: image } };
  // `docker run IMAGE -lc '…'`: words that are shell options can only go to an image whose entry point is a shell.
  if (/^-[A-Za-z]*c$/.test(words[imageIndex + 1]!.text))
    return { next: imageIndex + 1, program: { text: 'sh', at: image } };
  return { next: imageIndex + 1 };
}
