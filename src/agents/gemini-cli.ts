/** Gemini CLI (Google): the `gemini` CLI, run-gemini-cli, its sandbox image and defaults. */
import { readGeminiInlineSettings } from './gemini-cli-inline-settings.js';
import { firstPositional, flagSet, hasFlag, noSpaceOutsideParens } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition, ArgSpec, DefaultSandbox } from './types.js';
import { readGeminiFlags } from './gemini-cli-flags.js';
import { GEMINI_ACTION_READERS } from './gemini-cli-actions.js';
import { GEMINI_MCP_FILES, GEMINI_MCP_TIMEOUT } from './gemini-cli-mcp.js';
import { GEMINI_SETTINGS_FILES } from './gemini-cli-settings.js';

export const GEMINI_ARGS: ArgSpec = {
  // yargs: `-yp x`, `-m=x`, `--sandbox false`.
  attachedShort: true,
  optionalBooleans: flagSet('--sandbox', '-s', '--yolo', '-y', '--debug', '-d', '--checkpointing', '-c'),
  valued: flagSet(
    '-m',
    '--model',
    '-p',
    '--prompt',
    '-i',
    '--prompt-interactive',
    '--approval-mode',
    '-e',
    '--extensions',
    '--output-format',
    '-o',
    '--sandbox-image',
    '--include-directories',
    '--allowed-mcp-server-names',
    '--telemetry-target',
    '--telemetry-otlp-endpoint',
    '--proxy',
    '--resume',
  ),
  variadic: flagSet('--allowed-tools'),
  isVariadicValue: noSpaceOutsideParens,
};

/** Gemini CLI's approval-bypass flags as written in an argument list (gh-aw's `engine.args`). */
export const GEMINI_BYPASS_ARGS = /--yolo\b|--approval-mode[=\s]+yolo\b/;

const HEADLESS = 'in headless mode Gemini CLI refuses tools that need confirmation unless run with --yolo';

/** The CLI's defaults, shared with its fork Qwen Code. */
export const geminiCliDefaults = (
  runner: string,
  title = 'Gemini CLI',
  variable = 'GEMINI_SANDBOX',
): DefaultSandbox => {
  const headless = HEADLESS.replace('Gemini CLI', title);
  return {
    isolation: unsandboxed(
      `${title}'s sandbox is off unless --sandbox, ${variable} or \`tools.sandbox\` enables it`,
      runner,
    ),
    network: OPEN_NETWORK,
    filesystem: fact('read-only', `${headless}, edits included`),
    approval: fact('restricted', headless),
  };
};

export const runsGeminiTask = (a: Parameters<typeof hasFlag>[0]): boolean =>
  hasFlag(a, '-p', '--prompt', '-y', '--yolo', '--approval-mode');

const ACTIONS = [
  { repo: 'google-github-actions/run-gemini-cli', gate: false },
  { repo: 'google-gemini/gemini-cli-action', gate: false },
];

export default {
  id: 'gemini-cli',
  title: 'Gemini CLI',
  repositorySettings: 'gemini-cli',
  loadedSettingsFiles: (loads) => (loads.replaced ? [] : [{ file: '.gemini/settings.json', adopt: true }]),
  workflowSettings: readGeminiInlineSettings,
  // packages/cli/src/config/config.ts: `settings.security?.disableYoloMode` (the merged settings, the
  // workspace file included) throws a FatalConfigError for YOLO; an untrusted folder drops the
  // workspace file but forces the default approval mode anyway.
  bypassRefusal: {
    key: ['security', 'disableYoloMode'],
    value: true,
    effect: 'Gemini CLI exits instead of starting in YOLO mode',
    // System settings override the workspace file, and this variable says where they are read from.
    overriddenBy: ['GEMINI_CLI_SYSTEM_SETTINGS_PATH'],
  },
  flagReader: readGeminiFlags,
  actionReaders: GEMINI_ACTION_READERS,
  mcpFiles: GEMINI_MCP_FILES,
  settingsFiles: GEMINI_SETTINGS_FILES,
  mcpCallTimeout: GEMINI_MCP_TIMEOUT,
  programs: [
    {
      name: 'gemini',
      args: GEMINI_ARGS,
      runsTask: (a) => runsGeminiTask(a) && !/^(mcp|extensions)$/.test(firstPositional(a)),
    },
  ],
  packages: { '@google/gemini-cli': 'gemini' },
  actions: ACTIONS,
  wrapperName: /gemini-cli|gemini-code|run-gemini/,
  bypassSwitches: ['--approval-mode=yolo'],
  workflowDefaults(run, runner) {
    if (run.action === null) return geminiCliDefaults(runner);
    if (!ACTIONS.some((a) => a.repo === run.action)) return null;
    return {
      isolation: unsandboxed(
        "Gemini CLI's sandbox is off unless `tools.sandbox` in `settings` or GEMINI_SANDBOX enables it",
        runner,
      ),
      network: OPEN_NETWORK,
      filesystem: fact('full', 'with --yolo and no sandbox its tools write wherever the runner user can'),
      approval: fact('bypassed', 'the action always runs `gemini --yolo`'),
    };
  },
  images: [{ glob: 'us-docker.pkg.dev/gemini-code-dev/gemini-cli/sandbox', what: 'the Gemini CLI sandbox' }],
  imageName: { token: /(^|[-_.])gemini-cli($|[-_.])/, what: 'Gemini CLI' },
  sandboxTemplateTag: 'gemini',
  features: ['gemini-cli', 'gemini'],
  installs: /@google\/gemini-cli\b/,
  invocations: /\bgemini\s+(?:-p\b|--prompt\b|--yolo\b|-y\b)/,
  env: ['GEMINI_SANDBOX'],
  configDir: /(^|\/)\.gemini(\/|$)/,
  fixes: {
    sandboxHint: "Gemini CLI's `--sandbox` (or `tools.sandbox: true`)",
    settingsSandbox: {
      file: /\.json[c5]?$/i,
      path: ['tools', 'sandbox'],
      value: true,
      message: 'Set `"tools": { "sandbox": true }`, so Gemini CLI runs tools in its sandbox.',
    },
  },
} satisfies AgentDefinition;
