/**
 * Agent settings written inline in a workflow (claude-code-action `settings`, `claude --settings`,
 * run-gemini-cli `settings`): parsed with positions so facts point at the exact key.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import type { SourceRef } from '../../model.js';
import { geminiSandbox } from '../../agents/gemini-cli-flags.js';
import { refAt } from './refs.js';
import { judgeTool, noExecTools, type ToolDialect } from './tools.js';
import type { AgentRun, TextAt } from './types.js';
import { isMapping } from './workflow.js';
import { get } from '../../util/json.js';

export interface EmbeddedJson {
  value: unknown;
  /** Reference to the property at `path` (key and value when they fit on one line). */
  ref(path: (string | number)[]): SourceRef;
  /** Reference to an array item or scalar value at `path`. */
  refValue(path: (string | number)[]): SourceRef;
}

/** Parses JSON written at `start` inside a scalar; null when it is not a JSON object. */
export function embeddedJson(at: TextAt, start: number, end: number): EmbeddedJson | null {
  const text = at.value.slice(start, end);
  if (!text.trim().startsWith('{')) return null;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return null;
  const fallback: SourceRef = { file: at.file, path: at.path };
  const span = (node: Node | undefined): SourceRef =>
    node ? refAt(at, start + node.offset, start + node.offset + node.length) : fallback;
  return {
    value: getNodeValue(root),
    ref(path) {
      const node = findNodeAtLocation(root, path);
      const property = node?.parent?.type === 'property' ? node.parent : undefined;
      if (property && !text.slice(property.offset, property.offset + property.length).includes('\n'))
        return span(property);
      return span(property?.children?.[0] ?? node);
    },
    refValue(path) {
      return span(findNodeAtLocation(root, path));
    },
  };
}

/** Claude Code settings (`sandbox.*`, `permissions.*`) as evidence for a run. */
export function applyClaudeSettings(run: AgentRun, json: EmbeddedJson, where: string): void {
  const settings = json.value;
  const enabled = get(settings, ['sandbox', 'enabled']);
  if (enabled === true) {
    const escape =
      get(settings, ['sandbox', 'allowUnsandboxedCommands']) === false
        ? ''
        : '; the model may still ask to run a command outside it (`allowUnsandboxedCommands` is not false)';
    run.isolation.push({
      value: 'process',
      reason: `\`sandbox.enabled\` is true in ${where}, so Bash runs in Claude Code's OS sandbox${escape}`,
      source: json.ref(['sandbox', 'enabled']),
    });
    run.filesystem.push({
      value: 'workspace',
      reason: `Claude Code's sandbox (${where}) limits writes to the working directory`,
      source: json.ref(['sandbox', 'enabled']),
      boundary: true,
    });
    const domains = get(settings, ['sandbox', 'network', 'allowedDomains']);
    if (Array.isArray(domains)) {
      const wildcard = domains.findIndex((d) => d === '*');
      if (wildcard >= 0)
        run.network.push({
          value: 'open',
          reason: `\`sandbox.network.allowedDomains\` in ${where} lists "*"`,
          source: json.refValue(['sandbox', 'network', 'allowedDomains', wildcard]),
          boundary: true,
        });
      else
        run.network.push({
          value: 'allowlist',
          reason: `\`sandbox.network.allowedDomains\` in ${where} lists ${domains.length} domain(s)`,
          source: json.ref(['sandbox', 'network', 'allowedDomains']),
          boundary: true,
        });
    }
    const writes = get(settings, ['sandbox', 'filesystem', 'allowWrite']);
    if (Array.isArray(writes)) {
      writes.forEach((path, i) => {
        if (typeof path === 'string' && /^(\/\/?|~\/?|\$HOME\/?)$/.test(path.trim())) {
          run.filesystem.push({
            value: 'full',
            reason: `\`sandbox.filesystem.allowWrite\` in ${where} lets the sandbox write to "${path}"`,
            source: json.refValue(['sandbox', 'filesystem', 'allowWrite', i]),
            boundary: true,
          });
        }
      });
    }
  } else if (enabled === false) {
    run.isolation.push({
      value: 'none',
      reason: `\`sandbox.enabled\` is false in ${where}`,
      source: json.ref(['sandbox', 'enabled']),
    });
  }
  const mode = get(settings, ['permissions', 'defaultMode']);
  if (mode === 'bypassPermissions') {
    run.approval.push({
      value: 'bypassed',
      reason: `\`permissions.defaultMode\` is bypassPermissions in ${where}`,
      source: json.ref(['permissions', 'defaultMode']),
    });
  }
  const deny = get(settings, ['permissions', 'deny']);
  if (Array.isArray(deny))
    applyDenylist(run, deny, json.ref(['permissions', 'deny']), 'claude', `\`permissions.deny\` in ${where}`);
  const allow = get(settings, ['permissions', 'allow']);
  if (Array.isArray(allow))
    applyAllowlist(
      run,
      allow.map((entry, i) => ({ entry, source: json.refValue(['permissions', 'allow', i]) })),
      json.ref(['permissions', 'allow']),
      'claude',
      `\`permissions.allow\` in ${where}`,
    );
  const scrub = get(settings, ['env', 'CLAUDE_CODE_SUBPROCESS_ENV_SCRUB']);
  if (scrub !== undefined) run.notes.push(`${where} sets CLAUDE_CODE_SUBPROCESS_ENV_SCRUB to ${JSON.stringify(scrub)}`);
}

/** Gemini CLI settings (`tools.core`, `tools.sandbox`, v1 `coreTools`/`sandbox`) as evidence for a run. */
export function applyGeminiSettings(run: AgentRun, json: EmbeddedJson, where: string): void {
  const settings = json.value;
  const coreKey =
    get(settings, ['tools', 'core']) !== undefined
      ? ['tools', 'core']
      : get(settings, ['coreTools']) !== undefined
        ? ['coreTools']
        : null;
  const core = coreKey ? get(settings, coreKey) : undefined;
  if (coreKey && Array.isArray(core)) {
    applyAllowlist(
      run,
      core.map((entry, i) => ({ entry, source: json.refValue([...coreKey, i]) })),
      json.ref(coreKey),
      'gemini',
      `\`${coreKey.join('.')}\` in ${where}`,
    );
  }
  const sandboxKey =
    get(settings, ['tools', 'sandbox']) !== undefined
      ? ['tools', 'sandbox']
      : get(settings, ['sandbox']) !== undefined
        ? ['sandbox']
        : null;
  if (!sandboxKey) return;
  const sandbox = get(settings, sandboxKey);
  const source = json.ref(sandboxKey);
  const label = `\`${sandboxKey.join('.')}\` in ${where}`;
  const enabled = isMapping(sandbox)
    ? sandbox['enabled'] !== false
    : sandbox !== false && sandbox !== 'false' && sandbox !== '';
  if (!enabled) {
    run.isolation.push({ value: 'none', reason: `${label} turns Gemini's sandbox off`, source });
    return;
  }
  const command = isMapping(sandbox) ? sandbox['command'] : sandbox;
  run.isolation.push(geminiSandbox(typeof command === 'string' ? command : null, label, source));
  run.filesystem.push({
    value: 'workspace',
    reason: `Gemini's sandbox (${label}) mounts only the project directory`,
    source,
    boundary: true,
  });
  if (isMapping(sandbox) && sandbox['networkAccess'] === false) {
    run.network.push({
      value: 'none',
      reason: `${label} sets \`networkAccess: false\``,
      source: json.ref([...sandboxKey, 'networkAccess']),
      boundary: true,
    });
  }
}

/**
 * A denylist (`--disallowedTools`, `permissions.deny`) that removes every shell and web tool, or
 * (`mode: 'allow'`) a list of the only built-in tools the agent has (`--tools Read,Grep`).
 */
export function applyDenylist(
  run: AgentRun,
  entries: readonly unknown[],
  listSource: SourceRef,
  dialect: ToolDialect,
  label: string,
  mode: 'allow' | 'deny' = 'deny',
): void {
  const names = entries.filter((e): e is string => typeof e === 'string');
  if (noExecTools(names, dialect, mode))
    run.noExec = {
      reason:
        mode === 'deny'
          ? `${label} denies every shell and web tool`
          : `${label} gives the agent no shell, web or MCP tool`,
      source: listSource,
      by: 'removed',
    };
}

/**
 * An allowlist makes approval `restricted`, unless one of its entries grants arbitrary execution,
 * which makes it `unrestricted` at that entry. Also records what the list implies for writes.
 */
export function applyAllowlist(
  run: AgentRun,
  entries: readonly { entry: unknown; source: SourceRef }[],
  listSource: SourceRef,
  dialect: ToolDialect,
  label: string,
): void {
  let dangerous = 0;
  let writes = false;
  for (const { entry, source } of entries) {
    if (typeof entry !== 'string') continue;
    const verdict = judgeTool(entry, dialect);
    writes ||= verdict.edits || verdict.shell;
    if (verdict.danger && verdict.reach && verdict.reach !== 'limited') {
      dangerous++;
      run.approval.push({ value: 'unrestricted', reason: `\`${entry.trim()}\` in ${label} ${verdict.danger}`, source });
      run.toolGrants.push({ entry, reach: verdict.reach, reason: verdict.danger, list: label, at: source });
    }
  }
  if (dangerous > 0) {
    run.filesystem.push({
      value: 'full',
      reason: `${label} allows a shell that can write anywhere the runner user can`,
      source: null,
    });
    return;
  }
  run.approval.push({
    value: 'restricted',
    reason: `${label} allows only ${entries.length} listed tool(s)`,
    source: listSource,
  });
  const names = entries.flatMap((e) => (typeof e.entry === 'string' ? [e.entry] : []));
  if (!run.noExec && noExecTools(names, dialect, 'allow'))
    run.noExec = { reason: `${label} lists no shell, web or MCP tool`, source: listSource, by: 'allowlist' };
  run.filesystem.push(
    writes
      ? { value: 'workspace', reason: `${label} allows edits and listed commands in the workspace only`, source: null }
      : { value: 'read-only', reason: `${label} grants no tool that edits files`, source: null },
  );
}
