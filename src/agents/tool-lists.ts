/**
 * What a tool list grants, judged with an agent's own tool vocabulary (ToolDialect in flags.ts):
 * whether an entry hands the agent arbitrary execution, and whether a list leaves it no shell and no
 * web tool. The `Tool(specifier)` shape and the shell judgement are shared (claude-code-tools.ts),
 * so `Bash(npx:*)` means the same in a workflow and in `.claude/settings.json`.
 */
import { parseToolPattern, shellReach, type ShellReach } from './claude-code-tools.js';
import type { ToolDialect } from './flags.js';

/**
 * Whether a list leaves the agent no shell and no web tool: an allowlist that names none of them (MCP
 * tools may run anything, so one of those counts as a shell), or a denylist that names each one whole.
 */
export function noExecTools(entries: readonly string[], dialect: ToolDialect, mode: 'allow' | 'deny'): boolean {
  const tools = entries.map((e) => {
    const pattern = parseToolPattern(e);
    return { name: pattern?.tool ?? e.trim(), whole: !pattern?.specifier || /^[\s*:]*$/.test(pattern.specifier) };
  });
  if (mode === 'deny') return dialect.execAndWeb.every((tool) => tools.some((t) => t.name === tool && t.whole));
  return tools.every((t) => !dialect.shell.test(t.name) && !dialect.web.test(t.name) && !/^mcp__|^\*$/.test(t.name));
}

/** Why a command runner runs anything, for messages. */
const WHY: Readonly<Record<string, string>> = {
  find: '`find -exec` runs any program',
  sed: "sed's `e` command runs any program",
  awk: "awk's `system()` runs any program",
  gawk: "awk's `system()` runs any program",
  xargs: 'xargs runs any program',
  npx: 'it downloads and runs any package',
  bunx: 'it downloads and runs any package',
  pnpx: 'it downloads and runs any package',
  uvx: 'it downloads and runs any package',
  pipx: 'it downloads and runs any package',
  npm: '`npm exec` and `npm run` run any code',
  pnpm: '`pnpm dlx` and `pnpm run` run any code',
  yarn: '`yarn dlx` and `yarn run` run any code',
  bun: '`bun x` and `bun run` run any code',
  uv: '`uv run` runs any code',
  poetry: '`poetry run` runs any code',
  docker: 'it starts containers, privileged ones included',
  podman: 'it starts containers, privileged ones included',
  kubectl: '`kubectl exec` runs commands in the cluster',
  ssh: 'it runs commands on other machines',
};
const why = (command: string): string | undefined => (Object.hasOwn(WHY, command) ? WHY[command] : undefined);

export interface ToolVerdict {
  /** The entry grants a shell (restricted or not). */
  shell: boolean;
  /** The entry lets the agent edit files. */
  edits: boolean;
  /** How much of the shell it opens; null for tools that are not a shell. */
  reach: ShellReach | null;
  /** Why the entry amounts to arbitrary execution, as a clause after the entry ("allows every shell command"), or null. */
  danger: string | null;
}

export function judgeTool(entry: string, dialect: ToolDialect): ToolVerdict {
  const pattern = parseToolPattern(entry);
  const name = pattern?.tool ?? entry.trim();
  const edits = dialect.edit.test(name);
  if (!pattern || !dialect.shell.test(name)) return { shell: false, edits, reach: null, danger: null };
  const { reach, command } = shellReach(pattern.specifier);
  if (reach === 'any-command') {
    return { shell: true, edits: true, reach, danger: 'allows every shell command' };
  }
  if (reach === 'interpreter') {
    const reason = (command && why(command)) ?? 'it runs whatever it is given';
    return { shell: true, edits: true, reach, danger: `lets the agent run any command (${reason})` };
  }
  return { shell: true, edits: false, reach, danger: null };
}
