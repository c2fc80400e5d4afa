/**
 * Cursor: `.cursor/sandbox.json` configures the sandbox its agent runs terminal commands in
 * (`type`, `networkPolicy`, `additionalReadwritePaths`); `.cursor/environment.json` sets up the
 * remote VM that cloud (background) agents run in.
 */
import type { Fact, Filesystem, Network, SourceRef } from '../model.js';
import { shellReach } from './claude-code-tools.js';
import {
  derivedFact,
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
  stringItems,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';
import { readHooks } from './hook-files.js';

const SECRET_REFERENCE = 'Cursor secrets in the dashboard';

export const cursorSandboxPath = (file: string): boolean => /(^|\/)\.cursor\/sandbox\.json$/.test(file);
export const cursorHooksPath = (file: string): boolean => /(^|\/)\.cursor\/hooks\.json$/.test(file);
export const cursorEnvironmentPath = (file: string): boolean => /(^|\/)\.cursor\/environment\.json$/.test(file);

export function readCursorSandbox({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails('cursor-sandbox', 'project', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const at = (...path: (string | number)[]): SourceRef => ref(file, path);
  const type = s['type'];
  const typeSource = type === undefined ? null : at('type');
  let sandbox: Pick<SettingsReading['sandbox'], 'isolation' | 'network' | 'filesystem'>;
  if (type === 'insecure_none') {
    const reason = '`type` is `insecure_none`, which turns the Cursor sandbox off';
    sandbox = {
      isolation: fact('none', reason, typeSource),
      network: fact('open', reason, typeSource),
      filesystem: fact('full', reason, typeSource),
    };
  } else {
    const readOnly = type === 'workspace_readonly';
    const name = typeof type === 'string' ? type : 'workspace_readwrite';
    sandbox = {
      isolation: fact(
        'process',
        `Cursor runs agent terminal commands in its sandbox (\`type\` ${type === undefined ? 'defaults to' : 'is'} \`${shortValue(name)}\`)`,
        typeSource,
      ),
      network: cursorNetwork(s, at),
      filesystem: readOnly
        ? fact('read-only', '`type` is `workspace_readonly`, so sandboxed commands cannot write', typeSource)
        : cursorFilesystem(s, at, typeSource),
    };
  }
  return {
    agent: 'cursor',
    signals: ['Cursor sandbox settings file'],
    sandbox: {
      ...sandbox,
      approval: fact(
        'unrestricted',
        'Cursor asks before running commands outside its allowlist, and any may be approved',
        null,
      ),
      credentials: launcherCredentials('Cursor'),
      limits: launcherLimits('Cursor'),
    },
    details,
  };
}

function cursorNetwork(s: Record<string, unknown>, at: (...p: (string | number)[]) => SourceRef): Fact<Network> {
  const policy = s['networkPolicy'];
  if (!isRecord(policy))
    return fact('allowlist', 'no `networkPolicy` is set, and the Cursor sandbox blocks hosts it does not allow', null);
  const allowed = stringItems(policy['allow']);
  const wildcard = allowed.find(({ item }) => /^\*+$/.test(item.trim()));
  if (wildcard)
    return fact(
      'open',
      `\`networkPolicy.allow\` has \`${wildcard.item}\`, every host`,
      at('networkPolicy', 'allow', wildcard.index),
    );
  if (policy['default'] === 'allow')
    return fact(
      'open',
      '`networkPolicy.default` is `allow`, so sandboxed commands can connect to any host not denied',
      at('networkPolicy', 'default'),
    );
  if (policy['default'] === 'deny')
    return fact(
      allowed.length > 0 ? 'allowlist' : 'none',
      `\`networkPolicy.default\` is \`deny\` with ${allowed.length} allowed host(s)`,
      at('networkPolicy', 'default'),
    );
  return fact(
    'allowlist',
    '`networkPolicy` does not set `default`; the Cursor sandbox blocks hosts it does not allow',
    at('networkPolicy'),
  );
}

function cursorFilesystem(
  s: Record<string, unknown>,
  at: (...p: (string | number)[]) => SourceRef,
  typeSource: SourceRef | null,
): Fact<Filesystem> {
  const broad = stringItems(s['additionalReadwritePaths'])
    .filter(({ item }) => isBroadPath(item))
    .map(({ item, index }) => ({
      reason: `\`additionalReadwritePaths\` has \`${item}\`, so sandboxed commands may write there`,
      source: at('additionalReadwritePaths', index),
    }));
  if (broad.length > 0) return factFrom('full', broad);
  return fact(
    'workspace',
    'the Cursor sandbox lets commands write only inside the workspace and temp directories',
    typeSource,
  );
}

export function readCursorEnvironment({ value }: ReaderInput): SettingsReading {
  const details = emptyDetails('cursor-environment', 'project', SECRET_REFERENCE);
  const signals = ['Cursor cloud agent environment file'];
  const image = get(value, ['build', 'dockerfile']) ?? get(value, ['snapshot']);
  if (typeof image === 'string') signals.push(`environment from \`${shortValue(image)}\``);
  return {
    agent: 'cursor',
    signals,
    sandbox: {
      isolation: fact('vm', 'Cursor runs cloud agents in isolated remote virtual machines', null),
      network: fact('open', 'Cursor cloud agents have internet access', null),
      filesystem: fact('workspace', 'the agent writes inside its own disposable virtual machine', null),
      approval: fact('bypassed', 'Cursor cloud agents run every terminal command without asking', null),
      credentials: fact('write', 'Cursor cloud agents push branches with read-write access to the repository', null),
      limits: launcherLimits('Cursor'),
    },
    details,
  };
}

export const cursorCliPath = (file: string): boolean => /(^|\/)\.cursor\/(cli|cli-config)\.json$/.test(file);
export const cursorPermissionsPath = (file: string): boolean => /(^|\/)\.cursor\/permissions\.json$/.test(file);

/** A command prefix as a pattern: `bash` allows `bash -c …`, as does `bash *`. */
const asPrefix = (item: string): string => (/\*\s*$/.test(item) ? item : `${item} *`);

/**
 * The command of a `Shell(…)` entry. Cursor matches its base command, so `Shell(bash)` allows
 * `bash -c <anything>`, like `Shell(bash *)`; an empty `Shell()` is every command.
 */
function cliShellCommand(item: string): string | null {
  const inner = /^Shell\((.*)\)$/s.exec(item.trim())?.[1];
  if (inner === undefined) return null;
  return inner.trim() === '' ? '' : asPrefix(inner.trim());
}

/**
 * `.cursor/cli.json` (`permissions.allow` / `deny`: `Shell(git *)`, `Read(…)`, `Mcp(server, tool)`) and
 * `.cursor/permissions.json` (`terminalAllowlist`, `mcpAllowlist`): what the Cursor agent runs unasked.
 */
export function readCursorPermissions({ file, value }: ReaderInput, kind: 'cli' | 'permissions'): SettingsReading {
  const details = emptyDetails(kind === 'cli' ? 'cursor-cli' : 'cursor-permissions', 'project', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const lists: { path: (string | number)[]; shell: (item: string) => string | null }[] =
    kind === 'cli'
      ? [{ path: ['permissions', 'allow'], shell: (item) => cliShellCommand(item) }]
      : // Allowlist entries are command prefixes: `bash` allows `bash -c …`.
        [{ path: ['terminalAllowlist'], shell: asPrefix }];
  for (const { path, shell } of lists)
    for (const { item, index } of stringItems(get(s, path))) {
      const specifier = shell(item);
      if (specifier === null) continue;
      const { reach } = shellReach(specifier.trim() === '' ? '*' : specifier);
      if (reach !== 'limited')
        details.toolGrants.push({ pattern: item, reach, list: path.join('.'), source: ref(file, [...path, index]) });
    }
  const mcp = kind === 'cli' ? [] : stringItems(s['mcpAllowlist']);
  const everyServer = mcp.find(({ item }) => /^\*(:\*)?$/.test(item.trim()));
  if (everyServer)
    details.mcpAutoApproval.push({
      key: 'mcpAllowlist',
      servers: 'all',
      source: ref(file, ['mcpAllowlist', everyServer.index]),
    });
  const grant = details.toolGrants[0];
  // `~/.cursor/cli-config.json`: `approvalMode: "unrestricted"` is the CLI's yolo mode.
  const yolo =
    s['approvalMode'] === 'unrestricted'
      ? fact(
          'bypassed',
          '`approvalMode` is `unrestricted`, so the Cursor CLI runs every command without asking',
          ref(file, ['approvalMode']),
        )
      : null;
  return {
    agent: 'cursor',
    signals: [kind === 'cli' ? 'Cursor CLI permissions file' : 'Cursor permissions file'],
    sandbox: {
      isolation: fact('none', 'a permissions file sets no sandbox; `.cursor/sandbox.json` does', null),
      network: derivedFact('open', 'commands the agent runs outside a sandbox can connect to any host'),
      filesystem: derivedFact('full', 'commands the agent runs outside a sandbox can write anywhere the user can'),
      approval:
        yolo ??
        (grant
          ? fact(
              'unrestricted',
              `\`${grant.list}\` has \`${grant.pattern}\`, so any command runs unasked`,
              grant.source,
            )
          : fact('restricted', 'the allowlists name only limited commands; others need approval', null)),
      credentials: launcherCredentials('Cursor'),
      limits: launcherLimits('Cursor'),
    },
    details,
  };
}

export const CURSOR_SETTINGS_FILES: readonly SettingsFile[] = [
  { order: 100, paths: ['.cursor/'], match: cursorSandboxPath, read: readCursorSandbox },
  { order: 110, paths: ['.cursor/'], match: cursorCliPath, read: (i) => readCursorPermissions(i, 'cli') },
  {
    order: 120,
    paths: ['.cursor/'],
    match: cursorPermissionsPath,
    read: (i) => readCursorPermissions(i, 'permissions'),
  },
  { order: 130, paths: ['.cursor/'], match: cursorHooksPath, read: (i) => readHooks(i, 'cursor', 'Cursor') },
  { order: 170, paths: ['.cursor/'], match: cursorEnvironmentPath, read: readCursorEnvironment },
];
