/**
 * OpenHands (`config.toml`, `config.template.toml`). Agent actions run in a sandbox runtime:
 * `[core] runtime` is `docker` by default; `local` (older `process`/`cli`) runs them on the host.
 * `[sandbox]` holds the container's network and mounts, `[security] confirmation_mode` approvals.
 */
import { collectInlineValues } from '../secrets.js';
import type { Approval, Fact, Filesystem, Isolation, Network, SourceRef } from '../model.js';
import {
  emptyDetails,
  fact,
  factFrom,
  get,
  isBroadPath,
  isRecord,
  launcherCredentials,
  launcherLimits,
  ref,
  shortValue,
  type Json,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';
import { append } from '../util/arrays.js';

const SECRET_REFERENCE = 'the `LLM_API_KEY` environment variable';

export const openhandsPath = (file: string): boolean =>
  /(^|\/)config(\.template)?\.toml$/.test(file) && !/(^|\/)(\.?codex|\.cargo|\.streamlit|hugo)\//.test(file);

/** OpenHands tables: a `[core]` or `[sandbox]` table next to `[llm]` or `[agent]`. */
export const openhandsSniff = (text: string): boolean =>
  /^[ \t]*\[(core|sandbox)\]/m.test(text) && /^[ \t]*\[(llm|agent)(\.[^\]\n]{1,200})?\]/m.test(text);

export const hasOpenhandsTables = (value: Json): boolean =>
  isRecord(value) &&
  (isRecord(value['core']) || isRecord(value['sandbox'])) &&
  (isRecord(value['llm']) || isRecord(value['agent']));

const HOST_RUNTIMES = new Set(['local', 'process', 'cli']);

export function readOpenhands({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails('openhands-config', 'project', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const at = (...path: (string | number)[]): SourceRef => ref(file, path);
  const volumes = mounts(get(s, ['sandbox', 'volumes']));
  const isolation = openhandsIsolation(s, at, volumes);
  const network = openhandsNetwork(s, at, isolation);
  const filesystem = openhandsFilesystem(s, at, volumes, isolation);
  const approval = openhandsApproval(s, at);
  if (isRecord(s['llm'])) append(details.inlineValues, collectInlineValues(s['llm'], ref(file, ['llm']), 'llm'));
  return {
    agent: 'openhands',
    signals: ['OpenHands configuration file'],
    sandbox: {
      isolation,
      network,
      filesystem,
      approval,
      credentials: launcherCredentials('OpenHands'),
      limits: launcherLimits('OpenHands'),
    },
    details,
  };
}

interface Mount {
  host: string;
  mode: string;
  text: string;
}

/** `host:container[:mode]` entries, comma-separated. */
function mounts(value: Json): Mount[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => {
      const [host = '', , mode = 'rw'] = text.split(':');
      return { host, mode, text };
    });
}

function openhandsIsolation(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  volumes: Mount[],
): Fact<Isolation> {
  const runtime = get(s, ['core', 'runtime']);
  if (typeof runtime === 'string' && HOST_RUNTIMES.has(runtime)) {
    return fact(
      'none',
      `\`[core] runtime\` is \`${runtime}\`, so agent actions run directly on the host`,
      at('core', 'runtime'),
    );
  }
  const escapes: { reason: string; source: SourceRef }[] = [];
  const socket = volumes.find((m) => /docker\.sock$/.test(m.host));
  if (socket)
    escapes.push({
      reason: `\`[sandbox] volumes\` mounts \`${socket.host}\`, which controls the host's Docker`,
      source: { ...at('sandbox', 'volumes'), text: socket.host },
    });
  if (get(s, ['kubernetes', 'privileged']) === true)
    escapes.push({
      reason: '`[kubernetes] privileged` is true, so the sandbox pod can take over its node',
      source: at('kubernetes', 'privileged'),
    });
  if (get(s, ['sandbox', 'docker_runtime_kwargs', 'privileged']) === true) {
    escapes.push({
      reason: '`docker_runtime_kwargs.privileged` is true, so the sandbox container can take over the host',
      source: at('sandbox', 'docker_runtime_kwargs', 'privileged'),
    });
  }
  if (escapes.length > 0) return factFrom('none', escapes);
  if (typeof runtime === 'string')
    return fact(
      'container',
      `\`[core] runtime\` is \`${shortValue(runtime)}\`, so agent actions run in a sandbox container`,
      at('core', 'runtime'),
    );
  return fact(
    'container',
    'no `[core] runtime` is set, and OpenHands runs agent actions in a Docker sandbox container by default',
    null,
  );
}

function openhandsNetwork(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  isolation: Fact<Isolation>,
): Fact<Network> {
  if (isolation.value === 'none' && isolation.source)
    return fact('open', 'agent actions run on the host, which can connect to any host', isolation.source);
  if (get(s, ['sandbox', 'use_host_network']) === true)
    return fact(
      'open',
      "`[sandbox] use_host_network` is true, so the sandbox shares the host's network",
      at('sandbox', 'use_host_network'),
    );
  return fact('open', 'the OpenHands sandbox container has unrestricted internet access by default', null);
}

function openhandsFilesystem(
  s: Record<string, Json>,
  at: (...p: (string | number)[]) => SourceRef,
  volumes: Mount[],
  isolation: Fact<Isolation>,
): Fact<Filesystem> {
  if (isolation.value === 'none' && isolation.source)
    return fact('full', 'agent actions run on the host, which they can write anywhere on', isolation.source);
  const broad: { reason: string; source: SourceRef }[] = volumes
    .filter((m) => isBroadPath(m.host) && m.mode !== 'ro')
    .map((m) => ({
      reason: `\`[sandbox] volumes\` mounts \`${m.host}\` writable into the sandbox`,
      source: { ...at('sandbox', 'volumes'), text: m.text },
    }));
  const base = get(s, ['core', 'workspace_base']);
  if (typeof base === 'string' && isBroadPath(base))
    broad.push({
      reason: `\`[core] workspace_base\` is \`${base}\`, which is mounted writable into the sandbox`,
      source: at('core', 'workspace_base'),
    });
  if (broad.length > 0) return factFrom('full', broad);
  return fact('workspace', 'only the workspace is mounted writable into the sandbox container', null);
}

function openhandsApproval(s: Record<string, Json>, at: (...p: (string | number)[]) => SourceRef): Fact<Approval> {
  const mode = get(s, ['security', 'confirmation_mode']);
  if (mode === true)
    return fact(
      'unrestricted',
      '`[security] confirmation_mode` is true, so the user confirms each action',
      at('security', 'confirmation_mode'),
    );
  if (mode === false)
    return fact(
      'bypassed',
      '`[security] confirmation_mode` is false, so every agent action runs without confirmation',
      at('security', 'confirmation_mode'),
    );
  return fact(
    'bypassed',
    'OpenHands runs every agent action without confirmation unless `[security] confirmation_mode` is true',
    null,
  );
}

/** `config.toml` is a common name: after every other agent's files, and only with OpenHands' own tables. */
export const OPENHANDS_SETTINGS_FILES: readonly SettingsFile[] = [
  {
    order: 240,
    paths: ['config.toml', 'config.template.toml'],
    match: openhandsPath,
    sniff: openhandsSniff,
    accepts: hasOpenhandsTables,
    read: readOpenhands,
  },
];
