/** Claude Code (Anthropic): the `claude` CLI, its GitHub actions, images, features and defaults. */
import { readClaudeInlineSettings } from './claude-code-inline-settings.js';
import { firstPositional, flagSet, hasFlag, noSpaceOutsideParens } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition, ArgSpec } from './types.js';
import { readClaudeFlags } from './claude-code-flags.js';
import { CLAUDE_ACTION_READERS } from './claude-code-actions.js';
import { CLAUDE_MCP_FILES } from './claude-code-mcp.js';
import { CLAUDE_SETTINGS_FILES } from './claude-code-settings.js';
import { CLAUDE_SUBAGENT_FILES } from './claude-code-subagents.js';

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

const PRINT_MODE_OPTIONS = ['--output-format', '--input-format', '--json-schema', '--max-turns', '--max-budget-usd'];

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
  repositorySettings: 'claude-code',
  loadedSettingsFiles: (loads) => {
    const sources = loads.sources ?? ['user', 'project', 'local'];
    return [
      ...(sources.includes('project') ? [{ file: '.claude/settings.json', adopt: true }] : []),
      ...(sources.includes('local') ? [{ file: '.claude/settings.local.json', adopt: true }] : []),
    ];
  },
  projectMcpFile: '.mcp.json',
  // The Agent SDK (Python and TypeScript; `claude_code_sdk` and `@anthropic-ai/claude-code` are its
  // earlier names) starts `claude --print` with a flag for each option (agent-sdk reference). Its
  // `settings` option is left out: a key that generic names other objects of the same file too.
  sdk: {
    modules: {
      python: ['claude_agent_sdk', 'claude_code_sdk'],
      javascript: ['@anthropic-ai/claude-agent-sdk', '@anthropic-ai/claude-code'],
    },
    fixed: ['--print'],
    options: {
      permissionMode: (v) => ['--permission-mode', v],
      allowedTools: (v) => ['--allowedTools', v],
      disallowedTools: (v) => ['--disallowedTools', v],
      addDirs: (v) => ['--add-dir', v],
      additionalDirectories: (v) => ['--add-dir', v],
      settingSources: (v) => ['--setting-sources', v],
      maxTurns: (v) => ['--max-turns', v],
      allowDangerouslySkipPermissions: (v) => (v === 'true' ? ['--allow-dangerously-skip-permissions'] : []),
    },
  },
  workflowSettings: readClaudeInlineSettings,
  // A `permissions` key of any settings file: "prevent bypassPermissions mode from being activated. This
  // disables the --dangerously-skip-permissions command-line flag" (settings reference).
  bypassRefusal: {
    key: ['permissions', 'disableBypassPermissionsMode'],
    value: 'disable',
    effect: 'Claude Code does not enter bypassPermissions mode',
  },
  flagReader: readClaudeFlags,
  actionReaders: CLAUDE_ACTION_READERS,
  mcpFiles: CLAUDE_MCP_FILES,
  settingsFiles: [...CLAUDE_SETTINGS_FILES, ...CLAUDE_SUBAGENT_FILES],
  programs: [
    {
      name: 'claude',
      args: CLAUDE_ARGS,
      // Options that only print mode takes (`--output-format json` with the prompt on standard input,
      // as claude-code-security-review runs it) say the run is headless too.
      runsTask: (a) =>
        hasFlag(a, '-p', '--print', '--dangerously-skip-permissions', ...PRINT_MODE_OPTIONS) &&
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
  fixes: {
    sandboxHint: "Claude Code's `sandbox.enabled: true` with `failIfUnavailable: true`",
    settingsSandbox: {
      file: /\.json[c5]?$/i,
      path: ['sandbox'],
      value: { enabled: true, failIfUnavailable: true },
      message:
        'Turn on Claude Code\'s sandbox: `"sandbox": { "enabled": true, "failIfUnavailable": true }`, so commands run inside it or not at all.',
    },
    actionSandbox: {
      input: 'settings',
      value: '{"sandbox":{"enabled":true,"failIfUnavailable":true}}',
      message:
        "Turn on Claude Code's sandbox in {step}: `settings: '{value}'`, which fails the run where the sandbox cannot start instead of running unsandboxed.",
    },
  },
} satisfies AgentDefinition;
