/**
 * Gemini CLI settings (`.gemini/settings.json`, JSON with comments). The sandbox is `tools.sandbox`
 * (v2) or the top-level `sandbox` (v1): a boolean, a command string, or an object with
 * `networkAccess`. Network stays on inside the sandbox unless the object form turns it off.
 * `mcpServers` entries belong to the MCP adapter.
 */
import type { Approval, Fact, Filesystem, Isolation, Network, SourceRef } from '../model.js';
import { parseToolPattern, shellReach } from './claude-code-tools.js';
import {
  collectHookCommands,
  derivedFact,
  emptyDetails,
  fact,
  factFrom,
  get,
  isBroadPath,
  isRecord,
  type Json,
  launcherCredentials,
  launcherLimits,
  type ReaderInput,
  ref,
  type SettingsFile,
  type SettingsReading,
  shortValue,
  stringItems,
} from './settings-reading.js';

const SECRET_REFERENCE = 'an environment variable (`$VAR`) or `.gemini/.env` kept out of git';

export const geminiPath = (file: string): boolean => /(^|\/)\.gemini\/settings\.json$/.test(file);

/** Settings keys whose value is a command the CLI itself runs (tool discovery and calls, an MCP server). */
const COMMAND_KEYS: readonly (readonly string[])[] = [
  ['tools', 'discoveryCommand'],
  ['tools', 'callCommand'],
  ['mcp', 'serverCommand'],
  ['toolDiscoveryCommand'],
  ['toolCallCommand'],
  ['mcpServerCommand'],
];

/** What each sandbox command isolates with. `true` picks Seatbelt on macOS, so it counts as a process sandbox. */
const COMMAND_ISOLATION: Record<string, Isolation> = {
  'sandbox-exec': 'process',
  'windows-native': 'process',
  docker: 'container',
  podman: 'container',
  lxc: 'container',
  runsc: 'gvisor',
};

/** Gemini CLI's shell tool, by its current and former name. */
export const SHELL_TOOLS: ReadonlySet<string> = new Set(['run_shell_command', 'ShellTool']);

interface SandboxSetting {
  value: Json;
  path: (string | number)[];
}

export function readGemini({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails('gemini-settings', 'project', SECRET_REFERENCE);
  const s = isRecord(value) ? value : {};
  const setting = sandboxSetting(s);
  const at = (path: (string | number)[]): SourceRef => ref(file, path);

  const { isolation, on } = geminiIsolation(setting, at);
  const network = geminiNetwork(s, setting, on, at);
  const filesystem = geminiFilesystem(s, setting, on, at);
  const approval = geminiApproval(s, at);

  for (const list of [['tools', 'allowed'], ['allowedTools']]) {
    for (const { item, index } of stringItems(get(s, list))) {
      const pattern = parseToolPattern(item);
      if (!pattern || !SHELL_TOOLS.has(pattern.tool)) continue;
      const { reach } = shellReach(pattern.specifier);
      if (reach !== 'limited')
        details.toolGrants.push({ pattern: item, reach, list: list.join('.'), source: at([...list, index]) });
    }
  }
  collectHookCommands(s['hooks'], file, ['hooks'], details);
  for (const path of COMMAND_KEYS) {
    const command = get(s, [...path]);
    if (typeof command === 'string' && command.trim())
      details.commands.push({ key: path.join('.'), command, source: at([...path]) });
  }

  return {
    agent: 'gemini-cli',
    signals: ['Gemini CLI project settings file'],
    sandbox: {
      isolation,
      network,
      filesystem,
      approval,
      credentials: launcherCredentials('Gemini CLI'),
      limits: launcherLimits('Gemini CLI'),
    },
    details,
  };
}

function sandboxSetting(s: Record<string, Json>): SandboxSetting | null {
  const v2 = get(s, ['tools', 'sandbox']);
  const v1 = s['sandbox'];
  const legacy: SandboxSetting | null =
    v2 !== undefined
      ? { value: v2, path: ['tools', 'sandbox'] }
      : v1 === undefined
        ? null
        : { value: v1, path: ['sandbox'] };
  // Per-tool sandboxing counts where the legacy full-process sandbox is absent or off.
  const perTool = get(s, ['security', 'toolSandboxing']);
  if (
    perTool === true &&
    (legacy === null || legacy.value === false || (isRecord(legacy.value) && legacy.value['enabled'] === false))
  )
    return { value: true, path: ['security', 'toolSandboxing'] };
  return legacy;
}

function geminiIsolation(
  setting: SandboxSetting | null,
  at: (p: (string | number)[]) => SourceRef,
): { isolation: Fact<Isolation>; on: boolean } {
  if (!setting)
    return {
      isolation: fact('none', 'no `tools.sandbox` is set, and Gemini CLI runs tools on the host by default', null),
      on: false,
    };
  if (setting.path[1] === 'toolSandboxing')
    return {
      isolation: fact(
        'process',
        '`security.toolSandboxing` is true, so each tool call runs in a sandbox',
        at(setting.path),
      ),
      on: true,
    };
  const key = setting.path.join('.');
  const source = at(setting.path);
  const v = setting.value;
  if (isRecord(v)) {
    if (v['enabled'] === false)
      return {
        isolation: fact(
          'none',
          `\`${key}.enabled\` is false, so tools run on the host`,
          at([...setting.path, 'enabled']),
        ),
        on: false,
      };
    const command = typeof v['command'] === 'string' ? v['command'] : null;
    const level =
      (command && Object.hasOwn(COMMAND_ISOLATION, command) ? COMMAND_ISOLATION[command] : undefined) ?? 'process';
    return {
      isolation: fact(
        level,
        command
          ? `\`${key}.command\` is \`${shortValue(command)}\`, so tools run in that sandbox`
          : `\`${key}\` turns the sandbox on with the platform's default command`,
        source,
      ),
      on: true,
    };
  }
  if (v === false || (typeof v === 'string' && /^(false|0)$/i.test(v.trim()))) {
    return {
      isolation: fact('none', `\`${key}\` is ${JSON.stringify(v)}, so tools run on the host`, source),
      on: false,
    };
  }
  if (v === true || (typeof v === 'string' && /^(true|1)$/i.test(v.trim()))) {
    return {
      isolation: fact(
        'process',
        `\`${key}\` is ${JSON.stringify(v)}: Seatbelt on macOS, else a docker or podman container`,
        source,
      ),
      on: true,
    };
  }
  if (typeof v === 'string' && v.trim()) {
    const level = (Object.hasOwn(COMMAND_ISOLATION, v.trim()) ? COMMAND_ISOLATION[v.trim()] : undefined) ?? 'process';
    return {
      isolation: fact(level, `\`${key}\` is \`${shortValue(v)}\`, so tools run in that sandbox`, source),
      on: true,
    };
  }
  return {
    isolation: fact('none', `\`${key}\` is ${shortValue(v)}, which does not turn the sandbox on`, source),
    on: false,
  };
}

function geminiNetwork(
  s: Record<string, Json>,
  setting: SandboxSetting | null,
  on: boolean,
  at: (p: (string | number)[]) => SourceRef,
): Fact<Network> {
  if (!on || !setting) return derivedFact('open', 'tools run without a sandbox, so they can connect to any host');
  const extra = get(s, ['tools', 'sandboxNetworkAccess']);
  if (extra === true)
    return fact(
      'open',
      '`tools.sandboxNetworkAccess` is true, so sandboxed tools can connect to any host',
      at(['tools', 'sandboxNetworkAccess']),
    );
  const key = setting.path.join('.');
  if (isRecord(setting.value)) {
    const access = setting.value['networkAccess'];
    if (access === false)
      return fact(
        'none',
        `\`${key}.networkAccess\` is false, so the sandbox has no network`,
        at([...setting.path, 'networkAccess']),
      );
    if (access === true)
      return fact(
        'open',
        `\`${key}.networkAccess\` is true, so sandboxed tools can connect to any host`,
        at([...setting.path, 'networkAccess']),
      );
  }
  return fact(
    'open',
    `the Gemini sandbox keeps the network on unless \`${key}\` is an object with \`networkAccess: false\``,
    at(setting.path),
  );
}

function geminiFilesystem(
  s: Record<string, Json>,
  setting: SandboxSetting | null,
  on: boolean,
  at: (p: (string | number)[]) => SourceRef,
): Fact<Filesystem> {
  if (!on || !setting)
    return derivedFact('full', 'tools run without a sandbox, so they can write anywhere the user can');
  const lists: (string | number)[][] = [['tools', 'sandboxAllowedPaths']];
  if (isRecord(setting.value)) lists.push([...setting.path, 'allowedPaths']);
  const broad = lists.flatMap((list) =>
    stringItems(get(s, list))
      .filter(({ item }) => isBroadPath(item.split(':')[0]!))
      .map(({ item, index }) => ({
        reason: `\`${list.join('.')}\` mounts \`${item}\` into the sandbox`,
        source: at([...list, index]),
      })),
  );
  if (broad.length > 0) return factFrom('full', broad);
  return fact('workspace', 'the sandbox mounts only the project directory for writing', at(setting.path));
}

function geminiApproval(s: Record<string, Json>, at: (p: (string | number)[]) => SourceRef): Fact<Approval> {
  const written = get(s, ['general', 'defaultApprovalMode']);
  // `security.disableYoloMode` refuses YOLO "even if enabled by a flag": the default mode applies instead.
  const yoloOff = get(s, ['security', 'disableYoloMode']) === true;
  const mode = written === 'yolo' && yoloOff ? undefined : written;
  if (mode === 'yolo')
    return fact(
      'bypassed',
      '`general.defaultApprovalMode` is `yolo`, which approves every tool call',
      at(['general', 'defaultApprovalMode']),
    );
  for (const list of [['tools', 'core'], ['coreTools']]) {
    const core = get(s, list);
    if (!Array.isArray(core)) continue;
    const shell = stringItems(core).find(({ item }) => {
      const p = parseToolPattern(item);
      return p !== null && SHELL_TOOLS.has(p.tool) && shellReach(p.specifier).reach !== 'limited';
    });
    if (!shell)
      return fact(
        'restricted',
        `\`${list.join('.')}\` limits the built-in tools to ${core.length} listed tool(s)`,
        at(list),
      );
  }
  if (mode === 'plan')
    return fact(
      'restricted',
      '`general.defaultApprovalMode` is `plan`, so the agent only reads and plans',
      at(['general', 'defaultApprovalMode']),
    );
  if (typeof mode === 'string')
    return fact(
      'unrestricted',
      `\`general.defaultApprovalMode\` is \`${shortValue(mode)}\`: no tool allowlist, other tools prompt`,
      at(['general', 'defaultApprovalMode']),
    );
  if (s['autoAccept'] === true)
    return fact(
      'unrestricted',
      '`autoAccept` is true, so read-only tool calls run unasked and no tool allowlist is set',
      at(['autoAccept']),
    );
  if (yoloOff)
    return fact(
      'unrestricted',
      `\`security.disableYoloMode\` is true, so YOLO is refused${written === 'yolo' ? ' (`defaultApprovalMode: yolo` included)' : ''}; no \`tools.core\` allowlist is set, and any tool may be approved`,
      at(['security', 'disableYoloMode']),
    );
  return fact(
    'unrestricted',
    'no `tools.core` allowlist is set; Gemini CLI prompts before tools that change things, and any may be approved',
    null,
  );
}

export const GEMINI_SETTINGS_FILES: readonly SettingsFile[] = [
  {
    order: 80,
    paths: ['*settings*.json'],
    match: geminiPath,
    read: readGemini,
  },
];
