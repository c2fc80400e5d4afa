/** goose (Block): the `goose` CLI, its image and its autonomous default. */
import { subcommandIs, flagSet } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition } from './types.js';
import type { FlagReader } from './flags.js';
import type { McpClientFile } from './mcp-files.js';
import { GOOSE_SETTINGS_FILES } from './goose-settings.js';

/** GOOSE_MODE: `auto` runs every tool, `chat` none, the others ask (which a headless run cannot answer). */
const readFlags: FlagReader = (r) => {
  const mode = r.env('GOOSE_MODE');
  if (!mode) return;
  if (mode.value === 'auto')
    r.add('approval', {
      value: 'bypassed',
      reason: 'GOOSE_MODE=auto runs every tool without asking',
      source: mode.source,
    });
  else if (mode.value === 'chat')
    r.add('approval', { value: 'restricted', reason: 'GOOSE_MODE=chat gives goose no tools', source: mode.source });
  else
    r.add('approval', {
      value: 'restricted',
      reason: `GOOSE_MODE=${mode.value} asks before tool calls, which headless runs cannot answer`,
      source: mode.source,
    });
};

const GOOSE_REFERENCE = '`env_keys` (names goose reads from its keyring or the environment)';
/** goose: `extensions` (a map by id) in its config, and a list with `name` in recipes (`goose run --recipe`). */
const GOOSE_MCP_FILES: readonly McpClientFile[] = [
  { test: (p) => /(?:^|\/)goose\/config\.ya?ml$/.test(p), keys: [['extensions']], secretReference: GOOSE_REFERENCE },
  {
    test: (p, b) => /(?:^|\/)(?:\.goose\/)?recipes?\/[^/]+\.ya?ml$/.test(p) || /(?:^|[._-])recipe\.ya?ml$/.test(b),
    keys: [['extensions']],
    secretReference: GOOSE_REFERENCE,
  },
];

export default {
  id: 'goose',
  title: 'goose',
  settingsFiles: GOOSE_SETTINGS_FILES,
  flagReader: readFlags,
  mcpFiles: GOOSE_MCP_FILES,
  mcpPaths: ['*recipe*.yaml', '*recipe*.yml', 'recipes/', '.goose/', 'goose/'],
  programs: [
    {
      name: 'goose',
      args: {
        valued: flagSet(
          '-t',
          '--text',
          '-i',
          '--instructions',
          '--recipe',
          '--with-extension',
          '--with-builtin',
          '--provider',
          '--model',
          '-n',
          '--name',
          '--max-turns',
          '--params',
        ),
      },
      runsTask: (a) => subcommandIs(a, 'run'),
    },
  ],
  // `goose` alone is also a database migration tool; only Block's agent counts.
  wrapperName: /^block\/goose|goose-(ai|agent)/,
  workflowDefaults: (run, runner) =>
    run.action !== null
      ? null
      : {
          isolation: unsandboxed('goose has no sandbox', runner),
          network: OPEN_NETWORK,
          filesystem: fact('full', 'nothing narrows where its tools can write'),
          approval: fact(
            'bypassed',
            "goose's default autonomous mode (GOOSE_MODE=auto) runs every tool without asking",
          ),
        },
  images: [{ glob: 'ghcr.io/block/goose', what: 'Goose' }],
  imageName: { token: /(^|[-_.])goose($|[-_.])/, what: 'a coding agent' },
  features: ['goose', 'goose-cli'],
  installs: /block\/goose\/releases\/download\/\S{0,200}download_cli\.sh|\bgoose-ai\b/,
  invocations: /\bgoose\s+run\b/,
  env: ['GOOSE_PROVIDER', 'GOOSE_MODEL'],
  configDir: /(^|\/)\.config\/goose(\/|$)/,
} satisfies AgentDefinition;
