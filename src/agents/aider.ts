/** Aider: the `aider` CLI (PyPI `aider-chat`), its images and defaults. */
import { flagSet, hasFlag } from './args.js';
import { OPEN_NETWORK, fact, unsandboxed } from './defaults.js';
import type { AgentDefinition } from './types.js';
import { readAiderFlags } from './aider-flags.js';
import { AIDER_SETTINGS_FILES } from './aider-settings.js';

export default {
  id: 'aider',
  title: 'Aider',
  settingsFiles: AIDER_SETTINGS_FILES,
  flagReader: readAiderFlags,
  programs: [
    {
      name: 'aider',
      args: {
        valued: flagSet(
          '-m',
          '--message',
          '-f',
          '--message-file',
          '--model',
          '--edit-format',
          '--chat-mode',
          '--test-cmd',
          '--lint-cmd',
          '--read',
          '--file',
          '--env-file',
          '-c',
          '--config',
          '--weak-model',
          '--editor-model',
          '--api-key',
          '--openai-api-key',
          '--anthropic-api-key',
          '--map-tokens',
        ),
      },
      runsTask: (a) => hasFlag(a, '-m', '--message', '-f', '--message-file', '--yes', '--yes-always'),
    },
  ],
  packages: { 'aider-chat': 'aider' },
  // Scripting aider (aider.chat/docs/scripting.html): `Coder.create(…)` then `coder.run("task")` runs
  // the task; `InputOutput(yes=True)` answers every confirmation with yes, as `--yes-always` does.
  sdk: {
    modules: { python: ['aider'] },
    fixed: ['--message', 'the task the script runs'],
    options: {
      yes: (v) => (v === 'true' ? ['--yes-always'] : []),
      autoCommits: (v) => (v === 'false' ? ['--no-auto-commits'] : []),
    },
  },
  wrapperName: /aider/,
  bypassSwitches: ['--yes-always'],
  workflowDefaults: (run, runner) =>
    run.action !== null
      ? null
      : {
          isolation: unsandboxed('aider has no sandbox', runner),
          network: OPEN_NETWORK,
          filesystem: fact(
            'workspace',
            'aider edits files in the repository and runs shell commands only when confirmed',
          ),
          approval: fact('unrestricted', 'aider applies its edits without asking and has no tool allowlist'),
        },
  images: [{ glob: 'paulgauthier/aider*', what: 'Aider' }],
  imageName: { token: /(^|[-_.])aider($|[-_.])/, what: 'a coding agent' },
  features: ['aider'],
  installs: /\baider-(?:chat|install)\b|aider\.chat\/install/,
  invocations: /\baider\s+(?:-m\b|--message\b|--yes-always\b)/,
  configDir: /(^|\/)\.aider[^/]*(\/|$)/,
} satisfies AgentDefinition;
