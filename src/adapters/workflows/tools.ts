/**
 * Tool allowlists (`--allowedTools`, `allowed_tools`, Gemini `tools.core`, Copilot `--allow-tool`):
 * splitting them and telling which entries hand the agent arbitrary execution. The judgement of a
 * shell pattern is shared with the agent-settings adapter, so `Bash(npx:*)` means the same in a
 * workflow and in `.claude/settings.json`.
 */
import { parseToolPattern, shellReach, type ShellReach } from '../../agents/claude-code-tools.js';
import { own } from './workflow.js';

export interface ToolEntry {
  text: string;
  /** Offsets inside the string the list was read from. */
  start: number;
  end: number;
}

/** Splits `Read,Grep Bash(gh pr diff:*)` on commas and spaces outside parentheses. */
export function splitToolList(list: string, offset = 0): ToolEntry[] {
  const out: ToolEntry[] = [];
  let depth = 0;
  let start = -1;
  const flush = (end: number): void => {
    if (start >= 0) {
      const raw = list.slice(start, end);
      const text = raw.replace(/^["']+|["']+$/g, '').trim();
      const at = offset + start + raw.indexOf(text);
      if (text) out.push({ text, start: at, end: at + text.length });
    }
    start = -1;
  };
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    if (depth === 0 && (c === ',' || /\s/.test(c))) {
      flush(i);
      continue;
    }
    if (start < 0) start = i;
  }
  flush(list.length);
  return out;
}

export type ToolDialect = 'claude' | 'gemini' | 'copilot';

const SHELL_TOOL: Record<ToolDialect, RegExp> = {
  claude: /^(Bash|PowerShell)$/,
  gemini: /^(run_shell_command|ShellTool)$/,
  copilot: /^shell$/,
};

/** Tools that reach the network for the model (a fetched page is also an exfiltration channel). */
const WEB_TOOL: Record<ToolDialect, RegExp> = {
  claude: /^(WebFetch|WebSearch)$/,
  gemini: /^(web_fetch|google_web_search|WebFetchTool|WebSearchTool)$/,
  copilot: /^url$/,
};

/** The tools a denylist must name for a dialect to run no command and fetch nothing. */
const EXEC_AND_WEB: Record<ToolDialect, readonly string[]> = {
  claude: ['Bash', 'WebFetch', 'WebSearch'],
  gemini: ['run_shell_command', 'web_fetch', 'google_web_search'],
  copilot: ['shell', 'url'],
};

/**
 * Whether a list leaves the agent no shell and no web tool: an allowlist that names none of them (MCP
 * tools may run anything, so one of those counts as a shell), or a denylist that names each one whole.
 */
export function noExecTools(entries: readonly string[], dialect: ToolDialect, mode: 'allow' | 'deny'): boolean {
  const tools = entries.map((e) => {
    const pattern = parseToolPattern(e);
    return { name: pattern?.tool ?? e.trim(), whole: !pattern?.specifier || /^[\s*:]*$/.test(pattern.specifier) };
  });
  if (mode === 'deny') return EXEC_AND_WEB[dialect].every((tool) => tools.some((t) => t.name === tool && t.whole));
  return tools.every(
    (t) => !SHELL_TOOL[dialect].test(t.name) && !WEB_TOOL[dialect].test(t.name) && !/^mcp__|^\*$/.test(t.name),
  );
}

const EDIT_TOOL: Record<ToolDialect, RegExp> = {
  claude: /^(Edit|Write|MultiEdit|NotebookEdit)$/,
  gemini: /^(write_file|replace|edit|WriteFileTool|EditTool)$/,
  copilot: /^write$/,
};

/** Why a command runner runs anything, for messages. */
const WHY: Record<string, string> = {
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
  const edits = EDIT_TOOL[dialect].test(name);
  if (!pattern || !SHELL_TOOL[dialect].test(name)) return { shell: false, edits, reach: null, danger: null };
  const { reach, command } = shellReach(pattern.specifier);
  if (reach === 'any-command') {
    return { shell: true, edits: true, reach, danger: 'allows every shell command' };
  }
  if (reach === 'interpreter') {
    const why = (command && own(WHY, command)) ?? 'it runs whatever it is given';
    return { shell: true, edits: true, reach, danger: `lets the agent run any command (${why})` };
  }
  return { shell: true, edits: false, reach, danger: null };
}
