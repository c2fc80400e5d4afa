/**
 * A job's `container:` and `services:`, judged by the shared container reader (src/containers), so a
 * job container's options mean what `docker run` makes of them in every spelling.
 */
import { parseRunArgs, type Arg, type RunOption } from '../../containers/docker-run.js';
import { judgeContainer } from '../../containers/judge.js';
import type { AdapterSettings, Filesystem, Isolation, Network, SourceRef } from '../../model.js';
import type { KeyPath } from '../../documents/types.js';
import { splitArgs } from './shell.js';
import type { Candidate } from './types.js';
import { inputValues, isMapping, scalarText, type Job } from './workflow.js';

export interface ContainerLayer {
  isolation: Candidate<Isolation>[];
  network: Candidate<Network>[];
  filesystem: Candidate<Filesystem>[];
  /** Where the job container is declared, when the job runs in one. */
  at: SourceRef | null;
}

/** The `docker create` options a `container:` or service declares: `options:` words and `volumes:`. */
function declaredOptions(file: string, spec: unknown, path: KeyPath, job: Job): RunOption[][] {
  if (!isMapping(spec)) return [[]];
  const volumes: RunOption[] = [];
  const list = spec['volumes'];
  if (Array.isArray(list))
    list.forEach((volume, i) => {
      const text = scalarText(volume);
      if (text)
        volumes.push({ name: 'volume', value: text, at: { file, path: [...path, 'volumes', i] }, written: text });
    });
  const written = inputValues(job, spec['options'], [...path, 'options']);
  if (written.length === 0) return [volumes];
  // Each value the options can take (matrix entries) is one way the job runs; every one is judged.
  return written.map(({ value, path: at }) => {
    const words = splitArgs(value);
    const args: Arg[] = words.map((w, i) => ({
      value: w.text,
      ref: { file, path: at, text: wordAt(value, words, i) },
    }));
    return [...parseRunArgs(args, false).options, ...volumes];
  });
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The word as written; after the word before it when the same text occurs earlier (`--userns=host --network host`). */
function wordAt(value: string, words: readonly { start: number; end: number }[], i: number): string | RegExp {
  const raw = value.slice(words[i]!.start, words[i]!.end);
  if (i === 0 || value.indexOf(raw) === words[i]!.start) return raw;
  const before = value.slice(words[i - 1]!.start, words[i - 1]!.end);
  return new RegExp(`(?<=${escapeRe(before)}\\s+)${escapeRe(raw)}`);
}

/** An image the job may run without: empty, or an expression whose value is not written here. */
function mayBeEmpty(value: string): boolean {
  return value.trim() === '' || /\$\{\{/.test(value);
}

export function jobContainer(file: string, job: Job, settings: AdapterSettings): ContainerLayer {
  const layer: ContainerLayer = { isolation: [], network: [], filesystem: [], at: null };
  const container = job.raw['container'];
  const path = [...job.path, 'container'];
  const escapes: Candidate<Isolation>[] = [];
  const judge = (options: RunOption[], where: string): void => {
    const j = judgeContainer(options, settings);
    for (const e of j.escapes) escapes.push({ value: 'none', reason: `${where}: ${e.reason}`, source: e.source });
    if (j.network?.value === 'none' && where === 'the job container')
      layer.network.push({ value: 'none', reason: j.network.reason, source: j.network.source });
  };
  const services = job.raw['services'];
  if (isMapping(services))
    for (const [name, service] of Object.entries(services))
      for (const options of declaredOptions(file, service, [...job.path, 'services', name], job))
        judge(options, `the service container \`${name}\``);
  if (typeof container !== 'string' && !isMapping(container)) {
    layer.isolation.push(...escapes);
    return layer;
  }
  const imagePath = isMapping(container) ? [...path, 'image'] : path;
  const images = inputValues(job, isMapping(container) ? (container['image'] ?? '') : container, imagePath);
  const empty = images.find((i) => mayBeEmpty(i.value));
  for (const options of declaredOptions(file, container, path, job)) judge(options, 'the job container');
  if (empty) {
    // GitHub runs a job whose `container:` is empty directly on the runner.
    escapes.push({
      value: 'none',
      reason:
        empty.value.trim() === ''
          ? 'the job container is empty, so GitHub runs the job on the runner itself'
          : `the job container is \`${empty.value.trim()}\`, which may be empty, and an empty container runs the job on the runner itself`,
      source: { file, path: empty.path },
    });
  }
  if (escapes.length > 0) {
    layer.isolation.push(...escapes);
    return layer;
  }
  const source: SourceRef = { file, path: images[0]?.path ?? imagePath };
  layer.at = source;
  layer.isolation.push({
    value: 'container',
    reason: `the job runs in the container \`${images.map((i) => i.value).join('`, `')}\``,
    source,
  });
  layer.filesystem.push({
    value: 'workspace',
    reason: 'only the workspace and runner directories are mounted into the job container',
    source,
    boundary: true,
  });
  return layer;
}
