/** Which files are Compose files, and which override file Compose layers on top of a default one. */
import path from 'node:path';

const COMPOSE = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;
const STACK = /^docker-stack([.-][\w.-]+)?\.ya?ml$/i;
const DEFAULTS = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

/** `compose.yaml`, `docker-compose.yml`, `compose.override.yaml`, `compose.prod.yaml`, `docker-stack.yml`… */
export function isComposeFile(file: string): boolean {
  const base = path.posix.basename(file);
  return COMPOSE.test(base) || STACK.test(base);
}

const isDefault = (file: string): boolean => DEFAULTS.includes(path.posix.basename(file));
export const isOverride = (file: string): boolean => OVERRIDES.includes(path.posix.basename(file));

/** One Set per scan listing: `files.includes` per Compose file was quadratic in the repository size. */
const listings = new WeakMap<readonly string[], ReadonlySet<string>>();
const setOf = (files: readonly string[]): ReadonlySet<string> => {
  let set = listings.get(files);
  if (!set) listings.set(files, (set = new Set(files)));
  return set;
};

const sibling = (file: string, names: readonly string[], files: readonly string[]): string | undefined => {
  const dir = path.posix.dirname(file);
  const listed = setOf(files);
  return names.map((n) => (dir === '.' ? n : `${dir}/${n}`)).find((candidate) => listed.has(candidate));
};

/** The override Compose reads with a default file when run without `-f` (`compose.override.yaml`). */
export const overrideFor = (file: string, files: readonly string[]): string | undefined =>
  isDefault(file) ? sibling(file, OVERRIDES, files) : undefined;

/** The default file an override applies to. */
export const baseFor = (file: string, files: readonly string[]): string | undefined =>
  isOverride(file) ? sibling(file, DEFAULTS, files) : undefined;

/** A path written in a Compose file, relative to that file's folder (`extends.file`). */
export const resolveFrom = (file: string, target: string): string | null => {
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
  return resolved.startsWith('../') || resolved.startsWith('/') ? null : resolved;
};
