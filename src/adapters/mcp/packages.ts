/**
 * Packages a server command fetches at start (`npx pkg`, `uvx pkg`, `docker run image`, `go run
 * mod@v`) and whether each is pinned to an exact version.
 */
import { parseImage, type Arg } from '../../containers/docker-run.js';
import type { Launch } from './launch.js';
import { WRAPPERS } from '../../shell/index.js';
import type { PackageRef } from '../../model/details/mcp-server.js';
export type { PackageRef };

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
const EXACT_PEP440 = /^\d+(?:\.\d+)*(?:(?:a|b|rc|\.post|\.dev)\d+)*(?:\+[A-Za-z0-9.]+)?$/;
const COMMIT = /^[0-9a-f]{40}$/i;

/**
 * Options of a launcher (`npx`, `uvx`, `pipx run`, …) that take the next word, from the one wrapper
 * table (src/shell/wrappers.ts): its own options, its script flags and the options it takes before its verb.
 */
function launcherValued(name: string): ReadonlySet<string> {
  const spec = WRAPPERS.find((w) => w.name === name);
  return new Set(spec ? [...spec.valued, ...(spec.scriptFlags ?? []), ...(spec.globalValued ?? [])] : []);
}

export function packagesOf(launch: Launch): PackageRef[] {
  if (launch.kind === 'sandbox') return launch.inner ? packagesOf(launch.inner) : [];
  if (launch.kind === 'container') {
    const image = launch.run?.image;
    return image ? [imageRef(image, `${launch.name} run`)] : [];
  }
  const { name, args } = launch;
  if (name === 'npx' || name === 'bunx') return npmRefs(args, name);
  if ((name === 'pnpm' || name === 'yarn') && args[0]?.value === 'dlx') return npmRefs(args.slice(1), `${name} dlx`);
  if (name === 'npm' && (args[0]?.value === 'exec' || args[0]?.value === 'x'))
    return npmRefs(args.slice(1), `npm ${args[0].value}`);
  if (name === 'uvx') return pypiRefs(args, 'uvx');
  if (name === 'uv' && args[0]?.value === 'tool' && args[1]?.value === 'run')
    return pypiRefs(args.slice(2), 'uv tool run');
  if (name === 'pipx' && args[0]?.value === 'run') return pypiRefs(args.slice(1), 'pipx run');
  if (name === 'go' && args[0]?.value === 'run') return goRefs(args.slice(1));
  return [];
}

function npmRefs(args: Arg[], runner: string): PackageRef[] {
  const valued = launcherValued(runner === 'npm x' ? 'npm exec' : runner);
  const explicit: Arg[] = [];
  let first: Arg | null = null;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!.value;
    if (w === '--') {
      first ??= args[i + 1] ?? null;
      break;
    }
    if (w === '-p' || w === '--package') {
      if (args[i + 1]) explicit.push(args[++i]!);
    } else if (w.startsWith('--package=')) explicit.push({ value: w.slice('--package='.length), ref: args[i]!.ref });
    else if (valued.has(w)) i++;
    else if (!w.startsWith('-')) {
      first = args[i]!;
      break;
    }
  }
  const specs = explicit.length > 0 ? explicit : first ? [first] : [];
  return specs.map((a) => npmRef(a, runner)).filter((r): r is PackageRef => r !== null);
}

function npmRef(arg: Arg, runner: string): PackageRef | null {
  const spec = arg.value;
  if (isLocal(spec)) return null;
  if (
    /^(?:git\+|github:|gitlab:|bitbucket:|https?:\/\/|git:\/\/)/.test(spec) ||
    /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec)
  ) {
    const ref = spec.split('#')[1] ?? null;
    return {
      ecosystem: 'git',
      runner,
      spec,
      name: spec.split('#')[0]!,
      version: ref,
      unpinned: ref && COMMIT.test(ref) ? null : 'a git reference without a commit hash can change',
      at: arg.ref,
    };
  }
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  const name = at < 0 ? spec : spec.slice(0, at);
  const version = at < 0 ? null : spec.slice(at + 1);
  return { ecosystem: 'npm', runner, spec, name, version, unpinned: npmUnpinned(version), at: arg.ref };
}

function npmUnpinned(version: string | null): string | null {
  if (version === null || version === '') return 'no version';
  if (EXACT_SEMVER.test(version)) return null;
  if (/^[a-z][a-z0-9-]*$/i.test(version)) return `\`${version}\` is a moving tag`;
  return `\`${version}\` is a range`;
}

function pypiRefs(args: Arg[], runner: string): PackageRef[] {
  const valued = launcherValued(runner);
  let from: Arg | null = null;
  let first: Arg | null = null;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!.value;
    if (w === '--from' || w === '--spec') {
      from = args[++i] ?? null;
      continue;
    }
    if (w.startsWith('--from=') || w.startsWith('--spec=')) {
      from = { value: w.slice(w.indexOf('=') + 1), ref: args[i]!.ref };
      continue;
    }
    if (valued.has(w)) {
      i++;
      continue;
    }
    if (!w.startsWith('-')) {
      first = args[i]!;
      break;
    }
  }
  const arg = from ?? first;
  if (!arg || isLocal(arg.value)) return [];
  const spec = arg.value;
  if (/^git\+/.test(spec)) {
    const ref = /@([^@#]+)(?:#.*)?$/.exec(spec.replace(/^git\+[a-z]+:\/\/[^/]*@/, ''))?.[1] ?? null;
    return [
      {
        ecosystem: 'git',
        runner,
        spec,
        name: spec,
        version: ref,
        unpinned: ref && COMMIT.test(ref) ? null : 'a git reference without a commit hash can change',
        at: arg.ref,
      },
    ];
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:(===?|@)\s*([^\s;]+)|([<>~!]=?[^;]*))?/.exec(spec);
  if (!m) return [];
  const version = m[3] ?? m[4] ?? null;
  const unpinned =
    m[3] !== undefined
      ? EXACT_PEP440.test(m[3])
        ? null
        : `\`${m[3]}\` is not an exact version`
      : m[4]
        ? `\`${m[4].trim()}\` is a range`
        : 'no version';
  return [{ ecosystem: 'pypi', runner, spec, name: m[1]!, version, unpinned, at: arg.ref }];
}

function goRefs(args: Arg[]): PackageRef[] {
  const arg = args.find((a) => !a.value.startsWith('-'));
  if (!arg || isLocal(arg.value) || !arg.value.includes('.')) return [];
  const [name, version = null] = arg.value.split('@') as [string, string?];
  const unpinned = !version
    ? 'no version'
    : /^v\d+\.\d+\.\d+/.test(version) || COMMIT.test(version)
      ? null
      : `\`${version}\` is a moving reference`;
  return [{ ecosystem: 'go', runner: 'go run', spec: arg.value, name, version, unpinned, at: arg.ref }];
}

function imageRef(image: Arg, runner: string): PackageRef {
  const { name, tag, digest } = parseImage(image.value);
  let unpinned: string | null = null;
  if (!digest) {
    if (tag === null) unpinned = 'no tag, so Docker pulls `latest`';
    else if (tag === 'latest') unpinned = '`latest` is a moving tag';
  }
  return { ecosystem: 'docker', runner, spec: image.value, name, version: digest ?? tag, unpinned, at: image.ref };
}

/** A path or a variable rather than a registry package. */
function isLocal(spec: string): boolean {
  return /^(?:\.{1,2}[\\/]|\/|~|[A-Za-z]:[\\/]|\$|%|file:)/.test(spec) || /\.(?:js|mjs|cjs|ts|py|sh)$/.test(spec);
}
