/** Codex (OpenAI): the `codex` CLI, codex-action, its image and its sandbox defaults. */
import { subcommandIs, flagSet, hasFlag } from './args.js';
import { boundary, fact } from './defaults.js';
import type { AgentDefinition, ArgSpec } from './types.js';
import { readCodexFlags } from './codex-flags.js';
import { CODEX_ACTION_READERS } from './codex-actions.js';
import { CODEX_MCP_FILES, CODEX_MCP_TIMEOUT } from './codex-mcp.js';
import { CODEX_RULES_FILES } from './codex-rules.js';
import { CODEX_SETTINGS_FILES } from './codex-settings.js';

export const CODEX_ARGS: ArgSpec = {
  // clap: `-sVALUE`, `-s=VALUE`, `-cKEY=VALUE`.
  attachedShort: true,
  valued: flagSet(
    '-c',
    '--config',
    '-m',
    '--model',
    '-p',
    '--profile',
    '-s',
    '--sandbox',
    '-a',
    '--ask-for-approval',
    '-C',
    '--cd',
    '-i',
    '--image',
    '--add-dir',
    '-o',
    '--output-last-message',
    '--color',
    '--output-schema',
    '--local-provider',
    '--enable',
    '--disable',
  ),
};

/** Codex's approval-bypass flags as written in an argument list (gh-aw's `engine.args`). */
export const CODEX_BYPASS_ARGS = /--dangerously-bypass-approvals-and-sandbox\b|--yolo\b/;

const ALWAYS_RUNS = 'Codex runs every command it decides on without asking, inside its sandbox';

export default {
  id: 'codex',
  title: 'Codex',
  repositorySettings: 'codex',
  // Codex reads a project's .codex/config.toml only when the user config trusts the project.
  loadedSettingsFiles: () => [{ file: '.codex/config.toml', adopt: false }],
  // The TypeScript SDK starts `codex exec` with a flag or `-c` override per thread option (sdk/typescript exec.ts).
  sdk: {
    modules: { javascript: ['@openai/codex-sdk'] },
    fixed: ['exec'],
    options: {
      sandboxMode: (v) => ['--sandbox', v],
      approvalPolicy: (v) => ['-c', `approval_policy=${v}`],
      networkAccessEnabled: (v) => ['-c', `sandbox_workspace_write.network_access=${v}`],
      additionalDirectories: (v) => ['--add-dir', v],
      workingDirectory: (v) => ['--cd', v],
      skipGitRepoCheck: (v) => (v === 'true' ? ['--skip-git-repo-check'] : []),
    },
  },
  flagReader: readCodexFlags,
  actionReaders: CODEX_ACTION_READERS,
  mcpFiles: CODEX_MCP_FILES,
  mcpCallTimeout: CODEX_MCP_TIMEOUT,
  settingsFiles: [...CODEX_SETTINGS_FILES, ...CODEX_RULES_FILES],
  programs: [
    {
      name: 'codex',
      args: CODEX_ARGS,
      runsTask: (a) =>
        subcommandIs(a, 'exec', 'e') ||
        hasFlag(a, '--dangerously-bypass-approvals-and-sandbox', '--yolo', '-q', '--quiet'),
    },
  ],
  packages: { '@openai/codex': 'codex' },
  actions: [
    { repo: 'openai/codex-action', gate: true },
    { repo: 'openai/codex/.github/actions/codex', gate: false },
  ],
  wrapperName: /codex/,
  bypassSwitches: ['--dangerously-bypass-approvals-and-sandbox', '--yolo'],
  // `codex sandbox [linux|macos] [options] -- cmd` runs cmd under Codex's Seatbelt/Landlock sandbox.
  sandboxCommands: [{ program: 'codex', verb: 'sandbox' }],
  workflowDefaults(run) {
    if (run.action === 'openai/codex-action')
      return {
        isolation: fact('process', "codex-action runs Codex's commands in its workspace-write sandbox by default"),
        network: boundary('none', "Codex's workspace-write sandbox blocks network access by default"),
        filesystem: boundary('workspace', "Codex's workspace-write sandbox limits writes to the workspace"),
        approval: fact('unrestricted', ALWAYS_RUNS),
      };
    if (run.action !== null && run.action !== 'openai/codex/.github/actions/codex') return null;
    return {
      isolation: fact('process', "codex exec runs commands in Codex's read-only sandbox by default"),
      network: boundary('none', "Codex's sandbox blocks network access by default"),
      filesystem: boundary('read-only', "Codex's default read-only sandbox blocks writes"),
      approval: fact('unrestricted', ALWAYS_RUNS),
    };
  },
  images: [{ glob: 'ghcr.io/openai/codex-universal', what: 'the Codex environment' }],
  imageName: { token: /(^|[-_.])codex($|[-_.])/, what: 'Codex' },
  sandboxTemplateTag: 'codex',
  features: ['codex', 'codex-cli', 'openai-codex'],
  extensions: ['openai.chatgpt'],
  installs: /@openai\/codex\b/,
  invocations: /\bcodex\s+(?:exec\b|e\b|--full-auto\b|--yolo\b|--dangerously)/,
  env: ['CODEX_HOME'],
  envPrefixes: ['CODEX_'],
  // openai/codex .devcontainer/post-start.sh runs init-firewall.sh when it is 1.
  firewallEnv: ['CODEX_ENABLE_FIREWALL'],
  configDir: /(^|\/)\.codex(\/|$)/,
  fixes: {
    sandboxHint: 'codex `--sandbox workspace-write` (or `sandbox_mode`)',
    settingsSandbox: {
      file: /\.toml$/i,
      path: ['sandbox_mode'],
      value: 'workspace-write',
      message: 'Set `sandbox_mode = "workspace-write"`, so codex commands write only inside the workspace.',
    },
    bypassReplacement: {
      flags: /bypass-approvals|--yolo/,
      replacement: '--sandbox workspace-write',
      message: 'Replace `{flag}` with `--sandbox workspace-write`, so codex asks before leaving the workspace sandbox.',
    },
  },
} satisfies AgentDefinition;
