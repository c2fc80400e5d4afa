/** Claude Code (Anthropic): the `claude` CLI, its GitHub actions, images, features and defaults. */
import { firstPositional, flagSet, hasFlag, noSpaceOutsideParens } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition, ArgSpec } from './types.js';

export const CLAUDE_ARGS: ArgSpec = {
  valued: flagSet(
    '--model',
    '--permission-mode',
    '--settings',
    '--setting-sources',
    '--output-format',
    '--input-format',
    '--max-turns',
    '--append-system-prompt',
    '--system-prompt',
    '--system-prompt-file',
    '--append-system-prompt-file',
    '--resume',
    '-r',
    '--session-id',
    '--fallback-model',
    '--agents',
    '--agent',
    '--max-budget-usd',
    '--json-schema',
    '--plugin-dir',
    '--permission-prompt-tool',
  ),
  variadic: flagSet(
    '--allowedTools',
    '--allowed-tools',
    '--disallowedTools',
    '--disallowed-tools',
    '--mcp-config',
    '--add-dir',
    '--tools',
    '--betas',
  ),
  isVariadicValue: noSpaceOutsideParens,
};

/** Environment variables that bound a session as `--max-turns` does. */
export const CLAUDE_LIMIT_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_MAX_TURNS: '`CLAUDE_CODE_MAX_TURNS={value}` stops the session after that many agent turns',
};

/**
 * claude-code-action inputs that change what the session loads or holds without a fact of their own:
 * plugins bring hooks, MCP servers, subagents and skills; marketplaces are where they come from.
 */
export const CLAUDE_ACTION_SUPPLY_INPUTS: Readonly<Record<string, string>> = {
  plugins: 'installs plugins ({value}), whose hooks and MCP servers run in the job',
  plugin_marketplaces: 'adds plugin marketplaces ({value}); whoever controls them decides what their plugins run',
  additional_permissions: 'grants the agent’s GitHub token more scopes ({value})',
};

const PRINT_MODE = 'in print mode Claude Code refuses every tool that needs approval unless it is allowed';

const ACTIONS = [
  { repo: 'anthropics/claude-code-action', gate: true },
  { repo: 'anthropics/claude-code-action/base-action', gate: false },
  { repo: 'anthropics/claude-code-base-action', gate: false },
  { repo: 'anthropics/claude-code-security-review', gate: false },
];

export default {
  id: 'claude-code',
  title: 'Claude Code',
  programs: [
    {
      name: 'claude',
      args: CLAUDE_ARGS,
      runsTask: (a) =>
        hasFlag(a, '-p', '--print', '--dangerously-skip-permissions') &&
        !/^(mcp|config|update|install|doctor|setup-token|plugin|migrate-installer)$/.test(firstPositional(a)),
    },
  ],
  packages: { '@anthropic-ai/claude-code': 'claude' },
  actions: ACTIONS,
  wrapperName: /claude/,
  flagFacts: [
    {
      flags: ['--max-turns'],
      fact: 'limits',
      value: 'bounded',
      reason: '`{flag}` stops the session after that many agent turns',
    },
    {
      flags: ['--max-budget-usd'],
      fact: 'limits',
      value: 'bounded',
      reason: '`{flag}` stops the session once it has spent that much on the API',
    },
  ],
  bypassSwitches: [
    '--dangerously-skip-permissions',
    '--permission-mode=bypassPermissions',
    '--permission-mode bypassPermissions',
  ],
  workflowDefaults(run, runner) {
    if (run.action === 'anthropics/claude-code-action')
      return {
        isolation: unsandboxed("Claude Code's sandbox is not enabled", runner),
        network: OPEN_NETWORK,
        filesystem: fact(
          'workspace',
          'claude-code-action accepts edits only inside the workspace and allows no general shell by default',
        ),
        approval: fact(
          'restricted',
          'claude-code-action allows only read tools, workspace edits and a few git commands unless `claude_args` grants more',
        ),
      };
    if (run.action !== null && !ACTIONS.some((a) => a.repo === run.action)) return null;
    return {
      isolation: unsandboxed("Claude Code's sandbox is not enabled", runner),
      network: OPEN_NETWORK,
      filesystem: fact('read-only', `${PRINT_MODE}, edits included`),
      approval: fact('restricted', PRINT_MODE),
    };
  },
  imageName: { token: /(^|[-_.])claude-code($|[-_.])/, what: 'Claude Code' },
  sandboxTemplateTag: 'claude',
  features: ['claude-code', 'claude', 'claude-code-cli'],
  extensions: ['anthropic.claude-code'],
  installs: /@anthropic-ai\/claude-code\b|claude\.ai\/install\.sh/,
  invocations: /\bclaude\s+(?:-p\b|--print\b|--dangerously-skip-permissions\b)/,
  // `IS_SANDBOX=1` lets Claude Code skip permissions as root. Bare `CLAUDE_*` (`CLAUDE_API_KEY`) is used
  // by many chat apps, so only the `CLAUDE_CODE_` family is the agent's own.
  env: [
    'CLAUDE_CODE_OAUTH_TOKEN',
    'CLAUDE_CONFIG_DIR',
    'CLAUDE_CODE_USE_BEDROCK',
    'CLAUDE_CODE_USE_VERTEX',
    'IS_SANDBOX',
  ],
  envPrefixes: ['CLAUDE_CODE_'],
  configDir: /(^|\/)\.claude(\.json)?(\/|$)|(^|\/)\.config\/claude(\/|$)/,
} satisfies AgentDefinition;
