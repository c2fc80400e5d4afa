/**
 * Collects a dev container's container options in `docker run` form, whatever property declares
 * them: `runArgs`, `privileged`, `capAdd`, `securityOpt`, `mounts`, the docker features, or the
 * Compose service a `dockerComposeFile` setup runs in.
 */
import type { KeyPath, ParsedFile } from '../../documents/types.js';
import type { SourceRef } from '../../model.js';
import { parseRunArgs, type RunOption } from '../../containers/docker-run.js';
import { featureName } from './signals.js';
import { isRecord } from '../../util/json.js';
import { append } from '../../util/arrays.js';

export interface ComposeService {
  file: string;
  name: string;
  value: Record<string, unknown>;
}

export function containerOptions(
  file: string,
  value: Record<string, unknown>,
  compose: ComposeService | null,
): RunOption[] {
  const ref = (path: KeyPath, text?: string): SourceRef => (text === undefined ? { file, path } : { file, path, text });
  const options: RunOption[] = [];
  const runArgs = Array.isArray(value['runArgs']) ? value['runArgs'] : [];
  const args = runArgs.flatMap((v, i) => (typeof v === 'string' ? [{ value: v, ref: ref(['runArgs', i]) }] : []));
  append(options, parseRunArgs(args, false).options);
  if (value['privileged'] === true)
    options.push({ name: 'privileged', value: null, at: ref(['privileged']), written: '"privileged": true' });
  list(value['capAdd']).forEach(({ v, i }) =>
    options.push({ name: 'cap-add', value: v, at: ref(['capAdd', i]), written: `capAdd ${v}` }),
  );
  list(value['securityOpt']).forEach(({ v, i }) =>
    options.push({ name: 'security-opt', value: v, at: ref(['securityOpt', i]), written: `securityOpt ${v}` }),
  );
  const mounts = Array.isArray(value['mounts']) ? value['mounts'] : [];
  mounts.forEach((m, i) => {
    const spec = typeof m === 'string' ? m : isRecord(m) ? objectMount(m) : null;
    if (spec) options.push({ name: 'mount', value: spec, at: ref(['mounts', i]), written: 'mounts' });
  });
  if (typeof value['workspaceMount'] === 'string')
    options.push({
      name: 'mount',
      value: value['workspaceMount'],
      at: ref(['workspaceMount']),
      written: 'workspaceMount',
    });
  const features = isRecord(value['features']) ? Object.keys(value['features']) : [];
  for (const id of features) {
    const name = featureName(id);
    if (name === 'docker-in-docker')
      options.push({
        name: 'privileged',
        value: null,
        at: ref(['features', id]),
        written: id,
        note: 'the feature runs the container privileged',
      });
    if (name === 'docker-outside-of-docker' || name === 'docker-from-docker') {
      options.push({
        name: 'mount',
        value: 'type=bind,source=/var/run/docker.sock,target=/var/run/docker-host.sock',
        at: ref(['features', id]),
        written: id,
        note: `the \`${name}\` feature adds this mount`,
      });
    }
  }
  if (compose) append(options, composeOptions(compose));
  return options;
}

/** The few Compose service keys that decide isolation; the Compose adapter judges the rest. */
function composeOptions(service: ComposeService): RunOption[] {
  const ref = (...sub: (string | number)[]): SourceRef => ({
    file: service.file,
    path: ['services', service.name, ...sub],
  });
  const v = service.value;
  const options: RunOption[] = [];
  if (v['privileged'] === true)
    options.push({ name: 'privileged', value: null, at: ref('privileged'), written: 'privileged: true' });
  if (typeof v['network_mode'] === 'string')
    options.push({
      name: 'network',
      value: v['network_mode'],
      at: ref('network_mode'),
      written: `network_mode: ${v['network_mode']}`,
    });
  if (typeof v['pid'] === 'string')
    options.push({ name: 'pid', value: v['pid'], at: ref('pid'), written: `pid: ${v['pid']}` });
  if (typeof v['user'] === 'string' || typeof v['user'] === 'number')
    options.push({ name: 'user', value: String(v['user']), at: ref('user'), written: `user: ${v['user']}` });
  list(v['cap_add']).forEach(({ v: cap, i }) =>
    options.push({ name: 'cap-add', value: cap, at: ref('cap_add', i), written: `cap_add ${cap}` }),
  );
  // Resource limits, in `docker run` terms: `mem_limit`, `cpus`, `pids_limit` and `deploy.resources.limits`.
  const limits =
    isRecord(v['deploy']) && isRecord(v['deploy']['resources']) && isRecord(v['deploy']['resources']['limits'])
      ? v['deploy']['resources']['limits']
      : {};
  const limitKeys: [string, unknown, (string | number)[], string][] = [
    ['memory', v['mem_limit'], ['mem_limit'], 'mem_limit'],
    ['cpus', v['cpus'], ['cpus'], 'cpus'],
    ['pids-limit', v['pids_limit'], ['pids_limit'], 'pids_limit'],
    ['memory', limits['memory'], ['deploy', 'resources', 'limits', 'memory'], 'deploy.resources.limits.memory'],
    ['cpus', limits['cpus'], ['deploy', 'resources', 'limits', 'cpus'], 'deploy.resources.limits.cpus'],
    ['pids-limit', limits['pids'], ['deploy', 'resources', 'limits', 'pids'], 'deploy.resources.limits.pids'],
  ];
  for (const [name, limit, path, key] of limitKeys) {
    if (typeof limit === 'string' || typeof limit === 'number')
      options.push({ name, value: String(limit), at: ref(...path), written: `${key}: ${limit}` });
  }
  list(v['security_opt']).forEach(({ v: opt, i }) =>
    options.push({ name: 'security-opt', value: opt, at: ref('security_opt', i), written: `security_opt ${opt}` }),
  );
  const volumes = Array.isArray(v['volumes']) ? v['volumes'] : [];
  volumes.forEach((vol, i) => {
    if (typeof vol === 'string')
      options.push({ name: 'volume', value: vol, at: ref('volumes', i), written: 'volumes' });
    else if (isRecord(vol)) {
      const spec = objectMount({ ...vol, readonly: vol['read_only'] });
      if (spec) options.push({ name: 'mount', value: spec, at: ref('volumes', i), written: 'volumes' });
    }
  });
  return options;
}

function objectMount(m: Record<string, unknown>): string | null {
  const source = typeof m['source'] === 'string' ? m['source'] : '';
  const target = typeof m['target'] === 'string' ? m['target'] : '';
  if (!target) return null;
  const type = typeof m['type'] === 'string' ? m['type'] : source.startsWith('/') ? 'bind' : 'volume';
  return `type=${type},source=${source},target=${target}${m['readonly'] === true ? ',readonly' : ''}`;
}

function list(node: unknown): { v: string; i: number }[] {
  return Array.isArray(node) ? node.flatMap((v, i) => (typeof v === 'string' ? [{ v, i }] : [])) : [];
}

/** The Compose service a `dockerComposeFile` + `service` dev container runs in, when its file is in the repository. */
export function composeService(
  file: string,
  value: Record<string, unknown>,
  load: (file: string) => ParsedFile | null,
): ComposeService | null {
  const service = value['service'];
  const files =
    typeof value['dockerComposeFile'] === 'string'
      ? [value['dockerComposeFile']]
      : Array.isArray(value['dockerComposeFile'])
        ? value['dockerComposeFile']
        : [];
  if (typeof service !== 'string') return null;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  for (const name of [...files].reverse()) {
    if (typeof name !== 'string') continue;
    const path = normalise(dir ? `${dir}/${name}` : name);
    if (!path) continue;
    const parsed = load(path);
    const services = parsed?.documents[0]?.value;
    const node = isRecord(services) && isRecord(services['services']) ? services['services'][service] : undefined;
    if (isRecord(node)) return { file: path, name: service, value: node };
  }
  return null;
}

/** `a/b/../c` → `a/c`; null when the path leaves the repository. */
function normalise(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}
