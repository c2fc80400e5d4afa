/**
 * OpenCode (`opencode.json`, `opencode.jsonc`). V1 `permission` is `"allow"` (every tool), a
 * per-tool map (`*`, `bash`, `edit`, `external_directory`, …) to `allow|ask|deny`, or per tool a
 * pattern map (`"git *": "allow"`) where the last matching pattern wins; `agent.<name>.permission`
 * overrides it for one agent. V2 `permissions` is a list of `{action, resource, effect}`, last match
 * wins, `ask` when none matches. With no rule, V1 allows most tools, bash and edit included.
 * OpenCode has no sandbox. `mcp` entries belong to the MCP adapter.
 */
import type { Approval, Fact, SourceRef } from '../model.js';
import { APPROVAL_LEVELS } from '../model/levels.js';
import { shellReach } from './claude-code-tools.js';
import {
  derivedFact,
  emptyDetails,
  fact,
  isRecord,
  launcherCredentials,
  launcherLimits,
  ref,
  type Json,
  type Path,
  type ReaderInput,
  type SettingsFile,
  type SettingsReading,
} from './settings-reading.js';

const SECRET_REFERENCE = '`{env:NAME}` or `{file:path}`';

export const opencodePath = (file: string): boolean => /(^|\/)opencode\.jsonc?$/.test(file);

type Effect = 'allow' | 'ask' | 'deny';
interface Rule {
  effect: Effect;
  path: Path;
}
const EFFECT = /^(allow|ask|deny)$/;
/** A pattern every input matches (`*`, `**`): the one an arbitrary command or path falls to. */
const CATCH_ALL = /^\*+$/;

/** The rule an arbitrary input of `tool` meets in a V1 `permission` value, or null when it sets none. */
function v1Rule(permission: Json, tool: string, base: Path): Rule | null {
  if (typeof permission === 'string')
    return EFFECT.test(permission) ? { effect: permission as Effect, path: base } : null;
  if (!isRecord(permission)) return null;
  const own = permission[tool];
  if (typeof own === 'string' && EFFECT.test(own)) return { effect: own as Effect, path: [...base, tool] };
  if (isRecord(own)) {
    // The last catch-all pattern wins for an input no narrower pattern names.
    let found: Rule | null = null;
    for (const [pattern, effect] of Object.entries(own))
      if (CATCH_ALL.test(pattern.trim()) && typeof effect === 'string' && EFFECT.test(effect))
        found = { effect: effect as Effect, path: [...base, tool, pattern] };
    if (found) return found;
  }
  const all = permission['*'];
  return typeof all === 'string' && EFFECT.test(all) ? { effect: all as Effect, path: [...base, '*'] } : null;
}

/** The V2 rule for `actions` on any resource: the last matching list entry. */
function v2Rule(list: Json, actions: readonly string[]): Rule | null {
  if (!Array.isArray(list)) return null;
  let found: Rule | null = null;
  list.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const { action, resource, effect } = entry;
    if (typeof action !== 'string' || typeof effect !== 'string' || !EFFECT.test(effect)) return;
    if (!(CATCH_ALL.test(action.trim()) || actions.includes(action))) return;
    if (resource !== undefined && !(typeof resource === 'string' && CATCH_ALL.test(resource.trim()))) return;
    found = { effect: effect as Effect, path: ['permissions', i, 'effect'] };
  });
  return found;
}

/** The V1 `bash` pattern maps of the file and of each agent, where their patterns are. */
function bashPatternMaps(
  s: Record<string, Json>,
  v2: boolean,
): { permission: Record<string, Json>; base: Path; label: string }[] {
  if (v2) return [];
  const out: { permission: Record<string, Json>; base: Path; label: string }[] = [];
  const add = (permission: Json, base: Path): void => {
    const bash = isRecord(permission) ? permission['bash'] : undefined;
    if (isRecord(bash)) out.push({ permission: bash, base: [...base, 'bash'], label: [...base, 'bash'].join('.') });
  };
  add(s['permission'], ['permission']);
  const agents = s['agent'];
  if (isRecord(agents))
    for (const [name, agent] of Object.entries(agents))
      if (isRecord(agent)) add(agent['permission'], ['agent', name, 'permission']);
  return out;
}

interface Scope {
  label: string;
  shell: Rule | null;
  edit: Rule | null;
  external: Rule | null;
}

export function readOpencode({ file, value }: ReaderInput): SettingsReading {
  const details = emptyDetails(
    'opencode-config',
    /(^|\/)\.config\/opencode\//.test(file) ? 'user' : 'project',
    SECRET_REFERENCE,
  );
  const s = isRecord(value) ? value : {};
  const v2 = Array.isArray(s['permissions']);
  const scopes: Scope[] = [];
  const topLevel = (permission: Json, base: Path, label: string): Scope => ({
    label,
    shell: v1Rule(permission, 'bash', base),
    edit: v1Rule(permission, 'edit', base),
    external: v1Rule(permission, 'external_directory', base),
  });
  const main: Scope = v2
    ? {
        label: '`permissions`',
        shell: v2Rule(s['permissions'], ['shell', 'bash']),
        edit: v2Rule(s['permissions'], ['edit']),
        external: v2Rule(s['permissions'], ['external_directory']),
      }
    : topLevel(s['permission'], ['permission'], '`permission`');
  scopes.push(main);
  const agents = s['agent'];
  if (isRecord(agents))
    for (const [name, agent] of Object.entries(agents)) {
      if (!isRecord(agent) || agent['permission'] === undefined) continue;
      const own = topLevel(agent['permission'], ['agent', name, 'permission'], `\`agent.${name}.permission\``);
      // An agent's own rules override the file's; where it sets none, the file's apply.
      scopes.push({
        label: own.label,
        shell: own.shell ?? main.shell,
        edit: own.edit ?? main.edit,
        external: own.external ?? main.external,
      });
    }

  const at = (rule: Rule): SourceRef => ref(file, rule.path);
  const approvals = scopes.map((scope) => scopeApproval(scope, v2, at));
  const approval = approvals.reduce((weakest, next) =>
    weakness(next.value) > weakness(weakest.value) ? next : weakest,
  );
  for (const scope of scopes)
    if (scope.shell?.effect === 'allow')
      details.toolGrants.push({
        pattern: scope.shell.path.at(-1) === 'bash' ? 'bash: allow' : `${String(scope.shell.path.at(-1))}: allow`,
        reach: 'any-command',
        list: scope.label.replace(/`/g, ''),
        source: at(scope.shell),
      });
  // `"python *": "allow"` in a bash pattern map: a command that runs anything, unasked.
  for (const { permission, base, label } of bashPatternMaps(s, v2))
    for (const [pattern, effect] of Object.entries(permission)) {
      if (effect !== 'allow' || CATCH_ALL.test(pattern.trim())) continue;
      const { reach } = shellReach(pattern);
      if (reach !== 'limited')
        details.toolGrants.push({
          pattern: `"${pattern}": allow`,
          reach,
          list: label,
          source: ref(file, [...base, pattern]),
        });
    }
  const external = scopes.map((scope) => scope.external).find((rule) => rule?.effect === 'allow');

  return {
    agent: 'opencode',
    signals: ['OpenCode configuration file'],
    sandbox: {
      isolation: fact('none', 'OpenCode has no sandbox; its bash tool runs commands on the host', null),
      network: derivedFact('open', 'OpenCode runs commands on the host, which can connect to any host'),
      filesystem: external
        ? fact(
            'full',
            '`external_directory` is `allow`, so tools reach paths outside the project unasked',
            at(external),
          )
        : derivedFact('full', 'OpenCode runs commands on the host, which can write anywhere the user can'),
      approval,
      credentials: launcherCredentials('OpenCode'),
      limits: launcherLimits('OpenCode'),
    },
    details,
  };
}

/** Weakest first (APPROVAL_LEVELS order). */
const weakness = (value: Approval): number => APPROVAL_LEVELS.length - APPROVAL_LEVELS.indexOf(value);

function scopeApproval(scope: Scope, v2: boolean, at: (rule: Rule) => SourceRef): Fact<Approval> {
  // With no rule V1 allows bash and edit; V2 asks.
  const fallback: Effect = v2 ? 'ask' : 'allow';
  const shell = scope.shell?.effect ?? fallback;
  const edit = scope.edit?.effect ?? fallback;
  const said = (rule: Rule | null, tool: string) =>
    rule
      ? `${scope.label} sets ${tool} to \`${rule.effect}\``
      : `${scope.label} sets no rule for ${tool}, which OpenCode ${v2 ? 'asks about' : 'allows'} by default`;
  const source = scope.shell ? at(scope.shell) : scope.edit ? at(scope.edit) : null;
  if (shell === 'allow' && edit === 'allow')
    return fact(
      'bypassed',
      `${said(scope.shell, 'bash')} and ${said(scope.edit, 'edit')}, so OpenCode runs commands and edits files without asking`,
      source,
    );
  if (shell === 'allow')
    return fact('unrestricted', `${said(scope.shell, 'bash')}, so OpenCode runs any command without asking`, source);
  if (shell === 'ask')
    return fact(
      'unrestricted',
      `${said(scope.shell, 'bash')}: OpenCode asks before commands, and any may be approved`,
      source,
    );
  return fact('restricted', `${said(scope.shell, 'bash')}, so OpenCode runs no shell command`, source);
}

export const OPENCODE_SETTINGS_FILES: readonly SettingsFile[] = [
  { order: 150, paths: ['opencode.json', 'opencode.jsonc'], match: opencodePath, read: readOpencode },
];
