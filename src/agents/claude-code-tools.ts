/**
 * Claude Code tool permission patterns (`Bash`, `Bash(npm run test:*)`, `WebFetch(domain:x)`), and
 * which of them let the agent run any command. Shared: workflow rules read `--allowedTools` and the
 * action's `allowed_tools` with the same syntax, and the other agents' shell allowlists (Gemini
 * `run_shell_command(git)`, gh-aw `bash: ["git:*"]`, Continue `Bash(npm*)`) use the same shape.
 */
import type { ToolDialect } from './flags.js';

/** Claude Code's tool names, for judging its tool lists (tool-lists.ts). */
export const CLAUDE_TOOLS: ToolDialect = {
  shell: /^(Bash|PowerShell)$/,
  web: /^(WebFetch|WebSearch)$/,
  edit: /^(Edit|Write|MultiEdit|NotebookEdit)$/,
  execAndWeb: ['Bash', 'WebFetch', 'WebSearch'],
};

export interface ToolPattern {
  tool: string;
  /** The text inside the parentheses, or null for a bare tool name. */
  specifier: string | null;
}

/** `Tool` or `Tool(specifier)`; null for text that is neither. */
export function parseToolPattern(text: string): ToolPattern | null {
  const trimmed = text.trim();
  const match = /^([A-Za-z_][\w.-]*)\s*(?:\((.*)\))?$/s.exec(trimmed);
  if (!match) return null;
  return { tool: match[1]!, specifier: match[2] === undefined ? null : match[2] };
}

/**
 * Commands that run whatever they are given: shells, interpreters, package runners and wrappers.
 * Allowing one of them with any arguments allows every command.
 */
export const ARBITRARY_EXECUTION_COMMANDS: ReadonlySet<string> = new Set([
  // shells
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'csh',
  'tcsh',
  'pwsh',
  'powershell',
  'cmd',
  // command wrappers
  'env',
  'eval',
  'exec',
  'source',
  'xargs',
  'sudo',
  'su',
  'doas',
  'nohup',
  'timeout',
  'nice',
  'watch',
  'time',
  'command',
  'builtin',
  'script',
  // interpreters
  'python',
  'python2',
  'python3',
  'node',
  'nodejs',
  'deno',
  'bun',
  'ruby',
  'perl',
  'php',
  'lua',
  'tclsh',
  'osascript',
  'awk',
  'gawk',
  // package runners (run any package or any script)
  'npx',
  'pnpx',
  'bunx',
  'uvx',
  'pipx',
  'npm',
  'pnpm',
  'yarn',
  'uv',
  'poetry',
  'bundle',
  // tools with an exec escape
  'find',
  'sed',
  'docker',
  'podman',
  'kubectl',
  'ssh',
]);

/**
 * Subcommands of those commands that run whatever follows them (`uv run <cmd>`, `npm exec <pkg>`,
 * `docker run <image>`). Any other fixed subcommand (`npm run test`, `docker ps`) is limited.
 */
const RUNNER_SUBCOMMANDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['uv', new Set(['run'])],
  ['poetry', new Set(['run'])],
  ['pipx', new Set(['run'])],
  ['npm', new Set(['exec', 'x'])],
  ['pnpm', new Set(['exec', 'dlx'])],
  ['yarn', new Set(['exec', 'dlx'])],
  ['bun', new Set(['run', 'x'])],
  ['deno', new Set(['run', 'eval'])],
  ['bundle', new Set(['exec'])],
  ['docker', new Set(['run', 'exec'])],
  ['podman', new Set(['run', 'exec'])],
  ['kubectl', new Set(['run', 'exec'])],
]);

export type ShellReach = 'any-command' | 'interpreter' | 'limited';

/** Specifiers made only of wildcards (`*`, `*:*`, `:*`, `**`) match every command. */
const ONLY_WILDCARDS = /^[\s*:]*$/;

/**
 * How much a shell command pattern allows: every command, a command that runs anything, or less.
 * `pattern` is the part after the tool name (`npm run test:*`, `*`), or null for a bare tool.
 */
/** Flags with which an interpreter only prints its version or usage and exits, whatever follows. */
const INFORMATIONAL_FLAGS = new Set(['--version', '--help']);

export function shellReach(specifier: string | null): { reach: ShellReach; command: string | null } {
  if (specifier === null || ONLY_WILDCARDS.test(specifier)) return { reach: 'any-command', command: null };
  // `cmd:*` (legacy prefix form), `cmd *`, `cmd*`, `cmd -c:*`: the command, then only flags, then a wildcard.
  const normalised = specifier.trim().replace(/:\*$/, ' *');
  const tokens = normalised.split(/\s+/);
  const head = tokens[0]!.replace(/\*+$/, '');
  const command = head.split('/').pop()!.toLowerCase();
  if (!ARBITRARY_EXECUTION_COMMANDS.has(command)) return { reach: 'limited', command };
  let rest = tokens.slice(1);
  // `uv run *`, `npm exec *`: a runner subcommand is as open as the command itself; what follows it is judged alone.
  if (rest.length > 1 && RUNNER_SUBCOMMANDS.get(command)?.has(rest[0]!)) {
    const inner = rest.slice(1).join(' ');
    if (ONLY_WILDCARDS.test(inner) || shellReach(inner).reach !== 'limited') return { reach: 'interpreter', command };
    rest = rest.slice(1);
  }
  if (rest.length === 0) return { reach: tokens[0]!.endsWith('*') ? 'interpreter' : 'limited', command };
  // `node --version:*`, `python --help *`: the program prints and exits before reading any code.
  if (rest.slice(0, -1).some((t) => INFORMATIONAL_FLAGS.has(t))) return { reach: 'limited', command };
  // Open only when what follows the command is flags and then a bare wildcard (`bash -c *`, `node -e*`).
  const last = rest[rest.length - 1]!;
  const lastOpen = last === '*' || (last.startsWith('-') && last.endsWith('*'));
  const onlyFlags = rest.slice(0, -1).every((t) => t.startsWith('-'));
  if (lastOpen && onlyFlags) return { reach: 'interpreter', command };
  return { reach: 'limited', command };
}

/** Claude Code tools that run shell commands. */
const CLAUDE_SHELL_TOOLS = new Set(['Bash', 'PowerShell']);

/** The shell reach of a Claude `permissions.allow` entry, or null when it is not a shell rule. */
export function claudeShellGrant(entry: string): { reach: ShellReach; command: string | null } | null {
  const pattern = parseToolPattern(entry);
  if (!pattern || !CLAUDE_SHELL_TOOLS.has(pattern.tool)) return null;
  return shellReach(pattern.specifier);
}

/** A tool allowed with no restriction on what it reaches (`WebFetch`, `WebFetch(*)`, `WebFetch(domain:*)`). */
export function isUnscoped(entry: string, tool: string): boolean {
  const pattern = parseToolPattern(entry);
  if (!pattern || pattern.tool !== tool) return false;
  if (pattern.specifier === null) return true;
  const spec = pattern.specifier.replace(/^domain:/, '');
  return ONLY_WILDCARDS.test(spec);
}

/** Claude's bypass switches, as they appear in CLI arguments. */
export const CLAUDE_BYPASS_FLAGS = /--dangerously-skip-permissions\b|--permission-mode[=\s]+["']?bypassPermissions\b/;

/**
 * Claude Code tools that only read or plan: with nothing else in a subagent's `tools` list, a
 * `bypassPermissions` mode approves no command, edit, fetch or MCP call. Any other name (an MCP tool,
 * an unknown tool) may act, so it is never assumed to be one of these.
 */
export const CLAUDE_READ_ONLY_TOOLS: ReadonlySet<string> = new Set([
  'Read',
  'Glob',
  'Grep',
  'LS',
  'NotebookRead',
  'TodoRead',
  'TodoWrite',
  'WebSearch',
  'ExitPlanMode',
  'BashOutput',
  'TaskOutput',
  'ListMcpResourcesTool',
]);

/** Permission modes a subagent may set that approve more than the session's prompts would. */
export const CLAUDE_WIDENING_MODES: ReadonlySet<string> = new Set(['bypassPermissions', 'auto']);

/**
 * Splits a tool list written as one string (`Read, Grep, Bash(git add:*)`, or `Read Grep Glob`) on
 * commas and spaces outside parentheses, with each entry's offset in the string.
 */
export function toolNames(list: string): { name: string; start: number }[] {
  const out: { name: string; start: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i <= list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    const boundary = c === undefined || (depth === 0 && (c === ',' || /\s/.test(c)));
    if (!boundary) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) out.push({ name: list.slice(start, i), start });
    start = -1;
  }
  return out;
}

/**
 * Inline shell in a skill or command body (`` !`git status` ``): Claude Code runs it when the skill is
 * invoked and puts its output in the prompt, before the model reads anything.
 */
export const CLAUDE_INLINE_SHELL = /(?<![\w`])!`([^`\n]+)`/g;
