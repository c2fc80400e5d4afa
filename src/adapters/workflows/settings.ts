/**
 * Agent settings written inline in a workflow (an action's `settings` input, a settings flag): parsed
 * with positions so facts point at the exact key; the agent's own reader says what the keys mean.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import type { SourceRef } from '../../model.js';
import { judgeTool, noExecTools, workflowSettingsOf, type ToolDialect } from '../../agents/index.js';
import { refAt } from './refs.js';
import type { AgentRun, Candidate, TextAt } from './types.js';

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

/**
 * Settings a workflow hands an agent (an action's `settings` input, a settings flag, or the file either
 * names), read by the agent's own reader (src/agents/inline-settings.ts); false when it has none.
 */
export function applyAgentSettings(run: AgentRun, agent: string, json: EmbeddedJson, where: string): boolean {
  const reader = workflowSettingsOf(agent);
  if (!reader) return false;
  reader({
    value: json.value,
    where,
    ref: (path) => json.ref(path),
    refValue: (path) => json.refValue(path),
    add: (fact, evidence) => (run[fact] as Candidate<string>[]).push(evidence),
    allowlist: (entries, listSource, dialect, label) => applyAllowlist(run, entries, listSource, dialect, label),
    denylist: (entries, listSource, dialect, label) => applyDenylist(run, entries, listSource, dialect, label),
    note: (text) => run.notes.push(text),
  });
  return true;
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
